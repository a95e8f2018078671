import MTLCore

/// The quality rules of market insight, listed by the composition root (`MTLModules`).
public enum InsightQuality {
    public static let rules: [QualityRuleCode] = []
}
