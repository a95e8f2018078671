import Foundation
import MTLCore
import PGKit

/// A market size estimate of a segment and fiscal year (`mi.market_size`): TAM ⊇ SAM ⊇ SOM in a
/// currency, growth, assumptions, source. A new estimate supersedes the current one; the history
/// stays.
public struct MarketSize: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var segment: String
    public var fiscalYear: Int32
    public var currency: String
    public var tam: Decimal
    public var sam: Decimal
    public var som: Decimal
    public var growthRate: Decimal
    public var source: String
    public var assumptions: String
    public var estimatedBy: String
    public var createdAt: Date
    public var isCurrent: Bool

    static let selection: SQL = """
        SELECT m.id, u.code || '/' || s.code AS segment, m.fiscal_year, m.currency, m.tam, m.sam, m.som, m.growth_rate, m.source,
               m.assumptions, m.estimated_by::text AS estimated_by, m.created_at, m.superseded_by IS NULL AS is_current
        FROM mi.market_size m JOIN mm.segment s ON s.id = m.segment_id JOIN org.unit u ON u.id = s.unit_id
        """

    /// A new estimate; the current one of the segment and year becomes history.
    public static func set(segment reference: String, year: Int32, currency: String, tam: Decimal, sam: Decimal, som: Decimal,
                           growthRate: Decimal, assumptions: String, source: String, insight: Int64? = nil,
                           on db: PGConnection) async throws -> MarketSize {
        let segment = try await Topic.segmentID(reference, on: db)
        guard let id = try await db.fetchValue("""
            INSERT INTO mi.market_size (segment_id, fiscal_year, currency, tam, sam, som, growth_rate, assumptions, source, insight_id)
            VALUES (\(segment), \(year), \(currency), \(tam), \(sam), \(som), \(growthRate), \(assumptions), \(source), \(insight))
            RETURNING id
            """, as: Int64.self),
              let estimate = try await db.fetchOne(selection + " WHERE m.id = \(id)", as: MarketSize.self) else {
            throw InsightError.notSaved("market size")
        }
        return estimate
    }

    /// The current estimates (or the whole history) the caller sees, of a segment and a year.
    public static func list(segment reference: String? = nil, year: Int32? = nil, history: Bool = false,
                            on db: PGConnection) async throws -> [MarketSize] {
        var query = selection + " WHERE true"
        if let reference { query += " AND m.segment_id = \(try await Topic.segmentID(reference, on: db))" }
        if let year { query += " AND m.fiscal_year = \(year)" }
        if !history { query += " AND m.superseded_by IS NULL" }
        return try await db.fetchAll(query + " ORDER BY segment, m.fiscal_year, m.id")
    }

    /// Scores (1–5) the portfolio's market size and growth factors could take from the current
    /// estimate: size by the estimate's SAM against the other current estimates of the year that
    /// the caller sees (by fifths), growth by bands of the yearly rate. A suggestion only: the
    /// portfolio's scores change when someone scores the segment.
    /// `compared`: how many current estimates of the year the size was ranked among (with fewer
    /// than two, the size suggestion is the middle, 3).
    public static func suggestedScores(segment reference: String, year: Int32,
                                       on db: PGConnection) async throws -> (size: Int, growth: Int, compared: Int, from: MarketSize) {
        let segment = try await Topic.segmentID(reference, on: db)
        guard let estimate = try await db.fetchOne(selection + " WHERE m.segment_id = \(segment) AND m.fiscal_year = \(year) AND m.superseded_by IS NULL",
                                                   as: MarketSize.self) else {
            throw InsightError.noEstimate(segment: reference, year: year)
        }
        // The fifth of the SAM among the year's current estimates (by percent rank, so a handful
        // of estimates spread over 1–5 too).
        let ranked = try await db.fetchOne("""
            SELECT r.size, r.compared FROM (
                SELECT m.segment_id, 1 + floor(4.999 * percent_rank() OVER (ORDER BY m.sam))::integer AS size, count(*) OVER () AS compared
                FROM mi.market_size m WHERE m.fiscal_year = \(year) AND m.superseded_by IS NULL) r
            WHERE r.segment_id = \(segment)
            """, as: (Int32, Int64).self)
        let compared = Int(ranked?.1 ?? 1)
        let size = compared < 2 ? 3 : Int(ranked?.0 ?? 3)
        let rate = NSDecimalNumber(decimal: estimate.growthRate).doubleValue
        let growth = rate < 0 ? 1 : rate < 0.03 ? 2 : rate < 0.07 ? 3 : rate < 0.12 ? 4 : 5
        return (size, growth, compared, estimate)
    }
}
