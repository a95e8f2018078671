import MTLCore

/// The quality rules of market management, listed by the composition root (`MTLModules`). Their
/// database side, a view of each rule's violations and its registration, is in
/// `sql/repeatable/R__mm_quality.sql`.
public enum MarketQuality {
    public static let rules: [QualityRuleCode] = [
        .init("mm.msp_without_review"), .init("mm.off_track_without_actions"), .init("mm.quarter_without_plan"),
    ]
}
