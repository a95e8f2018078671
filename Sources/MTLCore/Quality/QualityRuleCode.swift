import PGKit

/// The code of a quality rule (`mqa.rule.code`): `<owner schema>.<name>`, such as
/// `dg.lead_incomplete`. A module declares the rules it owns (`…Quality.rules`, listed by the
/// composition root) and registers each in its own SQL file with the view of its violations; a
/// catalog test pins the two lists together.
public struct QualityRuleCode: RawRepresentable, Hashable, Codable, Sendable, PGCodable, OutputValueConvertible, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }
    public var description: String { rawValue }
}
