import Foundation
import MTLCore
import PGKit

/// A scorecard: what a unit's marketing produced in a fiscal quarter or year, by country, region,
/// BU, industry, programme or activity type — activities, attendance, cost, the lead funnel, SLA,
/// pipeline, the ratios that judge it by results (cost per lead and per opportunity, pipeline per
/// unit of spend, conversion at each step), and targets with attainment.
///
/// Computed in SQL from the materialized scorecard views (`reporting.fct_scorecard_*`, as fresh
/// as `refreshedAt`) within the reader's scope. Money is converted into one reporting currency
/// with HQ's rates of each figure's own quarter (`org.fx_rate`); a figure needing a rate that is
/// missing is nil (and the currency is listed in `missingRates`), never a partial sum.
public struct Scorecard: Sendable {
    /// What a scorecard's rows are.
    public enum Dimension: String, CaseIterable, Sendable {
        case country, region, bu, industry, programme
        case activityType = "activity-type"

        /// The row's key, from the joined dimension views (`u`, `b`, `p`) and the fact (`f`).
        fileprivate var key: SQL {
            switch self {
            case .country: "u.unit_code"
            case .region: "coalesce(u.region_code, u.unit_code)"
            case .bu: "coalesce(b.bu_code, '(no BU)')"
            case .industry: "coalesce(nullif(btrim(f.industry), ''), '(no industry)')"
            case .programme: "coalesce(p.programme_name, '(no programme)')"
            case .activityType: "coalesce(f.activity_type, '(channel)')"
            }
        }
    }

    /// One row of a scorecard.
    public struct Row: PGRecord, Codable, Equatable, Sendable {
        /// The dimension's value: a unit or region code, a BU code, an industry, a programme's
        /// name or an activity type.
        public var key: String
        public var activitiesPlanned: Int64
        public var activitiesDone: Int64
        public var invited: Int64
        public var attended: Int64
        /// In the reporting currency; nil where a rate is missing (or, by industry, not known:
        /// activities have no industry).
        public var costPlanned: Decimal?
        public var costActual: Decimal?
        public var leads: Int64
        public var qualified: Int64
        public var opportunities: Int64
        public var handedOff: Int64
        public var accepted: Int64
        public var rejected: Int64
        public var slaMet: Int64
        public var slaBreached: Int64
        public var pipeline: Decimal?
        public var costPerLead: Decimal?
        public var costPerOpportunity: Decimal?
        /// Pipeline per unit of actual spend.
        public var pipelinePerSpend: Decimal?
        /// Conversion at each step of the funnel: qualified of leads, handed off of qualified,
        /// accepted of handed off.
        public var qualifiedRate: Decimal?
        public var handoffRate: Decimal?
        public var acceptanceRate: Decimal?
        /// MSP quarter targets (by country, region or BU) or the programme's own (by programme,
        /// for its fiscal year); nil where none applies.
        public var leadTarget: Int64?
        public var pipelineTarget: Decimal?
        public var leadAttainment: Decimal?
        public var pipelineAttainment: Decimal?
        /// Currencies of this row's money without a rate into the reporting currency.
        public var missingRates: [String]
        public var refreshedAt: Date?
    }

