import CLibPQ
import Synchronization

/// Cancels the statement a connection is running, from any thread (libpq's `PQcancel` is
/// thread-safe). Task cancellation calls ``requestCancel()``; the connection brackets each
/// statement with ``begin()`` and ``end()`` so a request that arrives just before the statement
/// is sent still cancels it, and one that arrives after it ended is dropped.
final class CancelHandle: Sendable {
    private struct State: @unchecked Sendable {
        var cancel: OpaquePointer?
        var running = false
        var requested = false
    }
    private let state = Locked(State())

    func install(_ cancel: OpaquePointer?) {
        state.withLock {
            if let old = $0.cancel { PQfreeCancel(old) }
            $0.cancel = cancel
        }
    }

    func begin() {
        state.withLock {
            $0.running = true
            if $0.requested { Self.send($0.cancel) }
        }
    }

    func end() {
        state.withLock {
            $0.running = false
            $0.requested = false
        }
    }

    func requestCancel() {
        state.withLock {
            $0.requested = true
            if $0.running { Self.send($0.cancel) }
        }
    }

    private static func send(_ cancel: OpaquePointer?) {
        guard let cancel else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }

    deinit { install(nil) }
}
