import PGKit

/// The fiscal calendar (`org.fiscal_calendar`, one row): the month the fiscal year starts and
/// whether a fiscal year is named after the calendar year it ends or starts in.
public struct FiscalCalendar: PGRecord, Codable, Equatable {
    public enum Naming: String, Codable, Sendable, CaseIterable {
        /// FY2027 ends in 2027 (a year from April 2026 to March 2027 is FY2027).
        case end
        /// FY2026 starts in 2026.
        case start
    }

    public var startMonth: Int
    public var namedBy: Naming

    public init(startMonth: Int, namedBy: Naming) {
        self.startMonth = startMonth
        self.namedBy = namedBy
    }

    public init(row: PGRow) throws {
        let (month, naming) = try row.decode((Int16, String).self)
        startMonth = Int(month)
        guard let namedBy = Naming(rawValue: naming) else { throw PGError(.decoding, "unknown fiscal year naming \(naming)") }
        self.namedBy = namedBy
    }

    public static func current(on db: PGConnection) async throws -> FiscalCalendar {
        guard let calendar = try await db.fetchOne("SELECT start_month, named_by FROM org.fiscal_calendar", as: FiscalCalendar.self) else {
            throw CoreError.fiscalCalendarMissing
        }
        return calendar
    }

    /// Changes the calendar. Only HQ admins may (row-level security).
    public func save(on db: PGConnection) async throws {
        guard (1...12).contains(startMonth) else {
            throw CoreError.invalidFiscalStartMonth(startMonth)
        }
        let changed = try await db.execute("""
            UPDATE org.fiscal_calendar SET start_month = \(Int16(startMonth)), named_by = \(namedBy.rawValue)
            """)
        if changed == 0 {
            throw CoreError.notPermitted("only HQ admins change the fiscal calendar")
        }
    }
}
