import Foundation
import PGKit
import Testing
import TestSupport

/// Contribute to consume, by direct SQL: another scope's shared insights are readable only while
/// one of the reader's units earned enough credits in HQ's window — the insight table's own
/// row-level security, met alike by an editor, a reader and a BI login (through the reporting
/// view); a unit's own scope is always readable.
@Suite("contribute to consume")
struct ContributeToConsumeTests {
    typealias Topics = TopicLifecycleTests

    /// DE's insights: one global (delivered with a topic), one shared with EMEA, one DE's own.
    static func deInsights(_ fixture: TenancyFixture, _ people: Topics.People) async throws {
        let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
        try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
        try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
        for (title, sharing) in [("Ports: global", "global"), ("Ports: EMEA", "region"), ("Ports: DE only", "unit")] {
            try await people.researcher.execute("""
                INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary, sharing)
                SELECT unit_id, bu_id, \(topic), 'market', \(title), 'Findings', \(sharing) FROM mi.topic WHERE id = \(topic)
                """)
        }
        try await people.researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
    }

    /// Titles of the insights `db` can read, through the table or (for BI) the reporting view.
    static func titles(_ db: PGConnection, view: Bool = false) async throws -> [String] {
        try await db.fetchAll(view ? "SELECT title FROM reporting.fct_insight ORDER BY title" : "SELECT title FROM mi.insight ORDER BY title",
                              as: String.self)
    }

