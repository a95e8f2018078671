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

    /// One pass over the leads: counted per region and currency, then per region. Breaches come
    /// from `dg.lead_sla_breach` (the rule's one home) joined by lead, not looked up per region:
    /// an earlier `lead_id = ANY (array_agg(…))` per region took time in the square of the leads
    /// (7.7 s for HQ at a million leads, `bench --only envelope`).
    public static func byRegion(on db: PGConnection) async throws -> [PipelineSummary] {
        try await db.fetchAll("""
            WITH per_currency AS (
                SELECT coalesce(r.code, u.code) AS region, l.currency, count(*) AS leads,
                       count(*) FILTER (WHERE l.classification = 'opportunity') AS opportunities,
                       count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected')) AS qualified,
                       count(*) FILTER (WHERE l.state IN ('handed_off', 'accepted', 'rejected')) AS handed_off,
                       count(*) FILTER (WHERE l.state = 'accepted') AS accepted,
                       count(b.lead_id) AS sla_breaches, sum(l.pipeline_value) AS pipeline
                FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id LEFT JOIN org.unit r ON r.id = u.path[2]
                LEFT JOIN dg.lead_sla_breach b ON b.lead_id = l.id
                GROUP BY 1, 2
            )
            SELECT region, sum(leads)::bigint AS leads, sum(opportunities)::bigint AS opportunities, sum(qualified)::bigint AS qualified,
                   sum(handed_off)::bigint AS handed_off, sum(accepted)::bigint AS accepted, sum(sla_breaches)::bigint AS sla_breaches,
                   coalesce(string_agg(pipeline || ' ' || currency, ', ' ORDER BY currency) FILTER (WHERE pipeline IS NOT NULL), '-') AS pipeline
            FROM per_currency
            GROUP BY region
            ORDER BY region
            """)
    }
}
