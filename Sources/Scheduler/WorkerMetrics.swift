import Foundation
import Metrics

/// What a worker reports through swift-metrics: a no-op until the process bootstraps a metrics
/// backend (`mtl scheduler run --metrics-file` bootstraps swift-prometheus). Every series carries
/// the worker's id, so several workers' files can be collected side by side.
///
/// - `mtl_jobs_claimed_total{kind}`, `mtl_jobs_completed_total{kind}`,
///   `mtl_jobs_failed_total{kind,outcome="retryable"|"discarded"}`, `mtl_jobs_retried_total{kind}`
///   (claims of a job's second or later attempt);
/// - `mtl_job_run_seconds{kind}`: an attempt's run time, and `mtl_job_start_latency_seconds{kind}`:
///   from when the job was due (its enqueue, for jobs due at once) to its claim, both histograms;
/// - `mtl_jobs{queue,state}` and `mtl_job_oldest_available_seconds{queue}`: gauges sampled from
///   the database (see ``QueueSample``).
struct WorkerMetrics: Sendable {
    let workerId: String

    func claimed(_ job: Job) {
        Counter(label: "mtl_jobs_claimed_total", dimensions: dimensions(job)).increment()
        if job.attempt > 1 { Counter(label: "mtl_jobs_retried_total", dimensions: dimensions(job)).increment() }
        if let claimedAt = job.attemptedAt {
            Timer(label: "mtl_job_start_latency_seconds", dimensions: dimensions(job))
                .recordSeconds(max(0, claimedAt.timeIntervalSince(job.runAt)))
        }
    }

    func ran(_ job: Job, for duration: Duration) {
        Timer(label: "mtl_job_run_seconds", dimensions: dimensions(job)).record(duration: duration)
    }

    func completed(_ job: Job) {
        Counter(label: "mtl_jobs_completed_total", dimensions: dimensions(job)).increment()
    }

    func failed(_ job: Job, outcome: String) {
        Counter(label: "mtl_jobs_failed_total", dimensions: dimensions(job) + [("outcome", outcome)]).increment()
    }

    /// Sets the queue gauges from a sample; queues and states missing from it read 0.
    func record(_ sample: QueueSample, queues: [String]) {
        for queue in Set(queues).union(sample.counts.keys.map(\.queue)) {
            for state in Job.State.allCases where state != .completed && state != .cancelled && state != .discarded {
                Gauge(label: "mtl_jobs", dimensions: [("worker", workerId), ("queue", queue), ("state", state.rawValue)])
                    .record(sample.counts[QueueSample.Key(queue: queue, state: state.rawValue)] ?? 0)
            }
            Gauge(label: "mtl_job_oldest_available_seconds", dimensions: [("worker", workerId), ("queue", queue)])
                .record(sample.oldestAvailable[queue] ?? 0)
        }
    }

    private func dimensions(_ job: Job) -> [(String, String)] {
        [("worker", workerId), ("kind", job.kind)]
    }
}

/// The jobs waiting or running per queue and state, and the age of each queue's oldest due job.
public struct QueueSample: Sendable {
    struct Key: Hashable { var queue: String; var state: String }
    var counts: [Key: Int64] = [:]
    var oldestAvailable: [String: Double] = [:]
}
