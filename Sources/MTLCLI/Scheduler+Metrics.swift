import Foundation
import Logging
import Metrics
import Prometheus
import Scheduler
import ServiceLifecycle

/// Writes a worker's metrics in Prometheus's text format to a file, for node_exporter's
/// textfile collector (`--collector.textfile.directory`): every interval, once more after the
/// worker stopped, each time to a temporary file renamed over the last one, so the collector
/// never reads half a file.
///
/// A file rather than an HTTP port: the worker then listens on nothing (no port to secure or to
/// keep from colliding between several workers on one host), needs no HTTP server, and the
/// node_exporter that hosts run anyway serves it. Each worker writes its own file; every series
/// carries its `worker` label.
struct MetricsFileWriter: Service {
    let file: URL
    let interval: Duration
    let registry: PrometheusCollectorRegistry
    let worker: Worker
    let logger: Logger

    /// Makes swift-prometheus the process's metrics backend; returns its registry. Once per process.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                                   .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
                                                   .seconds(10), .seconds(30), .seconds(60), .seconds(300)]
        MetricsSystem.bootstrap(factory)
        return registry
    }

    func run() async throws {
        while !Task.isCancelled {
            await write()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
        // The worker stops first (it is after this in the service group); this is its last word.
        await write()
    }

    /// Samples the queues, then writes every series.
    func write() async {
        do {
            try await worker.sampleQueues()
        } catch {
            logger.warning("cannot sample the queues for metrics; writing the rest", metadata: ["error": "\(error)"])
        }
        let temporary = file.deletingLastPathComponent().appending(path: ".\(file.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(registry.emitToBuffer()).write(to: temporary)
            guard rename(temporary.path, file.path) == 0 else {
                throw CLIError("cannot rename \(temporary.path) to \(file.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            logger.warning("cannot write the metrics file", metadata: ["file": "\(file.path)", "error": "\(error)"])
        }
    }
}
