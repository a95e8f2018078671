import PGKit
import Scheduler

/// The job kinds of market insight, registered by the composition root (`MTLModules`). Their
/// database side is in `sql/repeatable/R__mi_research.sql` (the scheduler's alone; the daily
/// schedule `insight.review_check` is in V0035).
public enum InsightJobs {
    public static let kinds: [JobKind] = [.insightReviewCheck]
}

extension JobKind {
    /// `insight.review_check`: flags battlecards past their review interval and topics past due.
    public static let insightReviewCheck = JobKind("insight.review_check", timeout: .seconds(300)) { context in
        let flagged = try await context.db.fetchValue("SELECT mi.flag_reviews()", as: Int32.self) ?? 0
        context.logger.info("insight review check done", metadata: ["flagged": "\(flagged)"])
    }
}
