import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// Scorecards from the materialized figures: the numbers add up, money is converted with the rate
/// of its quarter or shown as missing, a country's BI login sees its country only, and the
/// figures move when they are refreshed.
@Suite("scorecards")
struct ScorecardTests {
    /// FY2027-Q2 in three units: DE (EUR) with a workshop of 1,000 and a summit of 3,000 and four
    /// leads (one opportunity accepted with 20,000 of pipeline); FR (USD) with a webinar of 500
    /// and one lead; CN (CNY) with a roadshow of 8,000 and two leads, one accepted with 80,000.
    static func world(_ fixture: TenancyFixture) async throws -> PGConnection {
        let db = try await fixture.database.connect()
        let de = try await fixture.id(ofUnit: "DE"), fr = try await fixture.id(ofUnit: "FR"), cn = try await fixture.id(ofUnit: "CN")
        let carrier = try #require(try await db.fetchValue("SELECT id FROM org.business_unit WHERE code = 'CARRIER'", as: Int64.self))
        try await db.execute("SET session_replication_role = replica")
        let day: SQL = "(lower(org.fiscal_quarter_dates(2027, 2)) + 10)"
        let statements: [SQL] = [
            "INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2027, 'published')",
            "INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'Concept')",
            """
            INSERT INTO dg.programme (id, unit_id, bu_id, concept_package_id, name, tier, fiscal_year, currency, starts_on, ends_on, state, lead_target, pipeline_target) OVERRIDING SYSTEM VALUE
            VALUES (1, \(de), \(carrier), 1, 'DE rail', 'company', 2027, 'EUR', '2026-01-01', '2028-01-01', 'running', 10, 100000),
                   (2, \(fr), \(carrier), 1, 'FR fibre', 'company', 2027, 'USD', '2026-01-01', '2028-01-01', 'running', 5, 0),
                   (3, \(cn), \(carrier), 1, 'CN city', 'company', 2027, 'CNY', '2026-01-01', '2028-01-01', 'running', 4, 0)
            """,
            """
            INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, actual_cost, invited, attended, state) OVERRIDING SYSTEM VALUE
            VALUES (11, 1, \(de), \(carrier), 'W', 'workshop', \(day), \(day), 1200, 1000, 30, 20, 'done'),
                   (12, 1, \(de), \(carrier), 'S', 'summit', \(day), \(day), 3000, 3000, 200, 150, 'done'),
                   (13, 2, \(fr), \(carrier), 'Web', 'webinar', \(day), \(day), 500, 500, 100, 40, 'done'),
                   (14, 3, \(cn), \(carrier), 'Road', 'roadshow', \(day), \(day), 8000, 8000, 50, 45, 'done'),
                   (15, 1, \(de), \(carrier), 'Cancelled', 'seminar', \(day), \(day), 999, NULL, 10, 0, 'cancelled')
            """,
            """
            INSERT INTO dg.lead (unit_id, activity_id, channel, company, contact_name, industry, key_person, state, handed_to, handed_to_kind,
                                 handed_off_at, sla_due_at, responded_at, pipeline_value, currency, created_at)
            SELECT x.unit, x.activity, NULL, 'C' || x.n, 'P' || x.n, x.industry, x.key, x.state, x.handed, x.kind, x.at, x.due, x.answered,
                   x.pipeline, x.currency, \(day)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '12 hours'
            FROM (VALUES (1, \(de), 11, 'Rail', true, 'accepted', 'Sales', 'sales_team', now(), now() + interval '5 days', now(), 20000, 'EUR'),
                         (2, \(de), 11, 'Rail', false, 'qualified', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                         (3, \(de), 12, 'Ports', false, 'new', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                         (4, \(de), 12, 'Ports', false, 'handed_off', 'Sales', 'sales_team', now() - interval '9 days', now() - interval '4 days', NULL, NULL, NULL),
                         (5, \(fr), 13, 'Fibre', false, 'new', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                         (6, \(cn), 14, 'City', true, 'accepted', 'Sales', 'sales_team', now(), now() + interval '5 days', now(), 80000, 'CNY'),
                         (7, \(cn), 14, 'City', false, 'new', NULL, NULL, NULL, NULL, NULL, NULL, NULL))
                 AS x(n, unit, activity, industry, key, state, handed, kind, at, due, answered, pipeline, currency)
            """,
            "INSERT INTO org.fx_rate (currency, to_currency, fiscal_year, quarter, rate) VALUES ('CNY', 'EUR', 2027, 2, 0.125)",
        ]
        for statement in statements { try await db.execute(statement) }
        try await db.execute("SET session_replication_role = DEFAULT")
        return db
    }

    static func row(_ rows: [Scorecard.Row], _ key: String) throws -> Scorecard.Row {
        try #require(rows.first { $0.key == key }, "no row \(key) in \(rows.map(\.key))")
    }

