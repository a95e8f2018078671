import Foundation
import PGKit
import Testing
import TestSupport

/// What research keeps, by direct SQL as real logins: coverage against a hand-built checklist,
/// the data model's items covered and missed, market-size history, battlecard win rates against
/// hand-counted outcomes, and credits for accepted voice entries and data (four-eyes).
@Suite("insight research")
struct ResearchTests {
    typealias Topics = TopicLifecycleTests

    @Test("coverage of DE/PORTS in FY2027: the stages its topics name are ticked, the others not; rejected topics do not count")
    func coverage() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let segment = try await Topics.portsSegment(fixture)
            let owner = try await fixture.database.connect()
            // HQ's checklist for the segment's industry: the seven common stages and one of Logistics.
            try await owner.execute("INSERT INTO mi.business_stage (industry, code, name, position) VALUES ('logistics', 'yard', 'Yard handling', 8)")
            let first = try await Topics.topic(fixture, people, segment: segment, title: "Operations")
            let second = try await Topics.topic(fixture, people, segment: segment, title: "Selling")
            let rejected = try await Topics.topic(fixture, people, segment: segment, title: "Rejected")
            for (topic, stages) in [(first, ["operate", "maintain", "yard"]), (second, ["sell", "operate"]), (rejected, ["plan"])] {
                for stage in stages {
                    try await people.lead.execute("INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(topic), id FROM mi.business_stage WHERE code = \(stage)")
                }
            }
            try await people.lead.execute("UPDATE mi.topic SET state = 'rejected', rejection_reason = 'Not now' WHERE id = \(rejected)")
            // A stage of another industry is refused.
            try await owner.execute("INSERT INTO mi.business_stage (industry, code, name, position) VALUES ('Mining', 'blast', 'Blasting', 8)")
            await expectRefusal("23514", "not a stage of the topic's industry") {
                try await people.lead.execute("INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(first), id FROM mi.business_stage WHERE code = 'blast'")
            }
            let grid = try await people.bystander.fetchAll("""
                SELECT stage_code, covered, topic_ids FROM reporting.fct_coverage WHERE segment_id = \(segment) AND fiscal_year = 2027 ORDER BY stage_position
                """, as: (String, Bool, [Int64]).self)
            #expect(grid.map(\.0) == ["plan", "build", "operate", "maintain", "market", "sell", "serve", "yard"])
            #expect(grid.filter(\.1).map(\.0) == ["operate", "maintain", "sell", "yard"])
            #expect(grid.first { $0.0 == "operate" }?.2 == [first, second].sorted())
            // FR sees none of it.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await fr.fetchValue("SELECT count(*) FROM reporting.fct_coverage", as: Int64.self) == 0)
            for db in [owner, fr] { await db.close() }
            await people.close()
        }
    }

    @Test("a topic's data model: items observed and missed; an item of another industry refused")
    func dataModel() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            try await people.researcher.execute("UPDATE mi.topic SET state = 'in_research' WHERE id = \(topic)")
            for (item, method) in [("site_operations", "site_visit"), ("installed_base", "machine_room"), ("site_operations", "interview")] {
                try await people.researcher.execute("""
                    INSERT INTO mi.observation (topic_id, item_id, method, note) SELECT \(topic), id, \(method), 'Seen at Burchardkai' FROM mi.data_item WHERE code = \(item)
                    """)
            }
            let owner = try await fixture.database.connect()
            try await owner.execute("INSERT INTO mi.data_item (domain, code, name, method) VALUES ('Banking', 'teller_queue', 'Teller queues', 'store')")
            await expectRefusal("23514", "not in the data model") {
                try await people.researcher.execute("""
                    INSERT INTO mi.observation (topic_id, item_id, method, note) SELECT \(topic), id, 'store', 'x' FROM mi.data_item WHERE code = 'teller_queue'
                    """)
            }
            let items = try await people.bystander.fetchAll("SELECT code, observations, methods_used FROM mi.topic_item WHERE topic_id = \(topic) ORDER BY code",
                                                            as: (String, Int64, [String]).self)
            #expect(items.count == 7, "the common data model, not Banking's")
            #expect(items.filter { $0.1 > 0 }.map(\.0) == ["installed_base", "site_operations"])
            #expect(items.first { $0.0 == "site_operations" }?.2 == ["interview", "site_visit"])
            #expect(try await people.bystander.fetchValue("SELECT observed_by::text FROM mi.observation LIMIT 1", as: String.self) == people.researcherName)
            await expectRefusal("42501", "permission denied") {
                try await people.researcher.execute("UPDATE mi.observation SET observed_by = 'someone_else'")
            }
            await owner.close()
            await people.close()
        }
    }

    @Test("market size: a new estimate supersedes the current one; history kept; nothing updated by hand")
    func marketSizeHistory() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let segment = try await Topics.portsSegment(fixture)
            func estimate(_ tam: Int, _ sam: Int, _ som: Int, source: String) async throws -> Int64 {
                try #require(try await people.researcher.fetchValue("""
                    INSERT INTO mi.market_size (segment_id, fiscal_year, currency, tam, sam, som, growth_rate, assumptions, source)
                    VALUES (\(segment), 2027, 'EUR', \(tam), \(sam), \(som), 0.08, 'Five container terminals', \(source)) RETURNING id
                    """, as: Int64.self))
            }
            let old = try await estimate(900_000_000, 300_000_000, 40_000_000, source: "Analyst report 2026")
            let new = try await estimate(1_100_000_000, 350_000_000, 55_000_000, source: "Site visits 2026")
            let history = try await people.bystander.fetchAll("""
                SELECT estimate_id, coalesce(superseded_by, 0), is_current, unit_id FROM reporting.fct_market_size WHERE segment_id = \(segment) ORDER BY estimate_id
                """, as: (Int64, Int64, Bool, Int64).self)
            let de = try await fixture.id(ofUnit: "DE")
            #expect(history.map(\.0) == [old, new] && history.map(\.1) == [new, 0] && history.map(\.2) == [false, true] && history.allSatisfy { $0.3 == de })
            await expectRefusal("23514", "market_size_nested") { _ = try await estimate(1, 2, 3, source: "Wrong") }
            await expectRefusal("42501", "permission denied") {
                try await people.researcher.execute("UPDATE mi.market_size SET tam = 1 WHERE id = \(new)")
            }
            await people.close()
        }
    }

    @Test("a battlecard's win rate is the segment's decided outcomes against its competitor, counted by hand")
    func battlecardWinRate() async throws {
        try await withTenancy { fixture in
            let people = try await Topics.people(fixture)
            let segment = try await Topics.portsSegment(fixture)
            let owner = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE")
            let carrier = try #require(try await owner.fetchValue("SELECT id FROM org.business_unit WHERE code = 'CARRIER'", as: Int64.self))
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2027, 'published')")
            try await owner.execute("INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'C')")
            try await owner.execute("""
                INSERT INTO dg.programme (id, unit_id, bu_id, concept_package_id, segment_id, name, tier, fiscal_year, currency, starts_on, ends_on, state) OVERRIDING SYSTEM VALUE
                VALUES (1, \(de), \(carrier), 1, \(segment), 'Ports days', 'company', 2027, 'EUR', '2026-01-01', '2027-12-31', 'running'),
                       (2, \(de), \(carrier), 1, NULL, 'Other', 'company', 2027, 'EUR', '2026-01-01', '2027-12-31', 'running')
                """)
            try await owner.execute("""
                INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) OVERRIDING SYSTEM VALUE
                VALUES (1, 1, \(de), \(carrier), 'Ports day', 'workshop', '2026-05-01', '2026-05-01', 0), (2, 2, \(de), \(carrier), 'Other', 'workshop', '2026-05-01', '2026-05-01', 0)
                """)
            // Leads 1–6 from the ports programme, 7–8 from another.
            try await owner.execute("""
                INSERT INTO dg.lead (id, unit_id, bu_id, activity_id, company, contact_name) OVERRIDING SYSTEM VALUE
                SELECT n, \(de), \(carrier), CASE WHEN n <= 6 THEN 1 ELSE 2 END, 'Port ' || n, 'C' FROM generate_series(1, 8) n
                """)
            try await owner.execute("SET session_replication_role = DEFAULT")
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            let acme = try #require(try await hqAdmin.fetchValue("INSERT INTO mi.competitor (code, name) VALUES ('ACME', 'Acme Networks') RETURNING id", as: Int64.self))
            let other = try #require(try await hqAdmin.fetchValue("INSERT INTO mi.competitor (code, name) VALUES ('OTHER', 'Other Corp') RETURNING id", as: Int64.self))
            try await people.researcher.execute("""
                INSERT INTO mi.battlecard (competitor_id, segment_id, owner, why_we_win, objections)
                VALUES (\(acme), \(segment), \(people.researcherName), 'Private 5G on site', '[{"objection": "Too expensive", "answer": "Total cost over five years"}]')
                """)
            await expectRefusal("23514", "objections are a list") {
                try await people.researcher.execute("INSERT INTO mi.battlecard (competitor_id, segment_id, owner, objections) VALUES (\(other), \(segment), \(people.researcherName), '[1]')")
            }
            // By hand: in the segment, won 3 (leads 1, 2, 3) and lost 1 (lead 4) against Acme, lead 5
            // open; lead 6 lost to Other; leads 7 and 8 (another programme) lost to Acme and do not count.
            for (lead, competitor, outcome) in [(1, acme, "won"), (2, acme, "won"), (3, acme, "won"), (4, acme, "lost"), (5, acme, "open"),
                                                (6, other, "lost"), (7, acme, "lost"), (8, acme, "lost")] {
                try await people.bystander.execute("INSERT INTO mi.lead_competitor (lead_id, competitor_id, outcome) VALUES (\(lead), \(competitor), \(outcome))")
            }
            let card = try #require(try await people.bystander.fetchOne("""
                SELECT won, lost, win_rate, past_review FROM reporting.fct_battlecard WHERE competitor_id = \(acme)
                """, as: (Int64, Int64, Decimal, Bool).self))
            #expect(card.0 == 3 && card.1 == 1 && card.2 == Decimal(string: "0.75") && !card.3)
            #expect(try await people.bystander.fetchValue("SELECT unit_id FROM mi.lead_competitor WHERE lead_id = 1", as: Int64.self) == de)
            for db in [owner, hqAdmin] { await db.close() }
            await people.close()
        }
    }

    @Test("voice entries and data earn credits once accepted by someone else; never by their own recorder or submitter")
    func creditsForContributions() async throws {
        try await withTenancy { fixture in
            let frEditor = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            let frApprover = try await fixture.connect(as: try await fixture.createUser("fr_editor2", "editor", unit: "FR"))
            var voices: [Int64] = []
            for (sentiment, theme) in [(-1, "coverage"), (2, "service"), (1, "coverage")] {
                voices.append(try #require(try await frEditor.fetchValue("""
                    INSERT INTO mi.voice (unit_id, customer, channel, sentiment, themes, verbatim, heard_on)
                    SELECT id, 'SNCF', 'visit', \(Int16(sentiment)), ARRAY[\(theme)], 'Said on a site visit', current_date FROM org.unit WHERE code = 'FR'
                    RETURNING id
                    """, as: Int64.self)))
            }
            await expectRefusal("42501", "four-eyes") { try await frEditor.execute("UPDATE mi.voice SET state = 'accepted' WHERE id = \(voices[0])") }
            for id in voices.prefix(2) { try await frApprover.execute("UPDATE mi.voice SET state = 'accepted' WHERE id = \(id)") }
            try await frApprover.execute("UPDATE mi.voice SET state = 'rejected' WHERE id = \(voices[2])")
            await expectRefusal("23514", "no longer changes") { try await frEditor.execute("UPDATE mi.voice SET verbatim = 'x' WHERE id = \(voices[0])") }
            await expectRefusal("23514", "it stays") { try await frEditor.execute("DELETE FROM mi.voice WHERE id = \(voices[0])") }
            #expect(try await frEditor.fetchValue("SELECT credits FROM mi.credit_balance WHERE unit = 'FR'", as: Decimal.self) == Decimal(string: "0.5"))
            let themes = try await frEditor.fetchAll("SELECT theme, entries, average_sentiment FROM reporting.fct_voice_theme ORDER BY theme", as: (String, Int64, Decimal).self)
            #expect(themes.map(\.0) == ["coverage", "service"] && themes.map(\.1) == [1, 1] && themes[0].2 == -1, "accepted entries only")

            // Data for DE's topic from FR, a named data provider: a DE researcher accepts it.
            let people = try await Topics.people(fixture)
            let topic = try await Topics.topic(fixture, people, segment: try await Topics.portsSegment(fixture))
            let fr = try await fixture.id(ofUnit: "FR")
            await expectRefusal("23514", "is not a data provider") {
                try await people.lead.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures')")
            }
            try await people.lead.execute("INSERT INTO mi.topic_role (topic_id, role, provider_unit_id) VALUES (\(topic), 'data_provider', \(fr))")
            try await people.lead.execute("UPDATE mi.topic SET state = 'accepted' WHERE id = \(topic)")
            // DE's people cannot submit FR's data (they would mint FR's credits); EMEA's leader,
            // whose scope covers FR, can.
            await expectRefusal("42501", "row-level security") {
                try await people.bystander.execute("INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures')")
            }
            let contribution = try #require(try await people.lead.fetchValue("""
                INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(topic), \(fr), 'Le Havre figures') RETURNING id
                """, as: Int64.self))
            await expectRefusal("42501", "only a researcher") {
                try await people.evaluator.execute("UPDATE mi.contribution SET state = 'accepted' WHERE id = \(contribution)")
            }
            try await people.researcher.execute("UPDATE mi.contribution SET state = 'accepted' WHERE id = \(contribution)")
            await expectRefusal("23514", "it stays") {
                try await people.researcher.execute("DELETE FROM mi.contribution WHERE id = \(contribution)")
            }
            #expect(try await frEditor.fetchValue("SELECT credits FROM mi.credit_balance WHERE unit = 'FR'", as: Decimal.self) == 1, "0.5 for voice and 0.5 for data")
            #expect(try await frEditor.fetchValue("SELECT string_agg(kind, ',' ORDER BY kind) FROM mi.credit", as: String.self) == "data,voice,voice")
            for db in [frEditor, frApprover] { await db.close() }
            await people.close()
        }
    }
}
