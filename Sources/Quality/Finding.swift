import Foundation
import MTLCore
import PGKit

/// A quality finding (`mqa.finding`, read through `mqa.finding_list`): one rule's violation by one
/// subject, kept by the check (``QualityCheck``). People of the subject's unit acknowledge it,
/// resolve it, or ask for it to be waived (``Waiver``); the check resolves it when the violation
/// is gone and reopens it when it comes back. Row-level security shows each person the findings
/// of their units and BUs.
public struct Finding: PGRecord, Codable, Equatable {
    /// A finding's state (`mqa.finding` CHECK `finding_state`; its machine `finding`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case open, acknowledged, resolved, waived

        public var description: String { rawValue }
    }

    /// A rule's severity (`mqa.rule` CHECK `rule_severity`).
    public enum Severity: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case info, warning, critical

        public var description: String { rawValue }
    }

    public var id: Int64
    public var ruleCode: QualityRuleCode
    public var title: String
    public var severity: Severity
    /// What breaks the rule: `lead`, `activity`, `programme`, `msp`, `quarterly_review`, ….
    public var subjectKind: String
    public var subjectId: Int64
    public var unit: String
    public var bu: String?
    public var state: State
    /// What the rule's view said about the subject when last found, as a JSON object.
    public var details: String
    public var firstFoundAt: Date
    /// 1, and one more each time the violation came back after being resolved.
    public var timesOpened: Int32
    public var stateChangedAt: Date
    public var stateChangedBy: String
    /// The reason of the approved waiver, for a waived finding.
    public var waiverReason: String?

    static let selection: SQL = """
        SELECT f.id, f.rule_code, f.title, f.severity, f.subject_kind, f.subject_id, f.unit, f.bu, f.state,
               f.details::text AS details, f.first_found_at, f.times_opened, f.state_changed_at,
               f.state_changed_by::text AS state_changed_by, f.waiver_reason
        FROM mqa.finding_list f
        """

    /// The findings the caller may see, newest first; of a unit and the units below it, of one
    /// rule, in some states (all when empty).
    public static func list(unit: String? = nil, rule: QualityRuleCode? = nil, states: [State] = [], limit: Int = 500,
                            on db: PGConnection) async throws -> [Finding] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND f.unit_id IN (SELECT u.id FROM org.unit u WHERE u.path @> ARRAY[\(target.id)])"
        }
        if let rule {
            _ = try await QualityRule.require(code: rule, on: db)
            query += " AND f.rule_code = \(rule)"
        }
        if !states.isEmpty { query += " AND f.state = ANY(\(states.map(\.rawValue)))" }
        return try await db.fetchAll(query + " ORDER BY f.id DESC LIMIT \(Int64(limit))")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Finding {
        guard let finding = try await db.fetchOne(selection + " WHERE f.id = \(id)", as: Finding.self) else {
            throw QualityError.noFinding(id)
        }
        return finding
    }
}

// MARK: - What people do with a finding

extension Finding {
    /// Says the finding is seen and being worked on (open → acknowledged).
    public static func acknowledge(id: Int64, on db: PGConnection) async throws -> Finding {
        try await move(id, to: .acknowledged, from: [.open], on: db)
    }

    /// Says the finding is dealt with (open or acknowledged → resolved). If the violation is still
    /// there, the next check reopens it.
    public static func resolve(id: Int64, on db: PGConnection) async throws -> Finding {
        try await move(id, to: .resolved, from: [.open, .acknowledged], on: db)
    }

    private static func move(_ id: Int64, to state: State, from allowed: [State], on db: PGConnection) async throws -> Finding {
        let finding = try await require(id: id, on: db)
        guard allowed.contains(finding.state) else {
            throw QualityError.findingNotInState(id, state: finding.state, expected: allowed)
        }
        try await changingInScope(scope: "finding \(id) is outside your write scope",
                                  capability: "only editors and admins work on findings") {
            try await db.execute("UPDATE mqa.finding SET state = \(state) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }
}
