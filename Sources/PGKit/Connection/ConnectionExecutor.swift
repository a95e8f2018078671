import Dispatch

/// Runs a connection actor's jobs on its own serial dispatch queue.
///
/// libpq calls block. Running them on Swift's cooperative pool (one thread per core) would stall
/// every other task; a serial queue per connection gives each connection its own thread while it
/// works, and serial execution means libpq never sees one connection from two threads at once.
///
/// It is also a `TaskExecutor`: a task that prefers it (`withTaskExecutorPreference`) runs its
/// own code on the connection's thread too, so awaiting the connection costs no thread switch.
final class ConnectionExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        let taskExecutor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(isolatedTo: executor, taskExecutor: taskExecutor) }
    }
}
