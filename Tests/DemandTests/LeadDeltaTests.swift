import Demand
import Foundation
import PGKit
import Testing
import TestSupport

/// Weekly delta files: rows matching a lead of the unit are refused (the default), skipped, or
/// update that lead with the fields the file gives; a dry run says what would happen and writes
/// nothing.
@Suite("lead import: delta files and dry runs")
struct LeadDeltaTests {
    typealias Import = LeadImportTests

    static let first = """
        company,contact_name,email,channel,need,customer_quality
        DB Netz,Anna Berg,anna@db.example,event,FRMCS,3
        Port of Hamburg,Jan Ott,jan@port.example,web,,2
        Vodafone,Kai Lim,,web,5G campus,1

        """

    /// Two known leads (one by e-mail, in another case; one by company and contact), two new, a
    /// second row for a known lead, and one bad row.
    static let delta = """
        company,contact_name,email,channel,need,customer_quality
        DB Netz AG,Anna Berg,ANNA@db.example,web,FRMCS phase 2,
        Vodafone,Kai Lim,kai@vf.example,web,,4
        Siemens,Eva Roth,eva@siemens.example,event,Campus,2
        Telekom,Tim Ost,tim@telekom.example,web,,1
        DB Netz,A. Berg,anna@db.example,web,,5
        Bad,Row,not-an-email,web,,1

        """

    static func importing(_ db: PGConnection, _ text: String, name: String, _ configure: (inout LeadImporter) -> Void) async throws -> LeadImportOutcome {
        var importer = LeadImporter(unit: "DE", rejectFile: FileManager.default.temporaryDirectory.appending(path: "rejects-\(UUID().uuidString).csv").path)
        configure(&importer)
        return try await Import.withFile(text, name: name) { path in try await importer.run(file: path, on: db) }
    }

    @Test("refuse, skip and update: exact counts, only the file's fields change, never state or source; updates audited")
    func modes() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            _ = try await Self.importing(db, Self.first, name: "week1.csv") { _ in }
            try await db.execute("UPDATE dg.lead SET state = 'qualifying' WHERE company = 'DB Netz'")

            var outcome = try await Self.importing(db, Self.delta, name: "week2.csv") { _ in }
            #expect((outcome.rowsImported, outcome.rowsUpdated, outcome.rowsSkipped, outcome.rowsRejected) == (2, 0, 0, 4), "\(outcome.problems)")
            #expect(try await Import.imports(db).last == "week2.csv|6|2|4|false")

            try await db.execute("DELETE FROM dg.lead WHERE company IN ('Siemens', 'Telekom')")
            outcome = try await Self.importing(db, Self.delta, name: "week2-skip.csv") { $0.onDuplicate = .skip; $0.force = true }
            #expect((outcome.rowsImported, outcome.rowsUpdated, outcome.rowsSkipped, outcome.rowsRejected) == (2, 0, 2, 2), "\(outcome.problems)")
            #expect(outcome.problems.map(\.line).sorted() == [6, 7], "\(outcome.problems)")

            try await db.execute("DELETE FROM dg.lead WHERE company IN ('Siemens', 'Telekom')")
            let owner = try await fixture.database.connect()
            let before = try await owner.fetchValue("SELECT count(*) FROM audit.event WHERE table_name = 'dg.lead' AND operation = 'UPDATE'", as: Int64.self) ?? 0
            outcome = try await Self.importing(db, Self.delta, name: "week2-update.csv") { $0.onDuplicate = .update; $0.force = true }
            #expect((outcome.rowsImported, outcome.rowsUpdated, outcome.rowsSkipped, outcome.rowsRejected) == (2, 2, 0, 2), "\(outcome.problems)")
            let record = try await db.fetchOne("""
                SELECT rows_imported, rows_updated, rows_skipped, rows_rejected, on_duplicate FROM dg.lead_import ORDER BY id DESC LIMIT 1
                """, as: (Int32, Int32, Int32, Int32, String).self)
            #expect(record?.0 == 2 && record?.1 == 2 && record?.2 == 0 && record?.3 == 2 && record?.4 == "update")
            // Anna's lead: matched by e-mail in another case; company, need given (quality empty: kept);
            // state and channel untouched.
            let anna = try await db.fetchOne("""
                SELECT company, need, customer_quality, state, channel FROM dg.lead WHERE email = 'anna@db.example'
                """, as: (String, String, Int16, String, String).self)
            #expect(anna?.0 == "DB Netz AG" && anna?.1 == "FRMCS phase 2" && anna?.2 == 3 && anna?.3 == "qualifying" && anna?.4 == "event",
                    "\(String(describing: anna))")
            // Kai's lead: matched by company and contact; its e-mail and quality now given.
            let kai = try await db.fetchOne("SELECT coalesce(email, '-'), customer_quality, need FROM dg.lead WHERE contact_name = 'Kai Lim'",
                                            as: (String, Int16, String).self)
            #expect(kai?.0 == "kai@vf.example" && kai?.1 == 4 && kai?.2 == "5G campus", "\(String(describing: kai))")
            let after = try await owner.fetchValue("SELECT count(*) FROM audit.event WHERE table_name = 'dg.lead' AND operation = 'UPDATE'", as: Int64.self) ?? 0
            #expect(after - before == 2, "each update is audited")
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self) == 5)
            await owner.close()
            await db.close()
        }
    }

    @Test("a dry run checks everything, counts what would happen and writes nothing: no lead, no record, no reject file")
    func dryRun() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            _ = try await Self.importing(db, Self.first, name: "week1.csv") { _ in }
            let rejects = FileManager.default.temporaryDirectory.appending(path: "dry-\(UUID().uuidString).csv").path
            let leadsBefore = try await Import.leads(db)
            let owner = try await fixture.database.connect()
            let events = try await owner.fetchValue("SELECT count(*) FROM audit.event", as: Int64.self)
            let outcome = try await Self.importing(db, Self.delta, name: "week2.csv") {
                $0.onDuplicate = .update
                $0.dryRun = true
                $0.rejectFile = rejects
            }
            #expect(outcome.dryRun && outcome.importID == nil)
            #expect((outcome.rowsImported, outcome.rowsUpdated, outcome.rowsSkipped, outcome.rowsRejected) == (2, 2, 0, 2), "\(outcome.problems)")
            #expect(try await Import.leads(db) == leadsBefore)
            #expect(try await Import.imports(db) == ["week1.csv|3|3|0|false"])
            #expect(try await owner.fetchValue("SELECT count(*) FROM audit.event", as: Int64.self) == events)
            await owner.close()
            #expect(!FileManager.default.fileExists(atPath: rejects) && !FileManager.default.fileExists(atPath: rejects + ".partial"))
            await db.close()
        }
    }
}
