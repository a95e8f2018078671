import Foundation
import MTLCore
import PGKit

/// A quarterly report pack (`mqa.report_pack`): a region's scorecard of a closed quarter as one
/// HTML file, rendered and stored by the scheduler after the quarter closes in the region's clock
/// (job kind `report.quarterly_pack`, one schedule per region). Scoped like the region: its
/// people (and HQ's) read it.
public struct ReportPack: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var unit: String
    public var fiscalQuarter: String
    public var title: String
    public var bytes: Int64
    public var createdAt: Date

    public static func list(on db: PGConnection) async throws -> [ReportPack] {
        try await db.fetchAll("""
            SELECT p.id, u.code AS unit, format('FY%s-Q%s', p.fiscal_year, p.quarter) AS fiscal_quarter, p.title,
                   octet_length(p.html)::bigint AS bytes, p.created_at
            FROM mqa.report_pack p JOIN org.unit u ON u.id = p.unit_id
            ORDER BY p.fiscal_year DESC, p.quarter DESC, u.code
            """)
    }

    /// The pack's HTML.
    public static func html(id: Int64, on db: PGConnection) async throws -> String {
        guard let html = try await db.fetchValue("SELECT html FROM mqa.report_pack WHERE id = \(id)", as: String.self) else {
            throw QualityError.noPack(id)
        }
        return html
    }

    /// Renders and stores the pack of `unit`'s last quarter closed in its clock: the scorecards
    /// refreshed first (which freezes the quarter), then the scorecard by country in HQ's
    /// currency. The scheduler's (`report.quarterly_pack`); returns the new pack's id, or nil
    /// when the pack existed.
    public static func render(unit: String, job: Int64?, on db: PGConnection) async throws -> Int64? {
        _ = try await Scorecard.refresh(on: db)
        guard let closed = try await db.fetchValue("""
            SELECT org.fiscal_quarter_closed_before(now(), coalesce(u.time_zone, 'UTC')) FROM reporting.dim_unit u WHERE u.unit_code = \(unit)
            """, as: String.self) else { throw CoreError.unknownUnit(unit) }
        let quarter = try FiscalQuarter(parsing: closed)
        let currency = try await db.fetchValue("SELECT currency FROM reporting.dim_unit WHERE unit_kind = 'hq'", as: String.self) ?? "EUR"
        let report = try await ScorecardReport.gather(year: quarter.fiscalYear, quarter: quarter.quarter, unit: unit, by: .country,
                                                      currency: currency, withQuality: true, on: db)
        let stored = try await db.fetchValue("""
            SELECT mqa.store_pack(\(unit), \(quarter.fiscalYear.sqlValue), \(Int32(quarter.quarter)), \(report.title), \(report.html), \(job))
            """, as: Int64?.self)
        return stored ?? nil
    }
}
