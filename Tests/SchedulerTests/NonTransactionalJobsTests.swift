import Foundation
import Logging
import PGKit
import Scheduler
import Testing
import TestSupport

/// Jobs whose work lies outside the database: their slots free up when the work returns and
/// their completions are written in batches. Two Worker services in this process share a
/// backlog, so the claims run after a position and coalesce free slots.
@Suite("non-transactional jobs")
struct NonTransactionalJobsTests {
    @Test("two workers drain 2,000 jobs: each runs once and is completed by the worker that ran it, in batches")
    func drain() async throws {
        try await withTenancy { fixture in
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let db = try await fixture.database.connect()
            let runs = Locked([Int64: [String]]())
            let record = JobKind("test.outside", timeout: .seconds(30), transactional: false) { context in
                runs.withLock { $0[context.job.id, default: []].append(context.workerId) }
            }
            // A non-transactional kind has no completing transaction to use.
            let misuse = JobKind("test.misuse", timeout: .seconds(30), transactional: false) { context in
                _ = try await context.db.query("SELECT 1")
            }
            try await db.execute("SELECT count(scheduler.enqueue('test.outside')) FROM generate_series(1, 2000)")
            let misused = try #require(try await db.fetchValue(
                "SELECT scheduler.enqueue('test.misuse', '{}', 'default', 0::smallint, now(), 1)", as: Int64.self))
            let registry = JobRegistry([record, misuse])
            var workers: [(Worker, PGPool, Task<Void, Error>)] = []
            for name in ["one", "two"] {
                let pool = PGPool(config: login, options: PGPool.Options(maxConnections: 6), logger: quietLogger("pgkit"))
                let worker = Worker(configuration: WorkerConfiguration(workerId: name, concurrency: 10, pollInterval: .milliseconds(200),
                                                                       firesSchedules: false),
                                    pool: pool, listenerConfig: login, registry: registry, logger: quietLogger("worker"))
                workers.append((worker, pool, Task { try await worker.run() }))
            }
            try await eventually("every job is final", limit: .seconds(60)) {
                try await db.fetchValue("SELECT count(*) FROM scheduler.job WHERE state NOT IN ('completed', 'discarded')", as: Int64.self) == 0
            }
            for (worker, _, _) in workers { worker.requestStop() }
            var finished = 0
            for (worker, pool, task) in workers {
                try await task.value
                finished += await worker.finishedCount
                await pool.close()
            }

            let ran = runs.withLock { $0 }
            #expect(ran.count == 2000 && ran.values.allSatisfy { $0.count == 1 }, "each job ran exactly once")
            #expect(Set(ran.values.map { $0[0] }) == ["one", "two"], "both workers took part")
            let completed = try await db.fetchAll("""
                SELECT id, worker_id, attempt FROM scheduler.job WHERE kind = 'test.outside' AND state = 'completed'
                """, as: (Int64, String, Int32).self)
            #expect(completed.count == 2000)
            #expect(completed.allSatisfy { ran[$0.0] == [$0.1] && $0.2 == 1 }, "completed by the worker that ran it, at the first attempt")
            #expect(finished == 2001)
            let error = try await db.fetchValue("SELECT errors->0->>'message' FROM scheduler.job WHERE id = \(misused)", as: String.self)
            #expect(error == "job kind test.misuse is not transactional: it has no completing transaction; use context.pool")
            await db.close()
        }
    }
}
