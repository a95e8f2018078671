import Foundation
import MTLCore
import PGKit

/// A Market Segment Plan (`mm.msp`): one per segment, unit and fiscal year, with goals, the
/// go-to-market strategy, the value proposition and an owner.
///
/// Its states, draft → submitted → approved → active → closed (rejected → draft), are the
/// database's (`org.state_transition`): submitting opens an approval request; the decision moves
/// the plan to approved or rejected.
public struct MSP: PGRecord, Codable, Equatable {
    /// A plan's state (machine `msp` in `org.state_transition`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case draft, submitted, approved, rejected, active, closed

        public var description: String { rawValue }
    }

    public var id: Int64
    /// The segment, as `UNIT/CODE`.
    public var segment: String
    public var segmentName: String
    public var unit: String
    public var bu: String
    public var fiscalYear: FiscalYear
    public var goals: String
    public var gtmStrategy: String
    public var valueProposition: String
    public var owner: String
    /// draft, submitted, approved, rejected, active or closed.
    public var state: State
    public var stateChangedAt: Date
    public var stateChangedBy: String

    static let selection: SQL = """
        SELECT m.id, su.code || '/' || s.code AS segment, s.name AS segment_name, u.code AS unit, b.code AS bu,
               m.fiscal_year, m.goals, m.gtm_strategy, m.value_proposition, m.owner_role::text AS owner, m.state,
               m.state_changed_at, m.state_changed_by::text
        FROM mm.msp m
        JOIN mm.segment s ON s.id = m.segment_id
        JOIN org.unit su ON su.id = s.unit_id
        JOIN org.unit u ON u.id = m.unit_id
        JOIN org.business_unit b ON b.id = m.bu_id
        """
}

// MARK: - Reading

extension MSP {
    public struct Filter: Sendable {
        public var unit: String?
        public var year: FiscalYear?
        public var state: State?

        public init(unit: String? = nil, year: FiscalYear? = nil, state: State? = nil) {
            self.unit = unit
            self.year = year
            self.state = state
        }
    }

    /// The plans the caller can see, by unit, year and segment.
    public static func list(_ filter: Filter = Filter(), on db: PGConnection) async throws -> [MSP] {
        var query = selection + " WHERE true"
        if let unit = filter.unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        if let year = filter.year { query += " AND m.fiscal_year = \(year.sqlValue)" }
        if let state = filter.state { query += " AND m.state = \(state)" }
        return try await db.fetchAll(query + " ORDER BY u.path, m.fiscal_year, s.code")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> MSP {
        guard let plan = try await db.fetchOne(selection + " WHERE m.id = \(id)", as: MSP.self) else {
            throw MarketError.noMSP(id)
        }
        return plan
    }

    /// The plan's quarterly execution plans, in order.
    public func quarters(on db: PGConnection) async throws -> [MSPQuarter] {
        try await db.fetchAll(MSPQuarter.selection + " WHERE q.msp_id = \(id) ORDER BY q.fiscal_year, q.quarter")
    }

    /// The plan's decision reviews, oldest first.
    public func reviews(on db: PGConnection) async throws -> [ApprovalRequest] {
        try await ApprovalRequest.history(of: .msp, subject: id, on: db)
    }
}

// MARK: - Changing

extension MSP {
    /// The content of a plan; nil leaves a field as it is.
    public struct Content: Sendable {
        public var goals: String?
        public var gtmStrategy: String?
        public var valueProposition: String?
        public var owner: String?

        public init(goals: String? = nil, gtmStrategy: String? = nil, valueProposition: String? = nil, owner: String? = nil) {
            self.goals = goals
            self.gtmStrategy = gtmStrategy
            self.valueProposition = valueProposition
            self.owner = owner
        }

        var isEmpty: Bool { goals == nil && gtmStrategy == nil && valueProposition == nil && owner == nil }
    }

    /// Creates a draft plan for a segment in a unit (the segment's or one below it).
    public static func create(segment reference: SegmentReference, unit: String?, year: FiscalYear, owner: String,
                              content: Content = Content(), on db: PGConnection) async throws -> MSP {
        try Names.checkUserName(owner)
        let segment = try await Segment.require(reference, on: db)
        let planUnit = try await OrgUnit.require(code: unit ?? segment.unit, on: db)
        let id: Int64?
        do {
            id = try await explainingDenials(scope: "your grants do not let you plan for \(planUnit.code) in \(segment.bu)",
                                             capability: "only editors and admins create MSPs") {
                try await db.fetchValue("""
                    INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role, goals, gtm_strategy, value_proposition)
                    VALUES (\(segment.id), \(planUnit.id), \(year.sqlValue), \(owner), \(content.goals ?? ""),
                            \(content.gtmStrategy ?? ""), \(content.valueProposition ?? ""))
                    RETURNING id
                    """, as: Int64.self)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw MarketError.mspExists(segment: reference, unit: planUnit.code, year: year)
        } catch let error as PGError where error.isForeignKeyViolation && error.constraintName?.contains("owner") == true {
            throw CoreError.unknownUser(owner)
        }
        guard let id else { throw MarketError.notSaved("MSP") }
        return try await require(id: id, on: db)
    }

    /// Changes a draft's content.
    public static func update(id: Int64, _ content: Content, on db: PGConnection) async throws -> MSP {
        guard !content.isEmpty else { throw MarketError.nothingToChange(.msp) }
        if let owner = content.owner { try Names.checkUserName(owner) }
        _ = try await require(id: id, on: db)
        try await changingInScope(scope: "MSP \(id) is outside your write scope", capability: "only editors and admins change MSPs") {
            try await db.execute("""
                UPDATE mm.msp SET goals = coalesce(\(content.goals), goals),
                                  gtm_strategy = coalesce(\(content.gtmStrategy), gtm_strategy),
                                  value_proposition = coalesce(\(content.valueProposition), value_proposition),
                                  owner_role = coalesce(\(content.owner)::name, owner_role)
                WHERE id = \(id)
                """)
        }
        return try await require(id: id, on: db)
    }

    /// Moves a plan to another state: submitted (opens the decision review), draft (after a
    /// rejection), active or closed. The database refuses what its state machine does not allow.
    @discardableResult
    public static func move(id: Int64, to state: State, on db: PGConnection) async throws -> MSP {
        _ = try await require(id: id, on: db)
        try await changingInScope(scope: "MSP \(id) is outside your write scope",
                                  capability: "only editors and admins change MSPs") {
            try await db.execute("UPDATE mm.msp SET state = \(state) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }
}
