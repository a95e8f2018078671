import Foundation
import LocalPostgres
import Logging
import PGKit
import Scheduler
import Schema
import Synchronization

/// The job queue beside PgQueuer (PyPI `pgqueuer`, run with its own benchmark tool from its
/// source distribution, in a virtualenv under .build/) on the same server: no-op jobs enqueued,
/// drained and both at once with 1 and 2 workers, and the enqueue-to-start latency when idle.
extension Bench {
    static func jobQueue(admin: PGConnectionConfig, jobs: Int, seconds: Int, baseline: Bool, work: URL, logger: Logger) async throws -> [Result] {
        let setup = try await PGConnection.connect(admin, logger: logger)
        for database in ["mtl_jobs_bench", "pgq_bench"] {
            try await setup.query("DROP DATABASE IF EXISTS \(identifier: database) WITH (FORCE)")
            try await setup.query("CREATE DATABASE \(identifier: database)")
        }
        await setup.close()
        let ownerConfig = admin.database("mtl_jobs_bench")
        let owner = try await PGConnection.connect(ownerConfig, logger: logger)
        try await Migrator(migrations: try MigrationSet.embedded(), logger: logger).migrate(on: owner)
        try await owner.query("DROP ROLE IF EXISTS mtl_bench_worker")
        try await owner.query("CREATE ROLE mtl_bench_worker LOGIN PASSWORD 'bench' IN ROLE mtl_scheduler")
        try await owner.query("UPDATE scheduler.schedule SET paused = true")
        let workerConfig = ownerConfig.user("mtl_bench_worker", password: "bench")

        let pgq = baseline ? try await PgQueuerBaseline.prepare(admin: admin.database("pgq_bench"), work: work) : nil
        var results: [Result] = []
        let queue = JobQueueBench(owner: owner, workerConfig: workerConfig, logger: logger)

        say("  enqueue (one connection, 10 jobs a statement) …")
        let enqueueRate = try await queue.enqueueRate(jobs: jobs)
        for workers in [1, 2] {
            say("  drain \(jobs) jobs, \(workers) worker(s): mtl …")
            let ours = try await queue.drain(jobs: jobs, workers: workers)
            say("  drain \(jobs) jobs, \(workers) worker(s): PgQueuer …")
            let theirs = try pgq?.run(["--strategy", "drain", "--jobs", "\(jobs)", "--dequeue", "\(workers)", "--dequeue-batch-size", "10"])
                ?? .skipped
            results.append(Result(name: "jobs: drain, \(workers) worker\(workers == 1 ? "" : "s")", pgkit: String(format: "%.0f jobs/s", ours),
                                  baseline: String(format: "%.0f jobs/s (PgQueuer)", theirs.rate), ratio: ours / theirs.rate, goal: 2))
        }
        for workers in [1, 2] {
            say("  mixed \(seconds) s, \(workers) worker(s): mtl …")
            let ours = try await queue.mixed(seconds: seconds, workers: workers)
            say("  mixed \(seconds) s, \(workers) worker(s): PgQueuer …")
            let theirs = try pgq?.run(["--strategy", "throughput", "--time", "\(seconds)", "--dequeue", "\(workers)", "--dequeue-batch-size", "10",
                                       "--enqueue", "1", "--enqueue-batch-size", "10"]) ?? .skipped
            results.append(Result(name: "jobs: mixed, \(workers) worker\(workers == 1 ? "" : "s")", pgkit: String(format: "%.0f jobs/s", ours.done),
                                  baseline: String(format: "%.0f jobs/s (PgQueuer)", theirs.rate), ratio: ours.done / theirs.rate, goal: 2))
            if workers == 1 {
                results.append(Result(name: "jobs: enqueue (alone; PgQueuer while mixed)", pgkit: String(format: "%.0f jobs/s", enqueueRate),
                                      baseline: String(format: "%.0f jobs/s (PgQueuer)", theirs.enqueued),
                                      ratio: enqueueRate / theirs.enqueued, goal: nil))
            }
        }
        say("  enqueue-to-start latency, idle worker …")
        let (p50, p99) = try await queue.latency(samples: 300)
        results.append(Result(name: "jobs: enqueue→start latency, idle", pgkit: String(format: "p50 %.1f ms, p99 %.1f ms", p50, p99),
                              baseline: "p99 goal 50 ms", ratio: 50 / p99, goal: 1))
        await owner.close()
        return results
    }
}

/// Our side of the job benchmarks: in-process `Worker` services, as `mtl scheduler run` runs them.
struct JobQueueBench {
    let owner: PGConnection
    let workerConfig: PGConnectionConfig
    let logger: Logger

