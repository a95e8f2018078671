import Foundation
import MTLCore
import PGKit

/// The coverage checklist of a segment in a fiscal year (`mi.coverage`): the stages of the
/// customer's business process against the topics that cover them.
public struct Coverage: Sendable {
    public var segment: String
    public var fiscalYear: Int32
    /// The stages, in process order.
    public var stages: [String]
    /// The topics of the segment and year (not rejected or cancelled), with the stages each covers.
    public var topics: [(id: Int64, title: String, stages: Set<String>)]

    public var uncovered: [String] { stages.filter { stage in !topics.contains { $0.stages.contains(stage) } } }

    public static func of(segment reference: String, year: Int32, on db: PGConnection) async throws -> Coverage {
        let segment = try await Topic.segmentID(reference, on: db)
        let rows = try await db.fetchAll("""
            SELECT stage_code, topic_ids FROM mi.coverage WHERE segment_id = \(segment) AND fiscal_year = \(year) ORDER BY stage_position, stage_code
            """, as: (String, [Int64]).self)
        var stages = rows.map(\.0)
        if stages.isEmpty {
            // No topic yet: every stage of the segment's industry is uncovered.
            stages = try await db.fetchAll("""
                SELECT b.code FROM mi.business_stage b JOIN mm.segment s ON s.id = \(segment)
                WHERE b.industry IS NULL OR lower(b.industry) = lower(s.industry) ORDER BY b.position, b.code
                """, as: String.self)
        }
        let titles = try await db.fetchAll("""
            SELECT id, title FROM mi.topic WHERE segment_id = \(segment) AND fiscal_year = \(year) AND state NOT IN ('rejected', 'cancelled') ORDER BY id
            """, as: (Int64, String).self)
        let topics = titles.map { topic in
            (id: topic.0, title: topic.1, stages: Set(rows.filter { $0.1.contains(topic.0) }.map(\.0)))
        }
        return Coverage(segment: reference, fiscalYear: year, stages: stages, topics: topics)
    }
}
