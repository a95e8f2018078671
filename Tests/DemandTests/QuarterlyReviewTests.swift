import Foundation
import PGKit
import Testing
import TestSupport

/// The quarterly MSP review (V0017), computed by the database from MM and DG data, against a
/// hand-computed fixture.
@Suite("quarterly review")
struct QuarterlyReviewTests {
    /// FY2027-Q2 is July to September 2026 (the fixture's year starts in April); DE keeps
    /// Europe/Berlin time, so the quarter runs from 2026-06-30 22:00 UTC.
    ///
    /// Plan for Q2: pipeline 200,000 EUR, 10 leads, budget 10,000 EUR.
    /// Activities ending in Q2: two done (6,000 + 5,000 spent), one planned, one cancelled; one
    /// done in Q3 does not count → 2 of 3 done, spend 11,000 (over 10,000 × 1.05).
    /// Leads from the activities created in Q2: nine (one 30 minutes after the local midnight
    /// that starts the quarter; one 30 minutes before it does not count): 2 new, 1 qualifying,
    /// 1 qualified, 2 handed off (one past its SLA), 2 accepted and converted (120,000 + 30,000),
    /// 1 new at the start → 9 leads, 5 qualified, 2 opportunities, 150,000 pipeline, 1 breach.
    /// Ratios 0.75, 0.9 and 0.667: the worst is below 0.7 → off track.
    @Test("figures, status and gaps match the hand-computed fixture; the approver decides; running again creates nothing")
    func reviewFixture() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            let world = try await ProgrammeBudgetTests.World.make(fixture)
            let msp = world.msp
            try await world.deEditor.execute("""
                INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency, headcount, resources, planned_programmes)
                VALUES (\(msp), 2027, 2, 200000, 10, 10000, 'EUR', 2, 'two reps', 'webinars')
                """)
            try await world.deEditor.execute("UPDATE mm.msp SET state = 'active' WHERE id = \(msp)")
            let programme = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: msp, concept: world.fibre)
            let budget = try #require(try await world.deEditor.fetchValue("""
                INSERT INTO dg.budget (programme_id, unit_id, bu_id, kind, amount, currency) VALUES (\(programme), 0, 0, 'initial', 50000, 'EUR') RETURNING id
                """, as: Int64.self))
            let budgetRequest = try #require(try await MarketRequests.pending(world.deEditor, "budget", budget))
            try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(budgetRequest), 'approved')")
            func activity(_ name: String, ends: String, cost: Int, state: String) async throws -> Int64 {
                try #require(try await world.deEditor.fetchValue("""
                    INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, actual_cost, state)
                    SELECT \(programme), id, 0, \(name), 'workshop', \(ends)::date, \(ends)::date, \(cost),
                           CASE WHEN \(state) = 'done' THEN \(cost) END, \(state)
                    FROM org.unit WHERE code = 'DE' RETURNING id
                    """, as: Int64.self))
            }
            let summit = try await activity("Summit", ends: "2026-08-15", cost: 6000, state: "done")
            _ = try await activity("Roadshow", ends: "2026-09-10", cost: 5000, state: "done")
            _ = try await activity("Webinar", ends: "2026-09-20", cost: 1000, state: "planned")
            _ = try await activity("Fair", ends: "2026-07-10", cost: 2000, state: "cancelled")
            _ = try await activity("Autumn", ends: "2026-10-15", cost: 3000, state: "done")

            // Leads written as their history would have left them (the owner sets the past).
            var number = 0
            func lead(_ state: String, created: String, extra: SQL = "NULL, NULL, NULL, NULL, NULL") async throws {
                number += 1
                try await owner.execute("""
                    INSERT INTO dg.lead (unit_id, bu_id, activity_id, company, contact_name, state, created_at,
                                         handed_to, handed_to_kind, handed_off_at, sla_due_at, pipeline_value)
                    SELECT u.id, b.id, \(summit), \("Company \(number)"), \("Contact \(number)"), \(state), \(created)::timestamptz,
                           \(extra)
                    FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER'
                    """)
            }
            let august = "2026-08-20 10:00 Europe/Berlin"
            for _ in 0..<2 { try await lead("new", created: august) }
            try await lead("qualifying", created: august)
            try await lead("qualified", created: august)
            try await lead("handed_off", created: august, extra: "'Sales DE', 'sales_team', '2026-08-25', '2026-09-01', NULL")
            try await lead("handed_off", created: august, extra: "'Sales DE', 'sales_team', now(), now() + interval '1 day', NULL")
            try await lead("accepted", created: august, extra: "'Sales DE', 'sales_team', '2026-08-25', '2026-09-01', 120000")
            try await lead("accepted", created: august, extra: "'Sales DE', 'sales_team', '2026-08-25', '2026-09-01', 30000")
            try await lead("new", created: "2026-07-01 00:30 Europe/Berlin")
            try await lead("new", created: "2026-06-30 23:30 Europe/Berlin")

            // A draft MSP elsewhere gets no review.
            let other = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            let segment = try #require(try await other.fetchValue("""
                INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
                SELECT u.id, b.id, 'PORT', 'Ports', 'Transport', 'Operator', 'Private 5G', 'H2'
                FROM org.unit u, org.business_unit b WHERE u.code = 'FR' AND b.code = 'CARRIER' RETURNING id
                """, as: Int64.self))
            try await other.execute("""
                INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role) SELECT \(segment), id, 2027, current_user FROM org.unit WHERE code = 'FR'
                """)

            // The scheduler runs it (a scheduler-role session).
            try await owner.execute("SET ROLE mtl_scheduler")
            let created = try await owner.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', NULL, false, NULL)", as: (Int64).self)
            #expect(created.count == 1)
            let review = try #require(try await world.deEditor.fetchOne("""
                SELECT msp_id, pipeline_target::text, pipeline_created::text, lead_target, leads, qualified_leads, opportunities,
                       activities_planned, activities_done, budget::text, spend::text, sla_breaches, status, gaps,
                       'FY' || next_fiscal_year || '-Q' || next_quarter, draft_plan::text, state, id
                FROM mm.quarterly_review
                """, as: (Int64, String, String, Int32, Int32, Int32, Int32, Int32, Int32, String, String, Int32, String, [String], String, String, String, Int64).self))
            #expect(review.0 == msp)
            #expect((review.1, review.2) == ("200000.00", "150000.00"))
            #expect((review.3, review.4, review.5, review.6) == (10, 9, 5, 2))
            #expect((review.7, review.8) == (3, 2))
            #expect((review.9, review.10, review.11) == ("10000.00", "11000.00", 1))
            #expect(review.12 == "off_track")
            #expect(review.13 == ["pipeline 150000.00 of 200000.00 EUR (75%)", "leads 9 of 10 (90%)", "activities 2 of 3 done",
                                  "spend 11000.00 over a budget of 10000.00 EUR", "1 hand-off(s) past the acceptance SLA"], "\(review.13)")
            #expect(review.14 == "FY2027-Q3")
            #expect(review.15.contains("\"source\": \"carried_forward\"") && review.15.contains("\"pipeline_target\": 200000.00"), "\(review.15)")
            #expect(review.16 == "submitted")

            // Running again (a retried job, a second worker) creates nothing.
            #expect(try await owner.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', NULL, false, NULL)", as: (Int64).self).isEmpty)
            #expect(try await world.hqAdmin.fetchValue("SELECT count(*) FROM approval.request WHERE kind = 'quarterly_review'", as: Int64.self) == 1)
            // A quarter that has not closed is refused.
            await expectRefusal("22023", "has not closed yet") {
                _ = try await owner.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q4', NULL, false, NULL)", as: (Int64).self)
            }

            // In the approver's inbox; nobody opens one by hand.
            let inbox = try await world.emeaApprover.fetchOne("""
                SELECT id, title, can_decide FROM approval.inbox WHERE kind = 'quarterly_review' AND subject_id = \(review.17)
                """, as: (Int64, String, Bool).self)
            #expect(inbox?.1 == "Quarterly review FY2027-Q2 DE/RAIL: off track" && inbox?.2 == true, "\(String(describing: inbox))")
            await expectRefusal("42501", "permission denied for table quarterly_review") {
                try await world.deEditor.execute("UPDATE mm.quarterly_review SET status = 'on_track'")
            }
            // Approval writes the carried-forward plan into Q3.
            try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(try #require(inbox?.0)), 'approved', 'recover in Q3')")
            #expect(try await world.deEditor.fetchValue("SELECT state FROM mm.quarterly_review", as: String.self) == "approved")
            let q3 = try await world.deEditor.fetchOne("""
                SELECT pipeline_target::text, lead_target, budget::text, resources FROM mm.msp_quarter WHERE msp_id = \(msp) AND fiscal_year = 2027 AND quarter = 3
                """, as: (String, Int32, String, String).self)
            #expect(q3?.0 == "200000.00" && q3?.1 == 10 && q3?.2 == "10000.00" && q3?.3 == "two reps", "\(String(describing: q3))")

            // Editors and approvers cannot run reviews; HQ admins can.
            await expectRefusal("42501", "permission denied for function run_quarterly_review") {
                _ = try await world.deEditor.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', NULL, false, NULL)", as: (Int64).self)
            }
            #expect(try await world.hqAdmin.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', 'EMEA', false, NULL)", as: (Int64).self).isEmpty)
            // An admin below HQ holds EXECUTE (admins do) but is refused by the function.
            let emeaAdmin = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            await expectRefusal("42501", "only the scheduler and HQ admins") {
                _ = try await emeaAdmin.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', 'EMEA', false, NULL)", as: (Int64).self)
            }
            await emeaAdmin.close()
            await other.close()
            await owner.close()
            await world.close()
        }
    }

    /// An MSP that planned FY2027-Q1 and Q4 in EUR, but not Q2: its Q2 review says so (no_plan),
    /// in EUR, drafts no Q3 plan (neither quarter has one to draft from), and approving it writes
    /// nothing. Only the MSP's own leads count: a lead of FR that names DE's activity (written
    /// past the rules by the superuser) is left out.
    @Test("a quarter without a plan is reported as no_plan in the plan's currency, drafts nothing, and counts only the MSP's own leads")
    func quarterWithoutPlan() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            let world = try await ProgrammeBudgetTests.World.make(fixture)
            let msp = world.msp
            try await world.deEditor.execute("UPDATE mm.msp_quarter SET currency = 'EUR' WHERE msp_id = \(msp)")
            try await world.deEditor.execute("""
                INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency)
                VALUES (\(msp), 2027, 4, 500000, 20, 40000, 'EUR')
                """)
            try await world.deEditor.execute("UPDATE mm.msp SET state = 'active' WHERE id = \(msp)")
            let programme = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: msp, concept: world.fibre)
            let activity = try #require(try await world.deEditor.fetchValue("""
                INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, state)
                SELECT \(programme), u.id, b.id, 'Summit', 'summit', '2026-08-01', '2026-08-01', 0, 'planned'
                FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER' RETURNING id
                """, as: Int64.self))
            try await owner.executeScript(unsafeSQL: """
                SET session_replication_role = replica;
                INSERT INTO dg.lead (unit_id, bu_id, activity_id, company, contact_name, state, created_at, handed_to, handed_to_kind,
                                     handed_off_at, pipeline_value, currency)
                SELECT u.id, b.id, \(activity), c.company, 'Contact', 'accepted', '2026-08-20 10:00 Europe/Berlin', 'Sales', 'sales_team',
                       '2026-08-21', c.value, 'EUR'
                FROM (VALUES ('DE', 'DE customer', 1000), ('FR', 'FR customer', 999999999)) c(unit, company, value)
                JOIN org.unit u ON u.code = c.unit, org.business_unit b WHERE b.code = 'CARRIER';
                SET session_replication_role = DEFAULT;
                """)
            try await owner.execute("SET ROLE mtl_scheduler")
            let created = try await owner.fetchAll("SELECT mm.run_quarterly_review('FY2027-Q2', NULL, false, NULL)", as: (Int64).self)
            #expect(created.count == 1)
            let review = try #require(try await world.deEditor.fetchOne("""
                SELECT id, status, currency, pipeline_target::text, pipeline_created::text, leads, draft_plan IS NULL, gaps
                FROM mm.quarterly_review
                """, as: (Int64, String, String, String, String, Int32, Bool, [String]).self))
            #expect(review.1 == "no_plan")
            #expect(review.2 == "EUR")
            #expect((review.3, review.4, review.5) == ("0.00", "1000.00", 1), "only DE's lead counts")
            #expect(review.6, "no draft without a plan to draft from")
            #expect(review.7.first?.hasPrefix("no plan for FY2027-Q2") == true, "\(review.7)")
            let request = try #require(try await MarketRequests.pending(world.deEditor, "quarterly_review", review.0))
            try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
            #expect(try await world.deEditor.fetchValue("SELECT count(*) FROM mm.msp_quarter WHERE msp_id = \(msp)", as: Int64.self) == 2,
                    "approving a review without a draft writes no plan")
            await owner.close()
            await world.close()
        }
    }
}
