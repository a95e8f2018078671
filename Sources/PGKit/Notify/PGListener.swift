import CLibPQ
import Foundation
import Logging
import Synchronization

/// A notification received on a channel.
public struct PGNotification: Sendable, Hashable {
    public var channel: String
    public var payload: String
    /// The backend that sent it.
    public var senderPID: Int32

    public init(channel: String, payload: String, senderPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}

/// What a listener reports.
public enum PGListenerEvent: Sendable, Hashable {
    /// LISTEN is in place on every channel. `reconnected` is true after a lost connection was
    /// replaced: notifications sent meanwhile were missed, so callers should poll once.
    case listening(reconnected: Bool)
    case notification(PGNotification)
}

/// LISTEN on a dedicated connection, as an async sequence of events.
///
/// The listener owns its connection (LISTEN is session state, so it never comes from a pool and
/// never goes through a transaction-mode PgBouncer). When the connection drops it reconnects
/// with backoff and listens again; polling stays the fallback for what was missed.
///
/// ```swift
/// let listener = PGListener(config: config)
/// for try await event in listener.events(channels: ["scheduler_wakeup"]) { … }
/// ```
public final class PGListener: Sendable {
    public let config: PGConnectionConfig
    let logger: Logger

    public init(config: PGConnectionConfig, logger: Logger = Logger(label: "pgkit.listener")) {
        self.config = config
        self.logger = logger
    }

    /// Listens on `channels` until the consumer stops iterating. Channel names are quoted.
    public func events(channels: [String]) -> AsyncThrowingStream<PGListenerEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: PGListenerEvent.self, throwing: Error.self)
        let stop = Mutex(false)
        let loop = ListenLoop(config: config, channels: channels, logger: logger, continuation: continuation, stop: { stop.withLock { $0 } })
        continuation.onTermination = { _ in stop.withLock { $0 = true } }
        let thread = Thread { loop.run() }
        thread.name = "pgkit.listener"
        thread.start()
        return stream
    }

    /// Sends a notification (`pg_notify`, channel and payload bound as parameters).
    public static func notify(_ connection: PGConnection, channel: String, payload: String = "") async throws {
        try await connection.query("SELECT pg_notify(\(channel), \(payload))")
    }
}

/// The blocking loop behind ``PGListener``, on a thread of its own.
private final class ListenLoop: @unchecked Sendable {
    let config: PGConnectionConfig
    let channels: [String]
    let logger: Logger
    let continuation: AsyncThrowingStream<PGListenerEvent, Error>.Continuation
    let stopped: @Sendable () -> Bool

    init(config: PGConnectionConfig, channels: [String], logger: Logger,
         continuation: AsyncThrowingStream<PGListenerEvent, Error>.Continuation, stop: @escaping @Sendable () -> Bool) {
        self.config = config
        self.channels = channels
        self.logger = logger
        self.continuation = continuation
        stopped = stop
    }

    func run() {
        var backoff = 0.1
        var connectedOnce = false
        var failuresBeforeFirst = 0
        while !stopped() {
            guard let conn = connectAndListen() else {
                if !connectedOnce {
                    failuresBeforeFirst += 1
                    if failuresBeforeFirst >= 3 {
                        continuation.finish(throwing: PGError(.connection, "cannot LISTEN on \(config)"))
                        return
                    }
                }
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 5)
                continue
            }
            continuation.yield(.listening(reconnected: connectedOnce))
            connectedOnce = true
            backoff = 0.1
            pump(conn)
            PQfinish(conn)
            if !stopped() { logger.warning("listener connection lost; reconnecting") }
        }
        continuation.finish()
    }

    private func connectAndListen() -> OpaquePointer? {
        guard let conn = PQconnectdb(config.fullConninfo), PQstatus(conn) == CONNECTION_OK else {
            return nil
        }
        for channel in channels {
            guard let result = PQexec(conn, "LISTEN \(SQL.quoteIdentifier(channel))") else { PQfinish(conn); return nil }
            let ok = PQresultStatus(result) == PGRES_COMMAND_OK
            PQclear(result)
            if !ok { PQfinish(conn); return nil }
        }
        return conn
    }

    /// Waits on the socket (a short timeout, to notice a stop) and forwards notifications until
    /// the connection fails or the consumer stops.
    private func pump(_ conn: OpaquePointer) {
        while !stopped() {
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 && errno != EINTR { return }
            if ready > 0 {
                if PQconsumeInput(conn) == 0 { return }
                while let notify = PQnotifies(conn) {
                    let event = PGNotification(
                        channel: String(cString: notify.pointee.relname),
                        payload: String(cString: notify.pointee.extra),
                        senderPID: notify.pointee.be_pid)
                    PQfreemem(notify)
                    continuation.yield(.notification(event))
                }
            }
            if PQstatus(conn) != CONNECTION_OK { return }
        }
    }
}
