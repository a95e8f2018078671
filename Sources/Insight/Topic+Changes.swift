import Foundation
import MTLCore
import PGKit

// MARK: - Reading

extension Topic {
    static let selection: SQL = """
        SELECT t.id, u.code AS unit, b.code AS bu, t.fiscal_year, t.title, t.question, t.scenario, t.due_on::text AS due_on,
               t.priority, t.state, t.rejection_reason, t.state_changed_at, t.created_by::text AS created_by
        FROM mi.topic t JOIN org.unit u ON u.id = t.unit_id LEFT JOIN org.business_unit b ON b.id = t.bu_id
        """

    public static func require(id: Int64, on db: PGConnection) async throws -> Topic {
        guard let topic = try await db.fetchOne(selection + " WHERE t.id = \(id)", as: Topic.self) else { throw InsightError.noTopic(id) }
        return topic
    }

    /// The topics the caller sees, of a unit and the units below it, a year, some states.
    public static func list(unit: String? = nil, year: Int32? = nil, states: [State] = [], on db: PGConnection) async throws -> [Topic] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND t.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        if let year { query += " AND t.fiscal_year = \(year)" }
        if !states.isEmpty { query += " AND t.state = ANY(\(states.map(\.rawValue)))" }
        return try await db.fetchAll(query + " ORDER BY t.due_on, t.id")
    }

    /// Who does what on the topic.
    public func roles(on db: PGConnection) async throws -> [TopicRole] {
        try await db.fetchAll("""
            SELECT r.role, coalesce(r.person::text, u.code) AS who, r.provider_unit_id IS NOT NULL AS is_unit
            FROM mi.topic_role r LEFT JOIN org.unit u ON u.id = r.provider_unit_id
            WHERE r.topic_id = \(id) ORDER BY r.role, 2
            """)
    }

    /// The stages it covers, by code.
    public func stages(on db: PGConnection) async throws -> [String] {
        try await db.fetchAll("""
            SELECT b.code FROM mi.topic_stage s JOIN mi.business_stage b ON b.id = s.stage_id WHERE s.topic_id = \(id) ORDER BY b.position
            """, as: String.self)
    }

    /// How long it took in each state (`reporting.fct_topic`) and its evaluation, if any.
    public func progress(on db: PGConnection) async throws -> TopicProgress? {
        try await db.fetchOne("""
            SELECT f.days_to_accept, f.days_to_start, f.days_in_research, f.days_to_evaluate,
                   e.usefulness, e.comment, e.decision, e.evaluated_by::text AS evaluated_by
            FROM reporting.fct_topic f LEFT JOIN mi.evaluation e ON e.topic_id = f.topic_id
            WHERE f.topic_id = \(id)
            """)
    }

    /// Its data model: each item covered or missed.
    public func items(on db: PGConnection) async throws -> [TopicItem] {
        try await db.fetchAll("""
            SELECT code, name, planned_method, observations, covered, array_to_string(methods_used, ' ') AS methods_used
            FROM mi.topic_item WHERE topic_id = \(id) ORDER BY covered DESC, code
            """)
    }
}

/// A topic's lead times in days (NULL until it reached the state) and its evaluation.
public struct TopicProgress: PGRecord, Codable, Equatable, Sendable {
    public var daysToAccept: Decimal?
    public var daysToStart: Decimal?
    public var daysInResearch: Decimal?
    public var daysToEvaluate: Decimal?
    public var usefulness: Int16?
    public var comment: String?
    public var decision: String?
    public var evaluatedBy: String?

    /// "accepted after 1.5 d, started 0.2 d later, …": the steps reached.
    public var leadTimes: String {
        let steps = [("accepted after", daysToAccept), ("started", daysToStart), ("delivered", daysInResearch), ("evaluated", daysToEvaluate)]
        return steps.enumerated().compactMap { index, step in
            step.1.map { "\(step.0) \($0) d" + (index == 0 ? "" : " later") }
        }.joined(separator: ", ")
    }
}

/// One role on a topic: a person's login, or a unit (data providers).
public struct TopicRole: PGRecord, Codable, Equatable, Sendable {
    public var role: Topic.Role
    public var who: String
    public var isUnit: Bool
}

/// One item of a topic's data model, covered by observations or missed.
public struct TopicItem: PGRecord, Codable, Equatable, Sendable {
    public var code: String
    public var name: String
    public var plannedMethod: String
    public var observations: Int64
    public var covered: Bool
    public var methodsUsed: String
}

// MARK: - Changing

extension Topic {
    /// What a new topic asks, about what, and who sets it.
    public struct Proposal: Sendable {
        public var unit: String, bu: String?, fiscalYear: Int32, title: String, question: String, scenario: Scenario
        public var segment: String?, customer: String?, subjectUnit: String?, industry: String?, lead: Int64?
        public var dueOn: String, priority: Priority = .normal
        /// Its setter's login (default: the caller) and the stages it covers.
        public var setter: String?, stages: [String] = []

