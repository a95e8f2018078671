import PGKit
import Testing
import TestSupport

/// Every unit keeps its own clock and currency: a country its main zone and its currency by
/// default (GB London and GBP, not its region's Berlin and USD), set otherwise; each unit's
/// quarterly review schedule runs on its clock.
@Suite("units' clocks and currencies")
struct UnitClockTests {
    @Test("countries default to their main zone and currency, can have their own, and each has its review schedule on its clock")
    func defaults() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            let units = try await db.fetchAll("SELECT code, time_zone, currency FROM org.unit ORDER BY code", as: (String, String, String).self)
            let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.0, ($0.1, $0.2)) })
            #expect(byCode["HQ"]! == ("UTC", "USD"))
            #expect(byCode["EMEA"]! == ("Europe/Berlin", "USD"), "a region takes HQ's currency")
            #expect(byCode["FR"]! == ("Europe/Paris", "EUR") && byCode["JP"]! == ("Asia/Tokyo", "JPY"))
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            try await hqAdmin.execute("INSERT INTO org.unit (code, kind, parent_id) SELECT 'GB', 'country', id FROM org.unit WHERE code = 'EMEA'")
            try await hqAdmin.execute("""
                INSERT INTO org.unit (code, kind, parent_id, time_zone) SELECT 'AU', 'country', id, 'Australia/Perth' FROM org.unit WHERE code = 'APAC'
                """)
            #expect(try await db.fetchOne("SELECT time_zone, currency FROM org.unit WHERE code = 'GB'", as: (String, String).self)! == ("Europe/London", "GBP"))
            #expect(try await db.fetchOne("SELECT time_zone, currency FROM org.unit WHERE code = 'AU'", as: (String, String).self)! == ("Australia/Perth", "AUD"))
            #expect(try await db.fetchValue("SELECT org.unit_time_zone(id) FROM org.unit WHERE code = 'GB'", as: String.self) == "Europe/London")
            // Each unit's review schedule, on its own clock, follows its zone.
            let schedule: SQL = "SELECT time_zone FROM scheduler.schedule WHERE name = 'msp.quarterly_review:au'"
            #expect(try await db.fetchValue(schedule, as: String.self) == "Australia/Perth")
            try await hqAdmin.execute("UPDATE org.unit SET time_zone = 'Australia/Sydney', currency = 'AUD' WHERE code = 'AU'")
            #expect(try await db.fetchValue(schedule, as: String.self) == "Australia/Sydney")
            #expect(try await db.fetchValue("SELECT count(*) FROM scheduler.schedule WHERE name LIKE 'msp.quarterly_review:%'", as: Int64.self) == 9,
                    "HQ, two regions, six countries")
            await expectRefusal("23514", "unknown time zone") {
                try await hqAdmin.execute("UPDATE org.unit SET time_zone = 'Europe/Atlantis' WHERE code = 'GB'")
            }
            await expectRefusal("23514", "unit_currency") { try await hqAdmin.execute("UPDATE org.unit SET currency = 'euro' WHERE code = 'GB'") }
            await hqAdmin.close()
            await db.close()
        }
    }
}
