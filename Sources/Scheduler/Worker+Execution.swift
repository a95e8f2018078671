import Foundation
import Logging
import PGKit

extension Worker {
    /// Runs one claimed job to its end: completed, failed (retried or discarded), lost to a
    /// rescue, or interrupted by shutdown (released by `drain`).
    nonisolated func execute(_ job: Job) async {
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = "\(job.id)"
        jobLogger[metadataKey: "kind"] = "\(job.kind)"
        jobLogger[metadataKey: "attempt"] = "\(job.attempt)"
        let logger = jobLogger
        defer { Task { await self.jobEnded(job.id) } }
        guard let kind = registry[job.kind] else {
            await recordFailure(job, JobError.unknownKind(job.kind).message, logger: logger)
            return
        }
        let started = ContinuousClock.now
        do {
            let completed = try await withTimeout(kind.timeout) {
                try await self.attempt(job, kind, logger: logger)
            }
            if completed {
                logger.debug("job completed", metadata: ["ms": "\((ContinuousClock.now - started).seconds * 1000)"])
            } else {
                logger.warning("job finished but is no longer this worker's (rescued or cancelled meanwhile); its work was rolled back")
            }
        } catch {
            if draining.withLock({ $0 }) && Task.isCancelled { return }
            let message = (error as? JobError)?.message ?? String(describing: error)
            await recordFailure(job, message, logger: logger)
        }
    }

    /// One attempt: the work and the completion, in one transaction for a transactional kind.
    /// Returns false when the guard refused the completion (the job was taken away meanwhile).
    private nonisolated func attempt(_ job: Job, _ kind: JobKind, logger: Logger) async throws -> Bool {
        let workerId = configuration.workerId
        if kind.transactional {
            return try await pool.withConnection { db in
                do {
                    return try await db.transaction { db in
                        try await kind.run(JobContext(job: job, db: db, workerId: workerId, logger: logger))
                        guard try await Self.complete(job, worker: workerId, on: db) else { throw LostJob() }
                        return true
                    }
                } catch is LostJob {
                    return false
                }
            }
        }
        let completed = try await pool.withConnection { db in
            try await kind.run(JobContext(job: job, db: db, workerId: workerId, logger: logger))
            return try? await Self.complete(job, worker: workerId, on: db)
        }
        if let completed { return completed }
        return await retrying("complete", logger: logger) {
            try await self.pool.withConnection { try await Self.complete(job, worker: workerId, on: $0) }
        } ?? false
    }

    private struct LostJob: Error {}

    static func complete(_ job: Job, worker: String, on db: PGConnection) async throws -> Bool {
        try await db.fetchValue("SELECT scheduler.complete(\(job.id), \(worker), \(job.attempt))", as: Bool.self) ?? false
    }

    /// Records a failed attempt: retried later with backoff, or discarded after the last attempt.
    private nonisolated func recordFailure(_ job: Job, _ message: String, logger: Logger) async {
        let workerId = configuration.workerId
        let state = await retrying("record the failure", logger: logger) {
            try await self.pool.withConnection { db in
                try await db.fetchValue("SELECT scheduler.fail(\(job.id), \(workerId), \(job.attempt), \(message))", as: String.self)
            }
        }
        switch state {
        case .some(.some("discarded")):
            logger.error("job failed on its last attempt and was discarded", metadata: ["error": "\(message)"])
        case .some(.some(let next)):
            logger.warning("job failed; it will be retried", metadata: ["error": "\(message)", "state": "\(next)"])
        case .some(.none):
            logger.warning("job failed but is no longer this worker's", metadata: ["error": "\(message)"])
        case .none:
            break
        }
    }

    /// Runs a bookkeeping statement until it goes through (the database may be restarting), at
    /// most about a minute, or until shutdown; nil when given up (the job will be rescued).
    private nonisolated func retrying<T: Sendable>(_ what: String, logger: Logger,
                                                   _ body: @Sendable () async throws -> T) async -> T? {
        var failures = 0
        while true {
            do {
                return try await body()
            } catch {
                failures += 1
                if failures >= 20 || draining.withLock({ $0 }) {
                    logger.error("cannot \(what); leaving the job to be rescued", metadata: ["error": "\(error)"])
                    return nil
                }
                logger.warning("cannot \(what) yet; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: Self.backoff(failures))
            }
        }
    }

    private func jobEnded(_ id: Int64) {
        finished(id)
    }
}

/// Runs `body`, cancelling it when `limit` passes first (it then throws ``JobError/timedOut``).
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw JobError.timedOut(after: limit)
        }
        return value
    }
}
