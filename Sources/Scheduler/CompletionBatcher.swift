import PGKit

/// Records the completions of a worker's non-transactional jobs in batches (group commit).
///
/// A job whose work lies outside the database needs only one row updated when it ends. Written
/// one by one, that is a round trip and a commit per job, which is most of what a short job
/// costs. Here the first completion starts a write; completions arriving while it runs wait and
/// go together in the next one (`scheduler.complete_many`). An idle worker writes at once, so no
/// completion waits for a timer; a busy one writes about one batch per round trip.
final class CompletionBatcher: Sendable {
    private struct Waiting {
        var id: Int64
        var attempt: Int32
        var continuation: CheckedContinuation<Bool, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
    }

    private let pool: PGPool
    private let workerId: String
    private let state = Locked(State())

    init(pool: PGPool, workerId: String) {
        self.pool = pool
        self.workerId = workerId
    }

    /// Records that `job` completed. Returns false when its guard refused (the job was rescued
    /// or cancelled meanwhile); throws when its batch could not be written.
    func complete(_ job: Job) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriting = state.withLock { state -> Bool in
                state.waiting.append(Waiting(id: job.id, attempt: job.attempt, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriting { Task { await self.writeUntilNoneWait() } }
        }
    }

    /// Writes batches until a write ends with nobody waiting.
    private func writeUntilNoneWait() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = state.waiting
                state.waiting.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let ids = batch.map(\.id)
                let attempts = batch.map(\.attempt)
                let completed = try await pool.withConnection { db in
                    var completed = Set<Int64>()
                    for id in try await db.fetchAll("SELECT scheduler.complete_many(\(workerId), \(ids), \(attempts))", as: (Int64).self) {
                        completed.insert(id)
                    }
                    return completed
                }
                for job in batch { job.continuation.resume(returning: completed.contains(job.id)) }
            } catch {
                for job in batch { job.continuation.resume(throwing: error) }
            }
        }
    }
}

