import CLibPQ
import Foundation
import Logging
import Synchronization

/// One connection to PostgreSQL over libpq.
///
/// The actor runs on its own serial executor (see `ConnectionExecutor`): libpq's blocking calls
/// never occupy Swift's cooperative threads, and a connection is never used by two threads at
/// once. Cancelling the task that awaits a statement cancels the statement on the server.
///
/// A connection serves one task at a time: take one from a ``PGPool`` (or own one) rather than
/// sharing it, because a transaction spans several awaits.
public actor PGConnection {
    let executor: ConnectionExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The connection's thread as a task executor. A task that works mostly with one connection
    /// can prefer it (`withTaskExecutorPreference(connection.taskExecutor) { … }`) so that each
    /// statement runs without switching threads.
    public nonisolated var taskExecutor: any TaskExecutor { executor }

    nonisolated(unsafe) var handle: OpaquePointer?
    let cancelHandle = CancelHandle()
    let notices: NoticeSink
    public nonisolated let config: PGConnectionConfig
    public nonisolated let logger: Logger
    /// The socket, for a quick look without entering the actor (see ``hasUnreadInput``).
    nonisolated let socket = Mutex<Int32>(-1)
    /// Set while a row stream or COPY owns the connection; other statements are refused.
    var busyWith: String?
    var savepointCounter = 0
    /// Statements prepared on this connection: their text and their server-side name.
    var preparedStatements: [String: String] = [:]
    var preparedCounter = 0
    /// Prefixes this connection's statement names, so that no two client connections ever share
    /// one: behind a transaction-mode pooler without prepared statement support (PgBouncer before
    /// 1.21) a name prepared by one client can be found on the server connection another client
    /// lands on, and must then be missing rather than someone else's statement.
    let preparedPrefix = "pgkit_\(String(UInt32.random(in: .min ... .max), radix: 16))_"
    /// Whether statements marked prepared run named here: nil until the first one decides (see
    /// ``PGConnectionConfig/PreparedStatements``); false once a statement this connection had
    /// just prepared was gone at once (such a pooler, undetected).
    var preparedStatementsSurvive: Bool?

    init(config: PGConnectionConfig, logger: Logger) {
        self.config = config
        self.logger = logger
        executor = ConnectionExecutor(label: "pgkit.connection")
        notices = NoticeSink(logger: logger)
    }

    /// Opens a connection. Throws a ``PGError`` of kind `.connection` naming what failed.
    public static func connect(_ config: PGConnectionConfig = PGConnectionConfig(), logger: Logger = Logger(label: "pgkit")) async throws -> PGConnection {
        let connection = PGConnection(config: config, logger: logger)
        try await connection.open()
        return connection
    }

    func open() throws(PGError) {
        let conn = PQconnectdb(config.fullConninfo)
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let error = PGError.connection(conn)
            PQfinish(conn)
            // libpq's message spans lines ("…failed: Connection refused\n\tIs the server running…").
            let message = error.message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            throw PGError(.connection, "cannot connect to \(config): \(message)")
        }
        handle = conn
        let descriptor = PQsocket(conn)
        socket.withLock { $0 = descriptor }
        PQsetNoticeReceiver(conn, noticeReceiver, Unmanaged.passUnretained(notices).toOpaque())
        cancelHandle.install(PQgetCancel(conn))
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection. Further use throws.
    public func close() {
        cancelHandle.install(nil)
        socket.withLock { $0 = -1 }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The libpq handle, or an error when the connection was closed or is broken.
    func live() throws(PGError) -> OpaquePointer {
        guard let handle else { throw PGError(.connection, "the connection is closed") }
        if let busyWith { throw PGError(.busy, "the connection is busy with \(busyWith); finish or drop it first") }
        return handle
    }

    // MARK: State

    /// Where the connection stands with respect to transactions.
    public enum TransactionState: Sendable {
        case idle, active, inTransaction, inFailedTransaction, unknown
    }

    public var transactionState: TransactionState {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inFailedTransaction
        default: return .unknown
        }
    }

    /// False once the connection is closed or libpq has seen it fail.
    public var isUsable: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Reads whatever the server sent while the connection sat idle, without blocking: a server
    /// that shut down or restarted has sent a FATAL message and closed the socket, so this notices
    /// a dead connection before a statement fails on it.
    public func checkAlive() -> Bool {
        guard let handle, busyWith == nil, PQstatus(handle) == CONNECTION_OK else { return false }
        let socket = PQsocket(handle)
        var pollDescriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        if poll(&pollDescriptor, 1, 0) > 0 {
            if PQconsumeInput(handle) == 0 { return false }
            while let notify = PQnotifies(handle) { PQfreemem(notify) }
            // A server that ended the session sent its FATAL message and closed the socket:
            // a peek that reads end-of-file says so.
            var byte: UInt8 = 0
            if recv(socket, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0 { return false }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether the server sent something while the connection sat idle (a notice, or the FATAL
    /// message and end-of-file of a server that went away). A poll of the socket, no libpq call
    /// and no hop onto the connection: the pool's fast check before ``checkAlive()``.
    public nonisolated var hasUnreadInput: Bool {
        let descriptor = socket.withLock { $0 }
        guard descriptor >= 0 else { return true }
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&pollDescriptor, 1, 0) != 0
    }

    /// What the pool needs to know when a connection comes back, in one hop.
    var returnState: (usable: Bool, state: TransactionState) { (isUsable, transactionState) }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// The backend process id, for `pg_stat_activity` and `pg_terminate_backend`.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }
}

/// Routes server notices (NOTICE, WARNING, …) to swift-log instead of stderr.
final class NoticeSink: Sendable {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }

    func receive(_ result: OpaquePointer) {
        let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))).map { String(cString: $0) } ?? "NOTICE"
        let message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        let level: Logger.Level = switch severity {
        case "WARNING": .warning
        case "NOTICE": .notice
        case "INFO": .info
        default: .debug
        }
        logger.log(level: level, "\(message)", metadata: ["pg.severity": "\(severity)"])
    }
}

private func noticeReceiver(_ context: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let context, let result else { return }
    Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue().receive(result)
}
