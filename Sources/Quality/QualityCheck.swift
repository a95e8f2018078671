import Foundation
import MTLCore
import PGKit

/// The quality check (`mqa.run_checks`): every enabled rule's view read, and the findings kept —
/// new violations opened, returning ones reopened, vanished ones resolved. The daily
/// `quality.check` job runs it; HQ admins may run it by hand (its figures cover every unit).
public struct QualityCheck: PGRecord, Codable, Equatable, Sendable {
    public var ruleCode: QualityRuleCode
    /// What breaks the rule now (nil when the rule failed).
    public var violations: Int32?
    /// Findings opened for the first time, reopened, and resolved by this check.
    public var opened: Int32
    public var reopened: Int32
    public var resolved: Int32
    /// Why the rule could not be checked (its view failed, such as on a setting it cannot use);
    /// the other rules still ran.
    public var failure: String?

    /// Runs every enabled rule, or only `rule`; one row per rule run.
    public static func run(rule: QualityRuleCode? = nil, on db: PGConnection) async throws -> [QualityCheck] {
        if let rule { _ = try await QualityRule.require(code: rule, on: db) }
        do {
            return try await db.fetchAll("SELECT * FROM mqa.run_checks(\(rule))")
        } catch let error as PGError where error.isInsufficientPrivilege {
            throw QualityError.checkNotPermitted
        }
    }
}
