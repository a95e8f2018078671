import Foundation
import PGKit
import Testing
import TestSupport

/// MI's quality rules find what breaks them and nothing else: an H3 segment with no topic this
/// fiscal year, a segment whose topics leave stages uncovered, a topic delivered and never
/// evaluated; and the daily review check flags overdue battlecards and topics once.
@Suite("insight quality rules and review flags")
struct InsightQualityTests {
    typealias Topics = TopicLifecycleTests

    static func found(_ db: PGConnection, _ view: String) async throws -> [Int64] {
        try await db.fetchAll(SQL(unsafeRaw: "SELECT subject_id FROM mi.\(view) ORDER BY subject_id"), as: Int64.self)
    }

    @Test("each rule's view, before and after what it asks for")
    func rules() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let segment = try await Topics.portsSegment(fixture)
            let owner = try await fixture.database.connect()
            let year = try #require(try await owner.fetchValue("SELECT substr(org.fiscal_quarter_label(current_date), 3, 4)::integer", as: Int32.self))
            #expect(try await Self.found(people.bystander, "quality_h3_segment_without_topic") == [segment])
            // A topic of last year does not count; one of this year does.
            let topic = try await Topics.topic(fixture, people, segment: segment)
            try await owner.execute("UPDATE mi.topic SET fiscal_year = \(year - 1) WHERE id = \(topic)")
            #expect(try await Self.found(people.bystander, "quality_h3_segment_without_topic") == [segment])
            try await owner.execute("UPDATE mi.topic SET fiscal_year = \(year) WHERE id = \(topic)")
            #expect(try await Self.found(people.bystander, "quality_h3_segment_without_topic").isEmpty)

            // Its topic covers two of the seven stages: the other five are uncovered.
            for stage in ["operate", "maintain"] {
                try await people.lead.execute("INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(topic), id FROM mi.business_stage WHERE code = \(stage)")
            }
            let uncovered = try await people.bystander.fetchValue(
                "SELECT (details -> 'uncovered')::text FROM mi.quality_segment_uncovered_stages WHERE subject_id = \(segment)", as: String.self)
            #expect(uncovered == #"["plan", "build", "market", "sell", "serve"]"#)

            // Delivered 40 days ago and not evaluated: found (the rule's default is 30 days).
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            try await people.researcher.execute("INSERT INTO mi.insight (unit_id, topic_id, kind, title, summary) SELECT unit_id, id, 'market', 'x', 'y' FROM mi.topic WHERE id = \(topic)")
            try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
            #expect(try await Self.found(people.bystander, "quality_topic_not_evaluated").isEmpty)
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("UPDATE mi.topic SET delivered_at = now() - interval '40 days' WHERE id = \(topic)")
            try await owner.execute("SET session_replication_role = DEFAULT")
            #expect(try await Self.found(people.bystander, "quality_topic_not_evaluated") == [topic])
            // FR sees none of DE's violations.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            for view in ["quality_h3_segment_without_topic", "quality_segment_uncovered_stages", "quality_topic_not_evaluated"] {
                #expect(try await Self.found(fr, view).isEmpty)
            }
            for db in [owner, fr] { await db.close() }
            await people.close()
        }
    }

    @Test("the daily review check flags an overdue battlecard and a topic past due, once; only the scheduler runs it")
    func reviewFlags() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let segment = try await Topics.portsSegment(fixture)
            let topic = try await Topics.topic(fixture, people, segment: segment)
            let owner = try await fixture.database.connect()
            let acme = try #require(try await owner.fetchValue("INSERT INTO mi.competitor (code, name) VALUES ('ACME', 'Acme') RETURNING id", as: Int64.self))
            try await people.researcher.execute("""
                INSERT INTO mi.battlecard (competitor_id, segment_id, owner, last_reviewed_on, review_interval_days)
                VALUES (\(acme), \(segment), \(people.researcherName), current_date - 100, 90)
                """)
            try await people.lead.execute("UPDATE mi.topic SET due_on = current_date - 1 WHERE id = \(topic)")
            await expectRefusal("42501", "permission denied for function flag_reviews") {
                _ = try await people.researcher.fetchValue("SELECT mi.flag_reviews()", as: Int32.self)
            }
            let worker = try await fixture.connect(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            #expect(try await worker.fetchValue("SELECT mi.flag_reviews()", as: Int32.self) == 2)
            #expect(try await worker.fetchValue("SELECT mi.flag_reviews()", as: Int32.self) == 0, "once per subject and due date")
            #expect(try await people.bystander.fetchAll("SELECT subject_kind FROM mi.review_flag ORDER BY 1", as: String.self) == ["battlecard", "topic"])
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await fr.fetchValue("SELECT count(*) FROM mi.review_flag", as: Int64.self) == 0)
            for db in [owner, worker, fr] { await db.close() }
            await people.close()
        }
    }
}
