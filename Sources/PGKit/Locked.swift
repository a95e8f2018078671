import Foundation

/// A value behind a lock, for state that threads and tasks share (`withLock` as `Mutex` has it).
///
/// Built on `NSLock` (a plain pthread mutex) rather than `Synchronization.Mutex`: on Linux that
/// one uses priority-inheritance futexes, and under heavy contention on the 2-core development
/// VM the benchmark crashed inside its unlock ("Call to unlock Mutex on a thread which hasn't
/// acquired the lock") with the lock taken and released in one synchronous closure.
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: consuming Value) { self.value = value }

    @discardableResult
    public func withLock<Result: ~Copyable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
