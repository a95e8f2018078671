import Logging

/// A bounded pool of connections.
///
/// - At most `maxConnections` are open; a caller that finds none free waits in line, up to
///   `acquireTimeout`, and can be cancelled while waiting.
/// - A connection goes back to the pool only when it is idle: one returned inside a transaction
///   is rolled back first, and one that is broken is closed and replaced.
/// - Idle connections are checked (without a round trip) before they are handed out, so the pool
///   recovers by itself after the server restarts.
/// - ``close()`` drains: new requests fail, waiters are released, and it returns once every
///   leased connection has come back and all are closed.
public actor PGPool {
    public struct Options: Sendable {
        public var maxConnections: Int
        public var acquireTimeout: Duration
        public init(maxConnections: Int = 10, acquireTimeout: Duration = .seconds(30)) {
            precondition(maxConnections > 0, "a pool needs at least one connection")
            self.maxConnections = maxConnections
            self.acquireTimeout = acquireTimeout
        }
    }

    public nonisolated let config: PGConnectionConfig
    public nonisolated let options: Options
    let logger: Logger

    private var idle: [PGConnection] = []
    private var leased = 0
    private var opening = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var closed = false
    private var drainers: [CheckedContinuation<Void, Never>] = []

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<PGConnection, Error>
        let timer: Task<Void, Never>
    }

    public init(config: PGConnectionConfig, options: Options = Options(), logger: Logger = Logger(label: "pgkit.pool")) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    /// Numbers for monitoring: open (idle + leased), idle, leased, waiting.
    public var statistics: (open: Int, idle: Int, leased: Int, waiting: Int) {
        (idle.count + leased, idle.count, leased, waiters.count)
    }

    /// Lends a connection to `body` and takes it back afterwards, whatever happens.
    @discardableResult
    public func withConnection<T: Sendable>(
        _ body: sending (PGConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        do {
            // The body runs on the connection's own thread, so its statements switch no threads.
            let value = try await withTaskExecutorPreference(connection.taskExecutor) { try await body(connection) }
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// A transaction on a pooled connection.
    @discardableResult
    public func transaction<T: Sendable>(
        isolation level: PGIsolationLevel? = nil,
        readOnly: Bool = false,
        _ body: sending (PGConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await connection.transaction(isolation: level, readOnly: readOnly, body)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// One statement on a pooled connection.
    @discardableResult
    public nonisolated func query(_ sql: SQL) async throws -> PGResult {
        try await withConnection { try await $0.query(sql) }
    }

    // MARK: Lending

    /// Takes a connection; give it back with ``release(_:)``. Prefer ``withConnection(_:)``.
    public func acquire() async throws -> PGConnection {
        guard !closed else { throw PGError(.poolClosed, "the connection pool is closed") }
        while let connection = idle.popLast() {
            leased += 1
            if !connection.hasUnreadInput { return connection }
            if await connection.checkAlive() { return connection }
            leased -= 1
            logger.info("discarding a dead pooled connection")
            await connection.close()
        }
        if idle.count + leased + opening < options.maxConnections {
            opening += 1
            defer { opening -= 1 }
            let connection = try await PGConnection.connect(config, logger: logger)
            leased += 1
            return connection
        }
        return try await waitForConnection()
    }

    /// Returns a connection. One left in a transaction is rolled back; a broken one is closed.
    public func release(_ connection: PGConnection) async {
        leased -= 1
        let (usable, state) = await connection.returnState
        var reusable = usable
        if reusable, state != .idle {
            logger.warning("a connection came back inside a transaction; rolling it back")
            reusable = (try? await connection.control("ROLLBACK")) != nil
            reusable = reusable ? await connection.transactionState == .idle : false
        }
        if !reusable || closed {
            await connection.close()
            finishDrainIfDone()
            replenish()
            return
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.timer.cancel()
            leased += 1
            waiter.continuation.resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Drains the pool: refuses new requests, fails waiters, waits for leased connections to
    /// come back, and closes everything.
    public func close() async {
        closed = true
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: PGError(.poolClosed, "the connection pool closed while waiting"))
        }
        waiters.removeAll()
        for connection in idle { await connection.close() }
        idle.removeAll()
        if leased > 0 {
            await withCheckedContinuation { drainers.append($0) }
        }
    }

    // MARK: Waiting

    private func waitForConnection() async throws -> PGConnection {
        nextWaiterID += 1
        let id = nextWaiterID
        let timeout = options.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    if !Task.isCancelled { await self?.expire(id) }
                }
                waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func expire(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.continuation.resume(throwing: PGError(
            .poolTimeout,
            "no database connection became free within \(options.acquireTimeout) (pool of \(options.maxConnections))"))
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.timer.cancel()
        waiter.continuation.resume(throwing: CancellationError())
    }

    /// Opens a connection for the first waiter when a broken one left room.
    private func replenish() {
        guard !closed, !waiters.isEmpty, idle.count + leased + opening < options.maxConnections else { return }
        opening += 1
        Task {
            let connection = try? await PGConnection.connect(config, logger: logger)
            await self.opened(connection)
        }
    }

    private func opened(_ connection: PGConnection?) async {
        opening -= 1
        guard let connection else {
            if !waiters.isEmpty {
                let waiter = waiters.removeFirst()
                waiter.timer.cancel()
                waiter.continuation.resume(throwing: PGError(.connection, "cannot connect to \(config)"))
            }
            return
        }
        leased += 1
        await release(connection)
    }

    private func finishDrainIfDone() {
        guard closed, leased == 0 else { return }
        for drainer in drainers { drainer.resume() }
        drainers.removeAll()
    }
}
