import Foundation
import Logging
import PGKit
import Scheduler
import Testing
import TestSupport

/// Jobs claimed ahead of free slots while a backlog lasts (`WorkerConfiguration.prefetch`): held
/// by the worker in the database, started only as slots free, dropped when taken away, and given
/// back at once on shutdown.
@Suite("jobs claimed ahead")
struct PrefetchTests {
    /// A worker whose jobs wait for `gate` to open; the ids of the jobs that started.
    struct GatedWorker {
        let worker: Worker
        let pool: PGPool
        let task: Task<Void, Error>
        let gate = Locked(false)
        let started = Locked<[Int64]>([])

        init(login: PGConnectionConfig, name: String, concurrency: Int, prefetch: Int) {
            let gate = self.gate
            let started = self.started
            let kind = JobKind("test.gated", timeout: .seconds(60), transactional: false) { context in
                started.withLock { $0.append(context.job.id) }
                while !gate.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            }
            pool = PGPool(config: login, options: PGPool.Options(maxConnections: concurrency + 3), logger: quietLogger("pgkit"))
            worker = Worker(configuration: WorkerConfiguration(workerId: name, concurrency: concurrency, prefetch: prefetch,
                                                               pollInterval: .milliseconds(100), heartbeatInterval: .milliseconds(100),
                                                               rescueAfter: .seconds(30), gracePeriod: .seconds(30), firesSchedules: false),
                            pool: pool, listenerConfig: login, registry: JobRegistry([kind]), logger: quietLogger("worker"))
            let worker = self.worker
            task = Task { try await worker.run() }
        }

        func stop() async throws {
            worker.requestStop()
            gate.withLock { $0 = true }
            try await task.value
            await pool.close()
        }
    }

    static func held(by worker: String, on db: PGConnection) async throws -> [Int64] {
        try await db.fetchAll("SELECT id FROM scheduler.job WHERE state = 'running' AND worker_id = \(worker) ORDER BY id", as: (Int64).self)
    }

    @Test("under a backlog a worker holds concurrency + prefetch jobs, starts only as many as it has slots, and gives the rest back on shutdown")
    func claimsAheadAndReleases() async throws {
        try await withTenancy { fixture in
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let db = try await fixture.database.connect()
            try await db.execute("SELECT count(scheduler.enqueue('test.gated')) FROM generate_series(1, 10)")
            let ahead = GatedWorker(login: login, name: "ahead", concurrency: 2, prefetch: 3)

            try await eventually("the worker holds five jobs", limit: .seconds(30)) {
                try await Self.held(by: "ahead", on: db).count == 5
            }
            // The first five in claim order: two run, three wait for a slot.
            let held = try await Self.held(by: "ahead", on: db)
            #expect(held == Array(held[0]...held[0] + 4))
            try await eventually("two jobs started", limit: .seconds(30)) { ahead.started.withLock { $0.count } == 2 }
            try await Task.sleep(for: .milliseconds(300))
            let started = ahead.started.withLock { $0 }
            #expect(started.count == 2, "only as many jobs start as there are slots: \(started)")
            #expect(try await Self.held(by: "ahead", on: db).count == 5, "no more is claimed while slots are busy")

            // Shutdown: the three not started go back at once (their attempt undone) while the
            // two running ones still have their grace period.
            ahead.worker.requestStop()
            try await eventually("the jobs claimed ahead are released", limit: .seconds(30)) {
                try await Self.held(by: "ahead", on: db).count == 2
            }
            #expect(Set(try await Self.held(by: "ahead", on: db)) == Set(started))
            try await ahead.stop()

            let completed = try await db.fetchAll("SELECT id FROM scheduler.job WHERE state = 'completed' AND attempt = 1 ORDER BY id",
                                                  as: (Int64).self)
            #expect(Set(completed) == Set(started), "the started jobs completed")
            let waiting = try await db.fetchValue("""
                SELECT count(*) FROM scheduler.job WHERE state = 'available' AND attempt = 0 AND worker_id IS NULL
                """, as: Int64.self)
            #expect(waiting == 8, "every other job is available again, no attempt used")
            await db.close()
        }
    }

    @Test("a job cancelled while claimed ahead is dropped, never started; with prefetch 0 a worker holds only its slots")
    func cancelledAheadAndNoPrefetch() async throws {
        try await withTenancy { fixture in
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let db = try await fixture.database.connect()
            try await db.execute("SELECT count(scheduler.enqueue('test.gated')) FROM generate_series(1, 6)")

            let exact = GatedWorker(login: login, name: "exact", concurrency: 2, prefetch: 0)
            try await eventually("two jobs started", limit: .seconds(30)) { exact.started.withLock { $0.count } == 2 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await Self.held(by: "exact", on: db).count == 2, "nothing claimed beyond the free slots")
            try await exact.stop()

            let ahead = GatedWorker(login: login, name: "ahead", concurrency: 1, prefetch: 1)
            try await eventually("the worker holds two jobs", limit: .seconds(30)) {
                try await Self.held(by: "ahead", on: db).count == 2
            }
            try await eventually("one job started", limit: .seconds(30)) { ahead.started.withLock { $0.count } == 1 }
            let running = ahead.started.withLock { $0[0] }
            let waiting = try #require(try await Self.held(by: "ahead", on: db).first { $0 != running })
            #expect(await ahead.worker.claimedAhead == [waiting])
            _ = try await JobQueue.cancel(id: waiting, on: db)
            // Noticed at the heartbeat after next; then the running job finishes and the slot
            // goes to a newly claimed job, not to the cancelled one.
            try await eventually("the worker dropped the cancelled job", limit: .seconds(30)) {
                await !ahead.worker.claimedAhead.contains(waiting)
            }
            ahead.gate.withLock { $0 = true }
            try await eventually("every job but the cancelled one is completed", limit: .seconds(30)) {
                try await db.fetchValue("SELECT count(*) FROM scheduler.job WHERE state = 'completed'", as: Int64.self) == 5
            }
            try await ahead.stop()
            #expect(!ahead.started.withLock { $0 }.contains(waiting), "the cancelled job never started")
            let state = try await db.fetchValue("SELECT state FROM scheduler.job WHERE id = \(waiting)", as: String.self)
            #expect(state == "cancelled")
            await db.close()
        }
    }
}
