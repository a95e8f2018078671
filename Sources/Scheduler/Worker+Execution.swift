import Foundation
import Logging
import PGKit

extension Worker {
    /// Runs one claimed job to its end: completed, failed (retried or discarded), lost to a
    /// rescue, or interrupted by shutdown (released by `drain`); then frees its slot.
    nonisolated func execute(_ job: Job, _ run: JobRun) async {
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = "\(job.id)"
        jobLogger[metadataKey: "kind"] = "\(job.kind)"
        jobLogger[metadataKey: "attempt"] = "\(job.attempt)"
        await perform(job, run, logger: jobLogger)
        await finished(job.id)
    }

    private nonisolated func perform(_ job: Job, _ run: JobRun, logger: Logger) async {
        guard let kind = registry[job.kind] else {
            run.endWork()
            await recordFailure(job, JobError.unknownKind(job.kind).message, logger: logger)
            return
        }
        let started = ContinuousClock.now
        let completedInTransaction: Bool?
        do {
            completedInTransaction = try await attempt(job, kind, logger: logger)
            run.endWork()
            metrics.ran(job, for: ContinuousClock.now - started)
        } catch {
            run.endWork()
            metrics.ran(job, for: ContinuousClock.now - started)
            if run.timedOut {
                await recordFailure(job, JobError.timedOut(after: kind.timeout).message, logger: logger)
            } else if !(draining.withLock({ $0 }) && Task.isCancelled) {
                await recordFailure(job, (error as? JobError)?.message ?? String(describing: error), logger: logger)
            }
            return
        }
        // A non-transactional kind's completion is recorded now, in a batch with other jobs'.
        let completed: Bool
        if let completedInTransaction {
            completed = completedInTransaction
        } else {
            await workDone(job.id)
            completed = await recordCompletion(job, logger: logger)
        }
        if completed {
            metrics.completed(job)
            logger.debug("job completed", metadata: ["ms": "\((ContinuousClock.now - started).seconds * 1000)"])
        } else {
            logger.warning("job finished but is no longer this worker's (rescued or cancelled meanwhile); its work was rolled back")
        }
    }

    /// One attempt. A transactional kind runs in the transaction that completes the job and
    /// returns whether the completion's guard held (false: the job was taken away meanwhile and
    /// the work rolled back). A non-transactional kind returns nil: its completion is still to
    /// be recorded.
    private nonisolated func attempt(_ job: Job, _ kind: JobKind, logger: Logger) async throws -> Bool? {
        let workerId = configuration.workerId
        guard kind.transactional else {
            try await kind.run(JobContext(job: job, transaction: nil, pool: pool, workerId: workerId, logger: logger))
            return nil
        }
        return try await pool.withConnection { db in
            do {
                return try await db.transaction { db in
                    try await kind.run(JobContext(job: job, transaction: db, pool: self.pool, workerId: workerId, logger: logger))
                    guard try await Self.complete(job, worker: workerId, on: db) else { throw LostJob() }
                    return true
                }
            } catch is LostJob {
                return false
            }
        }
    }

    /// Records a non-transactional job's completion: in a batch, or alone, retried, when the
    /// batch could not be written. False when the guard refused or the database stayed away.
    private nonisolated func recordCompletion(_ job: Job, logger: Logger) async -> Bool {
        do {
            return try await completions.complete(job)
        } catch {
            let workerId = configuration.workerId
            return await retrying("complete", logger: logger) {
                try await self.pool.withConnection { try await Self.complete(job, worker: workerId, on: $0) }
            } ?? false
        }
    }

    private struct LostJob: Error {}

    static func complete(_ job: Job, worker: String, on db: PGConnection) async throws -> Bool {
        try await db.fetchValue(SQL("SELECT scheduler.complete(\(job.id), \(worker), \(job.attempt))").prepared, as: Bool.self) ?? false
    }

    /// Records a failed attempt: retried later with backoff, or discarded after the last attempt.
    private nonisolated func recordFailure(_ job: Job, _ message: String, logger: Logger) async {
        // The job's task may have been cancelled (time limit): the bookkeeping runs in a task
        // of its own, which that cancellation does not reach.
        await Task { await self.writeFailure(job, message, logger: logger) }.value
    }

    private nonisolated func writeFailure(_ job: Job, _ message: String, logger: Logger) async {
        let workerId = configuration.workerId
        let state = await retrying("record the failure", logger: logger) {
            try await self.pool.withConnection { db in
                // NULL when the guard refused (the job is no longer this attempt's).
                try await db.fetchValue("SELECT scheduler.fail(\(job.id), \(workerId), \(job.attempt), \(message))", as: String?.self) ?? nil
            }
        }
        switch state {
        case .some(.some(let next)) where next == "discarded":
            metrics.failed(job, outcome: "discarded")
            logger.error("job failed on its last attempt and was discarded", metadata: ["error": "\(message)"])
        case .some(.some(let next)):
            metrics.failed(job, outcome: "retryable")
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
}
