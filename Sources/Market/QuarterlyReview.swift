import Foundation
import MTLCore
import PGKit

/// The review of one MSP after one fiscal quarter (`mm.quarterly_review`): the quarter's figures
/// against the plan, a status, the gaps, and a draft of the next quarter's plan. Computed in SQL
/// by `mm.run_quarterly_review`; decided through an approval request of kind `quarterly_review`.
public struct QuarterlyReview: PGRecord, Codable, Equatable {
    /// A review's state: its approval request's (`mm.quarterly_review` CHECK `review_state`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case submitted, approved, rejected, withdrawn

        public var description: String { rawValue }
    }

    public var id: Int64
    public var mspId: Int64
    public var fiscalQuarter: String
    public var unit: String
    public var bu: String
    public var segment: String
    public var currency: String
    public var pipelineTarget: Decimal
    public var pipelineCreated: Decimal
    public var leadTarget: Int32
    public var leads: Int32
    public var qualifiedLeads: Int32
    public var opportunities: Int32
    public var activitiesPlanned: Int32
    public var activitiesDone: Int32
    public var budget: Decimal
    public var spend: Decimal
    public var slaBreaches: Int32
    /// on_track, at_risk, off_track, or no_plan (the MSP did not plan the quarter).
    public var status: String
    public var gaps: [String]
    public var nextQuarter: String
    /// The next quarter's draft plan (JSON): pipeline_target, lead_target, budget, currency,
    /// headcount, resources, planned_programmes, and its source (planned or carried_forward);
    /// nil when neither quarter has a plan to draft it from.
    public var draftPlan: String?
    /// submitted, approved, rejected or withdrawn.
    public var state: State
    public var jobId: Int64?
    public var createdAt: Date
    public var createdBy: String
    /// Who asked for the review: the person who enqueued its job or ran it, or the scheduler's
    /// login for a scheduled firing.
    public var requestedBy: String

    static let selection: SQL = """
        SELECT r.id, r.msp_id, r.fiscal_quarter, u.code AS unit, b.code AS bu, s.code AS segment, r.currency,
               r.pipeline_target, r.pipeline_created, r.lead_target, r.leads, r.qualified_leads, r.opportunities,
               r.activities_planned, r.activities_done, r.budget, r.spend, r.sla_breaches, r.status, r.gaps,
               'FY' || r.next_fiscal_year || '-Q' || r.next_quarter AS next_quarter, r.draft_plan::text AS draft_plan,
               r.state, r.job_id, r.created_at, r.created_by::text AS created_by,
               r.requested_by::text AS requested_by
        FROM mm.quarterly_review r
        JOIN mm.msp m ON m.id = r.msp_id
        JOIN mm.segment s ON s.id = m.segment_id
        JOIN org.unit u ON u.id = r.unit_id
        JOIN org.business_unit b ON b.id = r.bu_id
        """

    /// Reviews the active MSPs of a closed quarter, in a unit's subtree (or everywhere); with
    /// `byTimeZone`, in the units that keep that unit's clock. Existing reviews are kept; each new
    /// one opens its approval request. Returns the ids of the reviews created.
    public static func run(quarter: String, unit: String?, byTimeZone: Bool = false, job: Int64? = nil,
                           on db: PGConnection) async throws -> [Int64] {
        let quarter = try FiscalQuarter(parsing: quarter).description
        var ids: [Int64] = []
        for (id) in try await db.fetchAll("""
            SELECT mm.run_quarterly_review(\(quarter), \(unit), \(byTimeZone), \(job))
            """, as: (Int64).self) {
            ids.append(id)
        }
        return ids
    }

    /// What to list.
    public struct Filter: Sendable {
        public var quarter: String?
        public var unit: String?
        public var status: String?
        public init(quarter: String? = nil, unit: String? = nil, status: String? = nil) {
            self.quarter = quarter
            self.unit = unit
            self.status = status
        }
    }

    /// The reviews the caller can see (row-level security), newest quarter first.
    public static func list(_ filter: Filter = Filter(), on db: PGConnection) async throws -> [QuarterlyReview] {
        try await db.fetchAll(selection + """
             WHERE (\(filter.quarter)::text IS NULL OR r.fiscal_quarter = upper(\(filter.quarter)))
               AND (\(filter.unit)::text IS NULL OR u.path @> ARRAY[(SELECT x.id FROM org.unit x WHERE x.code = \(filter.unit))])
               AND (\(filter.status)::text IS NULL OR r.status = \(filter.status))
             ORDER BY r.fiscal_year DESC, r.quarter DESC, u.code, s.code, r.id
            """)
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> QuarterlyReview {
        guard let review = try await db.fetchOne(selection + " WHERE r.id = \(id)", as: QuarterlyReview.self) else {
            throw MarketError.noReview(id)
        }
        return review
    }
}
