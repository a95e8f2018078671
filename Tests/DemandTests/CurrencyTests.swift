import PGKit
import Testing
import TestSupport

/// Amounts default to their unit's currency, never silently to USD, and are never mixed: an
/// MSP's quarters share one currency, its programmes take it, a lead's pipeline is in its
/// programme's.
@Suite("currencies")
struct CurrencyTests {
    @Test("plans, programmes, gaps and pipelines take their unit's or plan's currency and refuse another")
    func currencies() async throws {
        try await withTenancy { fixture in
            let world = try await ProgrammeBudgetTests.World.make(fixture)
            let db = world.deEditor
            // The MSP's first quarter (World.make gives none) took DE's currency.
            #expect(try await db.fetchValue("SELECT currency FROM mm.msp_quarter WHERE msp_id = \(world.msp) AND quarter = 1", as: String.self) == "EUR")
            await expectRefusal("23514", "quarters are planned in EUR, not USD") {
                try await db.execute("INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, currency) VALUES (\(world.msp), 2027, 2, 'USD')")
            }
            try await db.execute("INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter) VALUES (\(world.msp), 2027, 2)")
            // A programme of the MSP takes its currency; another is refused.
            func programme(_ name: String, currency: String?) async throws -> Int64 {
                try #require(try await db.fetchValue("""
                    INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, starts_on, ends_on, currency)
                    SELECT u.id, b.id, \(name), 'customer_group', 2027, \(world.msp), \(world.fibre), '2026-04-01', '2027-03-31', \(currency)
                    FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER' RETURNING id
                    """, as: Int64.self))
            }
            await expectRefusal("23514", "is in USD, but MSP") { _ = try await programme("Dollars", currency: "USD") }
            let id = try await programme("Euros", currency: nil)
            #expect(try await db.fetchValue("SELECT currency FROM dg.programme WHERE id = \(id)", as: String.self) == "EUR")
            // HQ's company programme: HQ's currency.
            let summit = try #require(try await world.hqAdmin.fetchValue("""
                INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, concept_package_id, starts_on, ends_on)
                SELECT org.hq(), b.id, 'Summit', 'company', 2027, \(world.fibre), '2026-09-01', '2026-09-02'
                FROM org.business_unit b WHERE b.code = 'CARRIER' RETURNING currency
                """, as: String.self))
            #expect(summit == "USD")
            // A lead's pipeline is in its programme's currency.
            let owner = try await fixture.database.connect()
            try await owner.executeScript(unsafeSQL: "SET ROLE mtl_owner; UPDATE dg.programme SET state = 'approved' WHERE id = \(id); RESET ROLE;")
            await owner.close()
            let activity = try #require(try await db.fetchValue("""
                INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on)
                SELECT \(id), u.id, 0, 'Workshop', 'workshop', '2026-06-01', '2026-06-01' FROM org.unit u WHERE u.code = 'DE' RETURNING id
                """, as: Int64.self))
            let de = try await fixture.id(ofUnit: "DE")
            for (company, source) in [("From the workshop", "activity_id"), ("From the web", "channel")] {
                try await db.execute("""
                    INSERT INTO dg.lead (unit_id, \(unsafeRaw: source), company, contact_name)
                    VALUES (\(de), \(unsafeRaw: source == "channel" ? "'web'" : String(activity)), \(company), 'Ann')
                    """)
            }
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead WHERE currency IS NOT NULL", as: Int64.self) == 0, "no currency before a value")
            try await db.execute("""
                UPDATE dg.lead SET state = 'qualifying' WHERE company LIKE 'From%';
                """)
            for state in ["qualified", "handed_off"] {
                try await db.execute("UPDATE dg.lead SET state = \(state), handed_to = 'Sales', handed_to_kind = 'sales_team' WHERE company LIKE 'From%'")
            }
            try await db.execute("UPDATE dg.lead SET state = 'accepted' WHERE company LIKE 'From%'")
            await expectRefusal("23514", "in its programme's currency, EUR, not USD") {
                try await db.execute("UPDATE dg.lead SET pipeline_value = 1000, currency = 'USD' WHERE company = 'From the workshop'")
            }
            try await db.execute("UPDATE dg.lead SET pipeline_value = 1000 WHERE company LIKE 'From%'")
            let currencies = try await db.fetchAll("SELECT company, currency FROM dg.lead ORDER BY company", as: (String, String).self)
            #expect(currencies.map(\.1) == ["EUR", "EUR"], "the web lead takes DE's, the workshop's its programme's: \(currencies)")
            // A segment gap without a currency: its unit's.
            let segment = try #require(try await db.fetchValue("SELECT segment_id FROM mm.msp WHERE id = \(world.msp)", as: Int64.self))
            try await db.execute("INSERT INTO mm.segment_gap (segment_id, fiscal_year, quarter, revenue_target) VALUES (\(segment), 2027, 1, 10)")
            #expect(try await db.fetchValue("SELECT currency FROM mm.segment_gap", as: String.self) == "EUR")
            await world.close()
        }
    }
}
