import PGKit
import Testing
import TestSupport

/// Programmes, activities and budgets (dg), enforced when SQL is run directly.
@Suite("programmes and budgets")
struct ProgrammeBudgetTests {
    /// A published FY2027 framework with concept package FIBRE, a draft FY2028 framework with
    /// concept package LATER, and an approved DE/CARRIER MSP; the people who made them.
    struct World {
        let fixture: TenancyFixture
        let hqAdmin: PGConnection, hqApprover: PGConnection, deEditor: PGConnection, emeaApprover: PGConnection
        let fibre: Int64, later: Int64, msp: Int64

        static func make(_ fixture: TenancyFixture) async throws -> World {
            // FY2027 runs April 2026 to March 2027 (programmes run within their fiscal year).
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            await owner.close()
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            let hqApprover = try await fixture.connect(as: try await fixture.createUser("hq_approver", "approver", unit: "HQ"))
            let deEditorName = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let deEditor = try await fixture.connect(as: deEditorName)
            let emeaApprover = try await fixture.connect(as: try await fixture.createUser("emea_approver", "approver", unit: "EMEA"))
            var concepts: [Int64] = []
            for (year, code, publish) in [(Int32(2027), "FIBRE", true), (Int32(2028), "LATER", false)] {
                let framework = try #require(try await hqAdmin.fetchValue("SELECT mm.create_framework(\(year))", as: Int64.self))
                try await hqAdmin.execute("INSERT INTO mm.theme (code, introduced_in) VALUES (\(code + "-T"), \(year))")
                try await hqAdmin.execute("""
                    INSERT INTO mm.framework_theme (framework_id, theme_id, name) SELECT \(framework), id, 'Theme' FROM mm.theme WHERE code = \(code + "-T")
                    """)
                concepts.append(try #require(try await hqAdmin.fetchValue("""
                    INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(framework), \(code), 'Concept') RETURNING id
                    """, as: Int64.self)))
                if publish {
                    try await hqAdmin.execute("UPDATE mm.framework SET state = 'submitted' WHERE id = \(framework)")
                    let request = try #require(try await MarketRequests.pending(hqAdmin, "framework", framework))
                    try await hqApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
                    try await hqAdmin.execute("UPDATE mm.framework SET state = 'published' WHERE id = \(framework)")
                }
            }
            let segment = try #require(try await deEditor.fetchValue("""
                INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
                SELECT u.id, b.id, 'RAIL', 'Rail', 'Transport', 'Operator', 'FRMCS', 'H2'
                FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER' RETURNING id
                """, as: Int64.self))
            let msp = try #require(try await deEditor.fetchValue("""
                INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role, goals, gtm_strategy, value_proposition)
                SELECT \(segment), id, 2027, \(deEditorName), 'g', 's', 'v' FROM org.unit WHERE code = 'DE' RETURNING id
                """, as: Int64.self))
            try await deEditor.execute("INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter) VALUES (\(msp), 2027, 1)")
            try await deEditor.execute("UPDATE mm.msp SET state = 'submitted' WHERE id = \(msp)")
            let request = try #require(try await MarketRequests.pending(deEditor, "msp", msp))
            try await emeaApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
            return World(fixture: fixture, hqAdmin: hqAdmin, hqApprover: hqApprover, deEditor: deEditor, emeaApprover: emeaApprover,
                         fibre: concepts[0], later: concepts[1], msp: msp)
        }

        func close() async {
            for connection in [hqAdmin, hqApprover, deEditor, emeaApprover] { await connection.close() }
        }

        /// Creates a programme as `connection`'s user; returns its id.
        func programme(_ connection: PGConnection, unit: String, tier: String, msp: Int64?, concept: Int64, year: Int32 = 2027) async throws -> Int64 {
            try #require(try await connection.fetchValue("""
                INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, starts_on, ends_on, currency)
                SELECT u.id, b.id, \(tier + " programme"), \(tier), \(year), \(msp), \(concept), '2026-04-01', '2027-03-31', 'EUR'
                FROM org.unit u, org.business_unit b WHERE u.code = \(unit) AND b.code = 'CARRIER' RETURNING id
                """, as: Int64.self))
        }
    }

    @Test("company-tier programmes belong to HQ; programmes follow a published framework of their year and serve an approved MSP")
    func programmeRules() async throws {
        try await withTenancy { fixture in
            let world = try await World.make(fixture)
            await expectRefusal("23514", "company-tier programmes are owned by HQ") {
                _ = try await world.programme(world.deEditor, unit: "DE", tier: "company", msp: nil, concept: world.fibre)
            }
            let unpublished = await expectRefusal("23514", "published FY2028 framework") {
                _ = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: world.msp, concept: world.later, year: 2028)
            }
            #expect(unpublished?.hint?.contains("draft") == true)
            await expectRefusal("23514", "published FY2028 framework") {
                _ = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: world.msp, concept: world.fibre, year: 2028)
            }
            await expectRefusal("23514", "programme_serves_msp") {
                _ = try await world.programme(world.deEditor, unit: "DE", tier: "region", msp: nil, concept: world.fibre)
            }
            let company = try await world.programme(world.hqAdmin, unit: "HQ", tier: "company", msp: nil, concept: world.fibre)
            let local = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: world.msp, concept: world.fibre)
            #expect(try await world.deEditor.fetchValue("SELECT segment_id IS NOT NULL FROM dg.programme WHERE id = \(local)", as: Bool.self) == true)
            // The DE editor does not see HQ's programme.
            #expect(try await world.deEditor.fetchValue("SELECT count(*) FROM dg.programme WHERE id = \(company)", as: Int64.self) == 0)
            await world.close()
        }
    }

    @Test("budgets are approved through approvals; spending beyond the approved budget is refused until a change is approved")
    func budgets() async throws {
        try await withTenancy { fixture in
            let world = try await World.make(fixture)
            let programme = try await world.programme(world.deEditor, unit: "DE", tier: "customer_group", msp: world.msp, concept: world.fibre)
            func activity(cost: Int, name: String) async throws {
                try await world.deEditor.execute("""
                    INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost)
                    SELECT \(programme), id, 0, \(name), 'workshop', '2026-05-01', '2026-05-01', \(cost) FROM org.unit WHERE code = 'DE'
                    """)
            }
            // Without an approved budget nothing can be spent.
            await expectRefusal("23514", "over its approved budget of 0") { try await activity(cost: 1, name: "Early") }
            let initial = try #require(try await world.deEditor.fetchValue("""
                INSERT INTO dg.budget (programme_id, unit_id, bu_id, kind, amount, currency, reason)
                VALUES (\(programme), 0, 0, 'change', 100000, 'XXX', 'Workshops') RETURNING id
                """, as: Int64.self))
            let row = try await world.deEditor.fetchOne("SELECT kind, currency, state FROM dg.budget WHERE id = \(initial)", as: (String, String, String).self)
            #expect(row?.0 == "initial" && row?.1 == "EUR" && row?.2 == "submitted")
            // Editors cannot approve their budget by hand, nor the submitter through approvals.
            await expectRefusal("42501", "permission denied") { try await world.deEditor.execute("UPDATE dg.budget SET state = 'approved'") }
            let request = try #require(try await MarketRequests.pending(world.deEditor, "budget", initial))
            try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(request), 'approved', 'ok')")
            #expect(try await world.deEditor.fetchValue("SELECT state FROM dg.programme WHERE id = \(programme)", as: String.self) == "approved")
            #expect(try await world.deEditor.fetchValue("SELECT dg.approved_budget(\(programme))::text", as: String.self) == "100000.00")

            try await activity(cost: 60000, name: "Summit")
            try await activity(cost: 40000, name: "Workshop")
            await expectRefusal("23514", "would spend 100001.00 EUR, over its approved budget of 100000.00 EUR") {
                try await activity(cost: 1, name: "One more")
            }
            // Raising an activity's actual cost over the budget is refused too; cancelling frees it.
            await expectRefusal("23514", "over its approved budget") {
                try await world.deEditor.execute("UPDATE dg.activity SET actual_cost = 65000 WHERE name = 'Summit'")
            }
            // A change request, pending, does not count; approved, it does.
            let change = try #require(try await world.deEditor.fetchValue("""
                INSERT INTO dg.budget (programme_id, unit_id, bu_id, kind, amount, currency, reason) VALUES (\(programme), 0, 0, 'initial', 20000, '', 'Extra webinar')
                RETURNING id
                """, as: Int64.self))
            #expect(try await world.deEditor.fetchValue("SELECT kind FROM dg.budget WHERE id = \(change)", as: String.self) == "change")
            await expectRefusal("23514", "over its approved budget") { try await activity(cost: 5000, name: "Webinar") }
            let changeRequest = try #require(try await MarketRequests.pending(world.deEditor, "budget", change))
            // Four-eyes and scope apply as for every request.
            await expectRefusal("42501", "permission denied") {
                try await world.deEditor.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(changeRequest), 'approved')")
            }
            try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(changeRequest), 'approved')")
            try await activity(cost: 5000, name: "Webinar")
            try await world.deEditor.execute("UPDATE dg.activity SET actual_cost = 65000 WHERE name = 'Summit'")
            #expect(try await world.deEditor.fetchValue("SELECT state FROM dg.budget WHERE id = \(change)", as: String.self) == "approved")
            await world.close()
        }
    }

    @Test("company-tier budgets are decided by HQ approvers only")
    func companyBudget() async throws {
        try await withTenancy { fixture in
            let world = try await World.make(fixture)
            let programme = try await world.programme(world.hqAdmin, unit: "HQ", tier: "company", msp: nil, concept: world.fibre)
            let budget = try #require(try await world.hqAdmin.fetchValue("""
                INSERT INTO dg.budget (programme_id, unit_id, bu_id, kind, amount, currency) VALUES (\(programme), 0, 0, 'initial', 500000, '') RETURNING id
                """, as: Int64.self))
            let request = try #require(try await MarketRequests.pending(world.hqAdmin, "budget", budget))
            await expectRefusal("42501", "row-level security") {
                try await world.emeaApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
            }
            await expectRefusal("42501", "four-eyes") {
                try await world.hqAdmin.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
            }
            try await world.hqApprover.execute("INSERT INTO approval.decision (request_id, decision) VALUES (\(request), 'approved')")
            #expect(try await world.hqAdmin.fetchValue("SELECT dg.approved_budget(\(programme))::text", as: String.self) == "500000.00")
            await world.close()
        }
    }
}

enum MarketRequests {
    static func pending(_ connection: PGConnection, _ kind: String, _ subject: Int64) async throws -> Int64? {
        try await connection.fetchValue("""
            SELECT id FROM approval.request WHERE kind = \(kind) AND subject_id = \(subject) AND state = 'pending'
            """, as: Int64.self)
    }
}

extension ProgrammeBudgetTests {
    @Test("plans that cannot be right are refused: dates outside the fiscal year or the programme, a second programme of the same name; a programme not yet running is cancelled with a reason")
    func impossiblePlansAndCancel() async throws {
        try await withTenancy { fixture in
            let world = try await World.make(fixture)
            let db = world.deEditor
            func programme(_ name: String, starts: String = "2026-04-01", ends: String = "2027-03-31") async throws -> Int64 {
                try #require(try await db.fetchValue("""
                    INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, starts_on, ends_on, currency)
                    SELECT u.id, b.id, \(name), 'customer_group', 2027, \(world.msp), \(world.fibre), \(starts)::date, \(ends)::date, 'EUR'
                    FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER' RETURNING id
                    """, as: Int64.self))
            }
            // FY2027 is April 2026 to March 2027.
            await expectRefusal("23514", "outside its fiscal year FY2027 (2026-04-01 to 2027-03-31)") { _ = try await programme("Late", ends: "2027-04-30") }
            await expectRefusal("23514", "outside its fiscal year FY2027") { _ = try await programme("Early", starts: "2026-03-31") }
            let id = try await programme("Rail days", starts: "2026-05-01", ends: "2026-10-31")
            await expectRefusal("23505", "already a programme named RAIL DAYS") { _ = try await programme("RAIL DAYS") }
            func activity(_ starts: String, _ ends: String) async throws {
                try await db.execute("""
                    INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on)
                    SELECT \(id), u.id, 0, 'Workshop', 'workshop', \(starts)::date, \(ends)::date FROM org.unit u WHERE u.code = 'DE'
                    """)
            }
            await expectRefusal("23514", "outside its programme's dates (2026-05-01 to 2026-10-31)") { try await activity("2026-10-30", "2026-11-02") }
            try await activity("2026-06-01", "2026-06-02")
            await expectRefusal("23514", "has activities outside") {
                try await db.execute("UPDATE dg.programme SET starts_on = '2026-06-02' WHERE id = \(id)")
            }
            // Withdrawn before it runs: a reason is needed; afterwards it takes nothing more.
            await expectRefusal("23514", "programme_cancel_reason") { try await db.execute("UPDATE dg.programme SET state = 'cancelled' WHERE id = \(id)") }
            try await db.execute("UPDATE dg.programme SET state = 'cancelled', cancel_reason = 'created by mistake' WHERE id = \(id)")
            await expectRefusal("23514", "is cancelled") { try await activity("2026-06-01", "2026-06-02") }
            await expectRefusal("23514", "is cancelled") {
                try await db.execute("INSERT INTO dg.budget (programme_id, amount) VALUES (\(id), 1000)")
            }
            await expectRefusal("23514", "invalid programme state change: cancelled → planned") {
                try await db.execute("UPDATE dg.programme SET state = 'planned' WHERE id = \(id)")
            }
            // A running programme is closed, not cancelled.
            let running = try await programme("Running")
            let owner = try await fixture.database.connect()
            try await owner.execute("SET ROLE mtl_owner")
            try await owner.execute("UPDATE dg.programme SET state = 'approved' WHERE id = \(running)")
            try await owner.execute("UPDATE dg.programme SET state = 'running' WHERE id = \(running)")
            await owner.close()
            await expectRefusal("23514", "invalid programme state change: running → cancelled") {
                try await db.execute("UPDATE dg.programme SET state = 'cancelled', cancel_reason = 'x' WHERE id = \(running)")
            }
            await world.close()
        }
    }
}
