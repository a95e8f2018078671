import Foundation
import MTLCore
import PGKit

extension Insight {
    static let selection: SQL = """
        SELECT i.id, u.code AS unit, i.kind, i.title, i.summary, i.confidence, i.sharing, i.topic_id, i.author::text AS author, i.created_at
        FROM mi.insight i JOIN org.unit u ON u.id = i.unit_id
        """

    /// A new insight's content.
    public struct Draft: Sendable {
        public var unit: String, bu: String?, kind: Kind, title: String, summary: String
        public var findings = "", evidence: [String] = [], confidence: Confidence = .medium
        public var validUntil: String?, sharing: Sharing = .unit, topic: Int64?, segment: String?

        public init(unit: String, bu: String?, kind: Kind, title: String, summary: String) {
            self.unit = unit; self.bu = bu; self.kind = kind; self.title = title; self.summary = summary
        }
    }

    public static func add(_ d: Draft, on db: PGConnection) async throws -> Insight {
        let unit = try await OrgUnit.require(code: d.unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu = d.bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        if let topic = d.topic { _ = try await Topic.require(id: topic, on: db) }
        guard let id = try await db.fetchValue("""
            INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary, findings, evidence, confidence, valid_until, sharing)
            VALUES (\(unit.id), \(businessUnit?.id), \(d.topic), \(d.kind), \(d.title), \(d.summary), \(d.findings), \(d.evidence),
                    \(d.confidence), \(d.validUntil)::date, \(d.sharing))
            RETURNING id
            """, as: Int64.self) else { throw InsightError.notSaved("insight") }
        return try await require(id: id, on: db)
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Insight {
        guard let insight = try await db.fetchOne(selection + " WHERE i.id = \(id)", as: Insight.self) else { throw InsightError.noInsight(id) }
        return insight
    }

    /// The insights the caller may read: its scope's, and shared ones while it contributes;
    /// `sharedOnly`: only other scopes' shared ones.
    public static func list(kind: Kind? = nil, topic: Int64? = nil, sharedOnly: Bool = false, on db: PGConnection) async throws -> [Insight] {
        var query = selection + " WHERE true"
        if let kind { query += " AND i.kind = \(kind)" }
        if let topic { query += " AND i.topic_id = \(topic)" }
        if sharedOnly { query += " AND NOT i.unit_id = ANY (org.visible_units())" }
        return try await db.fetchAll(query + " ORDER BY i.created_at DESC, i.id DESC")
    }

    /// Changes who may read it.
    @discardableResult
    public static func share(_ id: Int64, as sharing: Sharing, on db: PGConnection) async throws -> Insight {
        _ = try await require(id: id, on: db)
        try await changingInScope(scope: "insight \(id) is outside your write scope", capability: "only editors share insights") {
            try await db.execute("UPDATE mi.insight SET sharing = \(sharing) WHERE id = \(id)")
        }
        return try await require(id: id, on: db)
    }

    /// What an insight informed (`mi.insight_use`).
    public enum Use: String, Codable, Sendable, CaseIterable, PGCodable {
        case msp, evaluation, battlecard, programme
    }

    /// Records that the insight informed an MSP, a topic's evaluation, a battlecard or a programme.
    public static func recordUse(_ id: Int64, for use: Use, subject: Int64, on db: PGConnection) async throws {
        _ = try await require(id: id, on: db)
        try await db.execute("""
            INSERT INTO mi.insight_use (insight_id, used_for, subject_id) VALUES (\(id), \(use), \(subject))
            ON CONFLICT ON CONSTRAINT insight_use_once DO NOTHING
            """)
    }

    /// What the insight informed, as far as the caller sees (uses of its own scope).
    public static func uses(of id: Int64, on db: PGConnection) async throws -> [InsightUse] {
        try await db.fetchAll("""
            SELECT x.used_for, x.subject_id, u.code AS unit, x.used_by::text AS used_by, x.used_at
            FROM mi.insight_use x JOIN org.unit u ON u.id = x.unit_id
            WHERE x.insight_id = \(id) ORDER BY x.used_at, x.used_for, x.subject_id
            """)
    }
}

/// A use of an insight (`mi.insight_use`): what it informed, in which unit, by whom, when.
public struct InsightUse: PGRecord, Codable, Equatable, Sendable {
    public var usedFor: Insight.Use
    public var subjectId: Int64
    public var unit: String
    public var usedBy: String
    public var usedAt: Date
}

/// A unit's standing in contribute to consume (`mi.credit_balance`).
public struct CreditBalance: PGRecord, Codable, Equatable, Sendable {
    public var unit: String
    public var credits: Decimal
    public var creditsEver: Decimal
    public var threshold: Decimal
    public var windowMonths: Int16
    public var readsShared: Bool

    public static func mine(on db: PGConnection) async throws -> [CreditBalance] {
        try await db.fetchAll("""
            SELECT unit, credits, credits_ever, threshold, window_months, reads_shared FROM mi.credit_balance ORDER BY unit
            """)
    }

    /// Why other scopes' shared insights are hidden, when none of the caller's units reads them.
    public static func refusal(on db: PGConnection) async throws -> String? {
        let balances = try await mine(on: db)
        guard !balances.isEmpty, !balances.contains(where: \.readsShared) else { return nil }
        if try await db.fetchValue("SELECT mi.sharing_open()", as: Bool.self) == true { return nil }
        let best = balances.max { $0.credits < $1.credits }!
        return "contribute to read: \(best.unit) has \(best.credits) of \(best.threshold) credits in the last \(best.windowMonths) months"
    }
}

/// One entry of the credit ledger (`mi.credit`).
public struct CreditEntry: PGRecord, Codable, Equatable, Sendable {
    public var unit: String
    public var kind: String
    public var subjectId: Int64
    public var credits: Decimal
    public var earnedAt: Date
    public var acceptedBy: String

    public static func ledger(unit: String? = nil, on db: PGConnection) async throws -> [CreditEntry] {
        var query: SQL = """
            SELECT u.code AS unit, c.kind, c.subject_id, c.credits, c.earned_at, c.accepted_by::text AS accepted_by
            FROM mi.credit c JOIN org.unit u ON u.id = c.unit_id WHERE true
            """
        if let unit { query += " AND u.code = \(unit)" }
        return try await db.fetchAll(query + " ORDER BY c.earned_at DESC, c.id DESC")
    }
}

/// Contribute to consume's HQ settings (`mi.credit_setting`, `mi.credit_rate`).
public struct CreditSettings: Sendable, Equatable {
    public var threshold: Decimal
    public var windowMonths: Int16
    /// Credits per kind of accepted contribution: insight, data, voice.
    public var rates: [String: Decimal]

    public static func current(on db: PGConnection) async throws -> CreditSettings {
        let setting = try await db.fetchOne("SELECT threshold, window_months FROM mi.credit_setting", as: (Decimal, Int16).self)
        let rates = try await db.fetchAll("SELECT kind, credits FROM mi.credit_rate ORDER BY kind", as: (String, Decimal).self)
        return CreditSettings(threshold: setting?.0 ?? 0, windowMonths: setting?.1 ?? 0,
                              rates: Dictionary(uniqueKeysWithValues: rates.map { ($0.0, $0.1) }))
    }

    /// Changes what is given (HQ admins; the database refuses anyone else and values out of range).
    public static func change(threshold: Decimal?, windowMonths: Int?, rates: [String: Decimal], on db: PGConnection) async throws -> CreditSettings {
        try await db.transaction { db in
            if threshold != nil || windowMonths != nil {
                try await changingInScope(scope: "only HQ admins change contribute to consume", capability: "only HQ admins change contribute to consume") {
                    try await db.execute("""
                        UPDATE mi.credit_setting SET threshold = coalesce(\(threshold), threshold),
                               window_months = coalesce(\(windowMonths.map { Int16(clamping: $0) }), window_months)
                        """)
                }
            }
            for (kind, credits) in rates.sorted(by: { $0.key < $1.key }) {
                try await changingInScope(scope: "only HQ admins change contribute to consume (or no credit kind \(kind))",
                                          capability: "only HQ admins change contribute to consume") {
                    try await db.execute("UPDATE mi.credit_rate SET credits = \(credits) WHERE kind = \(kind)")
                }
            }
            return try await current(on: db)
        }
    }
}
