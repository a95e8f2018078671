import Foundation
import MTLCore
import PGKit

/// A marketing asset (`dg.asset`): slides, a white paper, a case study, a video, … with its
/// language, location and owner; draft → published → retired. Everybody reads assets (HQ builds
/// material that regions and countries reuse); people write their own units' assets.
public struct Asset: PGRecord, Codable, Equatable {
    /// An asset's state (`dg.asset` CHECK `asset_state`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case draft, published, retired

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var bu: String?
    public var type: String
    public var title: String
    public var language: String
    public var uri: String
    public var owner: String
    public var state: State

    static let selection: SQL = """
        SELECT a.id, u.code AS unit, b.code AS bu, a.type, a.title, a.language, a.uri, a.owner_role::text AS owner, a.state
        FROM dg.asset a JOIN org.unit u ON u.id = a.unit_id LEFT JOIN org.business_unit b ON b.id = a.bu_id
        """

    public static let types = ["slides", "white_paper", "article", "case_study", "video", "brochure", "demo", "kit", "other"]

    public static func list(type: String? = nil, state: State? = nil, on db: PGConnection) async throws -> [Asset] {
        var query = selection + " WHERE true"
        if let type { query += " AND a.type = \(type)" }
        if let state { query += " AND a.state = \(state)" }
        return try await db.fetchAll(query + " ORDER BY a.id")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Asset {
        guard let asset = try await db.fetchOne(selection + " WHERE a.id = \(id)", as: Asset.self) else {
            throw DemandError.noAsset(id)
        }
        return asset
    }

    public static func create(unit: String, bu: String?, type: String, title: String, language: String, uri: String, owner: String,
                              on db: PGConnection) async throws -> Asset {
        try Names.checkUserName(owner)
        let target = try await OrgUnit.require(code: unit, on: db)
        var buID: Int64?
        if let bu { buID = try await BusinessUnit.require(code: bu, on: db).id }
        let id: Int64?
        do {
            id = try await explainingDenials(scope: "your grants do not let you add assets to \(unit)",
                                             capability: "only editors and admins add assets") {
                try await db.fetchValue("""
                    INSERT INTO dg.asset (unit_id, bu_id, type, title, language, uri, owner_role)
                    VALUES (\(target.id), \(buID), \(type), \(title), \(language), \(uri), \(owner))
                    RETURNING id
                    """, as: Int64.self)
            }
        } catch let error as PGError where error.isForeignKeyViolation {
            throw CoreError.unknownUser(owner)
        }
        guard let id else { throw DemandError.notSaved("asset") }
        return try await require(id: id, on: db)
    }

    /// Publishes a draft (activities can then use it) or retires a published asset.
    public static func move(id: Int64, to state: State, on db: PGConnection) async throws -> Asset {
        let before = try await require(id: id, on: db)
        let from: State = state == .published ? .draft : .published
        let changed = try await explainingDenials(scope: "asset \(id) is outside your write scope",
                                                  capability: "only editors and admins change assets") {
            try await db.execute("UPDATE dg.asset SET state = \(state) WHERE id = \(id) AND state = \(from)")
        }
        if changed == 0 {
            if before.state != from { throw DemandError.assetNotInState(id, state: before.state, expected: from) }
            throw CoreError.outOfScope("asset \(id) is outside your write scope")
        }
        return try await require(id: id, on: db)
    }
}
