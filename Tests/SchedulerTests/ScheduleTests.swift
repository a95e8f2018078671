import Foundation
import PGKit
import Testing
import TestSupport

/// Schedules (V0016): rules, time zones, misfire policies, and firing loops that race.
@Suite("schedules")
struct ScheduleTests {
    /// Adds a schedule (as the owner: schedules come from migrations and units) that enqueues probes.
    static func addSchedule(_ owner: PGConnection, _ name: String, rule: String, zone: String = "UTC", misfire: String = "fire_once",
                            backfill: Int32 = 1, grace: String = "5 minutes", firstAfter: String? = nil) async throws {
        try await owner.execute("""
            INSERT INTO scheduler.schedule (name, kind, rule, time_zone, misfire_policy, backfill_limit, misfire_grace)
            VALUES (\(name), 'scheduler.probe', \(rule), \(zone), \(misfire), \(backfill), \(grace)::interval)
            """)
        if let firstAfter {
            try await owner.execute("""
                UPDATE scheduler.schedule SET next_fire_at = scheduler.next_fire(rule, time_zone, \(firstAfter)::timestamptz) WHERE name = \(name)
                """)
        }
    }

    /// The fire times of a schedule, as local times in `zone`.
    static func firings(_ db: PGConnection, _ name: String, zone: String) async throws -> [String] {
        var local: [String] = []
        for (time) in try await db.fetchAll("""
            SELECT to_char(f.fire_at AT TIME ZONE \(zone), 'YYYY-MM-DD HH24:MI') FROM scheduler.firing f WHERE f.schedule = \(name) ORDER BY f.fire_at
            """, as: (String).self) {
            local.append(time)
        }
        return local
    }

    @Test("cron fields, day-of-month OR day-of-week, fiscal-quarter rules; bad rules and zones refused with the reason")
    func rules() async throws {
        try await withTestDatabase { database in
            let db = try await database.connect()
            try await db.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            func next(_ rule: String, _ zone: String = "UTC", after: String) async throws -> String? {
                try await db.fetchValue("""
                    SELECT to_char(scheduler.next_fire(\(rule), \(zone), \(after)::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                    """, as: String.self)
            }
            #expect(try await next("0 9 * * 1-5", after: "2026-11-20 10:00Z") == "2026-11-23 09:00", "Friday after nine → Monday")
            #expect(try await next("*/15 * * * *", after: "2026-11-20 10:07Z") == "2026-11-20 10:15")
            #expect(try await next("0 0 13 * 5", after: "2026-11-01 00:00Z") == "2026-11-06 00:00", "the 13th or a Friday")
            #expect(try await next("0 6 1 1,4,7,10 *", after: "2026-11-01 00:00Z") == "2027-01-01 06:00")
            #expect(try await next("0 0 * * 7", after: "2026-11-20 00:00Z") == "2026-11-22 00:00", "7 is Sunday")
            // The day after a fiscal quarter closes (July–September), 06:00 in Shanghai (UTC+8).
            #expect(try await next("quarter-close + 1 day 06:00", "Asia/Shanghai", after: "2026-07-01 00:00Z") == "2026-09-30 22:00")
            #expect(try await next("quarter-close + 10 days 09:30", "Europe/Berlin", after: "2026-11-22 00:00Z") == "2027-01-10 08:30")
            await expectRefusal("22023", "has 4 fields; it needs 5") { _ = try await next("0 9 * *", after: "2026-01-01Z") }
            await expectRefusal("22023", "cron hour: '24' is outside 0-23") { _ = try await next("0 24 * * *", after: "2026-01-01Z") }
            await expectRefusal("22023", "cron minute: 'x' is not") { _ = try await next("x * * * *", after: "2026-01-01Z") }
            await expectRefusal("22023", "never fires") { _ = try await next("0 0 31 2 *", after: "2026-01-01Z") }
            await expectRefusal("22023", "is not 'quarter-close + N day(s) HH:MM'") { _ = try await next("quarter-end 06:00", after: "2026-01-01Z") }
            await expectRefusal("22023", "unknown time zone 'Mars/Olympus'") {
                try await Self.addSchedule(db, "bad", rule: "0 * * * *", zone: "Mars/Olympus")
            }
            await db.close()
        }
    }

