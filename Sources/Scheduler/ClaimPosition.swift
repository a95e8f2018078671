import Foundation

/// Where a worker's next claim starts while it drains a backlog.
///
/// Claimed and finished jobs leave dead entries at the front of the ready index until VACUUM
/// removes them; a claim from the front steps over all of them, which grows with every job
/// drained (0.13 ms for a claim of 10 became 0.46 ms after 150,000). So during a backlog a claim
/// starts after the last job of the previous batch, in the index's order (priority, run_at, id).
/// Jobs that sort before that position (a higher priority, an earlier run_at, or rows another
/// worker's claim had locked and then gave back) are found by a claim from the front, which
/// happens whenever a claim after the position comes up short and at least every
/// ``frontInterval``.
struct ClaimPosition {
    struct Key: Sendable {
        var priority: Int16
        var runAt: Date
        var id: Int64
    }

    /// The longest a job sorting before the position waits while a backlog is drained.
    static let frontInterval = Duration.seconds(1)

    private var last: Key?
    private var lastFromFront = ContinuousClock.now

    /// Where the next claim starts: nil means from the front.
    mutating func next() -> Key? {
        guard let last, ContinuousClock.now - lastFromFront < Self.frontInterval else { return nil }
        return last
    }

    /// A full batch was claimed: the next claim starts after its last job.
    mutating func advance(past jobs: [Job], fromFront: Bool) {
        if fromFront {
            lastFromFront = ContinuousClock.now
            last = nil
        }
        for job in jobs {
            let key = Key(priority: job.priority, runAt: job.runAt, id: job.id)
            if let current = last, !Self.sortsBefore(current, key) { continue }
            last = key
        }
    }

    /// The next claim starts from the front.
    mutating func reset() {
        last = nil
    }

    private static func sortsBefore(_ a: Key, _ b: Key) -> Bool {
        (a.priority, a.runAt, a.id) < (b.priority, b.runAt, b.id)
    }
}
