import Foundation
import Insight
import PGKit
import Testing
import TestSupport

/// Data providers of another unit, by direct SQL as real logins: a unit named on a DE topic (FR)
/// sees the topic and its own role, submits data for itself only, and reads that data back; its
/// readers and BI logins see the topic too; a unit not named (CN) sees nothing and cannot submit;
/// nothing else of the topic opens up.
@Suite("data providers of another unit")
struct NamedProviderTests {
    typealias Topics = TopicLifecycleTests

    @Test("FR, named a data provider of DE's topic, sees it and submits for FR only; CN, not named, sees nothing; nothing else widens")
    func namedUnit() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
            let (fr, de, cn) = (try await fixture.id(ofUnit: "FR"), try await fixture.id(ofUnit: "DE"), try await fixture.id(ofUnit: "CN"))
            let frEditor = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            let frReader = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            let frBI = try await fixture.connect(as: try await fixture.createUser("fr_bi", "bi", unit: "FR"))
            let frOtherBU = try await fixture.connect(as: try await fixture.createUser("fr_other_bu", "editor", unit: "FR", bu: "ENT"))
            let cnEditor = try await fixture.connect(as: try await fixture.createUser("cn_editor", "editor", unit: "CN"))
            let topicsSeen = { (db: PGConnection) in try await db.fetchValue("SELECT count(*) FROM mi.topic", as: Int64.self) }

