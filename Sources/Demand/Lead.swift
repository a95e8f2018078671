import Foundation
import MTLCore
import PGKit

/// A lead or an opportunity (`dg.lead`): who raised which need, how good it is, and its way to
/// sales.
///
/// The database computes completeness, the quality score (0.4 customer + 0.3 informant + 0.3
/// completeness) and the classification (a key person's need is an opportunity), and keeps the
/// life cycle new → qualifying → qualified → handed_off → accepted / rejected / recycled.
public struct Lead: PGRecord, Codable, Equatable {
    /// A lead's state in its life cycle (machine `lead` in `org.state_transition`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case new, qualifying, qualified, accepted, rejected, recycled
        case handedOff = "handed_off"

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var bu: String?
    public var activityId: Int64?
    public var channel: String?
    public var company: String
    public var contactName: String
    public var contactTitle: String?
    public var email: String?
    public var phone: String?
    public var keyPerson: Bool
    public var industry: String?
    public var need: String?
    public var projectApproved: Bool?
    public var budgetThisYear: Bool?
    public var budgetInPriceBand: Bool?
    public var kpiTied: Bool?
    public var customerQuality: Int16
    public var informantQuality: Int16
    public var completeness: Decimal
    public var qualityScore: Decimal
    /// lead or opportunity.
    public var classification: String
    public var state: State
    public var handedTo: String?
    public var handedToKind: String?
    public var handedOffAt: Date?
    public var slaDueAt: Date?
    public var respondedAt: Date?
    public var rejectionReason: String?
    public var pipelineValue: Decimal?
    /// The pipeline value's currency (set with the value: its programme's, else its unit's).
    public var currency: String?
    public var importId: Int64?
    public var createdAt: Date

    /// The columns every lead query returns, from `dg.lead l` joined to its unit `u` and BU `b`.
    static let columns = """
        l.id, u.code AS unit, b.code AS bu, l.activity_id, l.channel, l.company, l.contact_name, l.contact_title,
        l.email, l.phone, l.key_person, l.industry, l.need, l.project_approved, l.budget_this_year, l.budget_in_price_band,
        l.kpi_tied, l.customer_quality, l.informant_quality, l.completeness, l.quality_score, l.classification, l.state,
        l.handed_to, l.handed_to_kind, l.handed_off_at, l.sla_due_at, l.responded_at, l.rejection_reason, l.pipeline_value,
        l.currency, l.import_id, l.created_at
        """

    static let selection = SQL(unsafeRaw: """
        SELECT \(columns)
        FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id LEFT JOIN org.business_unit b ON b.id = l.bu_id
        """)
}

// MARK: - Reading

extension Lead {
    public struct Filter: Sendable {
        public var unit: String?
        public var state: State?
        public var classification: String?
        /// Leads created in this fiscal quarter.
        public var quarter: FiscalQuarter?
        public var limit: Int?

        public init(unit: String? = nil, state: State? = nil, classification: String? = nil, quarter: FiscalQuarter? = nil, limit: Int? = nil) {
            self.unit = unit
            self.state = state
            self.classification = classification
            self.quarter = quarter
            self.limit = limit
        }

        /// The filter as a WHERE clause over `dg.lead l` and its unit `u`.
        func condition(on db: PGConnection) async throws -> SQL {
            var condition: SQL = "true"
            if let unit {
                let target = try await OrgUnit.require(code: unit, on: db)
                condition += " AND u.path @> ARRAY[\(target.id)]"
            }
            if let state { condition += " AND l.state = \(state)" }
            if let classification { condition += " AND l.classification = \(classification)" }
            if let quarter {
                let year = quarter.fiscalYear.sqlValue, number = Int32(quarter.quarter)
                condition += " AND l.created_at::date <@ org.fiscal_quarter_dates(\(year), \(number))"
            }
            return condition
        }
    }

