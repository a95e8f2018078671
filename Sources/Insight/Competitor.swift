import Foundation
import MTLCore
import PGKit

/// A competitor tracked in depth (`mi.competitor`, HQ reference data).
public struct Competitor: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var code: String
    public var name: String
    public var website: String?
    public var notes: String

    public static func add(code: String, name: String, website: String?, notes: String, on db: PGConnection) async throws -> Competitor {
        try await explainingDenials(scope: "only HQ admins add competitors", capability: "only HQ admins add competitors") {
            try await db.execute("INSERT INTO mi.competitor (code, name, website, notes) VALUES (\(code), \(name), \(website), \(notes))")
        }
        return try await require(code: code, on: db)
    }

    public static func all(on db: PGConnection) async throws -> [Competitor] {
        try await db.fetchAll("SELECT id, code, name, website, notes FROM mi.competitor ORDER BY code")
    }

    public static func require(code: String, on db: PGConnection) async throws -> Competitor {
        guard let competitor = try await db.fetchOne("SELECT id, code, name, website, notes FROM mi.competitor WHERE code = \(code)",
                                                     as: Competitor.self) else { throw InsightError.noCompetitor(code) }
        return competitor
    }

    /// Records that a lead met the competitor, and how it ended against it (open, won, lost).
    public static func met(lead: Int64, competitor code: String, outcome: String, on db: PGConnection) async throws {
        let competitor = try await require(code: code, on: db)
        try await db.execute("""
            INSERT INTO mi.lead_competitor (lead_id, competitor_id, outcome) VALUES (\(lead), \(competitor.id), \(outcome))
            ON CONFLICT (lead_id, competitor_id) DO UPDATE SET outcome = EXCLUDED.outcome
            """)
    }
}

/// A battlecard of a competitor in a segment (`mi.battlecard`, with its win rate from
/// `reporting.fct_battlecard`).
public struct Battlecard: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var competitor: String
    public var segment: String
    public var strengths: String
    public var weaknesses: String
    public var whyWeWin: String
    public var theirPitch: String
    /// Objections with answers, as JSON: [{"objection": …, "answer": …}].
    public var objections: String
    public var pricingNotes: String
    public var owner: String
    public var lastReviewedOn: String
    public var reviewDueOn: String
    public var pastReview: Bool
    public var won: Int64
    public var lost: Int64
    public var winRate: Decimal?

    static let selection: SQL = """
        SELECT b.id, c.code AS competitor, u.code || '/' || s.code AS segment, b.strengths, b.weaknesses, b.why_we_win, b.their_pitch,
               b.objections::text AS objections, b.pricing_notes, b.owner::text AS owner, b.last_reviewed_on::text AS last_reviewed_on,
               f.review_due_on::text AS review_due_on, f.past_review, f.won, f.lost, f.win_rate
        FROM mi.battlecard b JOIN mi.competitor c ON c.id = b.competitor_id JOIN mm.segment s ON s.id = b.segment_id
        JOIN org.unit u ON u.id = s.unit_id JOIN reporting.fct_battlecard f ON f.battlecard_id = b.id
        """

    /// What `set` changes: nil keeps what the card says.
    public struct Content: Sendable {
        public var strengths, weaknesses, whyWeWin, theirPitch, pricingNotes: String?
        /// Objections with answers, replacing the card's.
        public var objections: [(objection: String, answer: String)]?
        public var owner: String?
        public var reviewIntervalDays: Int?
        public init() {}
    }

    /// Writes the battlecard of a competitor in a segment (new, or changed and reviewed today).
    public static func set(competitor code: String, segment reference: String, _ c: Content, on db: PGConnection) async throws -> Battlecard {
        let competitor = try await Competitor.require(code: code, on: db)
        let segment = try await Topic.segmentID(reference, on: db)
        let objections = c.objections.map { list in
            JSONText.array(list.map { .object([("objection", .value(.text($0.objection))), ("answer", .value(.text($0.answer)))]) }).rendered()
        }
        try await db.execute("""
            INSERT INTO mi.battlecard AS b (competitor_id, segment_id, strengths, weaknesses, why_we_win, their_pitch, pricing_notes,
                                            objections, owner, review_interval_days)
            VALUES (\(competitor.id), \(segment), coalesce(\(c.strengths), ''), coalesce(\(c.weaknesses), ''), coalesce(\(c.whyWeWin), ''),
                    coalesce(\(c.theirPitch), ''), coalesce(\(c.pricingNotes), ''), coalesce(\(objections)::jsonb, '[]'),
                    coalesce(\(c.owner)::name, session_user), coalesce(\(c.reviewIntervalDays.map { Int16(clamping: $0) }), 90))
            ON CONFLICT ON CONSTRAINT battlecard_once DO UPDATE SET
                strengths = coalesce(\(c.strengths), b.strengths), weaknesses = coalesce(\(c.weaknesses), b.weaknesses),
                why_we_win = coalesce(\(c.whyWeWin), b.why_we_win), their_pitch = coalesce(\(c.theirPitch), b.their_pitch),
                pricing_notes = coalesce(\(c.pricingNotes), b.pricing_notes), objections = coalesce(\(objections)::jsonb, b.objections),
                owner = coalesce(\(c.owner)::name, b.owner), review_interval_days = coalesce(\(c.reviewIntervalDays.map { Int16(clamping: $0) }), b.review_interval_days),
                last_reviewed_on = current_date
            """)
        return try await require(competitor: code, segment: reference, on: db)
    }

    public static func require(competitor code: String, segment reference: String, on db: PGConnection) async throws -> Battlecard {
        let competitor = try await Competitor.require(code: code, on: db)
        let segment = try await Topic.segmentID(reference, on: db)
        guard let card = try await db.fetchOne(selection + " WHERE b.competitor_id = \(competitor.id) AND b.segment_id = \(segment)",
                                               as: Battlecard.self) else {
            throw InsightError.noBattlecard(competitor: code, segment: reference)
        }
        return card
    }

    /// The battlecards the caller sees, of one competitor or all.
    public static func list(competitor code: String? = nil, on db: PGConnection) async throws -> [Battlecard] {
        var query = selection + " WHERE true"
        if let code { query += " AND c.code = \(code)" }
        return try await db.fetchAll(query + " ORDER BY c.code, segment")
    }
}