    @Test("a daylight-saving change in a region's time zone neither skips nor doubles a firing, with two firing loops racing")
    func daylightSaving() async throws {
        try await withTestDatabase { database in
            let owner = try await database.connect()
            let loops = [try await database.connect(), try await database.connect()]
            for loop in loops { try await loop.execute("SET ROLE mtl_scheduler") }
            // Daily at 02:30 Berlin time: 02:30 does not exist on 29 March, and happens twice on 25 October.
            try await Self.addSchedule(owner, "spring", rule: "30 2 * * *", zone: "Europe/Berlin", grace: "2 hours", firstAfter: "2026-03-26 12:00Z")
            try await Self.addSchedule(owner, "autumn", rule: "30 2 * * *", zone: "Europe/Berlin", grace: "2 hours", firstAfter: "2026-10-22 12:00Z")
            // Hourly on the spring day: 23 local hours, one firing each.
            try await Self.addSchedule(owner, "hourly", rule: "0 * * * *", zone: "Europe/Berlin", grace: "2 hours", firstAfter: "2026-03-28 22:30Z")
            try await owner.execute("UPDATE scheduler.schedule SET paused = true WHERE name IN ('jobs.prune', 'lead.sla_check') OR kind = 'msp.quarterly_review'")

            func walk(from start: String, hours: Int) async throws {
                let begin = try #require(try await owner.fetchValue("SELECT \(start)::timestamptz", as: Date.self))
                // Every 20 minutes both loops fire what is due, at the same moment.
                for step in 0..<(hours * 3) {
                    let moment = begin.addingTimeInterval(Double(step) * 1200)
                    async let first = loops[0].fetchValue("SELECT scheduler.fire_due(\(moment))", as: Int32.self)
                    async let second = loops[1].fetchValue("SELECT scheduler.fire_due(\(moment))", as: Int32.self)
                    _ = try await (first, second)
                }
            }
            try await walk(from: "2026-03-26 12:00Z", hours: 5 * 24)
            try await owner.execute("UPDATE scheduler.schedule SET paused = true WHERE name IN ('spring', 'hourly')")
            try await walk(from: "2026-10-22 12:00Z", hours: 5 * 24)

            #expect(try await Self.firings(owner, "spring", zone: "Europe/Berlin")
                    == ["2026-03-27 02:30", "2026-03-28 02:30", "2026-03-29 03:30", "2026-03-30 02:30", "2026-03-31 02:30"])
            #expect(try await Self.firings(owner, "autumn", zone: "Europe/Berlin")
                    == ["2026-10-23 02:30", "2026-10-24 02:30", "2026-10-25 02:30", "2026-10-26 02:30", "2026-10-27 02:30"])
            let hourly = try await Self.firings(owner, "hourly", zone: "Europe/Berlin").filter { $0.hasPrefix("2026-03-29") }
            #expect(hourly.count == 23 && Set(hourly).count == 23 && !hourly.contains("2026-03-29 02:00"), "\(hourly)")
            // Every firing enqueued exactly one job, and no fire time twice.
            let counts = try await owner.fetchOne("""
                SELECT count(*), count(DISTINCT (schedule, fire_at)), count(DISTINCT job_id), (SELECT count(*) FROM scheduler.job)
                FROM scheduler.firing
                """, as: (Int64, Int64, Int64, Int64).self)
            #expect(counts?.0 == counts?.1 && counts?.0 == counts?.2 && counts?.0 == counts?.3, "\(String(describing: counts))")
            for connection in loops + [owner] { await connection.close() }
        }
    }

    @Test("workers down across fire times: fire once fires the latest, skip fires none, backfill fires the latest N")
    func misfirePolicies() async throws {
        try await withTestDatabase { database in
            let owner = try await database.connect()
            try await owner.execute("UPDATE scheduler.schedule SET paused = true")
            for (name, policy, limit) in [("once", "fire_once", Int32(1)), ("skip", "skip", 1), ("backfill", "backfill", 3)] {
                try await Self.addSchedule(owner, name, rule: "*/10 * * * *", misfire: policy, backfill: limit, firstAfter: "2026-01-01 00:00Z")
                try await owner.execute("UPDATE scheduler.schedule SET next_fire_at = '2026-01-01 00:00Z' WHERE name = \(name)")
            }
            let loop = try await database.connect()
            try await loop.execute("SET ROLE mtl_scheduler")
            // Back at 01:07: seven fire times passed (00:00 … 01:00), all more than 5 minutes ago.
            #expect(try await loop.fetchValue("SELECT scheduler.fire_due('2026-01-01 01:07Z')", as: Int32.self) == 4)
            #expect(try await Self.firings(owner, "once", zone: "UTC") == ["2026-01-01 01:00"])
            #expect(try await Self.firings(owner, "skip", zone: "UTC") == [])
            #expect(try await Self.firings(owner, "backfill", zone: "UTC") == ["2026-01-01 00:40", "2026-01-01 00:50", "2026-01-01 01:00"])
            let missed = try await owner.fetchAll("SELECT name, missed_total, to_char(next_fire_at AT TIME ZONE 'UTC', 'HH24:MI') FROM scheduler.schedule WHERE NOT paused ORDER BY name",
                                                  as: (String, Int64, String).self)
            #expect(missed.map(\.0) == ["backfill", "once", "skip"] && missed.map(\.1) == [4, 6, 7] && missed.allSatisfy { $0.2 == "01:10" }, "\(missed)")
            #expect(try await owner.fetchValue("SELECT bool_and(late) FROM scheduler.firing", as: Bool.self) == true)
            // On time again: each fires 01:10, not late.
            #expect(try await loop.fetchValue("SELECT scheduler.fire_due('2026-01-01 01:10:30Z')", as: Int32.self) == 3)
            #expect(try await owner.fetchValue("SELECT count(*) FROM scheduler.firing WHERE fire_at = '2026-01-01 01:10Z' AND NOT late", as: Int64.self) == 3)
            // Paused: nothing fires; run-now fires at once and leaves the next fire time alone.
            try await owner.execute("UPDATE scheduler.schedule SET paused = true WHERE name = 'once'")
            _ = try await loop.fetchValue("SELECT scheduler.fire_due('2026-01-01 02:00Z')", as: Int32.self)
            #expect(try await Self.firings(owner, "once", zone: "UTC").count == 2)
            let job = try #require(try await loop.fetchValue("SELECT scheduler.run_now('once')", as: Int64.self))
            #expect(try await owner.fetchValue("SELECT source FROM scheduler.firing WHERE job_id = \(job)", as: String.self) == "manual")
            await loop.close()
            await owner.close()
        }
    }

    @Test("a worker process that comes back after being down fires a fire-once schedule once, for the latest missed time")
    func misfireWithWorkerProcess() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE scheduler.schedule SET paused = true")
            try await Self.addSchedule(owner, "every-minute", rule: "* * * * *")
            // Nobody fired for ten minutes.
            try await owner.execute("UPDATE scheduler.schedule SET next_fire_at = date_trunc('minute', now()) - interval '10 minutes' WHERE name = 'every-minute'")
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ")).conninfo
            let back = try #require(try await owner.fetchValue("SELECT now()", as: Date.self))
            let worker = try WorkerProcess(database: login, id: "back", arguments: ["--poll-interval", "0.2"])
            try await eventually("the missed firing ran") {
                try await owner.fetchValue("SELECT count(*) FROM scheduler.probe", as: Int64.self) ?? 0 >= 1
            }
            worker.signal(SIGTERM)
            #expect(await worker.waitForExit() == 0)
            // The outage's fire times collapsed into one, the latest (or the next minute's, had the
            // minute turned meanwhile): nothing older fired, nine or ten were dropped, nothing doubled.
            let outage = try await owner.fetchOne("""
                SELECT count(*), min(fire_at) >= date_trunc('minute', \(back)::timestamptz),
                       (SELECT missed_total FROM scheduler.schedule WHERE name = 'every-minute'), count(DISTINCT job_id)
                FROM scheduler.firing WHERE schedule = 'every-minute'
                """, as: (Int64, Bool?, Int64, Int64).self)
            #expect((1...2).contains(outage?.0 ?? 0) && outage?.1 == true && (outage?.2 ?? 0) >= 9 && outage?.3 == outage?.0,
                    "\(String(describing: outage))")
            await worker.stop()
            await owner.close()
        }
    }
}
