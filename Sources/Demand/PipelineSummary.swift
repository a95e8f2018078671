import Foundation
import MTLCore
import PGKit

/// Leads and the pipeline they made, per region (HQ's own leads under HQ), within the caller's
/// scope.
public struct PipelineSummary: PGRecord, Codable, Equatable {
    public var region: String
    public var leads: Int64
    public var opportunities: Int64
    /// Qualified, or further along (handed off, accepted, rejected).
    public var qualified: Int64
    /// Handed off, or answered.
    public var handedOff: Int64
    public var accepted: Int64
    /// Hand-offs past their acceptance SLA.
    public var slaBreaches: Int64
    /// Pipeline value of converted leads, per currency, such as "250000.00 EUR".
    public var pipeline: String

    public static func byRegion(on db: PGConnection) async throws -> [PipelineSummary] {
        try await db.fetchAll("""
            WITH l AS (
                SELECT l.id, l.classification, l.state, l.pipeline_value, l.currency, coalesce(r.code, u.code) AS region
                FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id LEFT JOIN org.unit r ON r.id = u.path[2]
            ), value AS (
                SELECT t.region, string_agg(t.total || ' ' || t.currency, ', ' ORDER BY t.currency) AS pipeline
                FROM (SELECT region, currency, sum(pipeline_value) AS total FROM l WHERE pipeline_value IS NOT NULL GROUP BY 1, 2) t
                GROUP BY t.region
            )
            SELECT l.region, count(*) AS leads,
                   count(*) FILTER (WHERE l.classification = 'opportunity') AS opportunities,
                   count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected')) AS qualified,
                   count(*) FILTER (WHERE l.state IN ('handed_off', 'accepted', 'rejected')) AS handed_off,
                   count(*) FILTER (WHERE l.state = 'accepted') AS accepted,
                   (SELECT count(*) FROM dg.lead_sla_breach b WHERE b.lead_id = ANY (array_agg(l.id))) AS sla_breaches,
                   coalesce(value.pipeline, '-') AS pipeline
            FROM l LEFT JOIN value ON value.region = l.region
            GROUP BY l.region, value.pipeline
            ORDER BY l.region
            """)
    }
}
