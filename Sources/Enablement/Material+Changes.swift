import Foundation
import MTLCore
import PGKit

// MARK: - Reading

extension Material {
    static let selection: SQL = """
        SELECT c.id, u.code AS unit, c.title, c.summary, c.kind, c.language, c.uri, c.tier, c.parent_id, c.stages, c.scenarios, c.roles,
               c.state, c.major || '.' || c.minor AS version, c.version_id, c.rating_count, c.score, c.use_count, c.parent_outdated,
               c.created_by::text AS created_by
        FROM sce.material_card c JOIN org.unit u ON u.id = c.unit_id
        """

    public static func require(id: Int64, on db: PGConnection) async throws -> Material {
        guard let material = try await db.fetchOne(selection + " WHERE c.id = \(id)", as: Material.self) else {
            throw EnablementError.noMaterial(id)
        }
        return material
    }

    /// What to filter materials by; empty fields filter nothing.
    public struct Filter: Sendable {
        public var stage: String?
        public var scenario: String?
        public var role: String?
        /// A segment named UNIT/CODE.
        public var segment: String?
        public var kind: Kind?
        public var unit: String?
        public var states: [State] = []
        public init() {}
    }

    static func conditions(_ filter: Filter) -> SQL {
        var query: SQL = " WHERE true"
        if let stage = filter.stage { query += " AND \(stage) = ANY (c.stages)" }
        if let scenario = filter.scenario { query += " AND \(scenario) = ANY (c.scenarios)" }
        if let role = filter.role { query += " AND \(role) = ANY (c.roles)" }
        if let segment = filter.segment {
            query += " AND EXISTS (SELECT FROM sce.segment_ref s WHERE s.id = ANY (c.segment_ids) AND s.reference = \(segment))"
        }
        if let kind = filter.kind { query += " AND c.kind = \(kind)" }
        if let unit = filter.unit { query += " AND u.code = \(unit)" }
        if !filter.states.isEmpty { query += " AND c.state = ANY (\(filter.states.map(\.rawValue)))" }
        return query
    }

    /// The materials the caller sees: their scope's, and the published ones of the units above.
    public static func list(_ filter: Filter, on db: PGConnection) async throws -> [Material] {
        try await db.fetchAll(selection + conditions(filter) + " ORDER BY c.tier, u.code, c.title, c.id")
    }

    /// Published materials matching `text` (full text in each material's language, or a title
    /// close to it), ranked by the front line's score, then by use, then by how well they match.
    public static func find(_ text: String?, _ filter: Filter, on db: PGConnection) async throws -> [Material] {
        var filter = filter
        filter.states = [.published]
        var query = selection + conditions(filter)
        var order: SQL = " ORDER BY c.score DESC NULLS LAST, c.use_count DESC, "
        if let text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            query += """
                 AND (c.search @@ websearch_to_tsquery(sce.text_config(c.language), \(text))
                      OR sce.word_similarity(lower(\(text)), lower(c.title)) >= 0.5)
                """
            order += "ts_rank(c.search, websearch_to_tsquery(sce.text_config(c.language), \(text))) + sce.word_similarity(lower(\(text)), lower(c.title)) DESC, "
        }
        return try await db.fetchAll(query + order + "c.id")
    }

    /// Its versions, newest first.
    public func versions(on db: PGConnection) async throws -> [MaterialVersion] {
        try await db.fetchAll("""
            SELECT v.id, v.major || '.' || v.minor AS version, v.change_note, v.created_by::text AS created_by, v.created_at
            FROM sce.material_version v WHERE v.material_id = \(id) ORDER BY v.major DESC, v.minor DESC
            """)
    }

    /// How many ratings it has per rater role and country.
    public func tally(on db: PGConnection) async throws -> [RatingTally] {
        try await db.fetchAll("""
            SELECT t.role_code AS role, u.code AS country, t.ratings
            FROM sce.rating_tally t JOIN org.unit u ON u.id = t.rater_unit_id
            WHERE t.material_id = \(id) ORDER BY t.role_code, u.code
            """)
    }
}

// MARK: - Changing

extension Material {
    /// A new material (version 1.0, in draft).
    public struct Draft: Sendable {
        public var unit: String, bu: String?, title: String, kind: Kind
        public var summary = "", language = "en", uri: String?
        public var parent: Int64?, asset: Int64?, caseLead: Int64?, caseActivity: Int64?
        public var stages: [String] = [], scenarios: [String] = [], roles: [String] = [], segments: [String] = []
        /// Concept packages named FY2027/CODE.
        public var concepts: [String] = []

