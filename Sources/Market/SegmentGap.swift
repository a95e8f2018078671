import Foundation
import MTLCore
import PGKit

/// A segment's performance in a fiscal quarter (`mm.segment_gap_summary`): revenue, pipeline and
/// share, target against actual, the gaps (actual − target; negative is behind) and what will be
/// done about them.
public struct SegmentGap: PGRecord, Codable, Equatable {
    public var segment: String
    public var fiscalQuarter: FiscalQuarter
    public var currency: String
    public var revenueTarget: Decimal?
    public var revenueActual: Decimal?
    public var revenueGap: Decimal?
    public var pipelineTarget: Decimal?
    public var pipelineActual: Decimal?
    public var pipelineGap: Decimal?
    /// Market share in percent.
    public var shareTarget: Decimal?
    public var shareActual: Decimal?
    public var shareGap: Decimal?
    public var improvementActions: String

    static let selection: SQL = """
        SELECT u.code || '/' || s.code AS segment, format('FY%s-Q%s', g.fiscal_year, g.quarter) AS fiscal_quarter, g.currency, g.revenue_target, g.revenue_actual,
               g.revenue_gap, g.pipeline_target, g.pipeline_actual, g.pipeline_gap, g.share_target, g.share_actual, g.share_gap,
               g.improvement_actions
        FROM mm.segment_gap_summary g
        JOIN mm.segment s ON s.id = g.segment_id
        JOIN org.unit u ON u.id = s.unit_id
        """

    /// The gaps the caller can see, of one unit (and those below it) or one year if given.
    public static func list(unit: String? = nil, year: FiscalYear? = nil, on db: PGConnection) async throws -> [SegmentGap] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        if let year { query += " AND g.fiscal_year = \(year.sqlValue)" }
        return try await db.fetchAll(query + " ORDER BY u.path, s.code, g.fiscal_year, g.quarter")
    }

    /// Targets, actuals and actions of a quarter; nil keeps what is recorded.
    public struct Figures: Sendable {
        public var currency: String?
        public var revenueTarget, revenueActual, pipelineTarget, pipelineActual, shareTarget, shareActual: Decimal?
        public var improvementActions: String?

        public init(currency: String? = nil, revenueTarget: Decimal? = nil, revenueActual: Decimal? = nil,
                    pipelineTarget: Decimal? = nil, pipelineActual: Decimal? = nil, shareTarget: Decimal? = nil,
                    shareActual: Decimal? = nil, improvementActions: String? = nil) {
            self.currency = currency
            self.revenueTarget = revenueTarget
            self.revenueActual = revenueActual
            self.pipelineTarget = pipelineTarget
            self.pipelineActual = pipelineActual
            self.shareTarget = shareTarget
            self.shareActual = shareActual
            self.improvementActions = improvementActions
        }
    }

    /// Records (or updates) a segment's targets, actuals and improvement actions for a quarter.
    @discardableResult
    public static func set(_ reference: SegmentReference, quarter: FiscalQuarter, _ f: Figures, on db: PGConnection) async throws -> SegmentGap {
        for (value, what) in [(f.revenueTarget, "revenue target"), (f.revenueActual, "revenue"), (f.pipelineTarget, "pipeline target"),
                              (f.pipelineActual, "pipeline")] {
            if let value, value < 0 { throw MarketError.negative(what) }
        }
        for (value, what) in [(f.shareTarget, "share target"), (f.shareActual, "share")] {
            if let value, value < 0 || value > 100 { throw MarketError.notAPercentage(what) }
        }
        let segment = try await Segment.require(reference, on: db)
        let year = quarter.fiscalYear.sqlValue, q = Int16(quarter.quarter)
        try await explainingDenials(scope: "segment \(reference) is outside your write scope", capability: "only editors and admins record gaps") {
            try await db.execute("""
                INSERT INTO mm.segment_gap AS g (segment_id, fiscal_year, quarter, currency, revenue_target, revenue_actual,
                                                 pipeline_target, pipeline_actual, share_target, share_actual, improvement_actions)
                VALUES (\(segment.id), \(year), \(q), \(f.currency), \(f.revenueTarget), \(f.revenueActual),
                        \(f.pipelineTarget), \(f.pipelineActual), \(f.shareTarget), \(f.shareActual), coalesce(\(f.improvementActions), ''))
                ON CONFLICT (segment_id, fiscal_year, quarter) DO UPDATE SET
                    currency = coalesce(\(f.currency), g.currency),
                    revenue_target = coalesce(\(f.revenueTarget), g.revenue_target),
                    revenue_actual = coalesce(\(f.revenueActual), g.revenue_actual),
                    pipeline_target = coalesce(\(f.pipelineTarget), g.pipeline_target),
                    pipeline_actual = coalesce(\(f.pipelineActual), g.pipeline_actual),
                    share_target = coalesce(\(f.shareTarget), g.share_target),
                    share_actual = coalesce(\(f.shareActual), g.share_actual),
                    improvement_actions = coalesce(\(f.improvementActions), g.improvement_actions)
                """)
        }
        guard let saved = try await db.fetchOne(selection + " WHERE g.segment_id = \(segment.id) AND g.fiscal_year = \(year) AND g.quarter = \(q)",
                                                as: SegmentGap.self) else {
            throw MarketError.notSaved("gap")
        }
        return saved
    }
}
