import Foundation
import PGKit

/// An exchange rate kept by HQ (`org.fx_rate`): how many units of `toCurrency` one unit of
/// `currency` was worth in a fiscal quarter. Scorecards convert each figure with the rate of its
/// own quarter; a figure without one is shown as missing.
public struct FxRate: PGRecord, Codable, Equatable, Sendable {
    public var currency: String
    public var toCurrency: String
    public var fiscalYear: Int32
    public var quarter: Int16
    public var rate: Decimal
    public var updatedBy: String
    public var updatedAt: Date

    public static func list(on db: PGConnection) async throws -> [FxRate] {
        try await db.fetchAll("""
            SELECT currency, to_currency, fiscal_year, quarter, rate, updated_by::text AS updated_by, updated_at
            FROM org.fx_rate ORDER BY to_currency, currency, fiscal_year, quarter
            """)
    }

    /// Sets the rate of `currency` into `toCurrency` for `quarter` (HQ admins).
    public static func set(_ currency: String, into toCurrency: String, quarter: FiscalQuarter, rate: Decimal,
                           on db: PGConnection) async throws {
        try await explainingDenials(scope: "only HQ admins keep exchange rates", capability: "only HQ admins keep exchange rates") {
            try await db.execute("""
                INSERT INTO org.fx_rate (currency, to_currency, fiscal_year, quarter, rate)
                VALUES (\(currency), \(toCurrency), \(quarter.fiscalYear.sqlValue), \(Int16(quarter.quarter)), \(rate))
                ON CONFLICT (currency, to_currency, fiscal_year, quarter) DO UPDATE SET rate = EXCLUDED.rate
                """)
        }
    }
}
