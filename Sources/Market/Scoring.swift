import Foundation
import MTLCore
import PGKit

/// A factor segments are scored on (`mm.factor`): market attractiveness or our capability.
public struct Factor: PGRecord, Codable, Equatable {
    public enum Axis: String, Codable, Sendable, PGCodable { case attractiveness, capability }

    public var code: String
    public var axis: Axis
    public var name: String
    public var description: String

    public static func all(on db: PGConnection) async throws -> [Factor] {
        try await db.fetchAll("SELECT code, axis, name, description FROM mm.factor ORDER BY axis, code")
    }
}

/// The weight a factor carries for a BU and fiscal year (`mm.effective_weight`): set by HQ, or
/// equal within its axis when none are set.
public struct FactorWeight: PGRecord, Codable, Equatable {
    public var factor: String
    public var axis: Factor.Axis
    public var weight: Decimal
    /// False when the weight is the equal default.
    public var setExplicitly: Bool

    /// The weights of a BU for a fiscal year, as the portfolio uses them.
    public static func effective(bu: String, year: FiscalYear, on db: PGConnection) async throws -> [FactorWeight] {
        let businessUnit = try await BusinessUnit.require(code: bu, on: db)
        let set = try await db.fetchAll("""
            SELECT w.factor_code AS factor, w.axis, round(w.weight, 4) AS weight, w.set_explicitly FROM mm.effective_weight w
            WHERE w.bu_id = \(businessUnit.id) AND w.fiscal_year = \(year.sqlValue) ORDER BY w.axis, w.factor_code
            """, as: FactorWeight.self)
        if !set.isEmpty { return set }
        // Nothing scored or weighted yet for that year: the equal default.
        return try await db.fetchAll("""
            SELECT f.code AS factor, f.axis, round(1.0 / count(*) OVER (PARTITION BY f.axis), 4) AS weight, false AS set_explicitly FROM mm.factor f ORDER BY f.axis, f.code
            """, as: FactorWeight.self)
    }

    /// Replaces the weights of a BU for a fiscal year. Each axis's weights must sum to 1 (the
    /// database checks at commit); factors not named weigh 0. Only HQ admins may.
    public static func set(bu: String, year: FiscalYear, weights: [String: Decimal], on db: PGConnection) async throws {
        let businessUnit = try await BusinessUnit.require(code: bu, on: db)
        let known = Set(try await Factor.all(on: db).map(\.code))
        if let unknown = weights.keys.sorted().first(where: { !known.contains($0) }) {
            throw MarketError.unknownFactor(unknown, known: known.sorted())
        }
        try await explainingDenials(scope: "only HQ admins set factor weights", capability: "only HQ admins set factor weights") {
            try await db.transaction { db in
                try await db.execute("DELETE FROM mm.factor_weight WHERE bu_id = \(businessUnit.id) AND fiscal_year = \(year.sqlValue)")
                for (factor, weight) in weights.sorted(by: { $0.key < $1.key }) {
                    try await db.execute("""
                        INSERT INTO mm.factor_weight (bu_id, fiscal_year, factor_code, weight)
                        VALUES (\(businessUnit.id), \(year.sqlValue), \(factor), \(weight))
                        """)
                }
            }
        }
    }
}

extension Segment {
    /// Records a segment's scores (1–5) for a fiscal year, replacing earlier scores of the same
    /// factors; all or nothing.
    public static func score(_ reference: SegmentReference, year: FiscalYear, scores: [String: Int], note: String = "",
                             on db: PGConnection) async throws {
        if let bad = scores.first(where: { !(1...5).contains($0.value) }) {
            throw MarketError.scoreOutOfRange(bad.value, factor: bad.key)
        }
        let known = Set(try await Factor.all(on: db).map(\.code))
        if let unknown = scores.keys.sorted().first(where: { !known.contains($0) }) {
            throw MarketError.unknownFactor(unknown, known: known.sorted())
        }
        let segment = try await require(reference, on: db)
        try await explainingDenials(scope: "segment \(reference) is outside your write scope",
                                    capability: "only editors and admins score segments") {
            try await db.transaction { db in
                for (factor, score) in scores.sorted(by: { $0.key < $1.key }) {
                    try await db.execute("""
                        INSERT INTO mm.segment_score (segment_id, fiscal_year, factor_code, score, note)
                        VALUES (\(segment.id), \(year.sqlValue), \(factor), \(Int16(score)), \(note))
                        ON CONFLICT (segment_id, fiscal_year, factor_code)
                        DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note
                        """)
                }
            }
        }
    }
}

/// A segment's place in its unit's portfolio for a fiscal year (`mm.portfolio`).
public struct PortfolioEntry: PGRecord, Codable, Equatable {
    public var unit: String
    public var bu: String
    public var segment: String
    public var name: String
    public var horizon: String
    public var fiscalYear: FiscalYear
    /// False until every factor that carries weight is scored; then the figures below are set.
    public var complete: Bool
    public var attractiveness: Decimal?
    public var capability: Decimal?
    public var overall: Decimal?
    /// 1 is the best within the unit.
    public var rank: Int64?
    /// invest_grow, selective, maintain or harvest.
    public var quadrant: String?

    /// The ranked portfolio of the caller's units (or one unit and those below it) for a year:
    /// by unit, then rank; unranked segments last.
    public static func list(year: FiscalYear, unit: String? = nil, on db: PGConnection) async throws -> [PortfolioEntry] {
        var query: SQL = """
            SELECT u.code AS unit, b.code AS bu, p.code AS segment, p.name, p.horizon, p.fiscal_year, p.complete,
                   round(p.attractiveness, 2) AS attractiveness, round(p.capability, 2) AS capability,
                   round(p.overall, 2) AS overall, p.rank, p.quadrant
            FROM mm.portfolio p
            JOIN org.unit u ON u.id = p.unit_id
            JOIN org.business_unit b ON b.id = p.bu_id
            WHERE p.fiscal_year = \(year.sqlValue)
            """
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        return try await db.fetchAll(query + " ORDER BY u.path, p.rank NULLS LAST, p.code")
    }
}
