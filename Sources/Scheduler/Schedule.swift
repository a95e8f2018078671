import Foundation
import MTLCore
import PGKit

/// A schedule (`scheduler.schedule`): a rule in a time zone whose firings enqueue jobs.
public struct Schedule: PGRecord, Codable, Equatable {
    public var name: String
    public var description: String
    public var kind: String
    public var rule: String
    public var timeZone: String
    /// fire_once, skip or backfill.
    public var misfirePolicy: String
    public var backfillLimit: Int32
    public var paused: Bool
    public var nextFireAt: Date
    public var lastFiredAt: Date?
    public var missedTotal: Int64

    static let selection: SQL = """
        SELECT s.name, s.description, s.kind, s.rule, s.time_zone, s.misfire_policy, s.backfill_limit, s.paused,
               s.next_fire_at, s.last_fired_at, s.missed_total
        FROM scheduler.schedule s
        """

    public static func list(on db: PGConnection) async throws -> [Schedule] {
        try await db.fetchAll(selection + " ORDER BY s.name")
    }

    public static func require(name: String, on db: PGConnection) async throws -> Schedule {
        guard let schedule = try await db.fetchOne(selection + " WHERE s.name = \(name)", as: Schedule.self) else {
            throw SchedulerError.noSchedule(name)
        }
        return schedule
    }

    /// Pauses or resumes. Resuming computes the next fire time from now: what the pause covered
    /// does not fire.
    public static func setPaused(_ paused: Bool, name: String, on db: PGConnection) async throws -> Schedule {
        _ = try await require(name: name, on: db)
        try await db.execute("UPDATE scheduler.schedule SET paused = \(paused) WHERE name = \(name)")
        return try await require(name: name, on: db)
    }

    /// Fires now, whatever the rule says; the next scheduled fire time is unchanged. Returns the
    /// job's id.
    public static func runNow(name: String, on db: PGConnection) async throws -> Int64 {
        _ = try await require(name: name, on: db)
        guard let job = try await db.fetchValue("SELECT scheduler.run_now(\(name))", as: Int64.self) else {
            throw SchedulerError.scheduleDidNotEnqueue(name)
        }
        return job
    }
}
