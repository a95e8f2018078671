import Foundation
import PGKit

/// A row of `scheduler.job`: one unit of work, its attempts and its errors.
public struct Job: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var queue: String
    public var kind: String
    /// The arguments as JSON text (decode them with ``JobContext/arguments(as:)``).
    public var args: String
    public var priority: Int16
    public var state: State
    public var attempt: Int32
    public var maxAttempts: Int32
    public var runAt: Date
    public var workerId: String?
    public var attemptedAt: Date?
    public var heartbeatAt: Date?
    public var finalizedAt: Date?
    public var uniqueKey: String?
    public var errors: [JobFailure]
    public var createdAt: Date
    public var createdBy: String

    /// A job's place in its life cycle.
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable {
        case available, running, completed, retryable, discarded, cancelled
    }

    public init(row: PGRow) throws {
        id = try row.decode(named: "id")
        queue = try row.decode(named: "queue")
        kind = try row.decode(named: "kind")
        args = try row.decode(named: "args")
        priority = try row.decode(named: "priority")
        let stateName: String = try row.decode(named: "state")
        guard let state = State(rawValue: stateName) else { throw PGError(.decoding, "unknown job state \(stateName)") }
        self.state = state
        attempt = try row.decode(named: "attempt")
        maxAttempts = try row.decode(named: "max_attempts")
        runAt = try row.decode(named: "run_at")
        workerId = try row.decode(named: "worker_id")
        attemptedAt = try row.decode(named: "attempted_at")
        heartbeatAt = try row.decode(named: "heartbeat_at")
        finalizedAt = try row.decode(named: "finalized_at")
        uniqueKey = try row.decode(named: "unique_key")
        // Most jobs have no errors: skip the JSON decoder for them (a claim decodes every job).
        let errorsText: String = try row.decode(named: "errors")
        errors = errorsText == "[]" ? [] : try Self.decodeErrors(errorsText)
        createdAt = try row.decode(named: "created_at")
        createdBy = try row.decode(named: "created_by")
    }

    private static func decodeErrors(_ text: String) throws -> [JobFailure] {
        do {
            return try JSONDecoder().decode([JobFailure].self, from: Data(text.utf8))
        } catch {
            throw PGError(.decoding, "a job's error history is not a list of failures: \(error)")
        }
    }

    /// The columns of a job, for `SELECT … FROM scheduler.job j` or a function returning jobs.
    static let columns: SQL = """
        j.id, j.queue, j.kind, j.args::text AS args, j.priority, j.state, j.attempt, j.max_attempts, j.run_at,
        j.worker_id, j.attempted_at, j.heartbeat_at, j.finalized_at, j.unique_key, j.errors::text AS errors, j.created_at, j.created_by::text AS created_by
        """
}

/// One failed attempt in a job's error history.
public struct JobFailure: Codable, Equatable, Sendable {
    public var attempt: Int
    public var at: String
    public var message: String
}
