import Foundation
import MTLCore
import PGKit

/// A request to waive a finding (`mqa.waiver`), with its reason: it opens an approval request
/// (kind `finding_waiver`) that an approver other than the requester decides (four-eyes); once
/// approved, the finding is waived. Asked for by the editors of the finding's unit.
public struct Waiver: PGRecord, Codable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case submitted, approved, rejected, withdrawn

        public var description: String { rawValue }
    }

    public var id: Int64
    public var findingId: Int64
    public var reason: String
    public var state: State
    public var requestedBy: String
    public var requestedAt: Date
    /// The approval request that decides it.
    public var requestId: Int64?

    static let selection: SQL = """
        SELECT w.id, w.finding_id, w.reason, w.state, w.requested_by::text AS requested_by, w.requested_at,
               (SELECT max(r.id) FROM approval.request r WHERE r.kind = 'finding_waiver' AND r.subject_id = w.id) AS request_id
        FROM mqa.waiver w
        """

    /// Asks for `finding` to be waived, for `reason`; returns the waiting waiver.
    public static func request(finding: Int64, reason: String, on db: PGConnection) async throws -> Waiver {
        let target = try await Finding.require(id: finding, on: db)
        guard target.state == .open || target.state == .acknowledged else {
            throw QualityError.findingNotInState(finding, state: target.state, expected: [.open, .acknowledged])
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw QualityError.waiverNeedsReason }
        let id: Int64?
        do {
            id = try await explainingDenials(scope: "finding \(finding) is outside your write scope",
                                             capability: "only editors and admins ask for waivers") {
                // The waiver's trigger opens its approval request in the same statement.
                try await db.fetchValue("INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(finding), \(trimmed)) RETURNING id",
                                        as: Int64.self)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw QualityError.waiverWaiting(finding)
        }
        guard let id, let waiver = try await db.fetchOne(selection + " WHERE w.id = \(id)", as: Waiver.self) else {
            throw QualityError.notSaved("waiver")
        }
        return waiver
    }

    public static func list(finding: Int64, on db: PGConnection) async throws -> [Waiver] {
        try await db.fetchAll(selection + " WHERE w.finding_id = \(finding) ORDER BY w.id")
    }
}
