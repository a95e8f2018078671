import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// A closed quarter's scorecard is frozen by the first refresh after it closes: its figures do
/// not move when late data arrives, the change shows as a restatement, and nobody — not even the
/// owner — changes or removes what was frozen.
@Suite("closed quarters stay as they were")
struct QuarterCloseTests {
    @Test("frozen at the first refresh after the close; a late lead changes the restatement, not the scorecard")
    func frozen() async throws {
        try await withTenancy { fixture in
            let world = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE")
            // The last quarter closed in DE's clock, whatever today is, and a day in it.
            let closed = try FiscalQuarter(parsing: try #require(try await world.fetchValue(
                "SELECT org.fiscal_quarter_closed_before(now(), 'Europe/Berlin')", as: String.self)))
            let year = closed.fiscalYear.sqlValue, quarter = Int16(closed.quarter)
            let inQuarter: SQL = "(lower(org.fiscal_quarter_dates(\(year), \(quarter))) + 20)::timestamp AT TIME ZONE 'Europe/Berlin'"
            for n in 1...3 {
                try await world.execute("""
                    INSERT INTO dg.lead (unit_id, channel, company, contact_name, created_at)
                    VALUES (\(de), 'web', \("On time \(n)"), 'P', \(inQuarter))
                    """)
            }
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await Scorecard.refresh(on: admin)
            #expect(try await world.fetchValue("SELECT count(*) FROM mqa.quarter_close WHERE fiscal_year = \(year) AND quarter = \(quarter)", as: Int64.self)
                    == (try await world.fetchValue("SELECT count(*) FROM org.unit", as: Int64.self)), "every unit's last closed quarter")
            let figures = { try await Scorecard.figures(year: closed.fiscalYear, quarter: closed.quarter, unit: "DE", by: .country, currency: "EUR", on: admin) }
            #expect(try ScorecardTests.row(try await figures(), "DE").leads == 3)

            try await world.execute("INSERT INTO dg.lead (unit_id, channel, company, contact_name, created_at) VALUES (\(de), 'web', 'Late', 'Comer', \(inQuarter))")
            _ = try await Scorecard.refresh(on: admin)
            #expect(try ScorecardTests.row(try await figures(), "DE").leads == 3, "the closed quarter does not move")
            let restated = try await admin.fetchAll("""
                SELECT unit_id, leads_change FROM reporting.fct_scorecard_restatement WHERE fiscal_quarter = \(closed.description)
                """, as: (Int64, Int32).self)
            #expect(restated.count == 1 && restated.first?.0 == de && restated.first?.1 == 1, "\(restated)")
            #expect(try await admin.fetchAll("SELECT DISTINCT frozen FROM reporting.fct_scorecard_lead WHERE fiscal_quarter = \(closed.description)",
                                             as: Bool.self) == [true])
            // Another country's BI login sees no restatement of DE.
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_fr", "bi", unit: "FR"))
            #expect(try await bi.fetchValue("SELECT count(*) FROM reporting.fct_scorecard_restatement", as: Int64.self) == 0)
            await bi.close()
            // Append-only, for the owner too; people cannot write it at all.
            for statement: SQL in ["UPDATE mqa.scorecard_snapshot SET leads = 0", "DELETE FROM mqa.scorecard_snapshot",
                                   "TRUNCATE mqa.scorecard_snapshot", "DELETE FROM mqa.quarter_close", "TRUNCATE mqa.quarter_close CASCADE"] {
                await expectRefusal("42501", "append-only") { _ = try await world.execute(statement) }
            }
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            await expectRefusal("42501", "permission denied") {
                _ = try await editor.execute("INSERT INTO mqa.quarter_close (unit_id, fiscal_year, quarter) VALUES (\(de), 2030, 1)")
            }
            for connection in [world, admin, editor] { await connection.close() }
        }
    }
}
