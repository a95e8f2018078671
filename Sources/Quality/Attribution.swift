import Foundation
import MTLCore
import PGKit

/// Campaign influence: what each activity, programme or concept package brought under an
/// attribution model and version (`reporting.fct_attribution`) — attributed leads (shares of
/// leads, adding up to the leads touched) and attributed pipeline, per currency (amounts of
/// different currencies are never added).
public struct Attribution: PGRecord, Codable, Equatable, Sendable {
    public enum Dimension: String, CaseIterable, Sendable {
        case activity, programme, concept

        fileprivate var key: SQL {
            switch self {
            case .activity: "coalesce(a.activity_name, 'activity ' || f.activity_id)"
            case .programme: "coalesce(p.programme_name, '(not visible)')"
            case .concept: "coalesce(p.concept_code, '(not visible)')"
            }
        }
    }

    public var model: String
    public var modelVersion: Int32
    public var key: String
    /// The currency of `attributedPipeline` (leads without a pipeline value count in their
    /// programme's); nil where the reader cannot see the programme.
    public var currency: String?
    public var attributedLeads: Decimal
    public var attributedPipeline: Decimal?
    /// By activity or programme: the actual cost of its activities done, in its currency (nil by
    /// concept, whose programmes may spend in several currencies).
    public var spend: Decimal?
    /// Attributed pipeline per unit of spend, and attributed leads per 1,000 of spend: the
    /// ranking by results.
    public var pipelinePerSpend: Decimal?
    public var leadsPerThousandSpent: Decimal?

    /// The attribution of `model` (its latest version unless `version` is given), by `dimension`,
    /// for the caller's scope or `unit` and the units below it; the most pipeline first.
    public static func figures(model: String, version: Int32? = nil, by dimension: Dimension, unit: String? = nil,
                               on db: PGConnection) async throws -> [Attribution] {
        let known = try await db.fetchAll("SELECT model, model_version FROM reporting.dim_attribution_model ORDER BY 1, 2", as: (String, Int32).self)
        guard let latest = known.filter({ $0.0 == model }).map(\.1).max() else {
            throw QualityError.unknownModel(model, known: Array(Set(known.map(\.0))).sorted())
        }
        let chosen = version ?? latest
        guard known.contains(where: { $0 == (model, chosen) }) else { throw QualityError.unknownModelVersion(model, chosen) }
        try await ReportScope.check(unit, on: db)
        // Spend per activity or programme (one currency each); none by concept.
        let spendKey: SQL = switch dimension {
        case .activity: "coalesce(a.activity_name, 'activity ' || a.activity_id)"
        case .programme: "coalesce(p.programme_name, '(not visible)')"
        case .concept: "NULL::text"
        }
        return try await db.fetchAll("""
            WITH attributed AS (
                -- A lead without a pipeline value counts in its programme's currency row, beside
                -- the leads with one, rather than in a row of its own.
                SELECT f.model, f.model_version, \(dimension.key) AS key, coalesce(f.currency, p.currency) AS currency,
                       round(sum(f.weight), 3) AS attributed_leads, sum(f.attributed_pipeline) AS attributed_pipeline
                FROM reporting.fct_attribution f
                JOIN reporting.dim_unit u ON u.unit_id = f.unit_id
                LEFT JOIN reporting.fct_activity a ON a.activity_id = f.activity_id
                LEFT JOIN reporting.dim_programme p ON p.programme_id = f.programme_id
                WHERE f.model = \(model) AND f.model_version = \(chosen)
                  AND \(ReportScope.condition(unit, alias: "u"))
                GROUP BY 1, 2, 3, 4),
            spend AS (
                SELECT \(spendKey) AS key, p.currency, sum(a.actual_cost) FILTER (WHERE a.state = 'done') AS spend
                FROM reporting.fct_activity a JOIN reporting.dim_programme p ON p.programme_id = a.programme_id
                WHERE a.activity_id IN (SELECT f.activity_id FROM reporting.fct_attribution f
                                        WHERE f.model = \(model) AND f.model_version = \(chosen))
                GROUP BY 1, 2)
            SELECT x.model, x.model_version, x.key, x.currency, x.attributed_leads, x.attributed_pipeline, s.spend,
                   round(x.attributed_pipeline / nullif(s.spend, 0), 2) AS pipeline_per_spend,
                   round(1000 * x.attributed_leads / nullif(s.spend, 0), 3) AS leads_per_thousand_spent
            FROM attributed x
            LEFT JOIN spend s ON s.key = x.key AND (x.currency IS NULL OR s.currency = x.currency)
            ORDER BY x.attributed_pipeline / nullif(s.spend, 0) DESC NULLS LAST, x.attributed_pipeline DESC NULLS LAST,
                     x.attributed_leads DESC, x.key
            """)
    }
}
