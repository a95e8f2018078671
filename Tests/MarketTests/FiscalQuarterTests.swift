import Foundation
import PGKit
import Testing
import TestSupport

/// Fiscal quarter arithmetic with a fiscal year that starts in April.
@Suite("fiscal quarters")
struct FiscalQuarterTests {
    @Test("a year from April named by its end: quarters, their dates, the next quarter across the year end")
    func aprilStart() async throws {
        try await withTestConnection { db in
            try await db.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            let dates = try await db.fetchAll("""
                SELECT q, lower(org.fiscal_quarter_dates(2027, q))::text, upper(org.fiscal_quarter_dates(2027, q))::text
                FROM generate_series(1, 4) q ORDER BY q
                """, as: (Int32, String, String).self)
            #expect(dates.map(\.1) == ["2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01"])
            #expect(dates.map(\.2) == ["2026-07-01", "2026-10-01", "2027-01-01", "2027-04-01"])
            for (day, label) in [("2026-03-31", "FY2026-Q4"), ("2026-04-01", "FY2027-Q1"), ("2026-12-31", "FY2027-Q3"),
                                 ("2027-01-01", "FY2027-Q4"), ("2027-03-31", "FY2027-Q4"), ("2027-04-01", "FY2028-Q1")] {
                #expect(try await db.fetchValue("SELECT org.fiscal_quarter_label(\(day)::date)", as: String.self) == label, "\(day)")
            }
            let next = try await db.fetchAll("""
                SELECT n.next_fiscal_year, n.next_quarter FROM (VALUES (2027, 1), (2027, 4), (2026, 3)) v(y, q),
                LATERAL org.fiscal_quarter_next(v.y, v.q) n
                """, as: (Int32, Int32).self)
            #expect(next.map(\.0) == [2027, 2028, 2026] && next.map(\.1) == [2, 1, 4])
            // Every day of three years lies in the quarter it is labelled with, and quarters tile the years.
            let misplaced = try await db.fetchValue("""
                SELECT count(*) FROM generate_series('2025-01-01'::date, '2027-12-31', '1 day') d,
                LATERAL org.fiscal_quarter_of(d::date) q
                WHERE NOT org.fiscal_quarter_dates(q.fiscal_year, q.quarter) @> d::date
                """, as: Int64.self)
            #expect(misplaced == 0)
            #expect(try await db.fetchValue("SELECT org.fiscal_quarter_dates(2027, 5) IS NULL", as: Bool.self) == true)
            // Named by the start year, the same months are FY2026.
            try await db.execute("UPDATE org.fiscal_calendar SET named_by = 'start'")
            #expect(try await db.fetchValue("SELECT org.fiscal_quarter_label('2027-03-31')", as: String.self) == "FY2026-Q4")
            #expect(try await db.fetchValue("SELECT lower(org.fiscal_quarter_dates(2026, 1))::text", as: String.self) == "2026-04-01")
        }
    }
}
