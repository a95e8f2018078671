import Foundation
import PGKit
import Testing
import TestSupport

/// Ratings by the front line, by direct SQL as real logins: only a seller who recorded a use of a
/// version rates it, once per version; its authors and the approvers of its owner unit cannot;
/// the score is the Bayesian average, the same for every reader.
@Suite("ratings by the front line")
struct RatingTests {
    typealias World = EnablementWorld

    @Test("a use first, once per version; never the author or an approver of the owner unit; the Bayesian score by hand")
    func ratings() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let kit = try await World.material(w.hq, unit: "HQ", title: "Summit keynote")
            let (anna, ben, cem) = (w.sellers[0], w.sellers[1], w.sellers[2])
            await expectRefusal("23514", "has not recorded a use") { try await World.rate(anna, kit, 4) }
            try await World.use(anna, kit)
            try await World.rate(anna, kit, 4)
            await expectRefusal("23505", "rating_once") { try await World.rate(anna, kit, 5) }
            for (seller, score) in [(ben, Int16(5)), (cem, Int16(2))] {
                try await World.use(seller, kit)
                try await World.rate(seller, kit, score)
            }
            // A rating of another seller, or with another's name, cannot be written.
            await expectRefusal("42501", "permission denied") {
                try await anna.execute("INSERT INTO sce.rating (material_id, version_id, seller_id, score) SELECT id, version_id, \(w.sellerIDs[1]), 1 FROM sce.material_card WHERE id = \(kit)")
            }
            // The author (a seller too) used it and still cannot rate it; nor can HQ's approver.
            for (db, name, message) in [(w.hq, w.names.hq, "is an author"), (w.hqApprover, w.names.hqApprover, "approves for the unit")] {
                let hqOwner = try await fixture.database.connect()
                _ = try await World.seller(hqOwner, name: name, role: "solution_manager", login: name, unit: "HQ", bu: nil)
                await hqOwner.close()
                try await World.use(db, kit)
                await expectRefusal("42501", message) { try await World.rate(db, kit, 5) }
            }
            // DE's approver rates HQ's material (not of their unit), not DE's own.
            _ = try await World.seller(w.de, name: "DE approver", role: "account_manager", login: w.names.deApprover)
            try await World.use(w.deApprover, kit)
            try await World.rate(w.deApprover, kit, 3)
            let deck = try await World.material(w.de, unit: "DE", title: "Hamburg customer deck")
            try await World.use(w.deApprover, deck)
            await expectRefusal("42501", "approves for the unit") { try await World.rate(w.deApprover, deck, 5) }

