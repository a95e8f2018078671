import Foundation
import PGKit

extension JobKind {
    /// The scheduler's own kinds: housekeeping and diagnostics. Domain modules export theirs
    /// (`MarketJobs.kinds`, `DemandJobs.kinds`); the composition root (`MTLModules`) puts them
    /// together for workers.
    public static let housekeeping: [JobKind] = [.prune, .auditPartitions, .probe, .noop]

    /// `jobs.prune`: deletes finished jobs (and firings) older than `retention` (default 14 days).
    public static let prune = JobKind("jobs.prune", timeout: .seconds(600)) { context in
        struct Arguments: Decodable { var retention: String? }
        let retention = try context.arguments(as: Arguments.self).retention ?? "14 days"
        let jobs = try await context.db.fetchValue("SELECT scheduler.prune(\(retention)::interval)", as: Int32.self) ?? 0
        let firings = try await context.db.execute("DELETE FROM scheduler.firing WHERE fired_at < now() - \(retention)::interval")
        context.logger.info("pruned", metadata: ["jobs": "\(jobs)", "firings": "\(firings)", "retention": "\(retention)"])
    }

    /// `audit.partitions`: makes the audit trail's monthly partitions ahead and detaches months
    /// past the retention for `mtl audit archive` (daily, schedule in V0038).
    public static let auditPartitions = JobKind("audit.partitions", timeout: .seconds(600)) { context in
        let created = try await context.db.fetchValue("SELECT audit.make_partitions()", as: Int32.self) ?? 0
        let detached = try await context.db.fetchValue("SELECT audit.detach_expired()", as: Int32.self) ?? 0
        context.logger.info("audit partitions", metadata: ["created": "\(created)", "months_detached": "\(detached)"])
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
