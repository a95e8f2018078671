import Foundation
import PGKit

/// A request for a decision (`approval.request`, through the `approval.inbox` view) on a subject of
/// some module (a framework, an MSP, a budget, a quarterly review, …), with its decision once
/// there is one.
///
/// The rules are the database's: only approvers whose grants cover the request's unit and BU
/// decide, never the person who submitted (four-eyes), once, and a rejection needs a reason.
public struct ApprovalRequest: PGRecord, Codable, Equatable {
    /// What a request is about. Kinds are open: each module declares its own (`static let` in an
    /// extension, listed in its `…Approvals.kinds`) and registers them in `approval.kind` with the
    /// functions that match a request to its subject and apply the outcome; a catalog test pins
    /// the two lists together.
    public struct Kind: RawRepresentable, Hashable, Codable, Sendable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ name: String) { self.rawValue = name }
        public var description: String { rawValue }
    }

    /// A request's state (`approval.request` CHECK `request_state`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case pending, approved, rejected, withdrawn

        public var description: String { rawValue }
    }

    /// A decision (`approval.decision` CHECK `decision_kind`).
    public enum Decision: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case approved, rejected

        public var description: String { rawValue }
    }

    public var id: Int64
    public var kind: Kind
    /// The id of the framework, MSP, … the request is about.
    public var subjectId: Int64
    public var title: String
    public var unit: String
    public var bu: String?
    public var submittedBy: String
    public var submittedAt: Date
    public var state: State
    public var closedAt: Date?
    public var decision: Decision?
    /// The conditions of an approval or the reason for a rejection.
    public var comment: String?
    public var decidedBy: String?
    public var decidedAt: Date?
    /// Whether the current person may decide it now.
    public var canDecide: Bool

    static let selection: SQL = """
        SELECT id, kind, subject_id, title, unit_code AS unit, bu_code AS bu, submitted_by::text, submitted_at, state, closed_at,
               decision, comment, decided_by::text, decided_at, coalesce(can_decide, false) AS can_decide
        FROM approval.inbox
        """
}

// MARK: - Reading

extension ApprovalRequest {
    /// Which requests to list.
    public struct Filter: Sendable {
        /// Only pending requests.
        public var pending = false
        /// Only requests the current person submitted.
        public var mine = false
        public var kind: Kind?

        public init(pending: Bool = false, mine: Bool = false, kind: Kind? = nil) {
            self.pending = pending
            self.mine = mine
            self.kind = kind
        }
    }

    /// The requests the current person can see (their units and BUs), newest first; those they
    /// may decide come first.
    public static func list(_ filter: Filter = Filter(), on db: PGConnection) async throws -> [ApprovalRequest] {
        try await db.fetchAll(query(filter))
    }

    /// Each request that matches, in ``list(_:on:)``'s order, handed to `body` as it arrives.
    public static func forEach(_ filter: Filter = Filter(), on db: PGConnection, _ body: (ApprovalRequest) async throws -> Void) async throws {
        try await db.forEach(query(filter), body)
    }

    static func query(_ filter: Filter) -> SQL {
        var query = selection + " WHERE true"
        if filter.pending { query += " AND state = \(State.pending)" }
        if filter.mine { query += " AND submitted_by = session_user" }
        if let kind = filter.kind { query += " AND kind = \(kind)" }
        return query + " ORDER BY coalesce(can_decide, false) DESC, submitted_at DESC, id DESC"
    }

    /// The requests about one subject, oldest first: its decision history.
    public static func history(of kind: Kind, subject: Int64, on db: PGConnection) async throws -> [ApprovalRequest] {
        try await db.fetchAll(selection + " WHERE kind = \(kind) AND subject_id = \(subject) ORDER BY submitted_at, id")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> ApprovalRequest {
        guard let request = try await db.fetchOne(selection + " WHERE id = \(id)", as: ApprovalRequest.self) else {
            throw CoreError.noApprovalRequest(id)
        }
        return request
    }
}

// MARK: - Deciding

extension ApprovalRequest {
    /// Approves a request, with conditions if any. The subject follows (an MSP or framework
    /// becomes approved) in the same transaction.
    public static func approve(id: Int64, conditions: String?, on db: PGConnection) async throws -> ApprovalRequest {
        try await decide(id: id, .approved, comment: conditions.flatMap { $0.isEmpty ? nil : $0 }, on: db)
    }

    /// Rejects a request; the reason is required and kept.
    public static func reject(id: Int64, reason: String, on db: PGConnection) async throws -> ApprovalRequest {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CoreError.rejectionNeedsReason
        }
        return try await decide(id: id, .rejected, comment: reason, on: db)
    }

    private static func decide(id: Int64, _ decision: Decision, comment: String?, on db: PGConnection) async throws -> ApprovalRequest {
        let request = try await require(id: id, on: db)
        try await explainingDenials(
            scope: "request \(id) (\(request.unit)\(request.bu.map { "/" + $0 } ?? "")) is outside the units and BUs you approve for",
            capability: "only approvers and admins decide requests"
        ) {
            try await db.execute("""
                INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(id), \(decision), \(comment))
                """)
        }
        return try await require(id: id, on: db)
    }

    /// Withdraws a pending request the current person submitted; its subject goes back to draft.
    public static func withdraw(id: Int64, on db: PGConnection) async throws {
        _ = try await require(id: id, on: db)
        try await db.execute("SELECT approval.withdraw(\(id))")
    }
}
