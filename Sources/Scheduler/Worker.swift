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
    /// Completions of non-transactional jobs, written in batches.
    nonisolated let completions: CompletionBatcher
    /// Counters, timers and gauges (no-ops unless the process bootstrapped a metrics backend).
    nonisolated let metrics: WorkerMetrics

    /// The jobs running here, by id.
    private var running: [Int64: RunningJob] = [:]
    /// Jobs claimed ahead of free slots, in claim order (see `WorkerConfiguration.prefetch`).
    private var ready: [Job] = []
    /// The jobs claimed ahead and not started, for logs and tests.
    public var claimedAhead: [Int64] { ready.map(\.id) }
    /// Jobs the last heartbeat did not return (see `heartbeatLoop`).
    var suspectedLost: Set<Int64> = []
    /// Where a claim during a backlog starts.
    private var claimPosition = ClaimPosition()
    /// Claims on their way, the jobs they asked for, and claims failed in a row.
    private var claimsInFlight = 0
    private var roomAskedFor = 0
    private var claimFailures = 0
    /// Whether the claim loop was woken while it could not claim (see `claimLoop`).
    private var wokenDuringClaims = false
    /// Jobs done whose completion is being recorded (their slots are free already).
    private var recording: Set<Int64> = []
    /// Whether the last claim filled every slot it asked for (more jobs are probably due).
    /// Completions then go with the next claim, which is sure to come: every completion frees
    /// room for it.
    private var backlog = false {
        didSet { if backlog != oldValue { completions.setCarriedByClaims(backlog && !isStopping) } }
    }
    /// Jobs finished here, for logs and tests.
    private(set) public var finishedCount = 0
    nonisolated let wake = WakeSignal()
    nonisolated let stopRequested = Locked(false)
    nonisolated let draining = Locked(false)
    /// Whether the listener probe's notification arrived (see `probeListener`).
    nonisolated let probeAnswered = Locked(false)

    struct RunningJob {
        var attempt: Int32
        var run: JobRun
        var task: Task<Void, Never>
    }

    /// - Parameters:
    ///   - pool: connections for claiming, running and finishing jobs (at least concurrency + 2).
    ///   - listenerConfig: a direct connection for LISTEN (never through a transaction pooler).
    public init(configuration: WorkerConfiguration, pool: PGPool, listenerConfig: PGConnectionConfig,
                registry: JobRegistry, logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.listenerConfig = listenerConfig
        self.registry = registry
        self.completions = CompletionBatcher(pool: pool, workerId: configuration.workerId)
        self.metrics = WorkerMetrics(workerId: configuration.workerId)
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
                group.addTask { await self.deadlineLoop() }
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
        completions.setCarriedByClaims(false)
        wake.signal()
    }

    var isStopping: Bool { stopRequested.withLock { $0 } }

    // MARK: Claiming

    /// Claims jobs for free slots. While there is a backlog (the last claim filled every slot it
    /// asked for), it also claims up to `prefetch` jobs ahead, which start as slots free; it
    /// claims for several slots at once (short jobs end together, and a claim per slot would
    /// cost a round trip per job: the first free slot waits at most ``claimCoalescing`` for
    /// others); and it lets a second claim go out while one is on its way, so that the worker is
    /// not idle for a round trip per batch. A backlog is also claimed from where the last claim
    /// ended (see ``ClaimPosition``).
    private func claimLoop() async {
        while !isStopping {
            var room = claimRoom
            if room > 0 && backlog && room < claimBatchFloor {
                await wake.wait(timeout: Self.claimCoalescing)
                room = claimRoom
            }
            // After a failure, one claim at a time (it waits out its backoff before it ends).
            let limit = backlog && claimFailures == 0 ? Self.claimsInFlightUnderBacklog : 1
            if room > 0 && !isStopping && claimsInFlight < limit {
                claimsInFlight += 1
                roomAskedFor += room
                let after = backlog ? claimPosition.next() : nil
                let done = completions.takeForClaim()
                Task { await self.claim(room, after: after, carrying: done) }
                continue
            }
            await wake.wait(timeout: configuration.pollInterval)
            // Woken (a notification, say) while claims were on their way, which may have looked
            // before the news: the next one to end wakes this loop again.
            if claimsInFlight > 0 { wokenDuringClaims = true }
        }
    }

    /// One claim for `room` jobs, carrying completions; then wakes the claim loop unless the
    /// queue came up short (a notification or the poll interval wakes it then).
    private func claim(_ room: Int, after: ClaimPosition.Key?, carrying done: CompletionBatcher.Batch) async {
        var claimAgain = true
        defer {
            claimsInFlight -= 1
            roomAskedFor -= room
            if claimAgain || wokenDuringClaims || isStopping {
                wokenDuringClaims = false
                wake.signal()
            }
        }
        do {
            let claim: SQL = """
                SELECT \(Job.columns) FROM scheduler.claim(\(configuration.workerId), \(configuration.queues), \(Int32(room)),
                                                         \(after?.priority), \(after?.runAt), \(after?.id), \(done.ids), \(done.attempts)) j
                """
            let rows = try await pool.withConnection { try await $0.fetchAll(claim.prepared, as: Job.self) }
            claimFailures = 0
            // The completions carried come first, completed; then the jobs claimed.
            let jobs = rows.filter { $0.state == .running }
            for job in jobs { metrics.claimed(job) }
            completions.resolve(done, completed: Set(rows.lazy.filter { $0.state == .completed }.map(\.id)))
            ready.append(contentsOf: jobs)
            // Once stopping, jobs claimed are released by `drain`, not started.
            if !isStopping { startReady() }
            if jobs.count < room && after != nil {
                // Short after the position: the next claim looks from the front.
                claimPosition.reset()
                return
            }
            backlog = jobs.count == room
            if backlog { claimPosition.advance(past: jobs, fromFront: after == nil) }
            claimAgain = backlog
        } catch {
            completions.giveBack(done)
            claimFailures += 1
            logger.warning("cannot claim jobs; retrying", metadata: ["error": "\(error)", "failures": "\(claimFailures)"])
            let until = ContinuousClock.now + Self.backoff(claimFailures)
            while ContinuousClock.now < until && !isStopping { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// Claims on their way at once while a backlog lasts.
    static let claimsInFlightUnderBacklog = 2

    /// How many jobs the next claim asks for: free slots, and while there is a backlog, the
    /// prefetch too, less what the claims on their way asked for.
    private var claimRoom: Int {
        let held = running.count + ready.count + roomAskedFor
        return configuration.concurrency + (backlog ? configuration.prefetch : 0) - held
    }

    /// With a backlog, a claim waits for room for this many jobs (or ``claimCoalescing``).
    private var claimBatchFloor: Int { max(1, configuration.concurrency / 2) }

    /// How long a free slot waits for others to free up while there is a backlog.
    static let claimCoalescing = Duration.milliseconds(5)

    /// 0.1 s doubling to 5 s.
    static func backoff(_ failures: Int) -> Duration {
        .milliseconds(min(5000, 100 << min(failures - 1, 6)))
    }

    /// Starts claimed jobs while slots are free.
    private func startReady() {
        guard !ready.isEmpty else { return }
        let count = min(ready.count, configuration.concurrency - running.count)
        guard count > 0 else { return }
        for job in ready.prefix(count) { start(job) }
        ready.removeFirst(count)
    }

    private func start(_ job: Job) {
        // An unknown kind fails at once; its limit does not matter.
        let run = JobRun(deadline: .now + (registry[job.kind]?.timeout ?? .seconds(60)))
        // Detached: the job runs off the actor from its first instruction (no hop through it).
        let task = Task.detached { await self.execute(job, run) }
        running[job.id] = RunningJob(attempt: job.attempt, run: run, task: task)
    }

    /// Stops attempts that run past their kind's time limit (their statement is cancelled on the
    /// server and their transaction rolls back); they fail with "timed out after N seconds".
    /// One watch for all jobs, rather than a timer per job.
    func deadlineLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.deadlineResolution)
            let now = ContinuousClock.now
            for (_, job) in running where job.run.expire(now: now) {
                job.task.cancel()
            }
        }
    }

    /// How late past its limit an attempt may be stopped.
    static let deadlineResolution = Duration.milliseconds(50)

    /// The jobs this worker holds in the database: claimed ahead, running, or done with their
    /// completion not yet recorded.
    var runningIds: [Int64] { Array(running.keys) + recording + ready.map(\.id) }

    /// A job the database no longer counts as ours: stop its task (its transaction rolls back),
    /// or forget it if it has not started.
    func stopLost(_ id: Int64) {
        if let index = ready.firstIndex(where: { $0.id == id }) {
            logger.warning("job claimed ahead is no longer this worker's (rescued or cancelled); dropping it", metadata: ["job": "\(id)"])
            ready.remove(at: index)
            return
        }
        guard let job = running[id] else { return }
        logger.warning("job is no longer this worker's (rescued or cancelled); stopping it", metadata: ["job": "\(id)"])
        job.task.cancel()
    }

    /// A non-transactional job's work is done: its slot is free for the next job while its
    /// completion is recorded (in a batch; see ``CompletionBatcher``).
    func workDone(_ id: Int64) {
        guard running.removeValue(forKey: id) != nil else { return }
        recording.insert(id)
        slotFreed()
    }

    func finished(_ id: Int64) {
        if running.removeValue(forKey: id) != nil {
            slotFreed()
        } else {
            recording.remove(id)
            if isStopping { wake.signal() }
        }
        finishedCount += 1
    }

    private func slotFreed() {
        if !isStopping { startReady() }
        // With a backlog the claim loop wants the first free room (to start waiting for more)
        // and room enough for a batch; other ends would only wake it for nothing.
        let room = claimRoom
        if !backlog || room == 1 || room >= claimBatchFloor || isStopping { wake.signal() }
    }

    // MARK: Stopping

    /// Releases the jobs claimed ahead at once, waits up to the grace period for running jobs,
    /// then cancels and releases the rest; waits for completions still being recorded either way.
    private func drain() async {
        // No new claims; wait for those on their way (what they claim is released below).
        while claimsInFlight > 0 { await wake.wait(timeout: .milliseconds(50)) }
        // Claims are over: completions are written on their own from now on.
        completions.setCarriedByClaims(false)
        if !ready.isEmpty {
            let ids = ready.map(\.id)
            ready.removeAll()
            if let released = await release(ids) {
                logger.info("stopping: released the jobs claimed ahead", metadata: ["released": "\(released)"])
            }
        }
        let deadline = ContinuousClock.now + configuration.gracePeriod
        if !running.isEmpty {
            logger.info("stopping: waiting for running jobs", metadata: ["running": "\(running.count)",
                                                                          "grace_seconds": "\(configuration.gracePeriod.seconds)"])
        }
        while !(running.isEmpty && recording.isEmpty) && ContinuousClock.now < deadline {
            await wake.wait(timeout: min(.milliseconds(200), deadline - ContinuousClock.now))
        }
        if !running.isEmpty { await cancelAndRelease() }
        while !recording.isEmpty {
            await wake.wait(timeout: .milliseconds(200))
        }
    }

    private func cancelAndRelease() async {
        draining.withLock { $0 = true }
        let left = running
        for (_, job) in left { job.task.cancel() }
        for (_, job) in left { await job.task.value }
        let ids = Array(left.keys)
        if let released = await release(ids) {
            logger.warning("grace period over: released unfinished jobs", metadata: ["released": "\(released)", "ids": "\(ids)"])
        }
        running.removeAll()
    }

    /// Gives jobs back to the queue (their attempt undone) for any worker; how many went back,
    /// or nil when the database could not be reached (they will be rescued).
    private func release(_ ids: [Int64]) async -> Int32? {
        do {
            return try await pool.withConnection { db in
                try await db.fetchValue("SELECT scheduler.release(\(configuration.workerId), \(ids))", as: Int32.self) ?? 0
            }
        } catch {
            logger.error("cannot release jobs; they will be rescued", metadata: ["error": "\(error)", "ids": "\(ids)"])
            return nil
        }
    }

    // MARK: Metrics

    /// Samples the queue gauges from the database: jobs per queue and state (available,
    /// running, retryable) and the age of each queue's oldest due job. For a metrics writer to
    /// call before it writes.
    public func sampleQueues() async throws {
        var sample = QueueSample()
        let rows = try await pool.withConnection { db in
            try await db.fetchAll("""
                SELECT queue, state, count(*),
                       coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE state = 'available' AND run_at <= now())), 0)::float8
                FROM scheduler.job WHERE state IN ('available', 'running', 'retryable') GROUP BY queue, state
                """, as: (String, String, Int64, Double).self)
        }
        for (queue, state, count, oldest) in rows {
            sample.counts[QueueSample.Key(queue: queue, state: state)] = count
            if state == "available" { sample.oldestAvailable[queue] = oldest }
        }
        metrics.record(sample, queues: configuration.queues)
    }

    // MARK: Wake-ups

    /// LISTEN on `mtl_jobs`: every notification (an enqueue or a release) wakes the claim loop.
    /// Once listening, a probe checks that notifications reach the listener (see
    /// ``probeListener(channel:)``).
    private func listenLoop() async {
        let listener = PGListener(config: listenerConfig, logger: logger)
        let probeChannel = "mtl_probe_" + String(UInt64.random(in: 1 ... .max), radix: 16)
        var probe: Task<Void, Never>?
        defer { probe?.cancel() }
        do {
            for try await event in listener.events(channels: ["mtl_jobs", probeChannel]) {
                if isStopping { return }
                switch event {
                case .listening(let reconnected):
                    if reconnected { logger.info("listening again after a lost connection") }
                    if probe == nil { probe = Task { await self.probeListener(channel: probeChannel) } }
                    wake.signal()
                case .notification(let notification) where notification.channel == probeChannel:
                    probeAnswered.withLock { $0 = true }
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

    /// Sends a notification through the pool on a channel only this worker listens on, and
    /// waits a few seconds for it. It does not come when the listener is not where the pool's
    /// notifications go, which is what happens when both go through a transaction-mode pooler
    /// (the pooler drops a notification for a server connection no client holds): the worker
    /// then says that wake-ups fall back to polling, and what to do about it.
    private func probeListener(channel: String) async {
        do {
            try await pool.withConnection { try await PGListener.notify($0, channel: channel) }
        } catch {
            logger.warning("cannot send the listener probe", metadata: ["error": "\(error)"])
            return
        }
        let deadline = ContinuousClock.now + Self.listenerProbeWait
        while ContinuousClock.now < deadline && !Task.isCancelled {
            if probeAnswered.withLock({ $0 }) {
                logger.info("wake-ups by notification work")
                return
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        guard !Task.isCancelled, !isStopping else { return }
        logger.warning("""
            notifications do not reach this worker's listener: wake-ups fall back to polling every \(configuration.pollInterval.seconds) s. \
            Behind a transaction-mode pooler such as PgBouncer, give the worker a direct connection for LISTEN (--listen-database).
            """)
    }

    /// How long the listener probe waits for its notification.
    static let listenerProbeWait: Duration = .seconds(5)
}