    /// The leads the caller can see, newest first.
    public static func list(_ filter: Filter = Filter(), on db: PGConnection) async throws -> [Lead] {
        var leads: [Lead] = []
        try await forEach(filter, on: db) { leads.append($0) }
        return leads
    }

    /// Each lead the caller can see, newest first, handed to `body` as it arrives from the server:
    /// memory stays flat however many there are.
    public static func forEach(_ filter: Filter = Filter(), on db: PGConnection, _ body: (Lead) async throws -> Void) async throws {
        var query = selection + " WHERE " + (try await filter.condition(on: db)) + " ORDER BY l.id DESC"
        if let limit = filter.limit { query += " LIMIT \(Int64(limit))" }
        try await db.forEach(query, body)
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Lead {
        guard let lead = try await db.fetchOne(selection + " WHERE l.id = \(id)", as: Lead.self) else {
            throw DemandError.noLead(id)
        }
        return lead
    }
}

// MARK: - The life cycle

extension Lead {
    /// What qualification found; nil leaves a field as it is.
    public struct Qualification: Sendable {
        public var customerQuality: Int?
        public var informantQuality: Int?
        public var keyPerson: Bool?
        public var projectApproved: Bool?
        public var budgetThisYear: Bool?
        public var budgetInPriceBand: Bool?
        public var kpiTied: Bool?

        public init(customerQuality: Int? = nil, informantQuality: Int? = nil, keyPerson: Bool? = nil, projectApproved: Bool? = nil,
                    budgetThisYear: Bool? = nil, budgetInPriceBand: Bool? = nil, kpiTied: Bool? = nil) {
            self.customerQuality = customerQuality
            self.informantQuality = informantQuality
            self.keyPerson = keyPerson
            self.projectApproved = projectApproved
            self.budgetThisYear = budgetThisYear
            self.budgetInPriceBand = budgetInPriceBand
            self.kpiTied = kpiTied
        }
    }

    /// Records what qualification found and moves the lead on: a new or recycled lead to
    /// qualifying, then (unless `finish` is false) to qualified, in one transaction.
    public static func qualify(id: Int64, _ found: Qualification, finish: Bool = true, on db: PGConnection) async throws -> Lead {
        let lead = try await require(id: id, on: db)
        try await db.transaction { db in
            try await change(id) {
                try await db.execute("""
                    UPDATE dg.lead SET customer_quality = coalesce(\(found.customerQuality.map(Int16.init)), customer_quality),
                                       informant_quality = coalesce(\(found.informantQuality.map(Int16.init)), informant_quality),
                                       key_person = coalesce(\(found.keyPerson), key_person),
                                       project_approved = coalesce(\(found.projectApproved), project_approved),
                                       budget_this_year = coalesce(\(found.budgetThisYear), budget_this_year),
                                       budget_in_price_band = coalesce(\(found.budgetInPriceBand), budget_in_price_band),
                                       kpi_tied = coalesce(\(found.kpiTied), kpi_tied)
                    WHERE id = \(id)
                    """)
            }
            if lead.state == .new || lead.state == .recycled {
                try await change(id) { try await db.execute("UPDATE dg.lead SET state = \(State.qualifying) WHERE id = \(id)") }
            }
            if finish, lead.state != .qualified {
                try await change(id) { try await db.execute("UPDATE dg.lead SET state = \(State.qualified) WHERE id = \(id)") }
            }
        }
        return try await require(id: id, on: db)
    }

    /// Hands a qualified lead to a sales team or a channel partner; the acceptance SLA starts.
    public static func handOff(id: Int64, to recipient: String, partner: Bool, on db: PGConnection) async throws -> Lead {
        guard !recipient.trimmingCharacters(in: .whitespaces).isEmpty else { throw DemandError.noRecipient }
        _ = try await require(id: id, on: db)
        try await change(id) {
            try await db.execute("""
                UPDATE dg.lead SET state = \(State.handedOff), handed_to = \(recipient), handed_to_kind = \(partner ? "partner" : "sales_team")
                WHERE id = \(id)
                """)
        }
        return try await require(id: id, on: db)
    }

