import Foundation
import MTLCore
import PGKit

extension Contribution {
    static let selection: SQL = """
        SELECT c.id, c.topic_id, u.code AS provider, c.description, c.uri, c.state, c.submitted_by::text AS submitted_by
        FROM mi.contribution c JOIN org.unit u ON u.id = c.provider_unit_id
        """

    /// Submits data for a topic being researched, for the providing unit (default: the topic's
    /// own). The database decides who may: someone who writes for that unit, which is the topic's
    /// or one named as a data provider of it.
    public static func submit(topic: Int64, provider: String?, description: String, uri: String?, on db: PGConnection) async throws -> Contribution {
        let subject = try await Topic.require(id: topic, on: db)
        let unit = try await OrgUnit.require(code: provider ?? subject.unit, on: db)
        guard let id = try await db.fetchValue("""
            INSERT INTO mi.contribution (topic_id, provider_unit_id, description, uri)
            VALUES (\(topic), \(unit.id), \(description), \(uri)) RETURNING id
            """, as: Int64.self) else { throw InsightError.notSaved("contribution") }
        return try await require(id: id, on: db)
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Contribution {
        guard let contribution = try await db.fetchOne(selection + " WHERE c.id = \(id)", as: Contribution.self) else {
            throw InsightError.noContribution(id)
        }
        return contribution
    }

    /// The contributions to a topic that the caller sees: all of its scope's, and its own units'.
    public static func list(topic: Int64, on db: PGConnection) async throws -> [Contribution] {
        try await db.fetchAll(selection + " WHERE c.topic_id = \(topic) ORDER BY c.id")
    }

    /// Accepts or rejects a contribution: a researcher of its topic who did not submit it.
    @discardableResult
    public static func decide(_ id: Int64, to state: State, on db: PGConnection) async throws -> Contribution {
        _ = try await require(id: id, on: db)
        guard try await db.execute("UPDATE mi.contribution SET state = \(state) WHERE id = \(id)") == 1 else {
            throw InsightError.notYoursToDecide("data contribution", id)
        }
        return try await require(id: id, on: db)
    }
}
