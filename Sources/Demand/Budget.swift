import Foundation
import MTLCore
import PGKit

/// A budget request of a programme (`dg.budget`): its first, then changes, each decided through
/// the approval mechanism (kind `budget`). The approved budget is the sum of the approved ones.
public struct Budget: PGRecord, Codable, Equatable {
    /// A budget request's state: its approval request's (`dg.budget` CHECK `budget_state`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case submitted, approved, rejected, withdrawn

        public var description: String { rawValue }
    }

    public var id: Int64
    public var programmeId: Int64
    /// initial or change.
    public var kind: String
    public var amount: Decimal
    public var currency: String
    public var reason: String
    /// submitted, approved, rejected or withdrawn.
    public var state: State
    public var requestedBy: String
    public var requestedAt: Date
    /// The approval request that decides it.
    public var requestId: Int64?

    static let selection: SQL = """
        SELECT b.id, b.programme_id, b.kind, b.amount, b.currency, b.reason, b.state, b.requested_by::text, b.requested_at,
               (SELECT max(r.id) FROM approval.request r WHERE r.kind = 'budget' AND r.subject_id = b.id) AS request_id
        FROM dg.budget b
        """

    public static func list(programme: Int64, on db: PGConnection) async throws -> [Budget] {
        try await db.fetchAll(selection + " WHERE b.programme_id = \(programme) ORDER BY b.id")
    }

    /// Requests budget for a programme: its first, or a change on top of what is approved. The
    /// request waits for an approver of the programme's unit and BU (HQ's for company tier).
    public static func request(programme: Int64, amount: Decimal, reason: String, on db: PGConnection) async throws -> Budget {
        let target = try await Programme.require(id: programme, on: db)
        let id: Int64?
        do {
            id = try await explainingDenials(scope: "programme \(programme) is outside your write scope",
                                             capability: "only editors and admins request budgets") {
                try await db.fetchValue("""
                    INSERT INTO dg.budget (programme_id, unit_id, bu_id, kind, amount, currency, reason)
                    SELECT p.id, p.unit_id, p.bu_id, 'initial', \(amount), p.currency, \(reason) FROM dg.programme p WHERE p.id = \(programme)
                    RETURNING id
                    """, as: Int64.self)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw DemandError.budgetRequestWaiting(programme: target.name, id: programme)
        }
        guard let id, let budget = try await db.fetchOne(selection + " WHERE b.id = \(id)", as: Budget.self) else {
            throw DemandError.notSaved("budget request")
        }
        return budget
    }
}
