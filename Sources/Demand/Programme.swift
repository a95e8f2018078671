import Foundation
import MTLCore
import PGKit

/// A marketing programme (`dg.programme`): a package of activities with one goal and one budget,
/// serving an MSP and following a concept package of the year's published framework.
///
/// Tiers: company (few, thought leadership, owned by HQ), region (scenarios for similar
/// customers) and customer group (content for one group, to produce leads). States: planned →
/// approved (when its first budget is approved) → running → closed.
public struct Programme: PGRecord, Codable, Equatable {
    /// A programme's state (machine `programme` in `org.state_transition`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case planned, approved, running, closed, cancelled

        public var description: String { rawValue }
    }

    public var id: Int64
    public var name: String
    /// company, region or customer_group.
    public var tier: String
    public var unit: String
    public var bu: String
    public var fiscalYear: FiscalYear
    public var mspId: Int64?
    /// The segment of the MSP it serves, as `UNIT/CODE`.
    public var segment: String?
    /// The concept package it follows (its code in the year's framework).
    public var concept: String
    public var leadTarget: Int32
    public var pipelineTarget: Decimal
    public var currency: String
    /// ISO dates (YYYY-MM-DD).
    public var startsOn: String
    public var endsOn: String
    public var state: State
    /// The sum of its approved budget requests.
    public var approvedBudget: Decimal
    /// What its activities cost: actual where known, else planned; cancelled ones do not count.
    public var spend: Decimal

    static let selection: SQL = """
        SELECT p.id, p.name, p.tier, u.code AS unit, b.code AS bu, p.fiscal_year, p.msp_id,
               su.code || '/' || s.code AS segment, c.code AS concept, p.lead_target, p.pipeline_target, p.currency,
               p.starts_on::text, p.ends_on::text, p.state, dg.approved_budget(p.id) AS approved_budget,
               (SELECT coalesce(sum(coalesce(a.actual_cost, a.planned_cost)), 0) FROM dg.activity a
                WHERE a.programme_id = p.id AND a.state <> 'cancelled') AS spend
        FROM dg.programme p
        JOIN org.unit u ON u.id = p.unit_id
        JOIN org.business_unit b ON b.id = p.bu_id
        JOIN mm.concept_package c ON c.id = p.concept_package_id
        LEFT JOIN mm.segment s ON s.id = p.segment_id
        LEFT JOIN org.unit su ON su.id = s.unit_id
        """

    public static let tiers = ["company", "region", "customer_group"]
}

extension Programme {
    /// The programmes the caller can see, of a unit (and below) and year.
    public static func list(unit: String? = nil, year: FiscalYear? = nil, on db: PGConnection) async throws -> [Programme] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        if let year { query += " AND p.fiscal_year = \(year.sqlValue)" }
        return try await db.fetchAll(query + " ORDER BY p.fiscal_year, u.path, p.tier, p.name")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Programme {
        guard let programme = try await db.fetchOne(selection + " WHERE p.id = \(id)", as: Programme.self) else {
            throw DemandError.noProgramme(id)
        }
        return programme
    }

    /// What a new programme is.
    public struct Plan: Sendable {
        public var name: String
        public var tier: String
        public var unit: String
        public var bu: String
        public var year: FiscalYear
        public var msp: Int64?
        public var concept: String
        public var leadTarget: Int
        public var pipelineTarget: Decimal
        /// nil: the MSP's plans' currency, else the unit's (the database's default).
        public var currency: String?
        public var startsOn: String
        public var endsOn: String

        public init(name: String, tier: String, unit: String, bu: String, year: FiscalYear, msp: Int64?, concept: String,
                    leadTarget: Int = 0, pipelineTarget: Decimal = 0, currency: String? = nil, startsOn: String, endsOn: String) {
            self.name = name
            self.tier = tier
            self.unit = unit
            self.bu = bu
            self.year = year
            self.msp = msp
            self.concept = concept
            self.leadTarget = leadTarget
            self.pipelineTarget = pipelineTarget
            self.currency = currency
            self.startsOn = startsOn
            self.endsOn = endsOn
        }
    }

    /// Plans a programme. The database checks the rest: the concept package is of the year's
    /// published framework, a company-tier programme is HQ's, the MSP is approved and fits.
    public static func create(_ plan: Plan, on db: PGConnection) async throws -> Programme {
        let unit = try await OrgUnit.require(code: plan.unit, on: db)
        let bu = try await BusinessUnit.require(code: plan.bu, on: db)
        guard let concept = try await db.fetchValue("""
            SELECT c.id FROM mm.concept_package c JOIN mm.framework f ON f.id = c.framework_id
            WHERE f.fiscal_year = \(plan.year.sqlValue) AND c.code = \(plan.concept)
            """, as: Int64.self) else {
            throw DemandError.noConceptPackage(year: plan.year, concept: plan.concept)
        }
        let id = try await explainingDenials(scope: "your grants do not let you plan programmes for \(unit.code)/\(bu.code)",
                                             capability: "only editors and admins plan programmes") {
            try await db.fetchValue("""
                INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, lead_target,
                                          pipeline_target, currency, starts_on, ends_on)
                VALUES (\(unit.id), \(bu.id), \(plan.name), \(plan.tier), \(plan.year.sqlValue), \(plan.msp), \(concept),
                        \(Int32(clamping: plan.leadTarget)), \(plan.pipelineTarget), \(plan.currency), \(plan.startsOn)::date, \(plan.endsOn)::date)
                RETURNING id
                """, as: Int64.self)
        }
        guard let id else { throw DemandError.notSaved("programme") }
        return try await require(id: id, on: db)
    }

    /// Starts an approved programme, or closes a running one.
    @discardableResult
    public static func move(id: Int64, to state: State, on db: PGConnection) async throws -> Programme {
        _ = try await require(id: id, on: db)
        try await changingInScope(scope: "programme \(id) is outside your write scope",
                                  capability: "only editors and admins change programmes") {
            try await db.execute("UPDATE dg.programme SET state = \(state) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }

    /// Cancels a programme that has not started (planned or approved), with the reason: its end
    /// state, for a programme created by mistake or no longer wanted.
    @discardableResult
    public static func cancel(id: Int64, reason: String, on db: PGConnection) async throws -> Programme {
        _ = try await require(id: id, on: db)
        try await changingInScope(scope: "programme \(id) is outside your write scope",
                                  capability: "only editors and admins change programmes") {
            try await db.execute("UPDATE dg.programme SET state = \(State.cancelled), cancel_reason = \(reason) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }

    public func activities(on db: PGConnection) async throws -> [Activity] {
        try await Activity.list(programme: id, on: db)
    }

    public func budgets(on db: PGConnection) async throws -> [Budget] {
        try await Budget.list(programme: id, on: db)
    }
}
