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
            let owner = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE"), emea = try await fixture.id(ofUnit: "EMEA")
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
                       (2, 1, \(de), \(carrier), 'DE workshop', 'workshop', '2026-05-01', '2026-05-02', 0)
                """)
            try await owner.execute("""
                INSERT INTO dg.lead (id, unit_id, bu_id, channel, company, contact_name) OVERRIDING SYSTEM VALUE
                VALUES (1, \(de), \(carrier), 'web', 'Bahn', 'A'), (2, \(emea), \(carrier), 'web', 'Region', 'B')
                """)
            try await owner.execute("SET session_replication_role = DEFAULT")
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
}
