import Foundation
import PGKit
import Testing
import TestSupport

/// A topic's life cycle by direct SQL as real logins: a leader sets it, a researcher delivers it
/// with an insight, an evaluator who did not research it evaluates it; every allowed transition
/// and samples of refused ones, four-eyes on evaluation, and who may do what.
@Suite("insight topics")
struct TopicLifecycleTests {
    /// The people of a topic: EMEA's leader (its setter), a DE researcher, a DE evaluator, and a
    /// DE editor with no role on it.
    struct People {
        let lead: PGConnection, researcher: PGConnection, evaluator: PGConnection, bystander: PGConnection
        let leadName: String, researcherName: String, evaluatorName: String, bystanderName: String

        func close() async {
            for connection in [lead, researcher, evaluator, bystander] { await connection.close() }
        }
    }

    static func people(_ fixture: TenancyFixture) async throws -> People {
        let names = (try await fixture.createUser("emea_lead", "editor", unit: "EMEA"), try await fixture.createUser("de_research", "editor", unit: "DE"),
                     try await fixture.createUser("de_eval", "editor", unit: "DE"), try await fixture.createUser("de_other", "editor", unit: "DE"))
        return People(lead: try await fixture.connect(as: names.0), researcher: try await fixture.connect(as: names.1),
                      evaluator: try await fixture.connect(as: names.2), bystander: try await fixture.connect(as: names.3),
                      leadName: names.0, researcherName: names.1, evaluatorName: names.2, bystanderName: names.3)
    }