            // Not named yet: FR sees nothing of it and cannot submit.
            #expect(try await topicsSeen(frEditor) == 0)
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures')")
            }
            try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, provider_unit_id) VALUES (\(topic), 'data_provider', \(fr))")
            try await people.lead.execute("INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(topic), id FROM mi.business_stage WHERE code = 'operate'")
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            try await people.researcher.execute("""
                INSERT INTO mi.observation (topic_id, item_id, method, note) SELECT \(topic), id, 'site_visit', 'Burchardkai' FROM mi.data_item WHERE code = 'site_operations'
                """)

            // Named: FR's editor, reader and BI login see the topic; its roles only as far as they name FR.
            for db in [frEditor, frReader] {
                #expect(try await topicsSeen(db) == 1)
                #expect(try await db.fetchAll("SELECT role, provider_unit_id FROM mi.topic_role", as: (String, Int64?).self).map(\.1) == [Int64?.some(fr)])
                #expect(try await db.fetchValue("SELECT count(*) FROM mi.topic_stage", as: Int64.self) == 0)
                #expect(try await db.fetchValue("SELECT count(*) FROM mi.observation", as: Int64.self) == 0)
            }
            #expect(try await frBI.fetchValue("SELECT count(*) FROM reporting.fct_topic WHERE topic_id = \(topic)", as: Int64.self) == 1)
            // A grant for another BU does not reach a CARRIER topic; CN is not named.
            #expect(try await topicsSeen(frOtherBU) == 0)
            #expect(try await topicsSeen(cnEditor) == 0)

            // FR submits for FR; not for DE, nor for CN, nor by a reader.
            let contribution = try #require(try await frEditor.fetchValue("""
                INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures') RETURNING id
                """, as: Int64.self))
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(de), 'In DE''s name')")
            }
            await expectRefusal("23514", "not a data provider") {
                try await frEditor.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(cn), 'In CN''s name')")
            }
            await expectRefusal("42501", "permission denied") {
                try await frReader.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Reader')")
            }
            await expectRefusal("42501", "row-level security") {
                try await frOtherBU.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Other BU')")
            }
            await expectRefusal("42501", "row-level security") {
                try await cnEditor.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(cn), 'Not named')")
            }
            // The rest of the topic stays DE's: no observations, stages, roles, insights or moves from FR.
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.observation (topic_id, item_id, method, note) SELECT \(topic), id, 'interview', 'x' FROM mi.data_item WHERE code = 'site_operations'")
            }
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(topic), id FROM mi.business_stage WHERE code = 'plan'")
            }
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.topic_role (topic_id, role, provider_unit_id) VALUES (\(topic), 'data_provider', \(fr))")
            }
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary) SELECT \(de), bu_id, \(topic), 'market', 'x', 'x' FROM mi.topic WHERE id = \(topic)")
            }
            #expect(try await frEditor.execute("UPDATE mi.topic SET state = 'delivered', due_on = due_on + 1 WHERE id = \(topic)") == 0)
            #expect(try await frEditor.execute("DELETE FROM mi.topic_role WHERE topic_id = \(topic)") == 0)
            // FR reads its own data back but cannot decide it (nor delete it).
            #expect(try await frReader.fetchValue("SELECT state FROM mi.contribution WHERE id = \(contribution)", as: String.self) == "submitted")
            #expect(try await frEditor.execute("UPDATE mi.contribution SET state = 'accepted' WHERE id = \(contribution)") == 0)
            #expect(try await frEditor.execute("DELETE FROM mi.contribution WHERE id = \(contribution)") == 0)
            await #expect(throws: InsightError.notYoursToDecide("data contribution", contribution)) {
                try await Contribution.decide(contribution, to: .accepted, on: frEditor)
            }
            #expect(try await cnEditor.fetchValue("SELECT count(*) FROM mi.contribution", as: Int64.self) == 0)

            // DE's researcher accepts it: FR earns the data credit.
            try await Contribution.decide(contribution, to: .accepted, on: people.researcher)
            #expect(try await frEditor.fetchValue("SELECT state FROM mi.contribution WHERE id = \(contribution)", as: String.self) == "accepted")
            #expect(try await frReader.fetchValue("SELECT credits FROM mi.credit_balance WHERE unit = 'FR'", as: Decimal.self) == Decimal(string: "0.5"))
            // Once delivered, FR still sees the topic and its data; it submits no more.
            try await people.researcher.execute("""
                INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary) SELECT unit_id, bu_id, id, 'market', 'Ports', 'Findings' FROM mi.topic WHERE id = \(topic)
                """)
            try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
            await expectRefusal("23514", "not being researched") {
                try await frEditor.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Late')")
            }
            #expect(try await frEditor.fetchValue("SELECT state FROM mi.topic WHERE id = \(topic)", as: String.self) == "delivered")
            for db in [frEditor, frReader, frBI, frOtherBU, cnEditor] { await db.close() }
            await people.close()
        }
    }

    @Test("a person of another unit named on a topic sees it and their role, and provides data for their own unit only")
    func namedPerson() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
            let (fr, cn) = (try await fixture.id(ofUnit: "FR"), try await fixture.id(ofUnit: "CN"))
            let cnName = try await fixture.createUser("cn_expert", "editor", unit: "CN")
            let cnExpert = try await fixture.connect(as: cnName)
            let cnColleague = try await fixture.connect(as: try await fixture.createUser("cn_colleague", "editor", unit: "CN"))
            try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(topic), 'data_provider', \(cnName))")
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            #expect(try await cnExpert.fetchValue("SELECT count(*) FROM mi.topic", as: Int64.self) == 1)
            #expect(try await cnExpert.fetchAll("SELECT person::text FROM mi.topic_role", as: String.self) == [cnName])
            // The colleague, of the same unit but not named, sees nothing and cannot submit.
            #expect(try await cnColleague.fetchValue("SELECT count(*) FROM mi.topic", as: Int64.self) == 0)
            await expectRefusal("42501", "row-level security") {
                try await cnColleague.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(cn), 'Shanghai figures')")
            }
            await expectRefusal("42501", "row-level security") {
                try await cnExpert.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'In FR''s name')")
            }
            let id = try #require(try await cnExpert.fetchValue("""
                INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(cn), 'Shanghai figures') RETURNING id
                """, as: Int64.self))
            #expect(try await cnColleague.fetchValue("SELECT provider_unit_id FROM mi.contribution WHERE id = \(id)", as: Int64.self) == cn,
                    "the providing unit reads its data")
            for db in [cnExpert, cnColleague] { await db.close() }
            await people.close()
        }
    }

    @Test("what an attack round found: a named unit writes no insights of the topic; roles, data and credits stay as decided")
    func attackRound() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
            let fr = try await fixture.id(ofUnit: "FR")
            let frEditor = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, provider_unit_id) VALUES (\(topic), 'data_provider', \(fr))")
            // A person is a login of an mtl capability, never a group role or the superuser.
            for person in ["mtl_reader", "mtl_editor", "postgres"] {
                await expectRefusal("22023", "no mtl user") {
                    try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(topic), 'consumer', \(person))")
                }
            }
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            // FR, named, sees the topic but writes none of its insights (they would earn FR the
            // insight credit at evaluation); nor does a DE editor who is not a researcher.
            await expectRefusal("42501", "row-level security") {
                try await frEditor.execute("""
                    INSERT INTO mi.insight (unit_id, topic_id, kind, title, summary, sharing) VALUES (\(fr), \(topic), 'market', 'x', 'y', 'global')
                    """)
            }
            await expectRefusal("42501", "only a researcher") {
                try await people.bystander.execute("""
                    INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary) SELECT unit_id, bu_id, id, 'market', 'x', 'y' FROM mi.topic WHERE id = \(topic)
                    """)
            }
            // FR's data: what was submitted is what is decided; the BU stays the topic's.
            let data = try #require(try await frEditor.fetchValue("""
                INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures') RETURNING id
                """, as: Int64.self))
            for change: SQL in ["description = 'rewritten'", "uri = 'http://example.org/x'", "bu_id = NULL"] {
                await expectRefusal("23514", "only its decision changes it") {
                    try await people.researcher.execute("UPDATE mi.contribution SET " + change + " WHERE id = \(data)")
                }
            }
            let late = try #require(try await frEditor.fetchValue("""
                INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Marseille figures') RETURNING id
                """, as: Int64.self))
            try await people.researcher.execute("UPDATE mi.contribution SET state = 'accepted' WHERE id = \(data)")
            #expect(try await people.lead.fetchValue("SELECT bu_id IS NOT DISTINCT FROM (SELECT bu_id FROM mi.topic WHERE id = \(topic)) FROM mi.credit WHERE kind = 'data'",
                                                    as: Bool.self) == true, "a data credit carries the topic's BU")
            try await people.researcher.execute("""
                INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary) SELECT unit_id, bu_id, id, 'market', 'Ports', 'Findings' FROM mi.topic WHERE id = \(topic)
                """)
            try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
            // Delivered: its roles stay (FR named stays named), and once evaluated, data is no longer decided.
            await expectRefusal("23514", "no longer change") {
                try await people.lead.execute("DELETE FROM mi.topic_role WHERE topic_id = \(topic) AND role = 'data_provider'")
            }
            try await people.evaluator.execute("INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(topic), 4, 'Pilot')")
            await expectRefusal("23514", "is closed") {
                try await people.researcher.execute("UPDATE mi.contribution SET state = 'accepted' WHERE id = \(late)")
            }
            #expect(try await frEditor.fetchValue("SELECT count(*) FROM mi.credit WHERE kind = 'insight'", as: Int64.self) == 0)
            await frEditor.close()
            await people.close()
        }
    }
}