    /// The sales team's or partner's answer.
    public enum Answer: Sendable {
        case accepted, rejected, recycled

        /// The state the answer moves the lead to.
        public var state: State {
            switch self {
            case .accepted: .accepted
            case .rejected: .rejected
            case .recycled: .recycled
            }
        }
    }

    /// The sales team's or partner's answer: accepted, rejected (with a reason) or recycled.
    public static func answer(id: Int64, _ answer: Answer, reason: String? = nil, on db: PGConnection) async throws -> Lead {
        _ = try await require(id: id, on: db)
        try await change(id) {
            try await db.execute("UPDATE dg.lead SET state = \(answer.state), rejection_reason = coalesce(\(reason), rejection_reason) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }

    /// Records the pipeline value of an accepted lead that became an opportunity in the pipeline.
    public static func convert(id: Int64, pipelineValue: Decimal, currency: String?, on db: PGConnection) async throws -> Lead {
        _ = try await require(id: id, on: db)
        try await change(id) {
            try await db.execute("""
                UPDATE dg.lead SET pipeline_value = \(pipelineValue), currency = coalesce(\(currency), currency) WHERE id = \(id)
                """)
        }
        return try await require(id: id, on: db)
    }

    /// Runs an UPDATE of one lead, explaining refusals of scope.
    private static func change(_ id: Int64, _ body: () async throws -> Int) async throws {
        try await changingInScope(scope: "lead \(id) is outside your write scope", capability: "only editors and admins change leads", body)
    }
}

/// A hand-off past its acceptance SLA (`dg.lead_sla_breach`).
public struct SLABreach: PGRecord, Codable, Equatable {
    public var leadId: Int64
    public var unit: String
    public var company: String
    public var handedTo: String
    public var slaDueAt: Date
    public var state: Lead.State
    public var overdueHours: Decimal

    /// Flags the hand-offs still waiting past their SLA (`dg.lead_sla_flag`, once per lead);
    /// returns how many were new. The scheduler's (the daily `lead.sla_check` job).
    public static func flag(on db: PGConnection) async throws -> Int32 {
        try await db.fetchValue("SELECT dg.flag_sla_breaches()", as: Int32.self) ?? 0
    }

    public static func list(on db: PGConnection) async throws -> [SLABreach] {
        try await db.fetchAll("""
            SELECT s.lead_id, u.code AS unit, s.company, s.handed_to, s.sla_due_at, s.state,
                   round((extract(epoch FROM s.overdue_by) / 3600)::numeric, 1) AS overdue_hours
            FROM dg.lead_sla_breach s JOIN org.unit u ON u.id = s.unit_id
            ORDER BY s.sla_due_at
            """)
    }
}

/// The acceptance SLA of hand-offs, in days (`dg.lead_setting`, HQ reference data).
public enum LeadSLA {
    /// The days an SLA may be: `dg.lead_setting`'s CHECK, which CatalogPinTests pins this to.
    public static let allowedDays = 1...90

    public static func days(on db: PGConnection) async throws -> Int {
        Int(try await db.fetchValue("SELECT acceptance_sla_days FROM dg.lead_setting", as: Int32.self) ?? 5)
    }

    /// Sets the SLA for hand-offs from now on (HQ admins); running hand-offs keep their due time.
    public static func set(days: Int, on db: PGConnection) async throws {
        guard allowedDays.contains(days) else {
            throw DemandError.slaOutOfRange(allowedDays)
        }
        try await changingInScope(scope: "only HQ admins set the acceptance SLA", capability: "only HQ admins set the acceptance SLA") {
            try await db.execute("UPDATE dg.lead_setting SET acceptance_sla_days = \(Int32(days))")
        }
    }
}