        public init(unit: String, bu: String?, title: String, kind: Kind) {
            self.unit = unit; self.bu = bu; self.title = title; self.kind = kind
        }
    }

    public static func add(_ d: Draft, on db: PGConnection) async throws -> Material {
        let unit = try await OrgUnit.require(code: d.unit, on: db)
        var bu: BusinessUnit?
        if let code = d.bu { bu = try await BusinessUnit.require(code: code, on: db) }
        var segmentIDs: [Int64] = []
        for segment in d.segments { segmentIDs.append(try await Training.segmentID(segment, on: db)) }
        var conceptIDs: [Int64] = []
        for concept in d.concepts {
            guard let id = try await db.fetchValue("""
                SELECT c.id FROM mm.concept_package c JOIN mm.framework f ON f.id = c.framework_id
                WHERE 'FY' || f.fiscal_year = split_part(\(concept), '/', 1) AND c.code = split_part(\(concept), '/', 2)
                """, as: Int64.self) else { throw EnablementError.noConcept(concept) }
            conceptIDs.append(id)
        }
        guard let id = try await db.fetchValue("""
            INSERT INTO sce.material (unit_id, bu_id, title, summary, kind, language, uri, parent_id, dg_asset_id, case_lead_id,
                                      case_activity_id, stages, scenarios, roles, segment_ids, concept_package_ids)
            VALUES (\(unit.id), \(bu?.id), \(d.title), \(d.summary), \(d.kind), \(d.language), \(d.uri), \(d.parent), \(d.asset), \(d.caseLead),
                    \(d.caseActivity), \(d.stages), \(d.scenarios), \(d.roles), \(segmentIDs), \(conceptIDs))
            RETURNING id
            """, as: Int64.self) else { throw EnablementError.notSaved("material") }
        return try await require(id: id, on: db)
    }

    /// A new version: the next major (a change that invalidates what was built on the old one)
    /// or the next minor.
    @discardableResult
    public static func addVersion(_ id: Int64, major: Bool, note: String, on db: PGConnection) async throws -> Material {
        _ = try await require(id: id, on: db)
        let added = try await db.execute("""
            INSERT INTO sce.material_version (material_id, major, minor, change_note)
            SELECT v.material_id, CASE WHEN \(major) THEN v.major + 1 ELSE v.major END, CASE WHEN \(major) THEN 0 ELSE v.minor + 1 END, \(note)
            FROM sce.material_version v WHERE v.material_id = \(id) ORDER BY v.major DESC, v.minor DESC LIMIT 1
            """)
        guard added == 1 else { throw EnablementError.notSaved("version") }
        return try await require(id: id, on: db)
    }

    /// Publishes or retires it.
    @discardableResult
    public static func move(_ id: Int64, to state: State, on db: PGConnection) async throws -> Material {
        _ = try await require(id: id, on: db)
        guard try await db.execute("UPDATE sce.material SET state = \(state) WHERE id = \(id)") == 1 else {
            throw EnablementError.notYours("material", id)
        }
        return try await require(id: id, on: db)
    }

    /// Records that the caller (a seller) used its current version.
    public static func recordUse(_ id: Int64, scenario: String?, lead: Int64?, activity: Int64?, on db: PGConnection) async throws -> Material {
        let material = try await require(id: id, on: db)
        try await db.execute("""
            INSERT INTO sce.material_use (material_id, version_id, scenario, lead_id, activity_id)
            VALUES (\(id), \(material.versionId), \(scenario), \(lead), \(activity))
            """)
        return try await require(id: id, on: db)
    }

    /// Rates the version the caller used last (1–5): only sellers who used it rate it, once per version.
    public static func rate(_ id: Int64, score: Int, comment: String, on db: PGConnection) async throws -> Material {
        let material = try await require(id: id, on: db)
        let used = try await db.fetchValue("""
            SELECT u.version_id FROM sce.material_use u JOIN sce.seller s ON s.id = u.seller_id
            WHERE u.material_id = \(id) AND s.login = current_user ORDER BY u.used_at DESC, u.id DESC LIMIT 1
            """, as: Int64.self)
        try await db.execute("""
            INSERT INTO sce.rating (material_id, version_id, score, comment) VALUES (\(id), \(used ?? material.versionId), \(Int16(clamping: score)), \(comment))
            """)
        return try await require(id: id, on: db)
    }
}
