import Foundation
import PGKit
import Testing
import TestSupport

/// `mtl scheduler run --metrics-file`: a real worker process writes Prometheus's text format for
/// node_exporter's textfile collector, and the figures match what the jobs did.
@Suite("worker metrics", .serialized)
struct MetricsFileTests {
    /// The value of the series named `name` whose labels include every one of `labels`.
    static func value(_ text: String, _ name: String, _ labels: [String] = []) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            guard labels.allSatisfy({ line.contains($0) }), let last = line.split(separator: " ").last else { continue }
            return Double(last)
        }
        return nil
    }

    @Test("claimed, completed, failed and retried per kind, run time and start latency histograms, queue gauges; a last write after SIGTERM")
    func metricsFile() async throws {
        try await withTenancy { fixture in
            let login = try await WorkerProcessTests.workerLogin(fixture)
            let db = try await fixture.database.connect()
            let folder = try makeTemporaryDirectory("mtl-metrics")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appending(path: "worker.prom")
            // Five jobs on a queue this worker does not serve, due ten minutes ago.
            try await db.execute("""
                SELECT scheduler.enqueue('scheduler.probe', '{}'::jsonb, 'elsewhere', 0::smallint, now() - interval '10 minutes', 5)
                FROM generate_series(1, 5)
                """)
            _ = try await db.enqueueProbes(20)
            _ = try await db.enqueueProbes(2, args: #"{"fail_until_attempt": 1}"#)
            let worker = try WorkerProcess(database: login, id: "m1", arguments: ["--metrics-file", file.path, "--metrics-interval", "0.5",
                                                                                  "--poll-interval", "0.2"])
            defer { Task { await worker.stop() } }
            try await eventually("22 probes ran, two of them on a second attempt") {
                try await db.fetchValue("SELECT count(*) FROM scheduler.probe", as: Int64.self) == 22
            }
            worker.signal(SIGTERM)
            #expect(await worker.waitForExit() == 0, "\(worker.output.suffix(2000))")
            let text = try String(contentsOf: file, encoding: .utf8)
            let probe = [#"kind="scheduler.probe""#, #"worker="m1""#]
            #expect(Self.value(text, "mtl_jobs_claimed_total", probe) == 24, "\(text)")
            #expect(Self.value(text, "mtl_jobs_completed_total", probe) == 22)
            #expect(Self.value(text, "mtl_jobs_failed_total", probe + [#"outcome="retryable""#]) == 2)
            #expect(Self.value(text, "mtl_jobs_retried_total", probe) == 2)
            #expect(Self.value(text, "mtl_job_run_seconds_count", probe) == 24)
            #expect(Self.value(text, "mtl_job_start_latency_seconds_count", probe) == 24)
            #expect(text.contains("# TYPE mtl_job_run_seconds histogram"))
            // The last write came after the worker stopped: nothing of its queue waits or runs.
            #expect(Self.value(text, "mtl_jobs", [#"queue="default""#, #"state="available""#]) == 0)
            #expect(Self.value(text, "mtl_jobs", [#"queue="default""#, #"state="running""#]) == 0)
            #expect(Self.value(text, "mtl_jobs", [#"queue="elsewhere""#, #"state="available""#]) == 5)
            let oldest = try #require(Self.value(text, "mtl_job_oldest_available_seconds", [#"queue="elsewhere""#]))
            #expect(oldest >= 600 && oldest < 3600, "\(oldest)")
            // No temporary file is left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["worker.prom"])
            await db.close()
        }
    }

    @Test("a metrics file in a folder that does not exist is refused at start")
    func badPath() async throws {
        try await withTenancy { fixture in
            let login = try await WorkerProcessTests.workerLogin(fixture)
            let worker = try WorkerProcess(database: login, id: "m2", arguments: ["--metrics-file", "/nonexistent-folder/worker.prom"])
            defer { Task { await worker.stop() } }
            #expect(await worker.waitForExit() == 1)
            #expect(worker.output.contains("cannot write metrics to /nonexistent-folder/worker.prom"), "\(worker.output)")
        }
    }
}
