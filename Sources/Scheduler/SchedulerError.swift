import MTLCore

/// A refusal of the job engine's own commands (jobs and schedules), in its terms (see
/// ``DomainError``). A job's own failure is a ``JobError``.
public enum SchedulerError: DomainError, Equatable {
    case noSchedule(String)
    case scheduleDidNotEnqueue(String)
    case noJob(Int64)
    case notRetryable(Int64, state: Job.State)
    case retryBlockedByUniqueKey(Int64, kind: String)
    case notCancellable(Int64, state: Job.State)

    public var message: String {
        switch self {
        case .noSchedule(let name): "no schedule \(name)"
        case .scheduleDidNotEnqueue(let name): "schedule \(name) did not enqueue a job"
        case .noJob(let id): "no job \(id)"
        case .notRetryable(let id, let state): "job \(id) is \(state.rawValue); only retryable, discarded or cancelled jobs are retried"
        case .retryBlockedByUniqueKey(let id, let kind): "job \(id) cannot be retried: a live job of kind \(kind) with the same unique key exists"
        case .notCancellable(let id, let state): "job \(id) is \(state.rawValue); only available, retryable or running jobs are cancelled"
        }
    }

    public var advice: String? { nil }
}
