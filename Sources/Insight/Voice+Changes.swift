import Foundation
import MTLCore
import PGKit

extension Voice {
    static let selection: SQL = """
        SELECT v.id, u.code AS unit, v.customer, v.channel, v.sentiment, v.themes, v.verbatim, v.heard_on::text AS heard_on,
               v.state, v.recorded_by::text AS recorded_by
        FROM mi.voice v JOIN org.unit u ON u.id = v.unit_id
        """

    /// Records what a customer said: submitted until someone else accepts or rejects it.
    public static func add(unit: String, bu: String?, segment: String?, customer: String, channel: Channel, sentiment: Int,
                           themes: [String], verbatim: String, heardOn: String, on db: PGConnection) async throws -> Voice {
        let target = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        var segmentID: Int64?
        if let segment { segmentID = try await Topic.segmentID(segment, on: db) }
        guard let id = try await db.fetchValue("""
            INSERT INTO mi.voice (unit_id, bu_id, segment_id, customer, channel, sentiment, themes, verbatim, heard_on)
            VALUES (\(target.id), \(businessUnit?.id), \(segmentID), \(customer), \(channel), \(Int16(clamping: sentiment)),
                    \(themes.map { $0.lowercased() }), \(verbatim), \(heardOn)::date)
            RETURNING id
            """, as: Int64.self) else { throw InsightError.notSaved("voice entry") }
        return try await require(id: id, on: db)
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Voice {
        guard let voice = try await db.fetchOne(selection + " WHERE v.id = \(id)", as: Voice.self) else { throw InsightError.noVoice(id) }
        return voice
    }

    public static func list(unit: String? = nil, state: State? = nil, on db: PGConnection) async throws -> [Voice] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND v.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        if let state { query += " AND v.state = \(state)" }
        return try await db.fetchAll(query + " ORDER BY v.heard_on DESC, v.id DESC")
    }

    /// Accepts or rejects an entry (someone other than its recorder: the database's four-eyes).
    @discardableResult
    public static func decide(_ id: Int64, to state: State, on db: PGConnection) async throws -> Voice {
        _ = try await require(id: id, on: db)
        guard try await db.execute("UPDATE mi.voice SET state = \(state) WHERE id = \(id)") == 1 else {
            throw InsightError.notYoursToDecide("voice-of-the-customer entry", id)
        }
        return try await require(id: id, on: db)
    }
}

/// Voice of the customer by theme (`reporting.fct_voice_theme`): accepted entries.
public struct VoiceTheme: PGRecord, Codable, Equatable, Sendable {
    public var unit: String
    public var segment: String?
    public var theme: String
    public var entries: Int64
    public var averageSentiment: Decimal
    public var negative: Int64
    public var positive: Int64

    public static func summary(unit: String? = nil, on db: PGConnection) async throws -> [VoiceTheme] {
        var query: SQL = """
            SELECT u.code AS unit, su.code || '/' || s.code AS segment, v.theme, v.entries, v.average_sentiment, v.negative, v.positive
            FROM reporting.fct_voice_theme v JOIN org.unit u ON u.id = v.unit_id
            LEFT JOIN mm.segment s ON s.id = v.segment_id LEFT JOIN org.unit su ON su.id = s.unit_id
            WHERE true
            """
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND v.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        return try await db.fetchAll(query + " ORDER BY v.entries DESC, v.theme")
    }
}
