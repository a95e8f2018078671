import Crypto
import Demand
import Foundation
import MTLCore
import PGKit
import Synchronization
import Testing
import TestSupport

/// `mtl lead import`'s engine against a real server: every edge case of the issue, each checking
/// exactly what was and was not written.
@Suite("lead import")
struct LeadImportTests {
    /// A file with these bytes, removed after `body`.
    static func withFile<T>(_ bytes: [UInt8], name: String = "leads.csv", _ body: (String) async throws -> T) async throws -> T {
        let directory = try makeTemporaryDirectory("mtl-import")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw DemandError.cannotWriteRejects(path: path, reason: "test file") }
        return try await body(path)
    }

    static func withFile<T>(_ text: String, name: String = "leads.csv", _ body: (String) async throws -> T) async throws -> T {
        try await withFile(Array(text.utf8), name: name, body)
    }

    /// The unit's leads as "company|contact|email|channel|key_person|need", in id order.
    static func leads(_ db: PGConnection) async throws -> [String] {
        try await strings(db, """
            SELECT concat_ws('|', company, contact_name, coalesce(email, '-'), coalesce(channel, '-'), key_person::text, coalesce(need, '-'))
            FROM dg.lead ORDER BY id
            """)
    }

    static func imports(_ db: PGConnection) async throws -> [String] {
        try await strings(db, "SELECT concat_ws('|', file_name, rows_read, rows_imported, rows_rejected, forced::text) FROM dg.lead_import ORDER BY id")
    }

    static func strings(_ db: PGConnection, _ sql: SQL) async throws -> [String] {
        var values: [String] = []
        for value in try await db.fetchAll(sql, as: (String).self) { values.append(value) }
        return values
    }

    static func editor(_ fixture: TenancyFixture, _ name: String = "de_editor", unit: String = "DE", bu: String? = nil) async throws -> PGConnection {
        try await fixture.connect(as: try await fixture.createUser(name, "editor", unit: unit, bu: bu))
    }

    /// Runs `body`, expecting a DemandError whose message contains `fragment`.
    static func expectError(_ fragment: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
        await expectError(sourceLocation: sourceLocation, { $0.message.contains(fragment) }, body)
    }

    /// Runs `body`, expecting a DemandError for which `matches` holds.
    static func expectError(sourceLocation: SourceLocation = #_sourceLocation, _ matches: (DemandError) -> Bool,
                            _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected an error, but it succeeded", sourceLocation: sourceLocation)
        } catch let error as DemandError {
            #expect(matches(error), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }

    @Test("a clean file: BOM, CRLF, columns in any order, quoted commas, quotes and line breaks; the import is recorded")
    func cleanFile() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let text = "\u{FEFF}Email,Need,Contact Name,company,CHANNEL,key-person\r\n"
                + "ANNA@db.example,\"FRMCS, phase 2\r\n\"\"urgent\"\"\",Anna Berg,DB Netz,event,yes\r\n"
                + "\r\n"
                + "jan@port.example,,Jan Ott,Port of Hamburg,web,\r\n"
            let bytes = Array(text.utf8)
            let outcome = try await Self.withFile(bytes) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            #expect(outcome.rowsRead == 2 && outcome.rowsImported == 2 && outcome.rowsRejected == 0 && outcome.problems.isEmpty)
            #expect(try await Self.leads(db) == [
                "DB Netz|Anna Berg|anna@db.example|event|true|FRMCS, phase 2\r\n\"urgent\"",
                "Port of Hamburg|Jan Ott|jan@port.example|web|false|-",
            ])
            let digest = SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
            let record = try #require(try await db.fetchOne("SELECT id, sha256, imported_by::text FROM dg.lead_import", as: (Int64, String, String).self))
            #expect(record.1 == digest && record.2 == fixture.role("de_editor") && outcome.importID == record.0)
            #expect(try await Self.imports(db) == ["leads.csv|2|2|0|false"])
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead WHERE import_id = \(record.0)", as: Int64.self) == 2)
            await db.close()
        }
    }

    static let badFile = """
        company,contact_name,email,channel,customer_quality
        DB Netz,Anna Berg,anna@db.example,event,4
        Port of Hamburg,Jan Ott,jan@port,web,3
        Siemens,Eva Roth,eva@siemens.example,fax,9
        DB Netz AG,A. Berg,ANNA@db.example,web,1
        "Too, few",fields
        Vodafone,Kai Lim,kai@vf.example,web,2

        """

    @Test("all or nothing: one bad row imports nothing, and every bad row is reported with line, column and reason")
    func allOrNothing() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let outcome = try await Self.withFile(Self.badFile) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            #expect(outcome.importID == nil && outcome.rowsRead == 6 && outcome.rowsImported == 0 && outcome.rowsRejected == 4)
            #expect(outcome.problems.map(\.description) == [
                "line 3, column email: 'jan@port' is not an e-mail address",
                "line 4, column channel: 'fax' is not a channel; use one of email, event, other, partner, phone, referral, social, web",
                "line 4, column customer_quality: '9' is not a score from 0 to 5",
                "line 6: has 2 fields; the header has 5",
                "line 5: duplicate of line 2 (same email)",
            ])
            #expect(try await Self.leads(db).isEmpty)
            #expect(try await Self.imports(db).isEmpty)
            await db.close()
        }
    }

    @Test("with a reject file: good rows imported, bad rows written with their reasons; a corrected reject file imports as it is")
    func rejectFile() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let rejects = FileManager.default.temporaryDirectory.appending(path: "rejects-\(UUID().uuidString).csv").path
            defer { unlink(rejects) }
            let outcome = try await Self.withFile(Self.badFile) { path in
                try await LeadImporter(unit: "DE", rejectFile: rejects, reportLimit: 2).run(file: path, on: db)
            }
            #expect(outcome.importID != nil && outcome.rowsRead == 6 && outcome.rowsImported == 2 && outcome.rowsRejected == 4)
            #expect(outcome.problems.count == 2, "the report is limited")
            #expect(try await Self.leads(db) == ["DB Netz|Anna Berg|anna@db.example|event|false|-", "Vodafone|Kai Lim|kai@vf.example|web|false|-"])
            #expect(try await Self.imports(db) == ["leads.csv|6|2|4|false"])
            let written = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(written == """
                company,contact_name,email,channel,customer_quality,reject_line,reject_reason
                Port of Hamburg,Jan Ott,jan@port,web,3,3,email: 'jan@port' is not an e-mail address
                Siemens,Eva Roth,eva@siemens.example,fax,9,4,"channel: 'fax' is not a channel; use one of email, event, other, partner, phone, referral, social, web; customer_quality: '9' is not a score from 0 to 5"
                "Too, few",fields,6,has 2 fields; the header has 5
                DB Netz AG,A. Berg,ANNA@db.example,web,1,5,duplicate of line 2 (same email)

                """, "\(written)")
            #expect(!FileManager.default.fileExists(atPath: rejects + ".partial"))

            // The corrected reject file imports as it is: its reject columns are ignored.
            let corrected = """
                company,contact_name,email,channel,customer_quality,reject_line,reject_reason
                Port of Hamburg,Jan Ott,jan@port.example,web,3,3,email: 'jan@port' is not an e-mail address

                """
            let again = try await Self.withFile(corrected, name: "fixed.csv") { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            #expect(again.rowsImported == 1 && again.rowsRejected == 0)
            #expect(try await Self.leads(db).last == "Port of Hamburg|Jan Ott|jan@port.example|web|false|-")
            await db.close()
        }
    }

    @Test("duplicates of the unit's leads are refused: same email, or same company and contact in any case")
    func duplicatesOfExistingLeads() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let existing = try await LeadTests.insert(db, company: "DB Netz", contact: "Anna Berg", email: "anna@db.example")
            let rejects = FileManager.default.temporaryDirectory.appending(path: "rejects-\(UUID().uuidString).csv").path
            defer { unlink(rejects) }
            let outcome = try await Self.withFile("""
                company,contact_name,email,channel
                Deutsche Bahn,A. Berg,Anna@DB.example,web
                db netz,ANNA BERG,,web
                Other,Person,other@x.example,web

                """) { path in try await LeadImporter(unit: "DE", rejectFile: rejects).run(file: path, on: db) }
            #expect(outcome.problems.map(\.description) == [
                "line 2: duplicate of lead \(existing) (same email)",
                "line 3: duplicate of lead \(existing) (same company and contact name)",
            ])
            #expect(outcome.rowsImported == 1)
            #expect(try await db.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self) == 2)
            await db.close()
        }
    }

    @Test("unknown columns are refused, listing the known ones; --map names a column's field")
    func columns() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let file = "Firma,Ansprechpartner,email,channel,shoe_size\nDB Netz,Anna Berg,anna@db.example,event,42\n"
            await Self.expectError("unknown columns Firma, Ansprechpartner, shoe_size") {
                _ = try await Self.withFile(file) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            }
            do {
                _ = try await Self.withFile(file) { path in
                    try await LeadImporter(unit: "DE", mapping: ["Firma": "company", "Ansprechpartner": "contact_name"]).run(file: path, on: db)
                }
                Issue.record("shoe_size is still unknown")
            } catch let error as DemandError {
                guard case .unknownColumns(_, let columns, let known) = error else { throw error }
                #expect(columns == ["shoe_size"] && error.message.hasSuffix("unknown column shoe_size"))
                #expect(known.joined(separator: ", ").contains("company, contact_name, contact_title, email"))
            }
            let mapped = "Firma,Ansprechpartner,email,channel\nDB Netz,Anna Berg,anna@db.example,event\n"
            let outcome = try await Self.withFile(mapped) { path in
                try await LeadImporter(unit: "DE", mapping: ["firma": "company", "Ansprechpartner": "Contact Name"]).run(file: path, on: db)
            }
            #expect(outcome.rowsImported == 1)
            await Self.expectError({ if case .mappedColumnMissing(column: "Kunde", _, _) = $0 { true } else { false } }) {
                _ = try await Self.withFile(mapped) { path in try await LeadImporter(unit: "DE", mapping: ["Kunde": "company"]).run(file: path, on: db) }
            }
            await Self.expectError("has neither a channel nor an activity_id column") {
                _ = try await Self.withFile("company,contact_name\nA,B\n") { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            }
            let defaulted = try await Self.withFile("company,contact_name\nA,B\n") { path in
                try await LeadImporter(unit: "DE", defaultChannel: "partner").run(file: path, on: db)
            }
            #expect(defaulted.rowsImported == 1)
            #expect(try await Self.leads(db) == ["DB Netz|Anna Berg|anna@db.example|event|false|-", "A|B|-|partner|false|-"])
            #expect(try await Self.imports(db).count == 2)
            await db.close()
        }
    }

    @Test("empty files, a header without rows, bad UTF-8 and an unclosed quote: a clear error and nothing written")
    func brokenFiles() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let importer = LeadImporter(unit: "DE")
            await Self.expectError("is empty: there is no header row") {
                _ = try await Self.withFile([]) { path in try await importer.run(file: path, on: db) }
            }
            await Self.expectError("is empty: there is no header row") {
                _ = try await Self.withFile([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]) { path in try await importer.run(file: path, on: db) }
            }
            await Self.expectError("has a header but no leads") {
                _ = try await Self.withFile("company,contact_name,channel\r\n") { path in try await importer.run(file: path, on: db) }
            }
            // Latin-1 "Müller" on line 3.
            var latin1 = Array("company,contact_name,channel\nA,B,web\nC,M".utf8)
            latin1 += [0xFC] + Array("ller,web\n".utf8)
            await Self.expectError("line 3, column 2: not valid UTF-8") {
                _ = try await Self.withFile(latin1) { path in try await importer.run(file: path, on: db) }
            }
            // A NUL byte on line 2, in the second field (PostgreSQL would fail the COPY without a line).
            await Self.expectError("line 2, column 2: a NUL byte (0x00)") {
                _ = try await Self.withFile(Array("company,contact_name,channel\nA,B".utf8) + [0x00] + Array(",web\n".utf8)) { path in
                    try await importer.run(file: path, on: db)
                }
            }
            await Self.expectError("is UTF-16, not UTF-8") {
                _ = try await Self.withFile([0xFF, 0xFE, 0x63, 0x00]) { path in try await importer.run(file: path, on: db) }
            }
            await Self.expectError("line 3: a quoted field is never closed") {
                _ = try await Self.withFile("company,contact_name,channel\nA,B,web\n\"C,D,web\nE,F,web\n") { path in try await importer.run(file: path, on: db) }
            }
            #expect(try await Self.leads(db).isEmpty)
            #expect(try await Self.imports(db).isEmpty)
            await db.close()
        }
    }

    @Test("a quote inside an unquoted field is data (as Excel reads it); text after a quoted field is a refused row")
    func strayQuote() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let outcome = try await Self.withFile("company,contact_name,channel\nThe \"Best\" Co,B,web\n\"Quoted\"tail,C,web\nFine,D,web\n") { path in
                try await LeadImporter(unit: "DE").run(file: path, on: db)
            }
            #expect(outcome.importID == nil)
            #expect(outcome.problems.map(\.line) == [3])
            #expect(outcome.problems.allSatisfy { $0.reason.hasPrefix("text after a quoted field") })
            await db.close()
        }
    }

    @Test("the same file again is refused unless forced; forced, its duplicates are still refused")
    func reimport() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let file = "company,contact_name,email,channel\nDB Netz,Anna Berg,anna@db.example,event\n"
            try await Self.withFile(file) { path in
                _ = try await LeadImporter(unit: "DE").run(file: path, on: db)
                await Self.expectError("leads.csv was imported into DE before: import ") {
                    _ = try await LeadImporter(unit: "DE").run(file: path, on: db)
                }
                #expect(try await Self.imports(db) == ["leads.csv|1|1|0|false"])
                let forced = try await LeadImporter(unit: "DE", force: true).run(file: path, on: db)
                #expect(forced.importID == nil && forced.problems.map(\.reason) == ["duplicate of lead 1 (same email)"] || forced.problems.count == 1)
                let rejects = path + ".rejects"
                let kept = try await LeadImporter(unit: "DE", rejectFile: rejects, force: true).run(file: path, on: db)
                #expect(kept.importID != nil && kept.rowsImported == 0 && kept.rowsRejected == 1 && kept.forced)
            }
            #expect(try await Self.imports(db) == ["leads.csv|1|1|0|false", "leads.csv|1|0|1|true"])
            #expect(try await Self.leads(db).count == 1)
            await db.close()
        }
    }

    @Test("row-level security: a country editor cannot import into another country; a one-BU editor must name the BU")
    func crossCountry() async throws {
        try await withTenancy { fixture in
            let de = try await Self.editor(fixture)
            let file = "company,contact_name,channel\nOrange,Luc Martin,web\n"
            await Self.expectError("permission denied: your grants do not let you add leads to FR") {
                _ = try await Self.withFile(file) { path in try await LeadImporter(unit: "FR").run(file: path, on: de) }
            }
            let carrier = try await Self.editor(fixture, "fr_carrier", unit: "FR", bu: "CARRIER")
            await Self.expectError("permission denied: your grants do not let you add leads to FR") {
                _ = try await Self.withFile(file) { path in try await LeadImporter(unit: "FR").run(file: path, on: carrier) }
            }
            await Self.expectError("permission denied: your grants do not let you add leads to FR/ENT") {
                _ = try await Self.withFile(file) { path in try await LeadImporter(unit: "FR", bu: "ENT").run(file: path, on: carrier) }
            }
            let outcome = try await Self.withFile(file) { path in try await LeadImporter(unit: "FR", bu: "CARRIER").run(file: path, on: carrier) }
            #expect(outcome.rowsImported == 1)
            #expect(try await Self.leads(de).isEmpty, "DE's editor sees no FR lead")
            #expect(try await carrier.fetchValue("SELECT count(*) FROM dg.lead l JOIN org.business_unit b ON b.id = l.bu_id WHERE b.code = 'CARRIER'", as: Int64.self) == 1)
            await de.close()
            await carrier.close()
        }
    }

    @Test("unknown or invisible activities are refused rows")
    func activities() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            let outcome = try await Self.withFile("company,contact_name,activity_id\nA,B,999999\nC,D,x\n") { path in
                try await LeadImporter(unit: "DE").run(file: path, on: db)
            }
            #expect(outcome.problems.map(\.description) == [
                "line 3, column activity_id: 'x' is not an activity id",
                "line 2: activity 999999 does not exist or is outside your scope",
            ])
            await db.close()
        }
    }

    @Test("export streams CSV and JSON of the leads in scope, filtered by state")
    func export() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            _ = try await Self.withFile("company,contact_name,email,channel,need\nDB Netz,Anna Berg,anna@db.example,event,\"Back\\\\slash, \"\"quoted\"\"\nline\"\nPort,Jan Ott,,web,\n") { path in
                try await LeadImporter(unit: "DE").run(file: path, on: db)
            }
            try await db.execute("UPDATE dg.lead SET state = 'qualifying' WHERE company = 'Port'")
            let collected = Collected()
            try await LeadExport.run(Lead.Filter(unit: "DE"), format: .json, on: db) { collected.append($0) }
            let objects = try #require(try JSONSerialization.jsonObject(with: collected.data) as? [[String: Any]])
            #expect(objects.count == 2)
            #expect(objects.first?["need"] as? String == "Back\\\\slash, \"quoted\"\nline")
            #expect(objects.first?["email"] as? String == "anna@db.example" && objects.last?["state"] as? String == "qualifying")

            let csv = Collected()
            try await LeadExport.run(Lead.Filter(state: .qualifying), format: .csv, on: db) { csv.append($0) }
            let lines = String(decoding: csv.data, as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0].hasPrefix("id,unit,bu,activity_id,channel,company") && lines[1].contains(",Port,Jan Ott,"))

            let none = Collected()
            try await LeadExport.run(Lead.Filter(state: .accepted), format: .json, on: db) { none.append($0) }
            #expect(String(decoding: none.data, as: UTF8.self) == "[]\n")
            await db.close()
        }
    }
}

