import MTLCore

/// The quality rules of market insight, listed by the composition root (`MTLModules`). Their
/// database side, a view of each rule's violations and its registration, is in
/// `sql/repeatable/R__mi_quality.sql`.
public enum InsightQuality {
    public static let rules: [QualityRuleCode] = [
        .init("mi.h3_segment_without_topic"), .init("mi.segment_uncovered_stages"), .init("mi.topic_not_evaluated"),
    ]
}
