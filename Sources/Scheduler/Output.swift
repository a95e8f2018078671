import Foundation
import MTLCore

// The job engine's records as output shows them (see ``OutputRecord``).

extension Job.State: OutputValueConvertible {}

extension Job: OutputRecord {
    public static let outputColumns: [OutputColumn<Job>] = [
        .init("id") { $0.id }, .init("queue") { $0.queue }, .init("kind") { $0.kind }, .init("args", table: false) { $0.args },
        .init("priority", table: false) { $0.priority }, .init("state") { $0.state },
        .init("attempt") { $0.attempt }, .init("max_attempts") { $0.maxAttempts }, .init("run_at") { $0.runAt },
        .init("worker_id") { $0.workerId }, .init("attempted_at", table: false) { $0.attemptedAt },
        .init("heartbeat_at", table: false) { $0.heartbeatAt }, .init("finalized_at", table: false) { $0.finalizedAt },
        .init("unique_key", table: false) { $0.uniqueKey }, .init("last_error") { $0.errors.last?.message },
        .init("created_at", table: false) { $0.createdAt }, .init("created_by", table: false) { $0.createdBy },
    ]
}

extension JobQueue.Stat: OutputRecord {
    public static let outputColumns: [OutputColumn<JobQueue.Stat>] = [
        .init("queue") { $0.queue }, .init("state") { $0.state }, .init("jobs") { $0.jobs },
        .init("oldest_due_s") { $0.oldestDueSeconds.map { OutputValue.decimal(Decimal(string: String(format: "%.1f", $0)) ?? 0) } },
    ]
}

extension Schedule: OutputRecord {
    public static let outputColumns: [OutputColumn<Schedule>] = [
        .init("name") { $0.name }, .init("kind") { $0.kind }, .init("rule") { $0.rule }, .init("time_zone") { $0.timeZone },
        .init("misfire_policy") { $0.misfirePolicy }, .init("paused") { $0.paused }, .init("backfill_limit") { $0.backfillLimit },
        .init("next_fire_at") { $0.nextFireAt }, .init("last_fired_at") { $0.lastFiredAt }, .init("missed_total") { $0.missedTotal },
        .init("description", table: false) { $0.description },
    ]
}
