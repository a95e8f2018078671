import PGKit
import Testing
import TestSupport

/// The job queue is the scheduler's: people enqueue only the kinds registered for them, with
/// arguments valid for them (scheduler.job_kind and each kind's enqueue_check); a job records
/// who asked; schedule firings cannot be taken ahead or blocked by anything a person writes.
@Suite("job kinds and who may enqueue them")
struct JobKindTests {
    static let review = "msp.quarterly_review"

    @Test("a review is asked for by HQ and region admins for units they cover, with valid arguments only")
    func reviewPermissions() async throws {
        try await withTenancy { fixture in
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            let emeaAdmin = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            let deAdmin = try await fixture.connect(as: try await fixture.createUser("de_admin", "admin", unit: "DE"))
            let emeaEditor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            func enqueue(_ db: PGConnection, _ args: String) async throws -> Int64? {
                try await db.fetchValue("SELECT scheduler.enqueue(\(Self.review), \(args)::jsonb)", as: Int64.self)
            }
            // Allowed: HQ for any unit or all; EMEA for EMEA and its countries.
            let byHQ = try #require(try await enqueue(hqAdmin, #"{"quarter": "FY2027-Q1"}"#))
            _ = try #require(try await enqueue(hqAdmin, #"{"quarter": "FY2027-Q1", "unit": "CN"}"#))
            let byEMEA = try #require(try await enqueue(emeaAdmin, #"{"quarter": "FY2027-Q1", "unit": "FR"}"#))
            // Refused: outside the admin's scope, all units by a region, a country admin, an editor.
            for (db, args) in [(emeaAdmin, #"{"quarter": "FY2027-Q1", "unit": "CN"}"#), (emeaAdmin, #"{"quarter": "FY2027-Q1"}"#),
                               (deAdmin, #"{"quarter": "FY2027-Q1", "unit": "DE"}"#), (emeaEditor, #"{"quarter": "FY2027-Q1", "unit": "DE"}"#)] {
                await expectRefusal("42501", "may not ask for quarterly reviews") { _ = try await enqueue(db, args) }
            }
            // Arguments only a firing sets, unknown ones, and a bad quarter are refused.
            await expectRefusal("22023", "not fire_at") { _ = try await enqueue(hqAdmin, #"{"quarter": "FY2027-Q1", "fire_at": "2027-01-01"}"#) }
            await expectRefusal("22023", "needs a quarter") { _ = try await enqueue(hqAdmin, #"{"quarter": "2027-1"}"#) }
            await expectRefusal("22023", "needs a quarter") { _ = try await enqueue(hqAdmin, #"{}"#) }
            // Housekeeping is the scheduler's, whoever asks.
            for kind in ["jobs.prune", "lead.sla_check", "scheduler.probe", "scheduler.noop", "no.such_kind"] {
                await expectRefusal("42501", "run by the scheduler only") {
                    _ = try await hqAdmin.fetchValue("SELECT scheduler.enqueue(\(kind), '{\"retention\": \"0 seconds\"}')", as: Int64.self)
                }
            }
            // Each job records who asked for it.
            let owner = try await fixture.database.connect()
            let requesters = try await owner.fetchAll("SELECT id, requested_by::text, args::text FROM scheduler.job ORDER BY id", as: (Int64, String, String).self)
            #expect(requesters.count == 3)
            #expect(requesters.first { $0.0 == byHQ }?.1 == fixture.role("hq_admin"))
            #expect(requesters.first { $0.0 == byEMEA }?.1 == fixture.role("emea_admin"))
            await owner.close()
            for db in [hqAdmin, emeaAdmin, deAdmin, emeaEditor] { await db.close() }
        }
    }

    @Test("a review run for a person's job records who asked")
    func reviewRecordsRequester() async throws {
        try await withTenancy { fixture in
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            let worker = try await fixture.connect(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            // An active DE MSP with a planned quarter long closed.
            try await owner.executeScript(unsafeSQL: """
                SET session_replication_role = replica;
                INSERT INTO mm.segment (id, unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon) OVERRIDING SYSTEM VALUE
                SELECT 1, u.id, b.id, 'RAIL', 'Rail', 'Rail', 'Operator', 'FRMCS', 'H1' FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER';
                INSERT INTO mm.msp (id, segment_id, unit_id, bu_id, fiscal_year, owner_role, state) OVERRIDING SYSTEM VALUE
                SELECT 1, 1, unit_id, bu_id, 2025, '\(fixture.role("hq_admin"))', 'active' FROM mm.segment WHERE id = 1;
                INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, currency, unit_id, bu_id)
                SELECT 1, 2025, 1, 1000, 'EUR', unit_id, bu_id FROM mm.msp WHERE id = 1;
                SET session_replication_role = DEFAULT;
                """)
            let job = try #require(try await hqAdmin.fetchValue("""
                SELECT scheduler.enqueue(\(Self.review), '{"quarter": "FY2025-Q1", "unit": "DE"}')
                """, as: Int64.self))
            let reviews = try await worker.fetchAll("SELECT mm.run_quarterly_review('FY2025-Q1', 'DE', false, \(job))", as: (Int64).self)
            #expect(reviews.count == 1)
            let recorded = try await owner.fetchOne("SELECT requested_by::text, created_by::text FROM mm.quarterly_review", as: (String, String).self)
            #expect(recorded?.0 == fixture.role("hq_admin"))
            #expect(recorded?.1 == fixture.role("worker"))
            for db in [hqAdmin, worker, owner] { await db.close() }
        }
    }

    @Test("a schedule fires whatever unique keys people chose, and people cannot write firings or reshape jobs")
    func firingsCannotBePreempted() async throws {
        try await withTenancy { fixture in
            let hqAdminName = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let hqAdmin = try await fixture.connect(as: hqAdminName)
            let owner = try await fixture.database.connect()
            let next = try #require(try await owner.fetchValue(
                "SELECT next_fire_at FROM scheduler.schedule WHERE name = 'msp.quarterly_review:apac'", as: PGTimestamp.self))
            let epoch = try #require(try await owner.fetchValue("SELECT extract(epoch FROM \(next))::text", as: String.self))
            // The next firing's old predictable key, taken by a person first.
            let key = "msp.quarterly_review:apac@\(epoch)"
            let taken = try #require(try await hqAdmin.fetchValue("""
                SELECT scheduler.enqueue(\(Self.review), '{"quarter": "FY2027-Q1", "unit": "APAC"}', 'default', 0::smallint, now(), 5, \(key), true)
                """, as: Int64.self))
            #expect(try await owner.fetchValue("SELECT unique_key FROM scheduler.job WHERE id = \(taken)", as: String.self) == "\(hqAdminName):\(key)")
            // Nor can a person write the firing ahead of its time.
            await expectRefusal("42501", "permission denied") {
                try await hqAdmin.execute("INSERT INTO scheduler.firing (schedule, fire_at) VALUES ('msp.quarterly_review:apac', \(next))")
            }
            await expectRefusal("42501", "permission denied") {
                try await hqAdmin.execute("UPDATE scheduler.job SET args = '{\"quarter\": \"FY2027-Q1\", \"unit\": \"FR\"}', kind = 'jobs.prune' WHERE id = \(taken)")
            }
            // The schedule fires at its time and enqueues its job.
            let fired = try #require(try await owner.fetchValue("SELECT scheduler.fire_due(\(next)::timestamptz + interval '1 second')", as: Int32.self))
            #expect(fired >= 1)
            let job = try await owner.fetchValue("""
                SELECT f.job_id FROM scheduler.firing f WHERE f.schedule = 'msp.quarterly_review:apac' AND f.fire_at = \(next)
                """, as: Int64.self)
            #expect(job != nil && job != taken)
            // An HQ admin still cancels and retries jobs, and fires a schedule now.
            #expect(try await hqAdmin.execute("UPDATE scheduler.job SET state = 'cancelled', finalized_at = now() WHERE id = \(taken)") == 1)
            #expect(try await hqAdmin.fetchValue("SELECT scheduler.run_now('lead.sla_check')", as: Int64.self) != nil)
            await hqAdmin.close()
            await owner.close()
        }
    }
}