    /// The scorecard of `period` (a quarter, or with `quarter` nil the whole fiscal year) for the
    /// caller's scope, or for `unit` and the units below it; rows by `dimension`, the best by
    /// pipeline per unit of spend first (then by leads).
    public static func figures(year: FiscalYear, quarter: Int?, unit: String?, by dimension: Dimension, currency: String,
                               on db: PGConnection) async throws -> [Row] {
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else { throw QualityError.invalidCurrency(currency) }
        // Through the reporting views only, so that a BI login gets its scorecard too.
        try await ReportScope.check(unit, on: db)
        let quarters: [Int16] = quarter.map { [Int16($0)] } ?? [1, 2, 3, 4]
        let key = dimension.key
        // Activities have no industry: by industry, their measures stay empty.
        let activityRows: SQL = dimension == .industry ? "false" : "true"
        let activityKey: SQL = dimension == .industry ? "NULL::text" : key
        // Only the dimension views the key needs: each one read under row-level security costs
        // its policies' set-up.
        let buJoin: SQL = dimension == .bu ? "LEFT JOIN bus b ON b.bu_id = f.bu_id" : ""
        let programmeJoin: SQL = dimension == .programme ? "LEFT JOIN programmes p ON p.programme_id = f.programme_id" : ""
        let targetSource: SQL = switch dimension {
        case .country, .region, .bu: """
            SELECT \(key) AS key, sum(t.lead_target)::bigint AS lead_target,
                   CASE WHEN bool_and(t.pipeline_target = 0 OR t.rate IS NOT NULL) THEN sum(t.pipeline_target * coalesce(t.rate, 0)) END AS pipeline_target,
                   array_agg(DISTINCT t.currency) FILTER (WHERE t.rate IS NULL AND t.pipeline_target <> 0) AS missing
            FROM (SELECT q.*, CASE WHEN q.currency = \(currency) THEN 1 ELSE x.rate END AS rate
                  FROM reporting.fct_msp_quarter q
                  LEFT JOIN rates x ON x.currency = q.currency
                                         AND x.fiscal_year = q.fiscal_year AND x.quarter = q.quarter) t
            JOIN units u ON u.unit_id = t.unit_id
            \(dimension == .bu ? "LEFT JOIN bus b ON b.bu_id = t.bu_id" : "" as SQL)
            WHERE t.fiscal_year = \(year.sqlValue) AND t.quarter = ANY(\(quarters)) AND t.unit_id IN (SELECT id FROM scope)
            GROUP BY 1
            """
        case .programme: """
            SELECT coalesce(p.programme_name, '(no programme)') AS key, sum(p.lead_target)::bigint AS lead_target,
                   CASE WHEN bool_and(p.pipeline_target = 0 OR p.currency = \(currency) OR x.rate IS NOT NULL)
                        THEN sum(p.pipeline_target * CASE WHEN p.currency = \(currency) THEN 1 ELSE coalesce(x.rate, 0) END) END AS pipeline_target,
                   array_agg(DISTINCT p.currency) FILTER (WHERE p.currency <> \(currency) AND x.rate IS NULL AND p.pipeline_target <> 0) AS missing
            FROM programmes p
            LEFT JOIN rates x ON x.currency = p.currency AND x.fiscal_year = p.fiscal_year
                                   AND x.quarter = coalesce(\(quarter.map(Int16.init)), 4)
            WHERE p.fiscal_year = \(year.sqlValue) AND p.unit_id IN (SELECT id FROM scope)
            GROUP BY 1
            """
        case .industry, .activityType: "SELECT NULL::text AS key, NULL::bigint AS lead_target, NULL::numeric AS pipeline_target, NULL::text[] AS missing WHERE false"
        }
        let query: SQL = """
            -- Each dimension view read once (materialized): under row-level security every reference
            -- to a view pays its policies' set-up again.
            WITH units AS MATERIALIZED (SELECT * FROM reporting.dim_unit),
            bus AS MATERIALIZED (SELECT * FROM reporting.dim_business_unit),
            programmes AS MATERIALIZED (SELECT * FROM reporting.dim_programme),
            rates AS MATERIALIZED (SELECT * FROM reporting.dim_fx_rate WHERE to_currency = \(currency)),
            scope AS (
                -- The unit and the units below it (the tree is HQ, regions, countries).
                SELECT u.unit_id AS id FROM units u WHERE \(ReportScope.condition(unit, alias: "u", units: "units"))),
            activity AS (
                SELECT \(activityKey) AS key, f.*, CASE WHEN f.currency = \(currency) THEN 1 ELSE x.rate END AS rate
                FROM reporting.fct_scorecard_activity f
                JOIN units u ON u.unit_id = f.unit_id
                \(buJoin)
                \(programmeJoin)
                LEFT JOIN rates x ON x.currency = f.currency
                                       AND x.fiscal_year = f.fiscal_year AND x.quarter = f.quarter
                WHERE \(activityRows) AND f.activities_planned > 0 AND f.fiscal_year = \(year.sqlValue) AND f.quarter = ANY(\(quarters)) AND f.unit_id IN (SELECT id FROM scope)),
            activities AS (
                SELECT key, sum(activities_planned)::bigint AS activities_planned, sum(activities_done)::bigint AS activities_done,
                       sum(invited)::bigint AS invited, sum(attended)::bigint AS attended,
                       CASE WHEN bool_and(cost_planned = 0 OR rate IS NOT NULL) THEN sum(cost_planned * coalesce(rate, 0)) END AS cost_planned,
                       CASE WHEN bool_and(cost_actual = 0 OR rate IS NOT NULL) THEN sum(cost_actual * coalesce(rate, 0)) END AS cost_actual,
                       array_agg(DISTINCT currency) FILTER (WHERE rate IS NULL AND (cost_planned <> 0 OR cost_actual <> 0)) AS missing,
                       max(refreshed_at) AS refreshed_at
                FROM activity GROUP BY key),
            lead AS (
                SELECT \(key) AS key, f.*, CASE WHEN f.currency IS NULL OR f.currency = \(currency) THEN 1 ELSE x.rate END AS rate
                FROM reporting.fct_scorecard_lead f
                JOIN units u ON u.unit_id = f.unit_id
                \(buJoin)
                \(programmeJoin)
                LEFT JOIN rates x ON x.currency = f.currency
                                       AND x.fiscal_year = f.fiscal_year AND x.quarter = f.quarter
                WHERE f.fiscal_year = \(year.sqlValue) AND f.quarter = ANY(\(quarters)) AND f.unit_id IN (SELECT id FROM scope)),
            leads AS (
                SELECT key, sum(leads)::bigint AS leads, sum(qualified)::bigint AS qualified, sum(opportunities)::bigint AS opportunities,
                       sum(handed_off)::bigint AS handed_off, sum(accepted)::bigint AS accepted, sum(rejected)::bigint AS rejected,
                       sum(sla_met)::bigint AS sla_met, sum(sla_breached)::bigint AS sla_breached,
                       CASE WHEN bool_and(pipeline = 0 OR rate IS NOT NULL) THEN sum(pipeline * coalesce(rate, 0)) END AS pipeline,
                       array_agg(DISTINCT currency) FILTER (WHERE rate IS NULL AND pipeline <> 0) AS missing,
                       max(refreshed_at) AS refreshed_at
                FROM lead GROUP BY key),
            targets AS (\(targetSource)),
            joined AS (
                SELECT coalesce(a.key, l.key, t.key) AS key,
                       coalesce(a.activities_planned, 0) AS activities_planned, coalesce(a.activities_done, 0) AS activities_done,
                       coalesce(a.invited, 0) AS invited, coalesce(a.attended, 0) AS attended,
                       CASE WHEN \(activityRows) THEN coalesce(a.cost_planned, CASE WHEN a.key IS NULL THEN 0 END) END AS cost_planned,
                       CASE WHEN \(activityRows) THEN coalesce(a.cost_actual, CASE WHEN a.key IS NULL THEN 0 END) END AS cost_actual,
                       coalesce(l.leads, 0) AS leads, coalesce(l.qualified, 0) AS qualified, coalesce(l.opportunities, 0) AS opportunities,
                       coalesce(l.handed_off, 0) AS handed_off, coalesce(l.accepted, 0) AS accepted, coalesce(l.rejected, 0) AS rejected,
                       coalesce(l.sla_met, 0) AS sla_met, coalesce(l.sla_breached, 0) AS sla_breached,
                       coalesce(l.pipeline, CASE WHEN l.key IS NULL THEN 0 END) AS pipeline,
                       t.lead_target, t.pipeline_target,
                       ARRAY(SELECT DISTINCT m FROM unnest(coalesce(a.missing, '{}') || coalesce(l.missing, '{}') || coalesce(t.missing, '{}')) m
                             ORDER BY m) AS missing_rates,
                       greatest(a.refreshed_at, l.refreshed_at) AS refreshed_at
                FROM activities a FULL JOIN leads l ON l.key = a.key FULL JOIN targets t ON t.key = coalesce(a.key, l.key))
            SELECT key, activities_planned, activities_done, invited, attended, round(cost_planned, 2) AS cost_planned,
                   round(cost_actual, 2) AS cost_actual, leads, qualified, opportunities, handed_off, accepted, rejected, sla_met, sla_breached,
                   round(pipeline, 2) AS pipeline,
                   round(cost_actual / nullif(leads, 0), 2) AS cost_per_lead,
                   round(cost_actual / nullif(opportunities, 0), 2) AS cost_per_opportunity,
                   round(pipeline / nullif(cost_actual, 0), 2) AS pipeline_per_spend,
                   round(qualified::numeric / nullif(leads, 0), 3) AS qualified_rate,
                   round(handed_off::numeric / nullif(qualified, 0), 3) AS handoff_rate,
                   round(accepted::numeric / nullif(handed_off, 0), 3) AS acceptance_rate,
                   lead_target, round(pipeline_target, 2) AS pipeline_target,
                   round(leads::numeric / nullif(lead_target, 0), 3) AS lead_attainment,
                   round(pipeline / nullif(pipeline_target, 0), 3) AS pipeline_attainment,
                   missing_rates, refreshed_at
            FROM joined
            ORDER BY pipeline / nullif(cost_actual, 0) DESC NULLS LAST, leads DESC, key
            """
        return try await db.fetchAll(query)
    }
}

extension Scorecard {
    /// Refreshes the materialized figures (concurrently: readers keep the old ones meanwhile);
    /// each view's name and seconds. The scheduler's and HQ admins'.
    public static func refresh(on db: PGConnection) async throws -> [(String, Decimal)] {
        do {
            return try await db.fetchAll("SELECT name, seconds FROM mqa.refresh_scorecards()", as: (String, Decimal).self)
        } catch let error as PGError where error.isInsufficientPrivilege {
            throw QualityError.refreshNotPermitted
        }
    }
}