    func reset() async throws {
        try await owner.query("TRUNCATE scheduler.job")
        try await owner.query("VACUUM ANALYZE scheduler.job")
    }

    /// Jobs a second, enqueued ten a statement on one connection.
    func enqueueRate(jobs: Int) async throws -> Double {
        try await reset()
        let connection = try await PGConnection.connect(workerConfig, logger: logger)
        let seconds = try await measure {
            for _ in 0..<(jobs / 10) {
                try await connection.query("SELECT count(scheduler.enqueue('scheduler.noop')) FROM generate_series(1, 10)")
            }
        }
        await connection.close()
        return Double(jobs / 10 * 10) / seconds
    }

    func startWorkers(_ count: Int, registry: JobRegistry = JobRegistry([.noop])) -> [(Worker, PGPool, Task<Void, Error>)] {
        (0..<count).map { index in
            let pool = PGPool(config: workerConfig, options: PGPool.Options(maxConnections: 13), logger: logger)
            let worker = Worker(configuration: WorkerConfiguration(workerId: "bench-\(index)", concurrency: 10, firesSchedules: false),
                                pool: pool, listenerConfig: workerConfig, registry: registry, logger: logger)
            return (worker, pool, Task { try await worker.run() })
        }
    }

    func stop(_ workers: [(Worker, PGPool, Task<Void, Error>)]) async throws {
        for (worker, _, _) in workers { worker.requestStop() }
        for (_, pool, task) in workers {
            try await task.value
            await pool.close()
        }
    }

    static func finished(_ workers: [(Worker, PGPool, Task<Void, Error>)]) async -> Int {
        var total = 0
        for (worker, _, _) in workers { total += await worker.finishedCount }
        return total
    }

    /// Jobs a second draining `jobs` queued no-op jobs.
    func drain(jobs: Int, workers count: Int) async throws -> Double {
        try await reset()
        try await owner.query("SELECT count(scheduler.enqueue('scheduler.noop')) FROM generate_series(1, \(Int32(jobs)))")
        try await owner.query("ANALYZE scheduler.job")
        var workers: [(Worker, PGPool, Task<Void, Error>)] = []
        let seconds = try await measure {
            workers = startWorkers(count)
            while await Self.finished(workers) < jobs { try await Task.sleep(for: .milliseconds(5)) }
        }
        try await stop(workers)
        let left = try await owner.fetchValue("SELECT count(*) FROM scheduler.job WHERE state <> 'completed'", as: Int64.self) ?? -1
        guard left == 0 else { throw BenchError("\(left) jobs did not complete") }
        return Double(jobs) / seconds
    }

    /// Jobs a second completed (and enqueued) while one connection enqueues ten a statement.
    func mixed(seconds: Int, workers count: Int) async throws -> (done: Double, enqueued: Double) {
        try await reset()
        let enqueuer = try await PGConnection.connect(workerConfig, logger: logger)
        let workers = startWorkers(count)
        let start = ContinuousClock.now
        let deadline = start + .seconds(seconds)
        var enqueued = 0
        let before = await Self.finished(workers)
        while ContinuousClock.now < deadline {
            try await enqueuer.query("SELECT count(scheduler.enqueue('scheduler.noop')) FROM generate_series(1, 10)")
            enqueued += 10
        }
        let done = await Self.finished(workers) - before
        let elapsed = (ContinuousClock.now - start).seconds
        try await stop(workers)
        await enqueuer.close()
        return (Double(done) / elapsed, Double(enqueued) / elapsed)
    }

    /// p50 and p99, in milliseconds, from an enqueue's commit to its job's start on an idle worker.
    func latency(samples: Int) async throws -> (Double, Double) {
        try await reset()
        let started = Mutex<[Int64: ContinuousClock.Instant]>([:])
        let probe = JobKind("bench.latency", timeout: .seconds(10), transactional: false) { context in
            started.withLock { $0[context.job.id] = ContinuousClock.now }
        }
        let workers = startWorkers(1, registry: JobRegistry([probe]))
        let enqueuer = try await PGConnection.connect(workerConfig, logger: logger)
        try await Task.sleep(for: .milliseconds(500))
        var delays: [Double] = []
        for _ in 0..<samples {
            let sent = ContinuousClock.now
            guard let id = try await enqueuer.fetchValue("SELECT scheduler.enqueue('bench.latency')", as: Int64.self) else { continue }
            var start: ContinuousClock.Instant?
            while start == nil {
                try await Task.sleep(for: .microseconds(200))
                start = started.withLock { $0[id] }
                if ContinuousClock.now - sent > .seconds(10) { throw BenchError("job \(id) did not start within 10 s") }
            }
            delays.append((start! - sent).seconds * 1000)
            // Idle between samples, as the goal says.
            try await Task.sleep(for: .milliseconds(20))
        }
        try await stop(workers)
        await enqueuer.close()
        delays.sort()
        return (delays[delays.count / 2], delays[min(delays.count - 1, Int(Double(delays.count) * 0.99))])
    }
}