    /// Makes `unit` contribute: a topic of its own delivered with two insights of its unit (its
    /// own editors as setter, researcher and evaluator) and evaluated; the first insight's title.
    static func contribute(_ fixture: TenancyFixture, unit: String) async throws -> String {
        let setter = try await fixture.connect(as: try await fixture.createUser("\(unit.lowercased())_setter", "editor", unit: unit))
        let researcherName = try await fixture.createUser("\(unit.lowercased())_researcher", "editor", unit: unit)
        let researcher = try await fixture.connect(as: researcherName)
        let evaluatorName = try await fixture.createUser("\(unit.lowercased())_evaluator", "editor", unit: unit)
        let evaluator = try await fixture.connect(as: evaluatorName)
        let topic = try #require(try await setter.fetchValue("""
            INSERT INTO mi.topic (unit_id, fiscal_year, title, question, scenario, industry, due_on)
            SELECT id, 2027, 'Rail trends', 'Where is rail signalling going?', 'industry_trend', 'Rail', current_date + 30 FROM org.unit WHERE code = \(unit)
            RETURNING id
            """, as: Int64.self))
        try await setter.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(topic), 'setter', \(fixture.role("\(unit.lowercased())_setter")))")
        try await setter.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(topic), 'researcher', \(researcherName))")
        try await setter.execute("INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(topic), 'evaluator', \(evaluatorName))")
        try await setter.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
        try await researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
        let title = "\(unit) rail signalling"
        for name in [title, title + " (2)"] {
            try await researcher.execute("""
                INSERT INTO mi.insight (unit_id, topic_id, kind, title, summary) SELECT id, \(topic), 'market', \(name), 'Trends' FROM org.unit WHERE code = \(unit)
                """)
        }
        try await researcher.execute("UPDATE mi.topic SET state = 'delivered' WHERE id = \(topic)")
        try await evaluator.execute("INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(topic), 3, 'Keep watching')")
        // Deliberately two insights: one credit for the topic, not one per insight.
        await setter.close()
        await researcher.close()
        await evaluator.close()
        return title
    }

    @Test("FR and CN read DE's shared insights only after contributing, until the window passes; each always reads its own")
    func sharedByContribution() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            try await Self.deInsights(fixture, people)
            let owner = try await fixture.database.connect()
            let frEditor = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            let frReader = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            let frBI = try await fixture.connect(as: try await fixture.createUser("fr_bi", "bi", unit: "FR"))
            let cnReader = try await fixture.connect(as: try await fixture.createUser("cn_reader", "reader", unit: "CN"))

            // DE reads all three (its own scope) with or without credits; FR and CN none.
            #expect(try await Self.titles(people.bystander) == ["Ports: DE only", "Ports: EMEA", "Ports: global"])
            for db in [frEditor, frReader, cnReader] { #expect(try await Self.titles(db).isEmpty) }
            #expect(try await Self.titles(frBI, view: true).isEmpty)
            await expectRefusal("42501", "permission denied for schema mi") { _ = try await Self.titles(frBI) }
            #expect(try await frReader.fetchValue("SELECT reads_shared FROM mi.credit_balance WHERE unit = 'FR'", as: Bool.self) == false)

            // FR contributes: its own insight is readable to it at once (its scope), and now DE's
            // global and EMEA insights; never DE's own. CN, in APAC, still reads nothing.
            let frTitle = try await Self.contribute(fixture, unit: "FR")
            let frReads = [frTitle, frTitle + " (2)", "Ports: EMEA", "Ports: global"].sorted()
            for db in [frEditor, frReader] { #expect(try await Self.titles(db) == frReads) }
            #expect(try await Self.titles(frBI, view: true) == frReads)
            #expect(try await Self.titles(cnReader).isEmpty)
            #expect(try await frReader.fetchValue("SELECT credits FROM mi.credit_balance WHERE unit = 'FR'", as: Decimal.self) == 1)

            // CN contributes: DE's global insight (and FR's, which is its own unit's only: no).
            let cnTitle = try await Self.contribute(fixture, unit: "CN")
            #expect(try await Self.titles(cnReader) == [cnTitle, cnTitle + " (2)", "Ports: global"].sorted())

            // FR's credit ages past HQ's window (12 months): DE's shared insights are gone again, its own stay.
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("UPDATE mi.credit SET earned_at = now() - interval '13 months' WHERE unit_id = \(try await fixture.id(ofUnit: "FR"))")
            try await owner.execute("SET session_replication_role = DEFAULT")
            for db in [frEditor, frReader] { #expect(try await Self.titles(db) == [frTitle, frTitle + " (2)"]) }
            #expect(try await Self.titles(frBI, view: true) == [frTitle, frTitle + " (2)"])
            // HQ lowers the threshold to 0: shared insights open to every unit.
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            try await hqAdmin.execute("UPDATE mi.credit_setting SET threshold = 0")
            #expect(try await Self.titles(frReader) == frReads)
            for db in [owner, frEditor, frReader, frBI, cnReader, hqAdmin] { await db.close() }
            await people.close()
        }
    }

    @Test("the ledger: written only by the database, append-only for everyone, readable only in scope")
    func ledger() async throws {
        try await withTenancy { fixture in
            let title = try await Self.contribute(fixture, unit: "FR")
            #expect(title == "FR rail signalling")
            let frEditor = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            let deEditor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            for db in [frEditor, hqAdmin] {
                for statement: SQL in [
                    "INSERT INTO mi.credit (unit_id, kind, subject_id, credits) SELECT id, 'voice', 999, 100 FROM org.unit WHERE code = 'FR'",
                    "UPDATE mi.credit SET credits = 100",
                    "DELETE FROM mi.credit",
                ] {
                    await expectRefusal("42501", "permission denied") { try await db.execute(statement) }
                }
            }
            let owner = try await fixture.database.connect()
            await expectRefusal("42501", "append-only") { try await owner.execute("UPDATE mi.credit SET credits = 100") }
            await expectRefusal("42501", "append-only") { try await owner.execute("TRUNCATE mi.credit") }
            #expect(try await deEditor.fetchValue("SELECT count(*) FROM mi.credit", as: Int64.self) == 0, "FR's credits are FR's")
            #expect(try await frEditor.fetchValue("SELECT count(*) FROM mi.credit", as: Int64.self) == 1)
            // A region admin cannot change HQ's setting.
            let emeaAdmin = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            #expect(try await emeaAdmin.execute("UPDATE mi.credit_setting SET threshold = 0") == 0)
            for db in [owner, frEditor, hqAdmin, deEditor, emeaAdmin] { await db.close() }
        }
    }
}
