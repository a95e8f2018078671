import Foundation
import MTLCore
import PGKit

/// A quality rule (`mqa.rule`): registered by the module that owns it, with a view of its
/// violations and its parameters' defaults; HQ admins enable, disable and set it. Everyone reads
/// the rules (reference data).
public struct QualityRule: PGRecord, Codable, Equatable {
    public var code: QualityRuleCode
    /// The module (schema) that owns it.
    public var ownerSchema: String
    public var title: String
    public var severity: Finding.Severity
    public var enabled: Bool
    /// The parameters in effect (HQ's settings over the defaults), as a JSON object.
    public var parameters: String
    /// The registered defaults, as a JSON object.
    public var defaults: String
    public var lastCheckedAt: Date?
    /// Open and acknowledged findings of the rule that the caller can see.
    public var openFindings: Int64

    static let selection: SQL = """
        SELECT r.code, r.owner_schema::text AS owner_schema, r.title, r.severity, r.enabled,
               (r.defaults || r.settings)::text AS parameters, r.defaults::text AS defaults, r.last_checked_at,
               (SELECT count(*) FROM mqa.finding f WHERE f.rule_code = r.code AND f.state IN ('open', 'acknowledged')) AS open_findings
        FROM mqa.rule r
        """

    public static func list(on db: PGConnection) async throws -> [QualityRule] {
        try await db.fetchAll(selection + " ORDER BY r.code")
    }

    public static func require(code: QualityRuleCode, on db: PGConnection) async throws -> QualityRule {
        guard let rule = try await db.fetchOne(selection + " WHERE r.code = \(code)", as: QualityRule.self) else {
            throw QualityError.noRule(code)
        }
        return rule
    }

    /// Whether the daily check runs the rule. A disabled rule's findings stay as they are.
    public static func setEnabled(_ code: QualityRuleCode, _ enabled: Bool, on db: PGConnection) async throws -> QualityRule {
        _ = try await require(code: code, on: db)
        try await changingInScope(scope: "only HQ admins change quality rules", capability: "only HQ admins change quality rules") {
            try await db.execute("UPDATE mqa.rule SET enabled = \(enabled) WHERE code = \(code)")
        }
        return try await require(code: code, on: db)
    }

    /// Sets a parameter (`value` is JSON: `14`, `0.5`, `"text"`; a bare word is taken as text),
    /// or with nil goes back to the default. The parameter must be one of the rule's, and the
    /// value of its default's type (`mqa.rule` CHECK `rule_settings_fit`).
    public static func set(_ code: QualityRuleCode, parameter: String, value: String?, on db: PGConnection) async throws -> QualityRule {
        let rule = try await require(code: code, on: db)
        let defaults = (try? JSONSerialization.jsonObject(with: Data(rule.defaults.utf8))) as? [String: Any] ?? [:]
        guard defaults[parameter] != nil else {
            throw QualityError.unknownParameter(code, parameter: parameter, known: defaults.keys.sorted())
        }
        let isJSON = value.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed)) != nil } ?? false
        do {
            try await changingInScope(scope: "only HQ admins change quality rules", capability: "only HQ admins change quality rules") {
                if let value {
                    try await db.execute("""
                        UPDATE mqa.rule
                        SET settings = settings || jsonb_build_object(\(parameter)::text,
                                                                      CASE WHEN \(isJSON) THEN \(value)::jsonb ELSE to_jsonb(\(value)::text) END)
                        WHERE code = \(code)
                        """)
                } else {
                    try await db.execute("UPDATE mqa.rule SET settings = settings - \(parameter)::text WHERE code = \(code)")
                }
            }
        } catch let error as PGError where error.isCheckViolation {
            throw QualityError.parameterType(code, parameter: parameter, expected: rule.defaults)
        }
        return try await require(code: code, on: db)
    }
}
