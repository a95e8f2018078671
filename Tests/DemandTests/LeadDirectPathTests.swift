import Demand
import Foundation
import PGKit
import Synchronization
import Testing
import TestSupport

/// The direct path: a file the database takes as it is goes straight into dg.lead in batches;
/// a refusal anywhere (in a later batch too) rolls it back and the checked path reports and
/// imports exactly as before. Import records are counted by their own import only.
@Suite("lead import: the direct path")
struct LeadDirectPathTests {
    typealias Import = LeadImportTests

    /// `rows` leads; `duplicate` makes that line repeat line 2's e-mail.
    static func file(rows: Int, duplicate: Int? = nil) -> String {
        (["company,contact_name,email,channel"] + (2...(rows + 1)).map { line in
            "Company \(line),Contact \(line),c\(line == duplicate ? 2 : line)@x.example,web"
        } + [""]).joined(separator: "\n")
    }

    static func phases(_ importer: LeadImporter, _ text: String, on db: PGConnection) async throws -> (LeadImportOutcome, Set<String>) {
        let seen = Mutex(Set<String>())
        let outcome = try await Import.withFile(text) { path in
            try await importer.run(file: path, on: db) { progress in _ = seen.withLock { $0.insert(progress.phase.rawValue) } }
        }
        return (outcome, seen.withLock { $0 })
    }