            // By hand: ratings 4, 5, 2, 3 → mean 3.5; prior 5 × 3 → (15 + 14) / 9 = 3.22. The
            // same for a seller, DE's reader and HQ, whose scopes see different rating rows.
            let reader = try await fixture.connect(as: try await fixture.createUser("de_reader", "reader", unit: "DE"))
            for db in [anna, reader, w.hq] {
                let row = try await db.fetchOne("SELECT rating_count, rating_mean, score FROM reporting.fct_material_rating WHERE material_id = \(kit)",
                                                as: (Int32, Decimal, Decimal).self)
                #expect(row?.0 == 4 && row?.1 == Decimal(string: "3.5") && row?.2 == Decimal(string: "3.22"), "\(String(describing: row))")
            }
            #expect(try await anna.fetchValue("SELECT count(*) FROM sce.rating", as: Int64.self) == 1, "a seller reads their own ratings only")
            // Counts per role and country (no sums: one rater's cell would show their score).
            let tally = try await reader.fetchAll("""
                SELECT t.role_code, u.code, t.ratings FROM sce.rating_tally t JOIN org.unit u ON u.id = t.rater_unit_id
                WHERE t.material_id = \(kit) ORDER BY 1, 2
                """, as: (String, String, Int32).self)
            #expect(tally.map { "\($0.0) \($0.1) \($0.2)" } == ["account_manager DE 3", "product_sales DE 1"], "counts only")
            // HQ's prior is a setting: with no weight the score is the plain mean.
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE sce.setting SET rating_prior_weight = 0")
            #expect(try await reader.fetchValue("SELECT score FROM reporting.fct_material_rating WHERE material_id = \(kit)", as: Decimal.self) == Decimal(string: "3.5"))
            // Ratings and uses are not rewritten.
            await expectRefusal("42501", "permission denied") { try await anna.execute("UPDATE sce.rating SET score = 5") }
            await expectRefusal("42501", "permission denied") { try await w.de.execute("DELETE FROM sce.material_use") }
            await expectRefusal("42501", "permission denied") { try await w.de.execute("UPDATE sce.material SET rating_sum = 50 WHERE id = \(deck)") }
            for db in [reader, owner] { await db.close() }
            await w.close()
        }
    }

    @Test("a seller login reads published material in scope and above, its own records, and nothing of the other modules")
    func sellerLogin() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let anna = w.sellers[0]
            let global = try await World.material(w.hq, unit: "HQ", title: "Summit keynote")
            _ = try await World.material(w.hq, unit: "HQ", title: "Draft keynote", publish: false)
            _ = try await World.material(w.de, unit: "DE", title: "Hamburg deck")
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_author", "editor", unit: "FR"))
            _ = try await World.material(fr, unit: "FR", title: "Le Havre deck")
            #expect(try await anna.fetchAll("SELECT title FROM sce.material ORDER BY title", as: String.self) == ["Hamburg deck", "Summit keynote"])
            #expect(try await anna.fetchValue("SELECT count(*) FROM sce.seller", as: Int64.self) == 1, "their own record only")
            try await World.use(anna, global)
            try await World.use(w.sellers[1], global)
            #expect(try await anna.fetchValue("SELECT count(*) FROM sce.material_use", as: Int64.self) == 1)
            // Nothing of the other modules, nor people's tables, nor writes beyond their own.
            for statement: SQL in ["SELECT count(*) FROM dg.lead", "SELECT count(*) FROM mm.segment", "SELECT count(*) FROM mi.insight",
                                   "SELECT count(*) FROM reporting.fct_lead", "SELECT count(*) FROM org.user_account WHERE role_name <> current_user",
                                   "INSERT INTO sce.material (unit_id, title, kind, uri) SELECT id, 'x', 'slides', 'https://x.example' FROM org.unit WHERE code = 'DE'",
                                   "INSERT INTO sce.seller (unit_id, name, role_code) SELECT id, 'x', 'account_manager' FROM org.unit WHERE code = 'DE'",
                                   "UPDATE sce.material SET title = 'x'", "DELETE FROM sce.material_use",
                                   "SELECT sce.flag_certifications()"] {
                do {
                    let rows = try await anna.fetchValue(statement, as: Int64.self)
                    #expect(rows == 0 || rows == nil, "\(statement.text): \(String(describing: rows))")
                } catch let error as PGError {
                    #expect(error.sqlState == "42501", "\(statement.text): \(error)")
                }
            }
            // A use in another seller's name cannot be written; a draft cannot be used.
            await expectRefusal("42501", "permission denied") {
                try await anna.execute("INSERT INTO sce.material_use (material_id, version_id, seller_id) SELECT id, version_id, \(w.sellerIDs[1]) FROM sce.material_card WHERE id = \(global)")
            }
            let draft = try #require(try await w.hq.fetchValue("SELECT id FROM sce.material WHERE title = 'Draft keynote'", as: Int64.self))
            let draftVersion = try await World.version(w.hq, draft)
            await expectRefusal("42501", "row-level security") {
                try await anna.execute("INSERT INTO sce.material_use (material_id, version_id) VALUES (\(draft), \(draftVersion))")
            }
            // Someone who is not a seller records no use.
            await expectRefusal("42501", "is not an active seller") { try await World.use(w.emea, global) }
            await fr.close()
            await w.close()
        }
    }

    @Test("what an attack round found: once per person, not per seller record; logins stay and belong to the unit; editors are authors; the current version; BUs above")
    func attackRound() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let keynote = try await World.material(w.hq, unit: "HQ", title: "Summit keynote")
            // DE's editor, a seller too, rates once; a second record for the same person cannot be
            // made, and the first keeps its login once it has uses.
            let mine = try await World.seller(w.de, name: "DE author", role: "account_manager", login: w.names.de)
            try await World.use(w.de, keynote)
            try await World.rate(w.de, keynote, 1)
            await expectRefusal("23505", "seller_login_key") { _ = try await World.seller(w.de, name: "Sock", role: "account_manager", login: w.names.de) }
            await expectRefusal("23514", "their login stays") { try await w.de.execute("UPDATE sce.seller SET login = NULL WHERE id = \(mine)") }
            try await World.use(w.sellers[0], keynote)
            await expectRefusal("23514", "their login stays") { try await w.de.execute("UPDATE sce.seller SET login = NULL WHERE id = \(w.sellerIDs[0])") }
            // Ben has recorded nothing yet: his record could take another login, but never that of
            // someone who already rated (the rating is once per person and version).
            await expectRefusal("23505", "seller_login_key") { try await w.de.execute("UPDATE sce.seller SET login = \(w.names.de) WHERE id = \(w.sellerIDs[1])") }
            // A login of another scope cannot be bound: FR's editor binds neither HQ's author nor DE's.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_author", "editor", unit: "FR"))
            for login in [w.names.hq, w.names.emea] {
                await expectRefusal("22023", "no mtl user") { _ = try await World.seller(fr, name: "Squat", role: "account_manager", login: login, unit: "FR", bu: "CARRIER") }
            }
            await expectRefusal("22023", "no mtl user") { _ = try await World.seller(w.de, name: "Up", role: "account_manager", login: w.names.emea) }
            #expect(try await fr.fetchValue("SELECT sce.person_of_unit(\(w.sellerNames[0]), \(try await fixture.id(ofUnit: "DE")))", as: Bool.self) == false,
                    "the helper answers only for the caller's units")
            // Results an editor recorded for a seller without a login do not become the editor's, nor
            // does a colleague's record; nobody changes their own seller role.
            let loginless = try await World.seller(w.de, name: "Sal Self", role: "account_manager")
            let exam = try #require(try await w.hq.fetchValue("""
                INSERT INTO sce.exam (unit_id, code, title, role_code, pass_mark) SELECT id, 'AM', 'AM', 'account_manager', 50 FROM org.unit WHERE code = 'HQ' RETURNING id
                """, as: Int64.self))
            let colleagueName = try await fixture.createUser("de_sales", "editor", unit: "DE")
            let sales = try await fixture.connect(as: colleagueName)
            try await sales.execute("INSERT INTO sce.exam_result (exam_id, seller_id, score) VALUES (\(exam), \(loginless), 100)")
            await expectRefusal("23514", "you cannot take it as yours") { try await sales.execute("UPDATE sce.seller SET login = \(colleagueName) WHERE id = \(loginless)") }
            try await w.de.execute("UPDATE sce.seller SET login = \(colleagueName) WHERE id = \(loginless)")
            await expectRefusal("42501", "your own seller role") { try await sales.execute("UPDATE sce.seller SET role_code = 'product_sales' WHERE id = \(loginless)") }
            await sales.close()
            // Whoever changes what a material says becomes an author of it.
            let deck = try await World.material(w.de, unit: "DE", title: "Hamburg deck")
            let colleague = try await fixture.connect(as: try await fixture.createUser("de_colleague", "editor", unit: "DE"))
            _ = try await World.seller(w.de, name: "Colleague", role: "account_manager", login: fixture.role("de_colleague"))
            try await colleague.execute("UPDATE sce.material SET uri = 'https://example.org/other' WHERE id = \(deck)")
            try await World.use(colleague, deck)
            await expectRefusal("42501", "is an author") { try await World.rate(colleague, deck, 5) }
            // Only the current version is used (and so rated).
            let old = try await World.version(w.hq, keynote)
            try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(keynote), 1, 1, 'Typos')")
            await expectRefusal("23514", "not the current version") {
                try await w.sellers[0].execute("INSERT INTO sce.material_use (material_id, version_id) VALUES (\(keynote), \(old))")
            }
            // Kits, programmes and exams of units above are read for the BUs one sees.
            let owner = try await fixture.database.connect()
            try await owner.execute("""
                INSERT INTO sce.kit (unit_id, bu_id, code, title, scenario) SELECT u.id, b.id, 'ENTKIT', 'Enterprise kit', 'summit'
                FROM org.unit u, org.business_unit b WHERE u.code = 'HQ' AND b.code = 'ENT'
                """)
            try await owner.execute("INSERT INTO sce.kit (unit_id, code, title, scenario) SELECT id, 'ALLKIT', 'Kit for all', 'summit' FROM org.unit WHERE code = 'HQ'")
            try await owner.execute("""
                INSERT INTO sce.exam (unit_id, bu_id, code, title, role_code, pass_mark) SELECT u.id, b.id, 'ENTEXAM', 'x', 'account_manager', 50
                FROM org.unit u, org.business_unit b WHERE u.code = 'HQ' AND b.code = 'ENT'
                """)
            #expect(try await w.sellers[0].fetchAll("SELECT code FROM sce.kit ORDER BY code", as: String.self) == ["ALLKIT"])
            #expect(try await w.sellers[0].fetchAll("SELECT code FROM sce.exam ORDER BY code", as: String.self) == ["AM"], "not ENTEXAM")
            #expect(try await w.de.fetchAll("SELECT code FROM sce.kit ORDER BY code", as: String.self) == ["ALLKIT", "ENTKIT"], "DE's editor sees every BU")
            for db in [fr, colleague, owner] { await db.close() }
            await w.close()
        }
    }
}
