import Foundation
import MTLCore
import PGKit

/// The queue as operators see it (HQ admins, under row-level security): list, show, retry,
/// cancel, statistics, and enqueueing in the caller's transaction.
public enum JobQueue {
    /// Enqueues a job in the caller's transaction (it exists only if that commits); workers are
    /// woken at commit. Returns nil when a job of the kind with the same unique key exists.
    @discardableResult
    public static func enqueue(kind: String, argumentsJSON: String = "{}", queue: String = "default", priority: Int16 = 0,
                               runAt: Date? = nil, maxAttempts: Int32 = 5, uniqueKey: String? = nil, uniqueForever: Bool = false,
                               on db: PGConnection) async throws -> Int64? {
        try await db.fetchValue("""
            SELECT scheduler.enqueue(\(kind), \(argumentsJSON)::jsonb, \(queue), \(priority), coalesce(\(runAt), now()),
                                     \(maxAttempts), \(uniqueKey), \(uniqueForever))
            """, as: Int64.self)
    }

    /// What to list.
    public struct Filter: Sendable {
        public var state: Job.State?
        public var kind: String?
        public var queue: String?
        public var limit: Int
        public init(state: Job.State? = nil, kind: String? = nil, queue: String? = nil, limit: Int = 100) {
            self.state = state
            self.kind = kind
            self.queue = queue
            self.limit = limit
        }
    }

    /// The newest jobs first.
    public static func list(_ filter: Filter = Filter(), on db: PGConnection) async throws -> [Job] {
        try await db.fetchAll(query(filter))
    }

    /// Each job that matches, newest first, handed to `body` as it arrives: memory stays flat.
    public static func forEach(_ filter: Filter = Filter(), on db: PGConnection, _ body: (Job) async throws -> Void) async throws {
        try await db.forEach(query(filter), body)
    }

    static func query(_ filter: Filter) -> SQL {
        """
            SELECT \(Job.columns) FROM scheduler.job j
            WHERE (\(filter.state?.rawValue)::text IS NULL OR j.state = \(filter.state?.rawValue))
              AND (\(filter.kind)::text IS NULL OR j.kind = \(filter.kind))
              AND (\(filter.queue)::text IS NULL OR j.queue = \(filter.queue))
            ORDER BY j.id DESC LIMIT \(Int64(filter.limit))
            """
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Job {
        guard let job = try await db.fetchOne("SELECT \(Job.columns) FROM scheduler.job j WHERE j.id = \(id)", as: Job.self) else {
            throw SchedulerError.noJob(id)
        }
        return job
    }

    /// Makes a failed, discarded or cancelled job available now, with one more attempt if it had
    /// used them all.
    public static func retry(id: Int64, on db: PGConnection) async throws -> Job {
        let job = try await require(id: id, on: db)
        guard [.retryable, .discarded, .cancelled].contains(job.state) else {
            throw SchedulerError.notRetryable(id, state: job.state)
        }
        do {
            try await db.transaction { db in
                try await db.execute("""
                    UPDATE scheduler.job SET state = 'available', run_at = now(), finalized_at = NULL,
                           max_attempts = greatest(max_attempts, attempt + 1)
                    WHERE id = \(id) AND state IN ('retryable', 'discarded', 'cancelled')
                    """)
                try await db.query("SELECT pg_notify('mtl_jobs', \(job.queue))")
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw SchedulerError.retryBlockedByUniqueKey(id, kind: job.kind)
        }
        return try await require(id: id, on: db)
    }

    /// Cancels a job that has not finished. A running job's worker notices at its next heartbeat
    /// and stops it; its work rolls back.
    public static func cancel(id: Int64, on db: PGConnection) async throws -> Job {
        let job = try await require(id: id, on: db)
        let changed = try await db.execute("""
            UPDATE scheduler.job SET state = 'cancelled', finalized_at = now(), heartbeat_at = NULL
            WHERE id = \(id) AND state IN ('available', 'retryable', 'running')
            """)
        guard changed == 1 else {
            throw SchedulerError.notCancellable(id, state: job.state)
        }
        return try await require(id: id, on: db)
    }

    /// Counts per queue and state, with the age of the oldest job waiting to run. Read from its
    /// columns by name (PGKit's rows from Decodable).
    public struct Stat: PGRecord, Codable, Equatable {
        public var queue: String
        public var state: String
        public var jobs: Int64
        /// Seconds since the oldest due job of the queue became due (available/retryable only).
        public var oldestDueSeconds: Double?
    }

    public static func stats(on db: PGConnection) async throws -> [Stat] {
        try await db.fetchAll("""
            SELECT j.queue, j.state, count(*) AS jobs,
                   extract(epoch FROM now() - min(j.run_at) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at <= now()))::float8
                       AS oldest_due_seconds
            FROM scheduler.job j
            GROUP BY j.queue, j.state
            ORDER BY j.queue, array_position(ARRAY['available', 'retryable', 'running', 'completed', 'discarded', 'cancelled'], j.state)
            """)
    }
}
