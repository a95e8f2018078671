import Foundation
import Market
import PGKit

extension JobRegistry {
    /// The kinds every `mtl scheduler run` worker knows.
    public static let standard = JobRegistry([.quarterlyReview, .leadSLACheck, .prune, .probe, .noop])
}

extension JobKind {
    /// `msp.quarterly_review`: reviews the active MSPs of a quarter. Arguments: `unit` (the clock's
    /// unit when fired by a schedule, else a subtree), `quarter` (FY2026-Q3; by default the one
    /// that closed last before `fire_at` in the unit's time zone), `fire_at` (set by schedules).
    public static let quarterlyReview = JobKind("msp.quarterly_review", timeout: .seconds(600)) { context in
        struct Arguments: Decodable {
            var unit: String?
            var quarter: String?
            var fireAt: String?
        }
        let arguments = try context.arguments(as: Arguments.self)
        let quarter: String
        if let given = arguments.quarter {
            quarter = given
        } else {
            guard let fireAt = arguments.fireAt else {
                throw JobError("msp.quarterly_review needs a quarter or a fire_at argument")
            }
            quarter = try await context.db.fetchValue(
                "SELECT mm.quarter_to_review(\(arguments.unit), \(fireAt)::timestamptz)", as: String.self) ?? ""
        }
        let created = try await QuarterlyReview.run(quarter: quarter, unit: arguments.unit,
                                                    byTimeZone: arguments.fireAt != nil, job: context.job.id, on: context.db)
        context.logger.info("quarterly review done", metadata: ["quarter": "\(quarter)", "unit": "\(arguments.unit ?? "all")",
                                                                "reviews_created": "\(created.count)"])
    }

    /// `lead.sla_check`: flags hand-offs waiting past their acceptance SLA.
    public static let leadSLACheck = JobKind("lead.sla_check", timeout: .seconds(300)) { context in
        let flagged = try await context.db.fetchValue("SELECT dg.flag_sla_breaches()", as: Int32.self) ?? 0
        context.logger.info("lead SLA check done", metadata: ["flagged": "\(flagged)"])
    }

    /// `jobs.prune`: deletes finished jobs (and firings) older than `retention` (default 14 days).
    public static let prune = JobKind("jobs.prune", timeout: .seconds(600)) { context in
        struct Arguments: Decodable { var retention: String? }
        let retention = try context.arguments(as: Arguments.self).retention ?? "14 days"
        let jobs = try await context.db.fetchValue("SELECT scheduler.prune(\(retention)::interval)", as: Int32.self) ?? 0
        let firings = try await context.db.execute("DELETE FROM scheduler.firing WHERE fired_at < now() - \(retention)::interval")
        context.logger.info("pruned", metadata: ["jobs": "\(jobs)", "firings": "\(firings)", "retention": "\(retention)"])
    }

    /// `scheduler.probe`: a diagnostic. Records which worker completed the job (in the completing
    /// transaction). Arguments: `sleep_ms` (work that long first), `fail_until_attempt` (fail on
    /// purpose up to that attempt, to see retries).
    public static let probe = JobKind("scheduler.probe", timeout: .seconds(60)) { context in
        struct Arguments: Decodable {
            var sleepMs: Int?
            var failUntilAttempt: Int?
        }
        let arguments = try context.arguments(as: Arguments.self)
        if let sleep = arguments.sleepMs, sleep > 0 { try await Task.sleep(for: .milliseconds(sleep)) }
        if let until = arguments.failUntilAttempt, context.job.attempt <= until {
            throw JobError("probe failing on purpose (attempt \(context.job.attempt), fails until \(until))")
        }
        try await context.db.execute("""
            INSERT INTO scheduler.probe (job_id, worker_id, attempt) VALUES (\(context.job.id), \(context.workerId), \(context.job.attempt))
            """)
    }

    /// `scheduler.noop`: does nothing (throughput benchmarks).
    public static let noop = JobKind("scheduler.noop", timeout: .seconds(60), transactional: false) { _ in }
}
