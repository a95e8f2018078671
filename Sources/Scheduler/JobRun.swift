import PGKit

/// One running attempt's state shared by its task and the worker's deadline watch: whether it is
/// still doing its work (the time limit applies only then; recording its completion does not
/// count) and whether the watch stopped it for running past its kind's limit.
final class JobRun: Sendable {
    private struct State {
        var working = true
        var timedOut = false
    }

    let deadline: ContinuousClock.Instant
    private let state = Locked(State())

    init(deadline: ContinuousClock.Instant) {
        self.deadline = deadline
    }

    /// The work returned or threw; from now on the time limit no longer applies.
    func endWork() {
        state.withLock { $0.working = false }
    }

    /// Marks the attempt timed out if it is still working past its deadline; true when it did
    /// (the caller then cancels its task).
    func expire(now: ContinuousClock.Instant) -> Bool {
        state.withLock { state in
            guard state.working && !state.timedOut && now >= deadline else { return false }
            state.timedOut = true
            return true
        }
    }

    var timedOut: Bool { state.withLock { $0.timedOut } }
}
