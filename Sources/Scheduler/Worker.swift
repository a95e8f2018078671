import Foundation
import Logging
import PGKit
import ServiceLifecycle
import Synchronization

/// A worker process's engine: claims due jobs of its queues and runs them, keeps them alive,
/// rescues jobs of silent workers, and fires due schedules. Any number of workers on any number
/// of machines share the queue through the database.
///
/// It is a `Service`: run it in a `ServiceGroup`, which turns SIGTERM/SIGINT into a graceful
/// shutdown: the worker stops claiming, lets running jobs finish within the grace period, and
/// releases the rest for other workers.
public actor Worker: Service {
    public nonisolated let configuration: WorkerConfiguration
    let pool: PGPool
    let listenerConfig: PGConnectionConfig
    let registry: JobRegistry
    nonisolated let logger: Logger

    /// The jobs running here, by id.
    private var running: [Int64: RunningJob] = [:]
    /// Jobs the last heartbeat did not return (see `heartbeatLoop`).
    var suspectedLost: Set<Int64> = []
    /// Jobs finished here, for logs and tests.
    private(set) public var finishedCount = 0
    nonisolated let wake = WakeSignal()
    nonisolated let stopRequested = Locked(false)
    nonisolated let draining = Locked(false)

    struct RunningJob {
        var attempt: Int32
        var task: Task<Void, Never>
    }

    /// - Parameters:
    ///   - pool: connections for claiming, running and finishing jobs (at least concurrency + 2).
    ///   - listenerConfig: a direct connection for LISTEN (never through a transaction pooler).
    public init(configuration: WorkerConfiguration, pool: PGPool, listenerConfig: PGConnectionConfig,
                registry: JobRegistry = .standard, logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.listenerConfig = listenerConfig
        self.registry = registry
        var logger = logger
        logger[metadataKey: "worker"] = "\(configuration.workerId)"
        self.logger = logger
    }

    public func run() async throws {
        logger.info("worker started", metadata: [
            "queues": "\(configuration.queues.joined(separator: ","))", "concurrency": "\(configuration.concurrency)",
            "kinds": "\(registry.names.joined(separator: ","))"])
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.listenLoop() }
                group.addTask { await self.heartbeatLoop() }
                group.addTask { await self.maintenanceLoop() }
                await self.claimLoop()
                await self.drain()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.requestStop()
        }
        logger.info("worker stopped", metadata: ["jobs_finished": "\(finishedCount)"])
    }

    /// Stops claiming; running jobs get the grace period. Safe from any thread.
    public nonisolated func requestStop() {
        stopRequested.withLock { $0 = true }
        wake.signal()
    }

    var isStopping: Bool { stopRequested.withLock { $0 } }

    // MARK: Claiming

    private func claimLoop() async {
        var failures = 0
        while !isStopping {
            let free = configuration.concurrency - running.count
            if free > 0 {
                do {
                    let jobs = try await pool.withConnection { db in
                        try await db.fetchAll("""
                            SELECT \(Job.columns) FROM scheduler.claim(\(configuration.workerId), \(configuration.queues), \(Int32(free))) j
                            """, as: Job.self)
                    }
                    failures = 0
                    for job in jobs { start(job) }
                    // A full batch: there may be more waiting.
                    if !jobs.isEmpty && jobs.count == free { continue }
                } catch {
                    failures += 1
                    logger.warning("cannot claim jobs; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                    await wake.wait(timeout: Self.backoff(failures))
                    continue
                }
            }
            await wake.wait(timeout: configuration.pollInterval)
        }
    }

    /// 0.1 s doubling to 5 s.
    static func backoff(_ failures: Int) -> Duration {
        .milliseconds(min(5000, 100 << min(failures - 1, 6)))
    }

    private func start(_ job: Job) {
        let task = Task { await self.execute(job) }
        running[job.id] = RunningJob(attempt: job.attempt, task: task)
    }

    var runningIds: [Int64] { Array(running.keys) }

    /// A job the database no longer counts as ours: stop its task (its transaction rolls back).
    func stopLost(_ id: Int64) {
        guard let job = running[id] else { return }
        logger.warning("job is no longer this worker's (rescued or cancelled); stopping it", metadata: ["job": "\(id)"])
        job.task.cancel()
    }

    func finished(_ id: Int64) {
        running[id] = nil
        finishedCount += 1
        wake.signal()
    }

    // MARK: Stopping

    /// Waits up to the grace period for running jobs, then cancels and releases the rest.
    private func drain() async {
        let deadline = ContinuousClock.now + configuration.gracePeriod
        if !running.isEmpty {
            logger.info("stopping: waiting for running jobs", metadata: ["running": "\(running.count)",
                                                                          "grace_seconds": "\(configuration.gracePeriod.seconds)"])
        }
        while !running.isEmpty && ContinuousClock.now < deadline {
            await wake.wait(timeout: min(.milliseconds(200), deadline - ContinuousClock.now))
        }
        guard !running.isEmpty else { return }
        draining.withLock { $0 = true }
        let left = running
        for (_, job) in left { job.task.cancel() }
        for (_, job) in left { await job.task.value }
        let ids = Array(left.keys)
        do {
            let released = try await pool.withConnection { db in
                try await db.fetchValue("SELECT scheduler.release(\(configuration.workerId), \(ids))", as: Int32.self) ?? 0
            }
            logger.warning("grace period over: released unfinished jobs", metadata: ["released": "\(released)", "ids": "\(ids)"])
        } catch {
            logger.error("cannot release unfinished jobs; they will be rescued", metadata: ["error": "\(error)", "ids": "\(ids)"])
        }
        running.removeAll()
    }

    // MARK: Wake-ups

    /// LISTEN on `mtl_jobs`: every notification (an enqueue or a release) wakes the claim loop.
    private func listenLoop() async {
        let listener = PGListener(config: listenerConfig, logger: logger)
        do {
            for try await event in listener.events(channels: ["mtl_jobs"]) {
                if isStopping { return }
                switch event {
                case .listening(let reconnected):
                    if reconnected { logger.info("listening again after a lost connection") }
                    wake.signal()
                case .notification:
                    wake.signal()
                }
            }
        } catch {
            if !Task.isCancelled {
                logger.warning("cannot LISTEN; polling only", metadata: ["error": "\(error)",
                                                                         "poll_seconds": "\(configuration.pollInterval.seconds)"])
            }
        }
    }
}
