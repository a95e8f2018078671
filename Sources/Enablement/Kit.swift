import Foundation
import MTLCore
import PGKit

/// A kit per battle scenario (`sce.kit`): materials and tools in the order they are used.
public struct Kit: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var unit: String
    public var code: String
    public var title: String
    public var scenario: String
    public var description: String
    public var items: Int64
}

/// One step of a kit (`sce.kit_item`): a material (with its current version and score) or a tool.
public struct KitItem: PGRecord, Codable, Equatable, Sendable {
    public var position: Int16
    public var step: String
    public var materialId: Int64?
    public var what: String
    public var version: String?
    public var score: Decimal?
    public var note: String
}

extension Kit {
    static let selection: SQL = """
        SELECT k.id, u.code AS unit, k.code, k.title, k.scenario, k.description,
               (SELECT count(*) FROM sce.kit_item i WHERE i.kit_id = k.id) AS items
        FROM sce.kit k JOIN org.unit u ON u.id = k.unit_id
        """

    /// A kit named UNIT/CODE (such as HQ/SUMMIT) that the caller sees.
    public static func require(_ reference: String, on db: PGConnection) async throws -> Kit {
        guard let kit = try await db.fetchOne(selection + """
             WHERE u.code = split_part(\(reference), '/', 1) AND k.code = split_part(\(reference), '/', 2)
            """, as: Kit.self) else { throw EnablementError.noKit(reference) }
        return kit
    }

    /// The kits the caller sees (its scope's and those of the units above), for a scenario perhaps.
    public static func list(scenario: String? = nil, on db: PGConnection) async throws -> [Kit] {
        var query = selection + " WHERE true"
        if let scenario { query += " AND k.scenario = \(scenario)" }
        return try await db.fetchAll(query + " ORDER BY k.scenario, u.path, k.code")
    }

    public static func add(unit: String, bu: String?, code: String, title: String, scenario: String, description: String,
                           on db: PGConnection) async throws -> Kit {
        let owner = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        try await db.execute("""
            INSERT INTO sce.kit (unit_id, bu_id, code, title, scenario, description)
            VALUES (\(owner.id), \(businessUnit?.id), \(code), \(title), \(scenario), \(description))
            """)
        return try await require("\(unit)/\(code)", on: db)
    }

    /// Adds a step at the end: a material or a tool.
    public static func addStep(_ reference: String, step: String, material: Int64?, tool: String?, note: String, on db: PGConnection) async throws {
        let kit = try await require(reference, on: db)
        try await db.execute("""
            INSERT INTO sce.kit_item (kit_id, position, step, material_id, tool, note)
            SELECT \(kit.id), coalesce(max(i.position), 0) + 1, \(step), \(material), \(tool), \(note) FROM sce.kit_item i WHERE i.kit_id = \(kit.id)
            """)
    }

    /// What to use at each step, in order.
    public func steps(on db: PGConnection) async throws -> [KitItem] {
        try await db.fetchAll("""
            SELECT i.position, i.step, i.material_id, coalesce(c.title, i.tool, '(a material you cannot see)') AS what,
                   c.major || '.' || c.minor AS version, c.score, i.note
            FROM sce.kit_item i LEFT JOIN sce.material_card c ON c.id = i.material_id
            WHERE i.kit_id = \(id) ORDER BY i.position
            """)
    }
}
