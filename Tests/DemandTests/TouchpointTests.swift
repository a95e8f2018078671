import Foundation
import MTLCore
import PGKit
import Demand
import Testing
import TestSupport

/// `mtl lead touch`: an activity of the lead's unit or a unit above it touches the lead; one of a
/// unit below or beside it is refused with the rule's own words.
@Suite("touchpoints")
struct TouchpointTests {
    @Test("an EMEA activity touches a DE lead; a lead of EMEA is not touched by a DE activity")
    func unitsAbove() async throws {
        try await withTenancy { fixture in
            let owner = try await Self.seed(fixture)
            let de = try await fixture.id(ofUnit: "DE")
            let editor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            let touch = try await Touchpoint.record(lead: 1, activity: 1, on: editor)
            #expect(touch.leadId == 1 && touch.activityId == 1 && touch.source == "cli")
            #expect(try await owner.fetchValue("SELECT unit_id FROM dg.touchpoint WHERE id = \(touch.id)", as: Int64.self) == de)
            await expectRefusal("23514", "activities of its unit or a unit above it") {
                _ = try await Touchpoint.record(lead: 2, activity: 2, on: editor)
            }
            await #expect(throws: DemandError.noLead(99)) { _ = try await Touchpoint.record(lead: 99, activity: 1, on: editor) }
            await editor.close()
            await owner.close()
        }
    }

    /// An EMEA company programme with an EMEA summit (1), a DE workshop (2) and an FR workshop
    /// (3); a DE lead (1) and an EMEA lead (2). Returns the owner's connection.
    static func seed(_ fixture: TenancyFixture) async throws -> PGConnection {
        let owner = try await fixture.database.connect()
        let de = try await fixture.id(ofUnit: "DE"), emea = try await fixture.id(ofUnit: "EMEA"), fr = try await fixture.id(ofUnit: "FR")
        let carrier = try #require(try await owner.fetchValue("SELECT id FROM org.business_unit WHERE code = 'CARRIER'", as: Int64.self))
        try await owner.execute("SET session_replication_role = replica")
        try await owner.execute("INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2027, 'published')")
        try await owner.execute("INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'C')")
        try await owner.execute("""
            INSERT INTO dg.programme (id, unit_id, bu_id, concept_package_id, name, tier, fiscal_year, currency, starts_on, ends_on, state) OVERRIDING SYSTEM VALUE
            VALUES (1, \(emea), \(carrier), 1, 'EMEA summit', 'company', 2027, 'EUR', '2026-01-01', '2027-12-31', 'running')
            """)
        try await owner.execute("""
            INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) OVERRIDING SYSTEM VALUE
            VALUES (1, 1, \(emea), \(carrier), 'Summit', 'summit', '2026-05-01', '2026-05-02', 0),
                   (2, 1, \(de), \(carrier), 'DE workshop', 'workshop', '2026-05-01', '2026-05-02', 0),
                   (3, 1, \(fr), \(carrier), 'FR workshop', 'workshop', '2026-05-01', '2026-05-02', 0)
            """)
        try await owner.execute("""
            INSERT INTO dg.lead (id, unit_id, bu_id, channel, company, contact_name) OVERRIDING SYSTEM VALUE
            VALUES (1, \(de), \(carrier), 'web', 'Bahn', 'A'), (2, \(emea), \(carrier), 'web', 'Region', 'B')
            """)
        try await owner.execute("SELECT setval(pg_get_serial_sequence('dg.lead', 'id'), 100)")
        try await owner.execute("SET session_replication_role = DEFAULT")
        return owner
    }

    @Test("a delta import records a known lead's touch by another activity, once; one of another unit is refused with its line")
    func recordedByImport() async throws {
        try await withTenancy { fixture in
            let owner = try await Self.seed(fixture)
            let editor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            func run(_ text: String, _ mode: LeadImporter.OnDuplicate, dryRun: Bool = false) async throws -> LeadImportOutcome {
                var importer = LeadImporter(unit: "DE", bu: "CARRIER", force: true)
                importer.onDuplicate = mode
                importer.dryRun = dryRun
                importer.rejectFile = FileManager.default.temporaryDirectory.appending(path: "touch-rejects-\(UUID().uuidString).csv").path
                return try await LeadImportTests.withFile(text) { try await importer.run(file: $0, on: editor) }
            }
            _ = try await run("company,contact_name,email,activity_id\nBahn AG,Anna,anna@bahn.example,1\nPort,Jan,jan@port.example,1\n", .refuse)
            // Anna attended the DE workshop (a touch), Jan the summit again (his source: none),
            // Eva is new (the workshop is her source), Kai names FR's workshop (refused).
            let delta = """
                company,contact_name,email,activity_id
                Bahn AG,Anna,anna@bahn.example,2
                Port,Jan,jan@port.example,1
                Siemens,Eva,eva@siemens.example,2
                Telekom,Kai,kai@telekom.example,3

                """
            let dry = try await run(delta, .update, dryRun: true)
            #expect((dry.rowsImported, dry.rowsUpdated, dry.touchpointsRecorded, dry.rowsRejected) == (1, 2, 1, 1), "\(dry.problems)")
            #expect(try await owner.fetchValue("SELECT count(*) FROM dg.touchpoint", as: Int64.self) == 0, "a dry run writes nothing")

            let outcome = try await run(delta, .update)
            #expect((outcome.rowsImported, outcome.rowsUpdated, outcome.touchpointsRecorded, outcome.rowsRejected) == (1, 2, 1, 1))
            #expect(outcome.problems.map(\.description) == ["line 5: activity 3 is of another unit; a lead comes from an activity of its unit or a unit above it"])
            let touches = try await owner.fetchAll("""
                SELECT l.contact_name || ':' || t.activity_id || ':' || t.source || ':' || (t.unit_id = l.unit_id)
                FROM dg.touchpoint t JOIN dg.lead l ON l.id = t.lead_id ORDER BY t.id
                """, as: String.self)
            #expect(touches == ["Anna:2:import:true"])
            #expect(try await owner.fetchValue("SELECT touchpoints_recorded FROM dg.lead_import ORDER BY id DESC LIMIT 1", as: Int32.self) == 1)
            #expect(try await owner.fetchValue("SELECT activity_id FROM dg.lead WHERE contact_name = 'Anna'", as: Int64.self) == 1,
                    "the lead keeps its source")

            // The same list again, skipping known leads: Anna's touch is not recorded twice; Jan's
            // first workshop is.
            let again = try await run(delta + "Port,Jan,jan@port.example,2\n", .skip)
            #expect(again.touchpointsRecorded == 0 && again.rowsRejected == 2, "\(again.problems)")
            let jan = try await run("company,contact_name,email,activity_id\nPort,Jan,jan@port.example,2\n", .skip)
            #expect((jan.rowsSkipped, jan.touchpointsRecorded) == (1, 1))
            #expect(try await owner.fetchValue("SELECT count(*) FROM dg.touchpoint WHERE source = 'import'", as: Int64.self) == 2)
            await editor.close()
            await owner.close()
        }
    }
}
