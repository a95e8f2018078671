import Foundation
import Logging
import PGKit
import Scheduler
import Testing
import TestSupport

/// Per-kind time limits and cancellation by an admin, with the Worker service in this process
/// (a kind with a short limit exists only here).
@Suite("worker time limits")
struct WorkerTimeoutTests {
    @Test("a job over its kind's time limit is cancelled (its work rolled back) and fails with the reason; a cancelled running job stops")
    func timeouts() async throws {
        try await withTenancy { fixture in
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let db = try await fixture.database.connect()
            // Writes its mark, then sleeps in the database past its limit.
            let slow = JobKind("test.slow", timeout: .milliseconds(500)) { context in
                try await context.db.execute("INSERT INTO scheduler.probe (job_id, worker_id, attempt) VALUES (\(context.job.id), 'slow', 1)")
                try await context.db.query("SELECT pg_sleep(30)")
            }
            let slowJob = try #require(try await db.fetchValue("SELECT scheduler.enqueue('test.slow', '{}', 'default', 0::smallint, now(), 1)", as: Int64.self))
            let pool = PGPool(config: login, options: PGPool.Options(maxConnections: 5), logger: quietLogger("pgkit"))
            let worker = Worker(configuration: WorkerConfiguration(workerId: "in-process", concurrency: 2, pollInterval: .milliseconds(100),
                                                                   // Rescue is not under test: late enough that a loaded machine never gets there first.
                                                                   heartbeatInterval: .milliseconds(200), rescueAfter: .seconds(20)),
                                pool: pool, listenerConfig: login, registry: JobRegistry([slow, .probe]), logger: quietLogger("worker"))
            let running = Task { try await worker.run() }
            try await eventually("the slow job was discarded", limit: .seconds(30)) {
                try await db.fetchValue("SELECT state FROM scheduler.job WHERE id = \(slowJob)", as: String.self) == "discarded"
            }
            let message = try await db.fetchValue("SELECT errors->0->>'message' FROM scheduler.job WHERE id = \(slowJob)", as: String.self)
            #expect(message == "timed out after 0.5 seconds (the kind's limit)", "\(String(describing: message))")
            #expect(try await db.fetchValue("SELECT count(*) FROM scheduler.probe WHERE job_id = \(slowJob)", as: Int64.self) == 0,
                    "the timed-out attempt's work was rolled back")

            // An admin cancels a running job: the worker notices at its next heartbeat and stops it.
            let long = try #require(try await db.fetchValue("""
                SELECT scheduler.enqueue('scheduler.probe', '{"sleep_ms": 20000}', 'default', 0::smallint, now(), 1)
                """, as: Int64.self))
            try await eventually("the long job runs") {
                try await db.fetchValue("SELECT state FROM scheduler.job WHERE id = \(long)", as: String.self) == "running"
            }
            try await db.execute("UPDATE scheduler.job SET state = 'cancelled', finalized_at = now(), heartbeat_at = NULL WHERE id = \(long)")
            try await eventually("the worker let go of it", limit: .seconds(10)) { await worker.finishedCount == 2 }
            #expect(try await db.fetchValue("SELECT state FROM scheduler.job WHERE id = \(long)", as: String.self) == "cancelled")
            #expect(try await db.fetchValue("SELECT count(*) FROM scheduler.probe WHERE job_id = \(long)", as: Int64.self) == 0)
            worker.requestStop()
            try await running.value
            await pool.close()
            await db.close()
        }
    }
}