    @Test("the figures add up per country, converted with the quarter's rate; a currency without a rate is missing, not zero")
    func figures() async throws {
        try await withTenancy { fixture in
            let owner = try await Self.world(fixture)
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await Scorecard.refresh(on: admin)
            let rows = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .country, currency: "EUR", on: admin)
            let de = try Self.row(rows, "DE")
            #expect(de.activitiesPlanned == 2 && de.activitiesDone == 2 && de.invited == 230 && de.attended == 170)
            #expect(de.costPlanned == 4200 && de.costActual == 4000)
            #expect(de.leads == 4 && de.qualified == 3 && de.opportunities == 1 && de.handedOff == 2 && de.accepted == 1)
            #expect(de.slaMet == 1 && de.slaBreached == 1 && de.pipeline == 20000)
            #expect(de.costPerLead == 1000 && de.costPerOpportunity == 4000 && de.pipelinePerSpend == 5)
            #expect(de.qualifiedRate == Decimal(string: "0.75") && de.acceptanceRate == Decimal(string: "0.5"))
            #expect(de.missingRates.isEmpty && de.refreshedAt != nil)
            let cn = try Self.row(rows, "CN")
            #expect(cn.costActual == 1000 && cn.pipeline == 10000 && cn.pipelinePerSpend == 10)
            #expect(rows.first?.key == "CN", "ranked by pipeline per spend")
            let fr = try Self.row(rows, "FR")
            #expect(fr.costActual == nil && fr.costPerLead == nil && fr.missingRates == ["USD"] && fr.leads == 1)

            // By region: EMEA adds DE's euros and FR's dollars only with a rate.
            var regions = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .region, currency: "EUR", on: admin)
            var emea = try Self.row(regions, "EMEA")
            #expect(emea.costActual == nil && emea.leads == 5)
            try await owner.execute("INSERT INTO org.fx_rate (currency, to_currency, fiscal_year, quarter, rate) VALUES ('USD', 'EUR', 2027, 2, 0.9)")
            regions = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .region, currency: "EUR", on: admin)
            emea = try Self.row(regions, "EMEA")
            #expect(emea.costActual == 4450 && emea.missingRates.isEmpty)

            // By activity type and by programme, with the programme's targets.
            let types = try await Scorecard.figures(year: FiscalYear(2027), quarter: nil, unit: "DE", by: .activityType, currency: "EUR", on: admin)
            #expect(Set(types.map(\.key)) == ["workshop", "summit"])
            #expect(try Self.row(types, "workshop").pipeline == 20000)
            let programmes = try await Scorecard.figures(year: FiscalYear(2027), quarter: nil, unit: "DE", by: .programme, currency: "EUR", on: admin)
            let rail = try Self.row(programmes, "DE rail")
            #expect(rail.leadTarget == 10 && rail.leadAttainment == Decimal(string: "0.4") && rail.pipelineAttainment == Decimal(string: "0.2"))
            let bus = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: "DE", by: .bu, currency: "EUR", on: admin)
            // The activities are CARRIER's; these leads were recorded without a BU.
            #expect(Set(bus.map(\.key)) == ["CARRIER", "(no BU)"])
            #expect(try Self.row(bus, "CARRIER").activitiesDone == 2)
            #expect(try Self.row(bus, "(no BU)").leads == 4)
            let industries = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: "DE", by: .industry, currency: "EUR", on: admin)
            #expect(Set(industries.map(\.key)) == ["Rail", "Ports"] && industries.allSatisfy { $0.costActual == nil })
            await #expect(throws: QualityError.invalidCurrency("eur")) {
                _ = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .country, currency: "eur", on: admin)
            }
            await admin.close()
            await owner.close()
        }
    }

    @Test("a country's BI login sees its country's aggregate rows only, and cannot read the materialized views themselves")
    func scoped() async throws {
        try await withTenancy { fixture in
            let owner = try await Self.world(fixture)
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await Scorecard.refresh(on: admin)
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_de", "bi", unit: "DE"))
            let de = try await fixture.id(ofUnit: "DE")
            for view in ["fct_scorecard_activity", "fct_scorecard_lead"] {
                let units = try await bi.fetchAll(SQL(unsafeRaw: "SELECT DISTINCT unit_id FROM reporting.\(view)"), as: Int64.self)
                #expect(units == [de], "reporting.\(view): \(units)")
            }
            for view in ["scorecard_activity", "scorecard_lead", "refresh"] {
                await expectRefusal("42501", "permission denied for schema reporting_private") {
                    _ = try await bi.execute(SQL(unsafeRaw: "SELECT count(*) FROM reporting_private.\(view)"))
                }
            }
            let rows = try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .region, currency: "EUR", on: bi)
            #expect(rows.map(\.key) == ["EMEA"] && rows.first?.leads == 4, "FR's lead is not EMEA's for DE's BI login")
            let reader = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .country, currency: "EUR", on: reader).map(\.key) == ["FR"])
            for connection in [owner, admin, bi, reader] { await connection.close() }
        }
    }

    @Test("the figures change when refreshed, concurrently; only the scheduler and HQ admins refresh; an import asks for one refresh")
    func refresh() async throws {
        try await withTenancy { fixture in
            let owner = try await Self.world(fixture)
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            // Not refreshed since the migration: nothing yet.
            #expect(try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .country, currency: "EUR", on: admin).isEmpty)
            let refreshed = try await Scorecard.refresh(on: admin)
            #expect(refreshed.map(\.0) == ["scorecard_activity", "scorecard_lead"])
            #expect(try await Scorecard.figures(year: FiscalYear(2027), quarter: 2, unit: nil, by: .country, currency: "EUR", on: admin).count == 3)
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            await #expect(throws: QualityError.refreshNotPermitted) { _ = try await Scorecard.refresh(on: editor) }
            let region = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            await #expect(throws: QualityError.refreshNotPermitted) { _ = try await Scorecard.refresh(on: region) }

            let de = try await fixture.id(ofUnit: "DE")
            let jobs = { try await owner.fetchValue("SELECT count(*) FROM scheduler.job WHERE kind = 'scorecard.refresh' AND state = 'available'", as: Int64.self) }
            #expect(try await jobs() == 0)
            for n in 1...2 {
                try await editor.execute("""
                    INSERT INTO dg.lead_import (unit_id, file_name, sha256, rows_read, rows_imported, rows_rejected)
                    VALUES (\(de), \("f\(n).csv"), repeat('a', 64), 0, 0, 0)
                    """)
            }
            #expect(try await jobs() == 1, "one refresh waits, whatever the number of imports")
            for connection in [owner, admin, editor, region] { await connection.close() }
        }
    }
}
