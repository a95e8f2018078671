import Enablement
import Foundation
import PGKit
import Testing
import TestSupport

/// Standing on the giants' shoulders, by direct SQL: HQ's global material, EMEA's regional one
/// derived from it, DE's customised one; a new major version upstream flags what was built on the
/// old one; full-text search ranked by the front line's score, then by use.
@Suite("material lineage and search")
struct LineageTests {
    typealias World = EnablementWorld

    static func outdated(_ db: PGConnection, _ material: Int64) async throws -> Bool? {
        try await db.fetchValue("SELECT parent_outdated FROM sce.material_card WHERE id = \(material)", as: Bool.self)
    }

    @Test("tiers from the unit, derivation from a published material above, the outdated flag after a parent's major version")
    func lineage() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let global = try await World.material(w.hq, unit: "HQ", title: "Summit kit keynote")
            let regional = try await World.material(w.emea, unit: "EMEA", title: "EMEA workshop deck", parent: global, scenarios: ["workshop"])
            let custom = try await World.material(w.de, unit: "DE", title: "Hamburg port workshop", parent: regional, scenarios: ["workshop"])
            let tiers = try await w.de.fetchAll("SELECT tier FROM sce.material WHERE id IN (\(global), \(regional), \(custom)) ORDER BY id", as: String.self)
            #expect(tiers == ["global", "regional", "customised"])
            // Derived only from a published material of a unit above; a draft, or FR's, no.
            let draft = try await World.material(w.hq, unit: "HQ", title: "Draft", publish: false)
            await expectRefusal("23514", "derive from published ones") {
                _ = try await World.material(w.hq, unit: "HQ", title: "From a draft", parent: draft)
            }
            await expectRefusal("23514", "of its own unit or a unit above") {
                _ = try await World.material(w.emea, unit: "EMEA", title: "Upwards", parent: custom)
            }
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_author", "editor", unit: "FR"))
            let frDeck = try await World.material(fr, unit: "FR", title: "Le Havre deck")
            await expectRefusal("42501", "row-level security") {
                _ = try await World.material(w.de, unit: "DE", title: "From FR", parent: frDeck)
            }
            // A minor version upstream changes nothing; a major one flags the regional material,
            // not DE's (built on EMEA's, which has not moved).
            try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(global), 1, 1, 'Typos')")
            #expect(try await Self.outdated(w.de, regional) == false)
            await expectRefusal("23514", "comes after it") {
                try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(global), 1, 0, 'Back')")
            }
            await expectRefusal("42501", "row-level security") {
                try await w.de.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(global), 2, 0, 'Not ours')")
            }
            try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(global), 2, 0, 'New portfolio')")
            #expect(try await Self.outdated(w.de, regional) == true)
            #expect(try await Self.outdated(w.de, custom) == false)
            let findings = try await w.hq.fetchAll("SELECT subject_id FROM sce.quality_material_outdated_parent", as: Int64.self)
            #expect(findings == [regional])
            // EMEA rebuilds on 2.0: a new derived material is current; the old one is retired.
            let rebuilt = try await World.material(w.emea, unit: "EMEA", title: "EMEA workshop deck 2", parent: global, scenarios: ["workshop"])
            try await w.emea.execute("UPDATE sce.material SET state = 'retired' WHERE id = \(regional)")
            #expect(try await Self.outdated(w.de, rebuilt) == false)
            #expect(try await w.hq.fetchAll("SELECT subject_id FROM sce.quality_material_outdated_parent", as: Int64.self).isEmpty)
            await expectRefusal("23514", "retired") { try await w.emea.execute("UPDATE sce.material SET title = 'x' WHERE id = \(regional)") }
            await expectRefusal("23514", "keeps its unit") { try await w.emea.execute("UPDATE sce.material SET parent_id = NULL WHERE id = \(rebuilt)") }
            // The tier is the database's.
            await expectRefusal("42501", "permission denied") {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, uri, tier) SELECT id, 'x', 'slides', 'https://x.example', 'global' FROM org.unit WHERE code = 'DE'")
            }
            await fr.close()
            await w.close()
        }
    }

    @Test("search: language-aware full text and typo-tolerant titles, ranked by the front line's score, then by use")
    func search() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let keynote = try await World.material(w.hq, unit: "HQ", title: "Summit keynote", summary: "Opening the customer summit")
            let agenda = try await World.material(w.hq, unit: "HQ", title: "Summit agenda", summary: "How a summit day runs")
            let ports = try await World.material(w.hq, unit: "HQ", title: "Private 5G for ports", summary: "Port automation with private networks")
            let kran = try await World.material(w.de, unit: "DE", title: "Hafen im Wandel", summary: "Die Kräne werden automatisiert", language: "de")
            // Ratings: the agenda 5 and 5, the keynote 2; the agenda is used twice more.
            for (seller, material, score) in [(w.sellers[0], agenda, Int16(5)), (w.sellers[1], agenda, 5), (w.sellers[2], keynote, 2)] {
                try await World.use(seller, material)
                try await World.rate(seller, material, score)
            }
            try await World.use(w.sellers[0], ports)
            func find(_ text: String) async throws -> [Int64] {
                try await Material.find(text, Material.Filter(), on: w.sellers[0]).map(\.id)
            }
            #expect(try await find("summit") == [agenda, keynote], "rated higher first")
            #expect(try await find("sumit keynote") == [keynote], "a typo in a title")
            #expect(try await find("port automating") == [ports], "English stemming")
            #expect(try await find("Kran") == [kran], "German stemming: Kräne")
            #expect(try await find("network") == [ports])
            var filter = Material.Filter()
            filter.scenario = "workshop"
            #expect(try await Material.find(nil, filter, on: w.sellers[0]).isEmpty)
            filter.scenario = "summit"
            // Unrated materials score the prior mean (3): above the keynote rated 2, below the
            // agenda rated 5 and 5; between the two unrated ones, the used one first.
            #expect(try await Material.find(nil, filter, on: w.sellers[0]).map(\.id) == [agenda, ports, kran, keynote])
            await w.close()
        }
    }

    @Test("a DG asset catalogued once, at its location; success cases only from an accepted opportunity or a done activity")
    func assetsAndCases() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let owner = try await fixture.database.connect()
            let (de, fr) = (try await fixture.id(ofUnit: "DE"), try await fixture.id(ofUnit: "FR"))
            // DE's and FR's assets, a DE programme with a done and a planned activity, an accepted
            // and a new lead: written as the superuser with triggers (and foreign keys) off.
            try await owner.execute("SET session_replication_role = replica")
            for statement: SQL in [
                "INSERT INTO dg.asset (id, unit_id, type, title, language, uri, owner_role, state) OVERRIDING SYSTEM VALUE VALUES (801, \(de), 'slides', 'DE deck', 'de', 'https://example.org/de-deck', \(w.names.de), 'published'), (802, \(fr), 'slides', 'FR deck', 'fr', 'https://example.org/fr-deck', \(w.names.de), 'published')",
                "INSERT INTO dg.programme (id, unit_id, bu_id, name, tier, fiscal_year, msp_id, segment_id, concept_package_id, currency, starts_on, ends_on, state) OVERRIDING SYSTEM VALUE SELECT 811, \(de), b.id, 'P', 'customer_group', 2027, 1, 1, 1, 'EUR', '2026-04-01', '2027-03-31', 'running' FROM org.business_unit b WHERE b.code = 'CARRIER'",
                "INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, state) OVERRIDING SYSTEM VALUE SELECT x.id, 811, \(de), b.id, 'A', 'webinar', '2026-05-01', '2026-05-01', 1, x.state FROM org.business_unit b, (VALUES (821, 'done'), (822, 'planned')) x(id, state) WHERE b.code = 'CARRIER'",
                "INSERT INTO dg.lead (id, unit_id, bu_id, activity_id, company, contact_name, state, handed_to, handed_to_kind, handed_off_at) OVERRIDING SYSTEM VALUE SELECT x.id, \(de), b.id, 821, x.company, 'Anna', x.state, 'DE rail sales', 'sales_team', now() FROM org.business_unit b, (VALUES (831, 'accepted', 'DB'), (832, 'handed_off', 'SBB')) x(id, state, company) WHERE b.code = 'CARRIER'",
            ] { try await owner.execute(statement) }
            try await owner.execute("SET session_replication_role = DEFAULT")
            let catalogued = try #require(try await w.de.fetchValue("""
                INSERT INTO sce.material (unit_id, title, kind, dg_asset_id) VALUES (\(de), 'DE deck', 'slides', 801) RETURNING uri
                """, as: String.self))
            #expect(catalogued == "https://example.org/de-deck", "the asset's location")
            await expectRefusal("23505", "dg_asset_id") {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, dg_asset_id) VALUES (\(de), 'Again', 'slides', 801)")
            }
            await expectRefusal("23514", "own unit or a unit below") {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, dg_asset_id) VALUES (\(de), 'FR deck', 'slides', 802)")
            }
            // Success cases.
            for (column, id) in [("case_lead_id", 831), ("case_activity_id", 821)] {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, uri, " + SQL(unsafeRaw: column) + ") VALUES (\(de), 'DB case', 'success_case', 'https://example.org/case', \(Int64(id)))")
            }
            for (column, id) in [("case_lead_id", 832), ("case_activity_id", 822)] {
                await expectRefusal("23514", "accepted opportunity or a done activity") {
                    try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, uri, " + SQL(unsafeRaw: column) + ") VALUES (\(de), 'Too early', 'success_case', 'https://example.org/case', \(Int64(id)))")
                }
            }
            await expectRefusal("23514", "material_case") {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, uri, case_lead_id) VALUES (\(de), 'Not a case', 'slides', 'https://example.org/x', 831)")
            }
            await expectRefusal("23503", "unknown concept package") {
                try await w.de.execute("INSERT INTO sce.material (unit_id, title, kind, uri, concept_package_ids) VALUES (\(de), 'x', 'slides', 'https://example.org/x', ARRAY[424242]::bigint[])")
            }
            var filter = Material.Filter()
            filter.kind = .successCase
            #expect(try await Material.list(filter, on: w.de).count == 2, "the case library")
            await owner.close()
            await w.close()
        }
    }
}
