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
    /// The currency of `attributedPipeline`; nil for the leads without a pipeline value.
    public var currency: String?
    public var attributedLeads: Decimal
    public var attributedPipeline: Decimal?

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
        if let unit, try await db.fetchValue("SELECT count(*) FROM reporting.dim_unit WHERE unit_code = \(unit)", as: Int64.self) == 0 {
            throw CoreError.unknownUnit(unit)
        }
        return try await db.fetchAll("""
            SELECT f.model, f.model_version, \(dimension.key) AS key, f.currency,
                   round(sum(f.weight), 3) AS attributed_leads, sum(f.attributed_pipeline) AS attributed_pipeline
            FROM reporting.fct_attribution f
            JOIN reporting.dim_unit u ON u.unit_id = f.unit_id
            LEFT JOIN reporting.fct_activity a ON a.activity_id = f.activity_id
            LEFT JOIN reporting.dim_programme p ON p.programme_id = f.programme_id
            WHERE f.model = \(model) AND f.model_version = \(chosen)
              AND (\(unit)::text IS NULL OR \(unit) IN (u.unit_code, u.parent_code)
                   OR \(unit) = (SELECT h.unit_code FROM reporting.dim_unit h WHERE h.unit_kind = 'hq'))
            GROUP BY 1, 2, 3, 4
            ORDER BY sum(f.attributed_pipeline) DESC NULLS LAST, sum(f.weight) DESC, 3
            """)
    }
}
