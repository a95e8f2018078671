import PGKit

/// Records the completions of a worker's non-transactional jobs in batches.
///
/// A job whose work lies outside the database needs only one row updated when it ends. Written
/// one by one, that is a round trip and a commit per job, which is most of what a short job
/// costs. Two ways to share them:
///
/// - Group commit: the first completion starts a write; completions arriving while it runs wait
///   and go together in the next one (`scheduler.complete_many`). An idle worker writes at once,
///   so no completion waits for a timer.
/// - With the next claim: while the worker drains a backlog it claims about once per batch
///   anyway, so completions wait for that claim and go in the same statement
///   (`scheduler.claim`'s `done_ids`): one statement and one commit per batch instead of two.
///   The worker turns this on only while a claim is sure to follow: a backlog, a slot freed by
///   every completion, and no shutdown. Turning it off writes whatever waits.
final class CompletionBatcher: Sendable {
    fileprivate struct Waiting {
        var id: Int64
        var attempt: Int32
        var continuation: CheckedContinuation<Bool, any Error>
    }

    /// Completions taken by a claim; resolve them with its result or give them back.
    struct Batch: Sendable {
        fileprivate var entries: [Waiting] = []
        var ids: [Int64] { entries.map(\.id) }
        var attempts: [Int32] { entries.map(\.attempt) }
        var isEmpty: Bool { entries.isEmpty }
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
        var carriedByClaims = false
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
            change { $0.waiting.append(Waiting(id: job.id, attempt: job.attempt, continuation: continuation)) }
        }
    }

    /// Whether completions wait for the next claim. Turning it off writes those waiting.
    func setCarriedByClaims(_ carried: Bool) {
        change { $0.carriedByClaims = carried }
    }

    /// The completions waiting now, for a claim to write.
    func takeForClaim() -> Batch {
        state.withLock { state in
            defer { state.waiting.removeAll(keepingCapacity: true) }
            return Batch(entries: state.waiting)
        }
    }

    /// A claim carrying `batch` committed: `completed` are the ids whose guard held.
    func resolve(_ batch: Batch, completed: Set<Int64>) {
        for entry in batch.entries { entry.continuation.resume(returning: completed.contains(entry.id)) }
    }

    /// A claim carrying `batch` failed (and rolled back): they are written on their own.
    func giveBack(_ batch: Batch) {
        guard !batch.isEmpty else { return }
        change(evenIfCarried: true) { $0.waiting.insert(contentsOf: batch.entries, at: 0) }
    }

    /// Applies `body` to the state, then starts a write when completions wait, none is under
    /// way, and claims do not carry them (or `evenIfCarried`).
    private func change(evenIfCarried: Bool = false, _ body: (inout State) -> Void) {
        let startsWriting = state.withLock { state -> Bool in
            body(&state)
            guard !state.writing && !state.waiting.isEmpty && (evenIfCarried || !state.carriedByClaims) else { return false }
            state.writing = true
            return true
        }
        if startsWriting { Task { await self.writeUntilNoneWait() } }
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
                    for id in try await db.fetchAll(SQL("SELECT scheduler.complete_many(\(workerId), \(ids), \(attempts))").prepared, as: (Int64).self) {
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
