import MTLCore
import PGKit
import Testing
import TestSupport

@Suite("org model")
struct OrgModelTests {
    static func expectError(_ statement: SQL, on connection: PGConnection, containing text: String,
                            sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await connection.execute(statement)
            Issue.record("ran \(statement)", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(text), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("the hierarchy keeps its shape: HQ → region → country, no cycles, ISO country codes, IANA time zones")
    func shape() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            let hq = try await fixture.id(ofUnit: "HQ"), emea = try await fixture.id(ofUnit: "EMEA"), de = try await fixture.id(ofUnit: "DE")
            await Self.expectError("UPDATE org.unit SET parent_id = \(de) WHERE code = 'EMEA'", on: db, containing: "own ancestor")
            await Self.expectError("UPDATE org.unit SET parent_id = \(emea) WHERE code = 'APAC'", on: db, containing: "a region cannot belong to a region")
            await Self.expectError("UPDATE org.unit SET parent_id = \(emea) WHERE code = 'EMEA'", on: db, containing: "own ancestor")
            await Self.expectError("INSERT INTO org.unit (code, name, kind, parent_id) VALUES ('XK', 'Nowhere', 'country', \(hq))", on: db, containing: "cannot belong to a hq")
            await Self.expectError("INSERT INTO org.unit (code, kind, parent_id) VALUES ('QQ', 'country', \(emea))", on: db, containing: "unknown country code QQ")
            await Self.expectError("INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES ('DE', 'x', 'region', \(hq), 'UTC')", on: db, containing: "ISO country code")
            await Self.expectError("INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES ('LATAM', 'x', 'region', \(hq), 'Mars/Olympus')", on: db, containing: "unknown time zone")
            await Self.expectError("INSERT INTO org.unit (code, name, kind, time_zone) VALUES ('HQ2', 'x', 'hq', 'UTC')", on: db, containing: "unit_one_hq")
            await Self.expectError("UPDATE org.unit SET kind = 'region' WHERE code = 'DE'", on: db, containing: "cannot change")
            // A country moved to another region takes the new path.
            try await db.execute("UPDATE org.unit SET parent_id = (SELECT id FROM org.unit WHERE code = 'APAC') WHERE code = 'DE'")
            let path = try await OrgUnit.require(code: "DE", on: db).path
            #expect(path == ["HQ", "APAC", "DE"])
            await db.close()
        }
    }

    @Test("a unit that owns data cannot be deleted, only deactivated, and not before the units below it")
    func deleteAndDeactivate() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            try await fixture.createUser("de_reader", "reader", unit: "DE")
            await Self.expectError("DELETE FROM org.unit WHERE code = 'DE'", on: db, containing: "unit DE owns rows in org.")
            await Self.expectError("UPDATE org.unit SET active = false WHERE code = 'EMEA'", on: db, containing: "still has active units below it: DE, FR")
            try await OrgUnit.setActive(code: "DE", false, on: db)
            try await OrgUnit.setActive(code: "FR", false, on: db)
            try await OrgUnit.setActive(code: "EMEA", false, on: db)
            await Self.expectError("UPDATE org.unit SET active = true WHERE code = 'DE'", on: db, containing: "under inactive unit EMEA")
            // A unit without data can go.
            try await db.execute("DELETE FROM org.unit WHERE code = 'JP'")
            #expect(try await OrgUnit.find(code: "JP", on: db) == nil)
            await db.close()
        }
    }

    @Test("fiscal quarters follow the calendar's start month and naming")
    func fiscalQuarters() async throws {
        try await withTestConnection { db in
            func label(_ day: String) async throws -> String? {
                try await db.fetchValue("SELECT org.fiscal_quarter_label(\(day)::date)", as: String.self)
            }
            #expect(try await label("2026-01-01") == "FY2026-Q1")
            #expect(try await label("2026-12-31") == "FY2026-Q4")
            try await FiscalCalendar(startMonth: 4, namedBy: .end).save(on: db)
            #expect(try await label("2026-03-31") == "FY2026-Q4")
            #expect(try await label("2026-04-01") == "FY2027-Q1")
            #expect(try await label("2026-11-22") == "FY2027-Q3")
            #expect(try await label("2027-02-28") == "FY2027-Q4")
            try await FiscalCalendar(startMonth: 10, namedBy: .start).save(on: db)
            #expect(try await label("2026-10-01") == "FY2026-Q1")
            #expect(try await label("2027-09-30") == "FY2026-Q4")
            #expect(try await FiscalCalendar.current(on: db) == FiscalCalendar(startMonth: 10, namedBy: .start))
        }
    }
}