/// PgQueuer's own benchmark tool (tools/benchmark.py of its source distribution), in a
/// virtualenv under .build/pgqueuer-venv, against its own database on the same server.
struct PgQueuerBaseline {
    static let version = "1.6.0"
    let python: String
    let tool: String
    let environment: [String]
    let work: URL

    struct Figures {
        /// Jobs processed a second.
        var rate: Double
        /// Jobs enqueued a second (processed plus still queued, over the elapsed time).
        var enqueued: Double

        /// `--jobs-without-baseline`: ratios against 1 job/s, clearly not figures to quote.
        static let skipped = Figures(rate: .nan, enqueued: .nan)
    }

    static func prepare(admin config: PGConnectionConfig, work: URL) async throws -> PgQueuerBaseline {
        let venv = FileManager.default.currentDirectoryPath + "/.build/pgqueuer-venv"
        let python = venv + "/bin/python"
        let shell = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        if !FileManager.default.fileExists(atPath: python) {
            say("  installing PgQueuer \(version) and its benchmark's dependencies into \(venv) …")
            try checked(["/usr/bin/env", "python3", "-m", "venv", venv], shell, work)
        }
        try checked([python, "-m", "pip", "install", "-q", "pgqueuer==\(version)", "asyncpg", "typer", "uvloop", "pydantic", "tabulate", "tqdm"], shell, work)
        let source = work.appending(path: "pgqueuer-src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try checked([python, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "pgqueuer==\(version)", "-d", source.path], shell, work)
        try checked(["/usr/bin/env", "tar", "-xzf", source.appending(path: "pgqueuer-\(version).tar.gz").path, "-C", source.path], shell, work)
        let tool = source.appending(path: "pgqueuer-\(version)/tools/benchmark.py").path
        let parameters = try config.resolvedParameters()
        var environment = shell.filter { !$0.hasPrefix("PG") }
        environment += ["PGHOST=\(parameters["host"] ?? "")", "PGPORT=\(parameters["port"] ?? "5432")", "PGUSER=\(parameters["user"] ?? "postgres")",
                        "PGDATABASE=\(parameters["dbname"] ?? "pgq_bench")", "PGPASSWORD=\(parameters["password"] ?? "")"]
        try checked([venv + "/bin/pgq", "install"], environment, work)
        return PgQueuerBaseline(python: python, tool: tool, environment: environment, work: work)
    }

    /// Runs the tool with `arguments`; its JSON result.
    func run(_ arguments: [String]) throws -> Figures {
        let output = work.appending(path: "pgq-\(UUID().uuidString.prefix(8)).json")
        try Self.checked([python, tool] + arguments + ["--output-json", output.path], environment, work)
        let data = try Data(contentsOf: output)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rate = json["rate"] as? Double, let steps = json["steps"] as? Int, let queued = json["queued"] as? Int,
              let elapsed = json["elapsed"] as? String else {
            throw BenchError("cannot read PgQueuer's result \(output.path)")
        }
        return Figures(rate: rate, enqueued: Double(steps + queued) / Self.seconds(iso8601Duration: elapsed, fallback: Double(steps) / rate))
    }

    /// Pydantic writes a timedelta as an ISO 8601 duration ("PT12.5S").
    static func seconds(iso8601Duration text: String, fallback: Double) -> Double {
        guard text.hasPrefix("PT"), text.hasSuffix("S") else { return fallback }
        var rest = text.dropFirst(2).dropLast()
        var total = 0.0
        if let h = rest.firstIndex(of: "H") { total += (Double(rest[..<h]) ?? 0) * 3600; rest = rest[rest.index(after: h)...] }
        if let m = rest.firstIndex(of: "M") { total += (Double(rest[..<m]) ?? 0) * 60; rest = rest[rest.index(after: m)...] }
        total += Double(rest) ?? 0
        return total > 0 ? total : fallback
    }

    static func checked(_ argv: [String], _ environment: [String], _ work: URL) throws {
        let log = work.appending(path: "pgq.log").path
        let status = try LocalPostgres.spawnAndWait(argv, environment: environment, outputPath: log)
        guard status == 0 else {
            let tail = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            throw BenchError("\(argv.prefix(3).joined(separator: " ")) … failed (exit \(status)):\n\(tail)")
        }
    }
}
