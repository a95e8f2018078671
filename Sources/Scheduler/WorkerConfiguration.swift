import Foundation

/// How a worker runs: which queues, how many jobs at once, and its timings.
public struct WorkerConfiguration: Sendable {
    /// Names the worker in `scheduler.job.worker_id` and in logs; unique per process.
    public var workerId: String
    public var queues: [String]
    /// Jobs run at once.
    public var concurrency: Int
    /// While a backlog lasts, jobs claimed ahead of free slots (at most this many), which start
    /// as slots free: a short job then never waits for a claim's round trip. They are this
    /// worker's in the database (kept alive, released on shutdown) and no other worker can take
    /// them meanwhile, so use 0 for queues of long jobs.
    public var prefetch: Int
    /// How often to look for jobs when no notification came (LISTEN/NOTIFY's fallback), and to
    /// fire due schedules.
    public var pollInterval: Duration
    /// How often running jobs are kept alive.
    public var heartbeatInterval: Duration
    /// A running job whose heartbeat is older than this is rescued by any worker.
    public var rescueAfter: Duration
    /// On SIGTERM/SIGINT, how long running jobs may take to finish before they are released.
    public var gracePeriod: Duration
    /// Whether this worker runs the firing loop (every worker may: firings are deduplicated).
    public var firesSchedules: Bool

    /// - Parameter prefetch: nil is `concurrency`.
    public init(workerId: String = WorkerConfiguration.defaultWorkerId(), queues: [String] = ["default"], concurrency: Int = 10,
                prefetch: Int? = nil, pollInterval: Duration = .seconds(1), heartbeatInterval: Duration = .seconds(5), rescueAfter: Duration = .seconds(30),
                gracePeriod: Duration = .seconds(30), firesSchedules: Bool = true) {
        self.workerId = workerId
        self.queues = queues
        self.concurrency = concurrency
        self.prefetch = prefetch ?? concurrency
        self.pollInterval = pollInterval
        self.heartbeatInterval = heartbeatInterval
        self.rescueAfter = rescueAfter
        self.gracePeriod = gracePeriod
        self.firesSchedules = firesSchedules
    }

    /// host:pid, which tells an operator where to look.
    public static func defaultWorkerId() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

extension Duration {
    /// Whole and fractional seconds, for SQL intervals and logs.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