    /// DE's ports segment (DE/PORTS, industry Logistics), written by the owner; its id.
    static func portsSegment(_ fixture: TenancyFixture) async throws -> Int64 {
        let owner = try await fixture.database.connect()
        defer { Task { await owner.close() } }
        return try #require(try await owner.fetchValue("""
            INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
            SELECT u.id, b.id, 'PORTS', 'Seaports', 'Logistics', 'Port authority', 'Private 5G', 'H3'
            FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER'
            RETURNING id
            """, as: Int64.self))
    }

    /// A topic for DE/PORTS proposed by EMEA's leader in DE, with its setter, researcher and
    /// evaluator assigned; its id.
    static func topic(_ fixture: TenancyFixture, _ people: People, segment: Int64, title: String = "Port automation") async throws -> Int64 {
        let id = try #require(try await people.lead.fetchValue("""
            INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, segment_id, due_on)
            SELECT u.id, b.id, 2027, \(title), 'Which terminals automate cranes by 2028, and what holds the rest back?', 'segment', \(segment), current_date + 60
            FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER'
            RETURNING id
            """, as: Int64.self))
        for (role, person) in [("setter", people.leadName), ("researcher", people.researcherName), ("evaluator", people.evaluatorName)] {
            try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(id), \(role), \(person))")
        }
        return id
    }

    static func state(_ db: PGConnection, _ topic: Int64) async throws -> String? {
        try await db.fetchValue("SELECT state FROM mi.topic WHERE id = \(topic)", as: String.self)
    }

    @Test("proposed → accepted → in research → delivered → evaluated, each by the person whose role it is")
    func lifecycle() async throws {
        try await withTenancy { fixture in
            let people = try await Self.people(fixture)
            let topic = try await Self.topic(fixture, people, segment: try await Self.portsSegment(fixture))
            #expect(try await Self.state(people.bystander, topic) == "proposed")
            #expect(try await people.lead.fetchValue("SELECT unit_id FROM mi.topic_role WHERE topic_id = \(topic) LIMIT 1", as: Int64.self)
                    == (try await fixture.id(ofUnit: "DE")), "a role takes its topic's unit")

            // Only the setter accepts; only a researcher starts and delivers.
            await expectRefusal("42501", "only a setter") {
                try await people.researcher.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            }
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            // What it asks is fixed once accepted; when it is due is not.
            await expectRefusal("23514", "stays as its setter accepted it") {
                try await people.lead.execute("UPDATE mi.topic SET question = 'Something else?' WHERE id = \(topic)")
            }
            try await people.lead.execute("UPDATE mi.topic SET due_on = due_on + 7, priority = 'high' WHERE id = \(topic)")
            await expectRefusal("42501", "only a researcher") {
                try await people.lead.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            }
            try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            // Research under way: the researcher and the evaluator stay.
            await expectRefusal("42501", "only a setter") {
                try await people.researcher.execute("DELETE FROM mi.topic_role WHERE topic_id = \(topic) AND role = 'researcher'")
            }
            await expectRefusal("23514", "its researcher stays") {
                try await people.lead.execute("DELETE FROM mi.topic_role WHERE topic_id = \(topic) AND role = 'researcher'")
            }
            await expectRefusal("23514", "no insight to deliver") {
                try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
            }
            try await people.researcher.execute("""
                INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary, sharing)
                SELECT unit_id, bu_id, \(topic), 'market', 'Hamburg automates first', 'Two of five terminals automate by 2028.', 'global'
                FROM mi.topic WHERE id = \(topic)
                """)
            try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
            // Delivered, not yet judged: no credit; delivered insights stay as delivered.
            #expect(try await people.bystander.fetchValue("SELECT count(*) FROM mi.credit", as: Int64.self) == 0)
            await expectRefusal("23514", "what it delivered stays") {
                try await people.researcher.execute("DELETE FROM mi.insight WHERE topic_id = \(topic)")
            }
            await expectRefusal("23514", "what it says stays") {
                try await people.researcher.execute("UPDATE mi.insight SET summary = 'Changed' WHERE topic_id = \(topic)")
            }

            // Four-eyes: the researcher cannot evaluate; nor can anyone but the evaluator; nor by hand.
            let evaluate: SQL = "INSERT INTO mi.evaluation (topic_id, usefulness, comment, decision) VALUES (\(topic), 4, 'Clear', 'Fund the Hamburg pilot')"
            await expectRefusal("42501", "four-eyes") { try await people.researcher.execute(evaluate) }
            await expectRefusal("42501", "only the evaluator") { try await people.bystander.execute(evaluate) }
            await expectRefusal("42501", "cannot be made evaluated by hand") {
                try await people.evaluator.execute("UPDATE mi.topic SET state = 'evaluated' WHERE id = \(topic)")
            }
            // The evaluator's own, dated by the database whatever the statement says.
            try await people.evaluator.execute("""
                INSERT INTO mi.evaluation (topic_id, usefulness, comment, decision, evaluated_at) VALUES (\(topic), 4, 'Clear', 'Fund the Hamburg pilot', '2020-01-01')
                """)
            #expect(try await people.bystander.fetchValue("SELECT evaluated_at > now() - interval '1 hour' FROM mi.evaluation WHERE topic_id = \(topic)",
                                                          as: Bool.self) == true)
            #expect(try await Self.state(people.bystander, topic) == "evaluated")
            // Evaluated by someone who did not research it: the insight's unit earned its credit,
            // once for the topic.
            #expect(try await people.bystander.fetchValue("SELECT sum(credits) FROM mi.credit WHERE kind = 'insight'", as: Decimal.self) == 1)
            #expect(try await people.bystander.fetchValue("SELECT count(*) FROM mi.insight_use WHERE used_for = 'evaluation' AND subject_id = \(topic)",
                                                          as: Int64.self) == 1, "the evaluation's use of the topic's insight is recorded")
            #expect(try await people.bystander.fetchValue("SELECT evaluated_by::text FROM mi.evaluation WHERE topic_id = \(topic)", as: String.self)
                    == people.evaluatorName)
            await expectRefusal("23514", "invalid topic state change") {
                try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            }
            await people.close()
        }
    }

    @Test("rejected with a reason, cancelled from any open state; four-eyes when assigning; another unit's topic out of reach")
    func refusals() async throws {
        try await withTenancy { fixture in
            let people = try await Self.people(fixture)
            let segment = try await Self.portsSegment(fixture)
            let rejected = try await Self.topic(fixture, people, segment: segment, title: "Wrong question")
            await expectRefusal("23514", "topic_rejection_reason") {
                try await people.lead.execute("UPDATE mi.topic SET state = 'rejected' WHERE id = \(rejected)")
            }
            try await people.lead.execute("UPDATE mi.topic SET state = 'rejected', rejection_reason = 'Not a customer need' WHERE id = \(rejected)")
            let final = await expectRefusal("23514", "invalid topic state change: rejected → proposed") {
                try await people.lead.execute("UPDATE mi.topic SET state = 'proposed' WHERE id = \(rejected)")
            }
            #expect(final?.hint?.contains("is final") == true)
            for start in ["proposed", "accepted", "in_research"] {
                let topic = try await Self.topic(fixture, people, segment: segment, title: "Cancel from \(start)")
                if start != "proposed" { try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)") }
                if start == "in_research" { try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)") }
                try await people.bystander.execute("UPDATE mi.topic SET state = 'cancelled' WHERE id = \(topic)")
                #expect(try await Self.state(people.bystander, topic) == "cancelled")
            }
            // Skipping a step is refused with what is allowed instead.
            let skipping = try await Self.topic(fixture, people, segment: segment, title: "Skipping")
            let refusal = await expectRefusal("23514", "invalid topic state change: proposed → delivered") {
                try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(skipping)")
            }
            #expect(refusal?.hint?.contains("accepted") == true)
            // The evaluator is never a researcher, whichever is assigned first.
            await expectRefusal("42501", "four-eyes") {
                try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'evaluator', \(people.researcherName))")
            }
            await expectRefusal("42501", "four-eyes") {
                try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'researcher', \(people.evaluatorName))")
            }
            // Nobody but a setter gives roles: a colleague cannot make themselves setter, researcher
            // or evaluator; a setter cannot research their own topic.
            for role in ["setter", "researcher", "evaluator"] {
                await expectRefusal("42501", "only a setter") {
                    try await people.bystander.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), \(role), \(people.bystanderName))")
                }
            }
            await expectRefusal("42501", "only a setter") {
                try await people.bystander.execute("DELETE FROM mi.topic_role WHERE topic_id = \(skipping) AND role = 'evaluator'")
            }
            await expectRefusal("42501", "four-eyes") {
                try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'researcher', \(people.leadName))")
            }
            await expectRefusal("23514", "has its evaluator") {
                try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'evaluator', \(people.bystanderName))")
            }
            await expectRefusal("22023", "no mtl user") {
                try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'consumer', 'postgres_nobody')")
            }
            // FR sees nothing of DE's topic and cannot hang a role, a stage or an insight on it.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            #expect(try await fr.fetchValue("SELECT count(*) FROM mi.topic", as: Int64.self) == 0)
            for statement: SQL in [
                "INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(skipping), 'consumer', \(people.bystanderName))",
                "INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(skipping), id FROM mi.business_stage LIMIT 1",
                "INSERT INTO mi.insight (unit_id, topic_id, kind, title, summary) SELECT id, \(skipping), 'market', 'x', 'y' FROM org.unit WHERE code = 'FR'",
                "INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(skipping), 5, 'x')",
                "UPDATE mi.topic SET state = 'cancelled' WHERE id = \(skipping) RETURNING id",
            ] {
                do {
                    let changed = try await fr.execute(statement)
                    #expect(changed == 0, "\(statement)")
                } catch let error as PGError {
                    #expect(error.sqlState == "42501" && !error.message.contains("Port"), "\(error)")
                }
            }
            // A topic of FR about DE's segment: refused as RLS refuses, naming nothing.
            await expectRefusal("42501", "row-level security") {
                try await fr.execute("""
                    INSERT INTO mi.topic (unit_id, fiscal_year, title, question, scenario, segment_id, due_on)
                    SELECT id, 2027, 'Spy', 'What does DE know?', 'segment', \(segment), current_date FROM org.unit WHERE code = 'FR'
                    """)
            }
            await fr.close()
            await people.close()
        }
    }
}
