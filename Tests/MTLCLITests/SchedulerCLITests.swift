import Foundation
import PGKit
import Testing
import TestSupport

/// The scheduler, jobs, schedule and review commands, run as people would, against a real server.
@Suite("mtl scheduler, jobs, schedule, review")
struct SchedulerCLITests {
    static func mtl(_ fixture: TenancyFixture, as user: String, _ arguments: [String]) throws -> MTLProcess.Output {
        try TenancyCLITests.mtl(fixture, as: user, arguments)
    }

    @Test("only scheduler logins run workers; option mistakes are usage errors; scheduler logins belong to HQ")
    func workerChecks() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let refused = try Self.mtl(fixture, as: editor, ["scheduler", "run"])
            #expect(refused.status == 1 && refused.stderr.contains("this login is not a scheduler")
                    && refused.stderr.contains("--role scheduler --unit HQ"), "\(refused.stderr)")
            let zero = try Self.mtl(fixture, as: editor, ["scheduler", "run", "--concurrency", "0"])
            #expect(zero.status == 64 && zero.stderr.contains("--concurrency must be between 1 and 500"), "\(zero.stderr)")
            let prefetch = try Self.mtl(fixture, as: editor, ["scheduler", "run", "--prefetch", "501"])
            #expect(prefetch.status == 64 && prefetch.stderr.contains("--prefetch must be between 0 and 500"), "\(prefetch.stderr)")
            let rescue = try Self.mtl(fixture, as: editor, ["scheduler", "run", "--heartbeat-interval", "5", "--rescue-after", "6"])
            #expect(rescue.status == 64 && rescue.stderr.contains("at least twice --heartbeat-interval"), "\(rescue.stderr)")
            let queues = try Self.mtl(fixture, as: editor, ["scheduler", "run", "--queues", "Bad Queue"])
            #expect(queues.status == 64, "\(queues.stderr)")
            let region = try Self.mtl(fixture, as: admin, ["user", "add", fixture.role("w_emea"), "--role", "scheduler", "--unit", "EMEA"])
            #expect(region.status == 1 && region.stderr.contains("a scheduler login belongs to HQ for every BU"), "\(region.stderr)")
            let added = try Self.mtl(fixture, as: admin, ["user", "add", fixture.role("w1"), "--role", "scheduler", "--unit", "HQ"])
            #expect(added.status == 0 && added.stdout.contains("(scheduler)"), "\(added.stderr)")
        }
    }

    @Test("jobs list, show, cancel, retry and stats for HQ admins; schedules listed, paused, resumed and fired; others refused")
    func jobsAndSchedules() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let owner = try await fixture.database.connect()
            let ids = try await owner.fetchAll("""
                SELECT scheduler.enqueue('scheduler.probe', '{"n": 1}', 'default', 0::smallint, now(), 3) FROM generate_series(1, 3)
                """, as: (Int64).self)
            await owner.close()
            let first = String(ids[0])

            let cancel = try Self.mtl(fixture, as: admin, ["jobs", "cancel", first])
            #expect(cancel.status == 0 && cancel.stdout.contains("job \(first) (scheduler.probe) is cancelled"), "\(cancel.stderr)")
            let again = try Self.mtl(fixture, as: admin, ["jobs", "cancel", first])
            #expect(again.status == 1 && again.stderr.contains("job \(first) is cancelled; only available, retryable or running jobs are cancelled"))
            let retry = try Self.mtl(fixture, as: admin, ["jobs", "retry", first])
            #expect(retry.status == 0 && retry.stdout.contains("is available, attempt 0 of 3"), "\(retry.stdout) \(retry.stderr)")
            let notFailed = try Self.mtl(fixture, as: admin, ["jobs", "retry", String(ids[1])])
            #expect(notFailed.status == 1 && notFailed.stderr.contains("only retryable, discarded or cancelled jobs are retried"))
            let show = try Self.mtl(fixture, as: admin, ["jobs", "show", first, "--format", "json"])
            let job = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            #expect(job["kind"] as? String == "scheduler.probe" && job["state"] as? String == "available" && job["args"] as? String == #"{"n": 1}"#,
                    "\(show.stdout)")
            let list = try Self.mtl(fixture, as: admin, ["jobs", "list", "--state", "available", "--format", "csv"])
            #expect(list.stdout.split(separator: "\r\n").count == 4, "\(list.stdout)")
            let stats = try Self.mtl(fixture, as: admin, ["jobs", "stats", "--format", "csv"])
            #expect(stats.stdout.hasPrefix("queue,state,jobs,oldest_due_s\r\ndefault,available,3,"), "\(stats.stdout)")
            let missing = try Self.mtl(fixture, as: admin, ["jobs", "show", "999999"])
            #expect(missing.status == 1 && missing.stderr.contains("no job 999999"))
            let badState = try Self.mtl(fixture, as: admin, ["jobs", "list", "--state", "done"])
            #expect(badState.status == 64)
            // Editors see no jobs and steer none.
            let editorList = try Self.mtl(fixture, as: editor, ["jobs", "list", "--format", "csv"])
            #expect(editorList.status == 1 && editorList.stderr.contains("permission denied"), "\(editorList.stdout) \(editorList.stderr)")

            let schedules = try Self.mtl(fixture, as: admin, ["schedule", "list", "--format", "csv"])
            #expect(schedules.stdout.contains("\r\nlead.sla_check,lead.sla_check,0 7 * * *,UTC,fire_once,false,"), "\(schedules.stdout)")
            #expect(schedules.stdout.contains("\r\nmsp.quarterly_review:emea,msp.quarterly_review,quarter-close + 1 day 06:00,Europe/Berlin,"))
            let pause = try Self.mtl(fixture, as: admin, ["schedule", "pause", "lead.sla_check"])
            #expect(pause.status == 0 && pause.stdout.contains("schedule lead.sla_check is paused"), "\(pause.stderr)")
            let resume = try Self.mtl(fixture, as: admin, ["schedule", "resume", "lead.sla_check"])
            #expect(resume.status == 0 && resume.stdout.contains("schedule lead.sla_check is active; next fire time"), "\(resume.stderr)")
            let fire = try Self.mtl(fixture, as: admin, ["schedule", "run-now", "lead.sla_check"])
            #expect(fire.status == 0 && fire.stdout.contains("schedule lead.sla_check fired: job "), "\(fire.stderr)")
            let unknown = try Self.mtl(fixture, as: admin, ["schedule", "pause", "nope"])
            #expect(unknown.status == 1 && unknown.stderr.contains("no schedule nope"))
            let editorFire = try Self.mtl(fixture, as: editor, ["schedule", "run-now", "lead.sla_check"])
            #expect(editorFire.status == 1, "\(editorFire.stdout)")
        }
    }

    @Test("review run, list and show: HQ admins run, a bad quarter is a usage error, nothing to review says so")
    func reviews() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let run = try Self.mtl(fixture, as: admin, ["review", "run", "--quarter", "FY2026-Q1"])
            #expect(run.status == 0 && run.stdout.contains("no new reviews for FY2026-Q1"), "\(run.stderr)")
            let bad = try Self.mtl(fixture, as: admin, ["review", "run", "--quarter", "2026Q1"])
            #expect(bad.status == 64 && bad.stderr.contains("'2026Q1' is invalid for '--quarter"), "\(bad.stderr)")
            let editorRun = try Self.mtl(fixture, as: editor, ["review", "run", "--quarter", "FY2026-Q1"])
            #expect(editorRun.status == 1 && editorRun.stderr.contains("permission denied"), "\(editorRun.stderr)")
            let list = try Self.mtl(fixture, as: editor, ["review", "list", "--format", "json"])
            let reviews = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]
            #expect(list.status == 0 && reviews?.isEmpty == true, "\(list.stdout)")
            let status = try Self.mtl(fixture, as: editor, ["review", "list", "--status", "late"])
            #expect(status.status == 64 && status.stderr.contains("on_track, at_risk, off_track or no_plan"))
            let show = try Self.mtl(fixture, as: editor, ["review", "show", "42"])
            #expect(show.status == 1 && show.stderr.contains("no quarterly review 42 in your scope"))
        }
    }
}