        public init(unit: String, bu: String?, fiscalYear: Int32, title: String, question: String, scenario: Scenario, dueOn: String) {
            self.unit = unit; self.bu = bu; self.fiscalYear = fiscalYear; self.title = title; self.question = question
            self.scenario = scenario; self.dueOn = dueOn
        }
    }

    /// Proposes a topic with its setter and stages, in one transaction.
    public static func propose(_ p: Proposal, on db: PGConnection) async throws -> Topic {
        let unit = try await OrgUnit.require(code: p.unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu = p.bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        var segment: Int64?
        if let reference = p.segment { segment = try await segmentID(reference, on: db) }
        var subject: OrgUnit?
        if let code = p.subjectUnit { subject = try await OrgUnit.require(code: code, on: db) }
        return try await db.transaction { db in
            guard let id = try await db.fetchValue("""
                INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, segment_id, customer, subject_unit_id,
                                      industry, lead_id, due_on, priority)
                VALUES (\(unit.id), \(businessUnit?.id), \(p.fiscalYear), \(p.title), \(p.question), \(p.scenario), \(segment),
                        \(p.customer), \(subject?.id), \(p.industry), \(p.lead), \(p.dueOn)::date, \(p.priority))
                RETURNING id
                """, as: Int64.self) else { throw InsightError.notSaved("topic") }
            try await db.execute("""
                INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(id), 'setter', coalesce(\(p.setter)::name, session_user))
                """)
            for stage in p.stages { try await cover(id, stage: stage, on: db) }
            return try await require(id: id, on: db)
        }
    }

    /// Adds a stage the topic covers, by code (of every industry or the topic's own).
    public static func cover(_ id: Int64, stage code: String, on db: PGConnection) async throws {
        let added = try await db.execute("""
            INSERT INTO mi.topic_stage (topic_id, stage_id)
            SELECT \(id), b.id FROM mi.business_stage b, mi.topic t LEFT JOIN mm.segment s ON s.id = t.segment_id
            WHERE t.id = \(id) AND b.code = \(code) AND (b.industry IS NULL OR lower(b.industry) = lower(coalesce(t.industry, s.industry)))
            ORDER BY b.industry NULLS LAST LIMIT 1
            """)
        if added == 0 {
            _ = try await require(id: id, on: db)
            let known = try await db.fetchAll("SELECT DISTINCT code FROM mi.business_stage ORDER BY 1", as: String.self)
            throw InsightError.unknownStage(code, known: known)
        }
    }

    /// Gives a person (a login) or, for data providers, a unit a role on the topic.
    public static func assign(_ id: Int64, role: Role, person: String?, unit: String?, on db: PGConnection) async throws {
        var provider: OrgUnit?
        if let unit { provider = try await OrgUnit.require(code: unit, on: db) }
        _ = try await require(id: id, on: db)
        try await db.execute("""
            INSERT INTO mi.topic_role (topic_id, role, person, provider_unit_id) VALUES (\(id), \(role), \(person), \(provider?.id))
            ON CONFLICT ON CONSTRAINT topic_role_once DO NOTHING
            """)
    }

    /// Moves the topic (accepted, rejected with a reason, in research, delivered, cancelled); the
    /// database says who may and what is allowed.
    @discardableResult
    public static func move(_ id: Int64, to state: State, reason: String? = nil, on db: PGConnection) async throws -> Topic {
        _ = try await require(id: id, on: db)
        try await db.execute("""
            UPDATE mi.topic SET state = \(state), rejection_reason = coalesce(\(reason), rejection_reason) WHERE id = \(id)
            """)
        return try await require(id: id, on: db)
    }

    /// Evaluates a delivered topic (its evaluator only, never a researcher): usefulness 1–5, a
    /// comment and the decision it informed.
    @discardableResult
    public static func evaluate(_ id: Int64, usefulness: Int, comment: String, decision: String, on db: PGConnection) async throws -> Topic {
        _ = try await require(id: id, on: db)
        try await db.execute("""
            INSERT INTO mi.evaluation (topic_id, usefulness, comment, decision) VALUES (\(id), \(Int16(clamping: usefulness)), \(comment), \(decision))
            """)
        return try await require(id: id, on: db)
    }

    /// The id of a segment named UNIT/CODE that the caller sees.
    static func segmentID(_ reference: String, on db: PGConnection) async throws -> Int64 {
        guard let id = try await db.fetchValue("""
            SELECT s.id FROM mm.segment s JOIN org.unit u ON u.id = s.unit_id
            WHERE u.code = split_part(\(reference), '/', 1) AND s.code = split_part(\(reference), '/', 2)
            """, as: Int64.self) else { throw InsightError.noSegment(reference) }
        return id
    }
}