    @Test("a clean file of several batches goes the direct way: every row, in file order, one record with exact counts")
    func clean() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            let (outcome, phases) = try await Self.phases(LeadImporter(unit: "DE"), Self.file(rows: 12_001), on: db)
            #expect(phases == ["reading and inserting"])
            #expect((outcome.rowsRead, outcome.rowsImported, outcome.rowsRejected) == (12_001, 12_001, 0))
            #expect(try await Import.imports(db) == ["leads.csv|12001|12001|0|false"])
            let ordered = try await db.fetchValue("""
                SELECT bool_and(email = 'c' || (n + 1) || '@x.example') FROM (SELECT email, row_number() OVER (ORDER BY id) AS n FROM dg.lead) l
                """, as: Bool.self)
            #expect(ordered == true)
            let audited = try await db.fetchValue("SELECT count(*) FROM dg.lead_import", as: Int64.self)
            #expect(audited == 1)
            await db.close()
        }
    }

    @Test("a duplicate in a later batch falls back to the checked path: the same counts, problems and reject file as before")
    func laterDuplicate() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            let text = Self.file(rows: 11_000, duplicate: 10_500)
            // Without a reject file: nothing imported, the duplicate named.
            let (refused, phases) = try await Self.phases(LeadImporter(unit: "DE"), text, on: db)
            #expect(phases.isSuperset(of: ["reading and inserting", "reading", "checking"]))
            #expect((refused.rowsImported, refused.rowsRejected) == (0, 1))
            #expect(refused.problems.map(\.reason) == ["duplicate of line 2 (same email)"] && refused.problems.map(\.line) == [10_500])
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self) == 0)
            #expect(try await Import.imports(db).isEmpty)
            // With one: the rest imported, the row in the reject file (written once, from the start).
            let rejects = FileManager.default.temporaryDirectory.appending(path: "rejects-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: rejects) }
            let (outcome, _) = try await Self.phases(LeadImporter(unit: "DE", rejectFile: rejects), text, on: db)
            #expect((outcome.rowsRead, outcome.rowsImported, outcome.rowsRejected) == (11_000, 10_999, 1))
            #expect(try await Import.imports(db) == ["leads.csv|11000|10999|1|false"])
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == """
                company,contact_name,email,channel,reject_line,reject_reason
                Company 10500,Contact 10500,c2@x.example,web,10500,duplicate of line 2 (same email)

                """)
            await db.close()
        }
    }

    @Test("an import record's counts are written only by the transaction that made it; nothing else of it, ever")
    func countedOnce() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            _ = try await Import.withFile(Self.file(rows: 3)) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            let frEditor = try await Import.editor(fixture, "fr_editor", unit: "FR")
            for (who, connection) in [("de", db), ("fr", frEditor)] {
                for statement: SQL in ["UPDATE dg.lead_import SET rows_imported = 99", "UPDATE dg.lead_import SET rows_read = 0, rows_rejected = 3"] {
                    do {
                        let changed = try await connection.execute(statement)
                        // Another unit's editor does not see DE's record at all.
                        #expect(who == "fr" && changed == 0, "\(who): \(statement) changed \(changed)")
                    } catch let error as PGError {
                        #expect(who == "de" && error.sqlState == "42501" && error.message.contains("append-only"), "\(who): \(error)")
                    }
                }
                // Other columns are not granted at all.
                await #expect(throws: PGError.self) { try await connection.execute("UPDATE dg.lead_import SET file_name = 'x'") }
            }
            // Nor can an editor name the transaction that made a record (the default holds).
            do {
                try await db.execute("""
                    INSERT INTO dg.lead_import (unit_id, file_name, sha256, rows_read, rows_imported, rows_rejected, created_tx)
                    SELECT id, 'forged.csv', repeat('b', 64), 0, 0, 0, '1' FROM org.unit WHERE code = 'DE'
                    """)
                Issue.record("an editor set created_tx")
            } catch let error as PGError {
                #expect(error.sqlState == "42501", "\(error)")
            }
            // In its own transaction, an import counts its record; it cannot change anything else of it.
            try await db.transaction { db in
                let id = try await db.fetchValue("""
                    INSERT INTO dg.lead_import (unit_id, file_name, sha256, rows_read, rows_imported, rows_rejected)
                    SELECT id, 'new.csv', repeat('a', 64), 0, 0, 0 FROM org.unit WHERE code = 'DE' RETURNING id
                    """, as: Int64.self)
                #expect(try await db.execute("UPDATE dg.lead_import SET rows_read = 5, rows_imported = 5 WHERE id = \(id)") == 1)
            }
            #expect(try await Import.imports(db).last == "new.csv|5|5|0|false")
            #expect(try await db.fetchValue("SELECT rows_imported FROM dg.lead_import WHERE file_name = 'leads.csv'", as: Int32.self) == 3)
            // A lead names an import of its own unit: FR's editor cannot hang a lead on DE's
            // record, and hears the same words as for a record that does not exist.
            let deImport = try #require(try await db.fetchValue("SELECT min(id) FROM dg.lead_import", as: Int64.self))
            var messages: [String] = []
            for id in [deImport, 999_999] {
                do {
                    try await frEditor.execute("""
                        INSERT INTO dg.lead (unit_id, channel, company, contact_name, import_id)
                        SELECT id, 'web', 'X', 'Y', \(id) FROM org.unit WHERE code = 'FR'
                        """)
                    Issue.record("FR's editor named import \(id)")
                } catch let error as PGError {
                    #expect(error.sqlState == "23503", "\(error)")
                    messages.append(error.message.replacingOccurrences(of: String(id), with: "N"))
                }
            }
            #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
            // One statement of many rows is checked per import it names: a wrong one among rows of
            // the right one is found, and nothing of the statement stays.
            let before = try await db.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self)
            do {
                try await db.execute("""
                    INSERT INTO dg.lead (unit_id, channel, company, contact_name, import_id)
                    SELECT u.id, 'web', 'Mixed company ' || n, 'Contact ' || n, CASE WHEN n = 4000 THEN 999999 ELSE \(deImport) END
                    FROM org.unit u, generate_series(1, 5000) n WHERE u.code = 'DE'
                    """)
                Issue.record("a statement naming a wrong import among 5,000 rows was taken")
            } catch let error as PGError {
                #expect(error.sqlState == "23503" && error.message.contains("999999"), "\(error)")
            }
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self) == before)
            await #expect(throws: PGError.self) { try await db.execute("UPDATE dg.lead SET import_id = 999999") }
            // The owner cannot delete a record that leads name.
            let owner = try await fixture.database.connect()
            do {
                try await owner.execute("DELETE FROM dg.lead_import WHERE id = \(deImport)")
                Issue.record("a named import record was deleted")
            } catch let error as PGError {
                #expect(error.sqlState == "23503" && error.message.contains("still name it"), "\(error)")
            }
            await owner.close()
            await frEditor.close()
            await db.close()
        }
    }
}
