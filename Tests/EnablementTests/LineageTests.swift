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
}
