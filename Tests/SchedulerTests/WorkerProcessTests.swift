import Foundation
import LocalPostgres
import PGKit
import Schema
import Testing
import TestSupport

/// Worker processes (`mtl scheduler run`) against a real server: exactly-once completion with
/// several workers, kill -9, a server restart, retries, graceful shutdown.
@Suite("worker processes", .serialized)
struct WorkerProcessTests {
    /// A scheduler login in a fresh tenancy database, as a connection string for `--database`.
    static func workerLogin(_ fixture: TenancyFixture, _ name: String = "worker") async throws -> String {
        fixture.config(as: try await fixture.createUser(name, "scheduler", unit: "HQ")).conninfo
    }

    @Test("three workers, 3,000 jobs whose effect is an insert keyed by job id: each runs to completion exactly once")
    func exactlyOnce() async throws {
        try await withTenancy { fixture in
            let login = try await Self.workerLogin(fixture)
            let db = try await fixture.database.connect()
            let ids = try await db.enqueueProbes(3000)
            let workers = try (1...3).map { try WorkerProcess(database: login, id: "w\($0)", arguments: ["--concurrency", "4"]) }
            try await eventually("3,000 jobs completed") { try await db.jobStates()["completed"] == 3000 }
            for worker in workers { worker.signal(SIGTERM) }
            for worker in workers {
                let status = await worker.waitForExit()
                #expect(status == 0, "\(worker.id) exited with \(String(describing: status)):\n\(worker.output.suffix(2000))")
            }
            let probes = try await db.fetchOne("SELECT count(*), count(DISTINCT job_id), count(DISTINCT worker_id), max(attempt) FROM scheduler.probe",
                                               as: (Int64, Int64, Int64, Int32).self)
            #expect(probes?.0 == 3000 && probes?.1 == 3000 && probes?.3 == 1, "\(String(describing: probes))")
            #expect((probes?.2 ?? 0) >= 2, "the work was shared: \(String(describing: probes))")
            let missing = try await db.fetchValue("""
                SELECT count(*) FROM unnest(\(ids)::bigint[]) i WHERE NOT EXISTS (SELECT FROM scheduler.probe p WHERE p.job_id = i)
                """, as: Int64.self)
            #expect(missing == 0)
            // Each job was completed by the worker that recorded it.
            #expect(try await db.fetchValue("""
                SELECT count(*) FROM scheduler.job j JOIN scheduler.probe p ON p.job_id = j.id WHERE j.worker_id <> p.worker_id
                """, as: Int64.self) == 0)
            for worker in workers { await worker.stop() }
            await db.close()
        }
    }

    @Test("kill -9 of a worker in the middle of jobs: its jobs are rescued and completed by another; none lost, none twice")
    func killNine() async throws {
        try await withTenancy { fixture in
            let login = try await Self.workerLogin(fixture)
            let db = try await fixture.database.connect()
            _ = try await db.enqueueProbes(120, args: #"{"sleep_ms": 150}"#)
            let timing = ["--concurrency", "4", "--heartbeat-interval", "0.3", "--rescue-after", "1.5", "--poll-interval", "0.2"]
            let victim = try WorkerProcess(database: login, id: "victim", arguments: timing)
            try await eventually("the victim is running jobs") {
                try await db.fetchValue("SELECT count(*) FROM scheduler.probe WHERE worker_id = 'victim'", as: Int64.self) ?? 0 >= 8
            }
            let survivor = try WorkerProcess(database: login, id: "survivor", arguments: timing)
            victim.signal(SIGKILL)
            #expect(await victim.waitForExit(limit: .seconds(10)) != nil)
            let orphaned = try await db.fetchValue("SELECT count(*) FROM scheduler.job WHERE state = 'running' AND worker_id = 'victim'", as: Int64.self) ?? 0
            try await eventually("120 jobs completed") { try await db.jobStates()["completed"] == 120 }
            let probes = try await db.fetchOne("SELECT count(*), count(DISTINCT job_id) FROM scheduler.probe", as: (Int64, Int64).self)
            #expect(probes?.0 == 120 && probes?.1 == 120, "\(String(describing: probes))")
            // What the victim held was rescued: a second attempt, by the survivor, with the reason kept.
            let rescued = try await db.fetchAll("""
                SELECT j.attempt, j.worker_id, j.errors->0->>'message' FROM scheduler.job j WHERE j.errors <> '[]'
                """, as: (Int32, String, String).self)
            #expect(orphaned > 0 && rescued.count == Int(orphaned), "orphaned \(orphaned), rescued \(rescued)")
            #expect(rescued.allSatisfy { $0.0 == 2 && $0.1 == "survivor" && $0.2 == "worker victim stopped heartbeating" }, "\(rescued)")
            survivor.signal(SIGTERM)
            #expect(await survivor.waitForExit() == 0)
            await victim.stop()
            await survivor.stop()
            await db.close()
        }
    }

    @Test("a job that throws is retried with backoff, then discarded after max attempts with its errors")
    func retries() async throws {
        try await withTenancy { fixture in
            let login = try await Self.workerLogin(fixture)
            let db = try await fixture.database.connect()
            let doomed = try #require(try await db.enqueueProbes(1, args: #"{"fail_until_attempt": 9}"#, maxAttempts: 2).first)
            let recovers = try #require(try await db.enqueueProbes(1, args: #"{"fail_until_attempt": 1}"#, maxAttempts: 3).first)
            let worker = try WorkerProcess(database: login, id: "w", arguments: ["--poll-interval", "0.2"])
            try await eventually("both jobs finished", limit: .seconds(60)) {
                try await db.fetchValue("SELECT count(*) FROM scheduler.job WHERE state IN ('completed', 'discarded')", as: Int64.self) == 2
            }
            let rows = try await db.fetchAll("""
                SELECT id, state, attempt, jsonb_array_length(errors), errors->0->>'message',
                       extract(epoch FROM (errors->1->>'at')::timestamptz - (errors->0->>'at')::timestamptz)::float8
                FROM scheduler.job ORDER BY id
                """, as: (Int64, String, Int32, Int32, String, Double?).self)
            let d = try #require(rows.first { $0.0 == doomed })
            #expect(d.1 == "discarded" && d.2 == 2 && d.3 == 2 && d.4.contains("probe failing on purpose"), "\(d)")
            // The retry waited for its backoff: 2^1 s with ±25 % jitter.
            #expect((d.5 ?? 0) >= 1.5, "\(d)")
            let r = try #require(rows.first { $0.0 == recovers })
            #expect(r.1 == "completed" && r.2 == 2 && r.3 == 1, "\(r)")
            #expect(try await db.fetchValue("SELECT attempt FROM scheduler.probe WHERE job_id = \(recovers)", as: Int32.self) == 2)
            #expect(worker.output.contains("job failed on its last attempt and was discarded"))
            worker.signal(SIGINT)
            #expect(await worker.waitForExit() == 0)
            await worker.stop()
            await db.close()
        }
    }

    @Test("SIGTERM: running jobs finish within the grace period; past it they are released, not failed")
    func gracefulShutdown() async throws {
        try await withTenancy { fixture in
            let login = try await Self.workerLogin(fixture)
            let db = try await fixture.database.connect()
            let short = try #require(try await db.enqueueProbes(1, args: #"{"sleep_ms": 1500}"#).first)
            let worker = try WorkerProcess(database: login, id: "w1", arguments: ["--grace-period", "20"])
            try await eventually("the job runs") { try await db.jobStates()["running"] == 1 }
            worker.signal(SIGTERM)
            #expect(await worker.waitForExit() == 0, "\(worker.output)")
            #expect(try await db.fetchValue("SELECT state FROM scheduler.job WHERE id = \(short)", as: String.self) == "completed")

            let long = try #require(try await db.enqueueProbes(1, args: #"{"sleep_ms": 30000}"#).first)
            let second = try WorkerProcess(database: login, id: "w2", arguments: ["--grace-period", "0.5"])
            try await eventually("the long job runs") { try await db.jobStates()["running"] == 1 }
            second.signal(SIGTERM)
            #expect(await second.waitForExit() == 0, "\(second.output)")
            let row = try await db.fetchOne("SELECT state, attempt, errors::text, worker_id FROM scheduler.job WHERE id = \(long)",
                                            as: (String, Int32, String, String?).self)
            #expect(row?.0 == "available" && row?.1 == 0 && row?.2 == "[]" && row?.3 == nil, "\(String(describing: row))")
            #expect(second.output.contains("released unfinished jobs"))
            await worker.stop()
            await second.stop()
            await db.close()
        }
    }

    @Test("the server restarts while workers run: they reconnect and carry on; nothing is lost or done twice")
    func serverRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-restart-\(UUID().uuidString.prefix(8))")
        let cluster = try LocalPostgres.start(directory: directory, logger: quietLogger("mtl.localpostgres"))
        defer {
            cluster.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        let admin = try await PGConnection.connect(cluster.config(), logger: quietLogger("pgkit"))
        try await admin.query("CREATE DATABASE mtl")
        await admin.close()
        let db = try await PGConnection.connect(cluster.config(database: "mtl"), logger: quietLogger("pgkit"))
        try await Migrator(migrations: try MigrationSet.embedded(), logger: quietLogger("mtl.schema")).migrate(on: db)
        try await db.query("CREATE ROLE restart_worker LOGIN PASSWORD 'worker-password' IN ROLE mtl_scheduler")
        _ = try await db.enqueueProbes(400, args: #"{"sleep_ms": 20}"#)
        await db.close()

        let login = cluster.config(database: "mtl").user("restart_worker", password: "worker-password").conninfo
        let timing = ["--concurrency", "4", "--heartbeat-interval", "0.5", "--rescue-after", "2", "--poll-interval", "0.2"]
        let workers = try (1...2).map { try WorkerProcess(database: login, id: "r\($0)", arguments: timing) }
        func completed() async throws -> Int64 {
            let connection = try await PGConnection.connect(cluster.config(database: "mtl"), logger: quietLogger("pgkit"))
            defer { Task { await connection.close() } }
            return try await connection.jobStates()["completed"] ?? 0
        }
        try await eventually("some jobs completed") { try await completed() >= 50 }
        cluster.stopServer()
        try await Task.sleep(for: .seconds(1))
        try cluster.startServer()
        try await eventually("400 jobs completed after the restart") { try await completed() == 400 }
        let check = try await PGConnection.connect(cluster.config(database: "mtl"), logger: quietLogger("pgkit"))
        let probes = try await check.fetchOne("SELECT count(*), count(DISTINCT job_id) FROM scheduler.probe", as: (Int64, Int64).self)
        #expect(probes?.0 == 400 && probes?.1 == 400, "\(String(describing: probes))")
        await check.close()
        for worker in workers {
            worker.signal(SIGTERM)
            #expect(await worker.waitForExit() == 0, "\(worker.output.suffix(3000))")
            #expect(worker.output.contains("retrying") || worker.output.contains("reconnecting") || worker.output.contains("listening again"),
                    "the worker noticed the restart")
            await worker.stop()
        }
    }
}