extension LeadImportTests {
    @Test("BI reads imported leads through reporting.fct_lead, within its scope and without contact details")
    func reporting() async throws {
        try await withTenancy { fixture in
            let db = try await Self.editor(fixture)
            _ = try await Self.withFile("company,contact_name,email,channel,key_person\nDB Netz,Anna Berg,anna@db.example,event,yes\n") { path in
                try await LeadImporter(unit: "DE").run(file: path, on: db)
            }
            let emea = try await fixture.connect(as: try await fixture.createUser("bi_emea", "bi", unit: "EMEA"))
            let apac = try await fixture.connect(as: try await fixture.createUser("bi_apac", "bi", unit: "APAC"))
            let row = try await emea.fetchOne("SELECT company, classification, sla_breached FROM reporting.fct_lead", as: (String, String, Bool).self)
            #expect(row?.0 == "DB Netz" && row?.1 == "opportunity" && row?.2 == false)
            #expect(try await apac.fetchValue("SELECT count(*) FROM reporting.fct_lead", as: Int64.self) == 0)
            await expectRefusal("42703", "email") { _ = try await emea.query("SELECT email FROM reporting.fct_lead") }
            await expectRefusal("42501", "permission denied for schema dg") { _ = try await emea.query("SELECT * FROM dg.lead") }
            for connection in [db, emea, apac] { await connection.close() }
        }
    }
}

/// Bytes gathered from an export.
final class Collected: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    func append(_ chunk: [UInt8]) { bytes.withLock { $0 += chunk } }
    var data: Data { bytes.withLock { Data($0) } }
}
