import Logging
import Synchronization

/// A bounded pool of connections.
///
/// - At most `maxConnections` are open; a caller that finds none free waits in line, up to
///   `acquireTimeout`, and can be cancelled while waiting.
/// - A connection goes back to the pool only when it is idle: one returned inside a transaction
///   is rolled back first, and one that is broken is closed and replaced.
/// - Idle connections are checked before they are handed out, so the pool recovers by itself
///   after the server restarts.
/// - ``close()`` drains: new requests fail, waiters are released, and it returns once every
///   leased connection has come back and all are closed.
///
/// The pool's bookkeeping sits behind a lock rather than in an actor: lending an idle
/// connection then costs no hop between threads, and ``withConnection(isolation:_:)`` runs its
/// body on the connection's own thread, so a pooled statement switches threads no more than a
/// direct one.
public final class PGPool: Sendable {
    public struct Options: Sendable {
        public var maxConnections: Int
        public var acquireTimeout: Duration
        public init(maxConnections: Int = 10, acquireTimeout: Duration = .seconds(30)) {
            precondition(maxConnections > 0, "a pool needs at least one connection")
            self.maxConnections = maxConnections
            self.acquireTimeout = acquireTimeout
        }
    }

    public let config: PGConnectionConfig
    public let options: Options
    let logger: Logger
    private let state = Locked(State())

    /// What a waiting caller is given: a connection, or the right to open one.
    private enum Grant: Sendable {
        case connection(PGConnection)
        case open
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, Error>
        let timer: Task<Void, Never>
    }

    private struct State: ~Copyable {
        var idle: [PGConnection] = []
        var leased = 0
        var opening = 0
        var waiters: [Waiter] = []
        var cancelledBeforeWaiting: Set<UInt64> = []
        var nextID: UInt64 = 0
        var closed = false
        var drainers: [CheckedContinuation<Void, Never>] = []

        var open: Int { idle.count + leased + opening }
    }

    public init(config: PGConnectionConfig, options: Options = Options(), logger: Logger = Logger(label: "pgkit.pool")) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    /// Numbers for monitoring: open (idle + leased), idle, leased, waiting.
    public var statistics: (open: Int, idle: Int, leased: Int, waiting: Int) {
        state.withLock { ($0.idle.count + $0.leased, $0.idle.count, $0.leased, $0.waiters.count) }
    }

    // MARK: Using a connection

    /// Lends a connection to `body`, on the connection's own thread, and takes it back
    /// afterwards, whatever happens.
    @discardableResult
    public func withConnection<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PGConnection) async throws -> T
    ) async throws -> T {
        let connection = try await acquire()
        do {
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
    public func query(_ sql: SQL) async throws -> PGResult {
        try await withConnection { try await $0.query(sql) }
    }

    // MARK: Lending

    /// Takes a connection; give it back with ``release(_:)``. Prefer ``withConnection(isolation:_:)``.
    public func acquire() async throws -> PGConnection {
        while true {
            switch try await grant() {
            case .connection(let connection):
                if !connection.hasUnreadInput { return connection }
                if await connection.checkAlive() { return connection }
                logger.info("discarding a dead pooled connection")
                await discard(connection)
            case .open:
                let connection: PGConnection
                do {
                    connection = try await PGConnection.connect(config, logger: logger)
                } catch {
                    state.withLock { $0.opening -= 1 }
                    finishDrainIfDone()
                    throw error
                }
                let closed = state.withLock { state in
                    state.opening -= 1
                    if !state.closed { state.leased += 1 }
                    return state.closed
                }
                if closed {
                    await connection.close()
                    finishDrainIfDone()
                    throw PGError(.poolClosed, "the connection pool is closed")
                }
                return connection
            }
        }
    }

    /// Returns a connection. One left in a transaction is rolled back; a broken one is closed.
    public func release(_ connection: PGConnection) async {
        let (usable, transaction) = await connection.returnState
        var reusable = usable
        if reusable, transaction != .idle {
            logger.warning("a connection came back inside a transaction; rolling it back")
            reusable = (try? await connection.control("ROLLBACK")) != nil
            reusable = reusable ? await connection.transactionState == .idle : false
        }
        guard reusable else {
            await discard(connection)
            return
        }
        let keep = state.withLock { state -> Bool in
            state.leased -= 1
            if state.closed { return false }
            if !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst()
                waiter.timer.cancel()
                state.leased += 1
                waiter.continuation.resume(returning: .connection(connection))
            } else {
                state.idle.append(connection)
            }
            return true
        }
        if !keep {
            await connection.close()
            finishDrainIfDone()
        }
    }

    /// Drains the pool: refuses new requests, fails waiters, waits for leased connections to
    /// come back, and closes everything.
    public func close() async {
        let idle = state.withLock { state -> [PGConnection] in
            state.closed = true
            for waiter in state.waiters {
                waiter.timer.cancel()
                waiter.continuation.resume(throwing: PGError(.poolClosed, "the connection pool closed while waiting"))
            }
            state.waiters.removeAll()
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle { await connection.close() }
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.leased == 0 && state.opening == 0 { return true }
                state.drainers.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Waiting

    /// An idle connection, the right to open one, or a place in line until either comes.
    private func grant() async throws -> Grant {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let timeout = options.acquireTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                state.withLock { state in
                    if state.cancelledBeforeWaiting.remove(id) != nil {
                        continuation.resume(throwing: CancellationError())
                    } else if state.closed {
                        continuation.resume(throwing: PGError(.poolClosed, "the connection pool is closed"))
                    } else if let connection = state.idle.popLast() {
                        state.leased += 1
                        continuation.resume(returning: .connection(connection))
                    } else if state.open < options.maxConnections {
                        state.opening += 1
                        continuation.resume(returning: .open)
                    } else {
                        let timer = Task { [weak self] in
                            try? await Task.sleep(for: timeout)
                            if !Task.isCancelled { self?.expire(id) }
                        }
                        state.waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
                    }
                }
            }
        } onCancel: {
            state.withLock { state in
                if let index = state.waiters.firstIndex(where: { $0.id == id }) {
                    let waiter = state.waiters.remove(at: index)
                    waiter.timer.cancel()
                    waiter.continuation.resume(throwing: CancellationError())
                } else {
                    state.cancelledBeforeWaiting.insert(id)
                }
            }
        }
    }

    private func expire(_ id: UInt64) {
        state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return }
            let waiter = state.waiters.remove(at: index)
            waiter.continuation.resume(throwing: PGError(
                .poolTimeout,
                "no database connection became free within \(options.acquireTimeout) (pool of \(options.maxConnections))"))
        }
    }

    /// Closes a broken connection; its place goes to the first waiter, who opens a new one.
    private func discard(_ connection: PGConnection) async {
        state.withLock { state in
            state.leased -= 1
            if !state.closed, !state.waiters.isEmpty {
                let waiter = state.waiters.removeFirst()
                waiter.timer.cancel()
                state.opening += 1
                waiter.continuation.resume(returning: .open)
            }
        }
        await connection.close()
        finishDrainIfDone()
    }

    private func finishDrainIfDone() {
        let drainers = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.closed, state.leased == 0, state.opening == 0 else { return [] }
            defer { state.drainers.removeAll() }
            return state.drainers
        }
        for drainer in drainers { drainer.resume() }
    }
}
