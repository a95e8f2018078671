import Foundation
import PGKit
import Testing
import TestSupport

/// Exams, certifications and readiness, by direct SQL as real logins: a confirmed pass certifies
/// until the validity runs out, a new major version of the exam's material asks for recertification, the
/// daily check flags expiring and expired ones once; readiness against a hand-counted roster.
@Suite("certifications and readiness")
struct CertificationTests {
    typealias World = EnablementWorld

    /// An exam of `unit` (HQ's editor writes it), on a material and a segment perhaps; its id.
    static func exam(_ db: PGConnection, unit: String = "HQ", code: String, material: Int64? = nil, segment: Int64? = nil,
                     role: String = "account_manager", passMark: Int = 70, months: Int = 12) async throws -> Int64 {
        try #require(try await db.fetchValue("""
            INSERT INTO sce.exam (unit_id, code, title, role_code, material_id, segment_id, pass_mark, validity_months)
            SELECT id, \(code), \(code + " exam"), \(role), \(material), \(segment), \(Int32(passMark)), \(Int16(months))
            FROM org.unit WHERE code = \(unit) RETURNING id
            """, as: Int64.self))
    }

    static func status(_ db: PGConnection, seller: Int64) async throws -> [String] {
        try await db.fetchAll("SELECT status FROM reporting.fct_certification WHERE seller_id = \(seller) ORDER BY certification_id", as: String.self)
    }

    @Test("a confirmed pass certifies until it expires; a new major version of its material asks for recertification; the daily check flags once")
    func certifications() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            // Anna and Cem are account managers; Ben sells products.
            let (anna, cem) = (w.sellers[0], w.sellers[2])
            let material = try await World.material(w.hq, unit: "HQ", title: "Private 5G for ports")
            let exam = try await Self.exam(w.hq, code: "P5G", material: material)
            // A seller records their own results; 65 fails; 80 passes and waits for someone else of
            // the seller's scope to confirm it (never the seller); then it certifies for 12 months.
            try await anna.execute("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(exam), 65)")
            let passed = try #require(try await anna.fetchValue("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(exam), 80) RETURNING id", as: Int64.self))
            #expect(try await Self.status(anna, seller: w.sellerIDs[0]).isEmpty, "not yet confirmed")
            await expectRefusal("42501", "permission denied") { try await anna.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(passed)") }
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_author", "editor", unit: "FR"))
            #expect(try await fr.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(passed)") == 0, "another scope's editor")
            await expectRefusal("42501", "permission denied") { try await w.de.execute("UPDATE sce.exam_result SET score = 100 WHERE id = \(passed)") }
            try await w.de.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(passed)")
            await expectRefusal("23514", "confirmed already") { try await w.de.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(passed)") }
            let cert = try #require(try await anna.fetchOne("""
                SELECT granted_on = current_date, expires_on = (current_date + interval '12 months')::date, material_major, status
                FROM reporting.fct_certification WHERE seller_id = \(w.sellerIDs[0])
                """, as: (Bool, Bool, Int16, String).self))
            #expect(cert.0 && cert.1 && cert.2 == 1 && cert.3 == "valid")
            // An editor who is a seller confirms nobody's own result: their own waits for another.
            _ = try await World.seller(w.de, name: "DE author", role: "account_manager", login: w.names.de)
            let own = try #require(try await w.de.fetchValue("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(exam), 99) RETURNING id", as: Int64.self))
            await expectRefusal("42501", "four-eyes") { try await w.de.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(own)") }
            // passed is the database's; nobody writes certifications; a result in the future, or of
            // an exam for another seller role, no.
            await expectRefusal("42501", "permission denied") { try await anna.execute("INSERT INTO sce.exam_result (exam_id, score, passed) VALUES (\(exam), 10, true)") }
            await expectRefusal("42501", "permission denied") { try await anna.execute("INSERT INTO sce.exam_result (exam_id, score, confirmed) VALUES (\(exam), 10, true)") }
            await expectRefusal("42501", "permission denied") { try await w.de.execute("UPDATE sce.certification SET expires_on = '2099-01-01'") }
            await expectRefusal("23514", "in the future") {
                try await anna.execute("INSERT INTO sce.exam_result (exam_id, score, taken_on) VALUES (\(exam), 90, current_date + 1)")
            }
            await expectRefusal("23514", "certifies account_manager") {
                try await w.sellers[1].execute("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(exam), 90)")
            }
            // Cem passed 11 months and 20 days ago (expiring within the 30 warning days) and an exam
            // without material 13 months ago (expired); DE's editor records them, so they stand.
            let plain = try await Self.exam(w.hq, code: "BASICS")
            try await w.de.execute("INSERT INTO sce.exam_result (exam_id, score, seller_id, taken_on) VALUES (\(exam), 75, \(w.sellerIDs[2]), current_date - interval '11 months 20 days')")
            try await w.de.execute("INSERT INTO sce.exam_result (exam_id, score, seller_id, taken_on) VALUES (\(plain), 99, \(w.sellerIDs[2]), current_date - interval '13 months')")
            #expect(try await Self.status(cem, seller: w.sellerIDs[2]) == ["expiring", "expired"])
            // A minor version changes nothing; a major one asks both holders of P5G to recertify.
            try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(material), 1, 1, 'Typos')")
            #expect(try await Self.status(anna, seller: w.sellerIDs[0]) == ["valid"])
            try await w.hq.execute("INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (\(material), 2, 0, 'New radio')")
            #expect(try await Self.status(anna, seller: w.sellerIDs[0]) == ["recertify"])
            #expect(try await Self.status(cem, seller: w.sellerIDs[2]) == ["recertify", "expired"])
            // The daily check (the scheduler's): Anna recertify; Cem expiring, recertify and expired.
            await expectRefusal("42501", "permission denied") { _ = try await anna.fetchValue("SELECT sce.flag_certifications()", as: Int32.self) }
            await expectRefusal("42501", "permission denied") { _ = try await w.de.fetchValue("SELECT sce.flag_certifications()", as: Int32.self) }
            let scheduler = try await fixture.connect(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            #expect(try await scheduler.fetchValue("SELECT sce.flag_certifications()", as: Int32.self) == 4)
            #expect(try await scheduler.fetchValue("SELECT sce.flag_certifications()", as: Int32.self) == 0, "once")
            let flags = try await w.de.fetchAll("""
                SELECT c.seller_id, f.kind FROM sce.cert_flag f JOIN sce.certification c ON c.id = f.certification_id ORDER BY 1, 2
                """, as: (Int64, String).self)
            #expect(flags.map { "\($0.0 == w.sellerIDs[0] ? "anna" : "cem") \($0.1)" } == ["anna recertify", "cem expired", "cem expiring", "cem recertify"])
            #expect(try await anna.fetchValue("SELECT count(*) FROM sce.cert_flag", as: Int64.self) == 1, "a seller sees their own flags")
            // A seller records results for nobody else.
            await expectRefusal("42501", "permission denied") {
                try await anna.execute("INSERT INTO sce.exam_result (exam_id, score, seller_id) VALUES (\(exam), 99, \(w.sellerIDs[2]))")
            }
            await fr.close()
            await scheduler.close()
            await w.close()
        }
    }

    @Test("readiness of DE/RAIL by role against a hand-counted roster; an H1 segment below the threshold is a finding")
    func readiness() async throws {
        try await withTenancy { fixture in
            let w = try await World.make(fixture)
            let owner = try await fixture.database.connect()
            let rail = try #require(try await owner.fetchValue("""
                INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
                SELECT u.id, b.id, 'RAIL', 'Railways', 'Transport', 'Rail operator', 'Private 5G', 'H1'
                FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER' RETURNING id
                """, as: Int64.self))
            // The roster: account managers Anna and Cem (logins) and Dora; product seller Ben; not
            // counted: an inactive account manager, one of FR, one of DE's other BU.
            let dora = try await World.seller(w.de, name: "Dora", role: "account_manager")
            _ = try await World.seller(w.de, name: "Ede", role: "account_manager", active: false)
            _ = try await World.seller(owner, name: "Fleur", role: "account_manager", unit: "FR")
            _ = try await World.seller(w.de, name: "Gerd", role: "account_manager", bu: "ENT")
            // Anna: certified for RAIL; Cem: for every segment; Dora: expired; Ben: none.
            let railExam = try await Self.exam(w.de, unit: "DE", code: "RAIL", segment: rail)
            let general = try await Self.exam(w.hq, code: "AM")
            try await w.sellers[0].execute("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(railExam), 90)")
            try await w.sellers[2].execute("INSERT INTO sce.exam_result (exam_id, score) VALUES (\(general), 90)")
            try await w.de.execute("UPDATE sce.exam_result SET confirmed = true WHERE NOT confirmed")
            try await w.de.execute("INSERT INTO sce.exam_result (exam_id, score, seller_id, taken_on) VALUES (\(general), 90, \(dora), current_date - interval '2 years')")
            let rows = try await w.de.fetchAll("""
                SELECT role_code, sellers, certified, share FROM reporting.fct_readiness WHERE segment_id = \(rail) ORDER BY role_code
                """, as: (String, Int64, Int64, Decimal).self)
            #expect(rows.map { "\($0.0) \($0.1) \($0.2) \($0.3)" } == ["account_manager 3 2 0.6667", "product_sales 1 0 0"])
            // 2 of 4 certified: below HQ's 0.6, a finding for the segment; at 0.5 it is not.
            #expect(try await w.de.fetchAll("SELECT subject_id FROM sce.quality_h1_readiness_low", as: Int64.self) == [rail])
            try await owner.execute("UPDATE mqa.rule SET settings = '{\"below\": 0.5}' WHERE code = 'sce.h1_readiness_low'")
            #expect(try await w.de.fetchAll("SELECT subject_id FROM sce.quality_h1_readiness_low", as: Int64.self).isEmpty)
            // FR reads none of it.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await fr.fetchValue("SELECT count(*) FROM reporting.fct_readiness", as: Int64.self) == 0)
            for db in [owner, fr] { await db.close() }
            await w.close()
        }
    }
}
