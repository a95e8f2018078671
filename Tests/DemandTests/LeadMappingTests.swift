import Demand
import Foundation
import PGKit
import Testing
import TestSupport

/// Lead files as people have them: CRM exports with columns to ignore and names to compose, saved
/// by Excel with a byte order mark, CRLF and, in some locales, semicolons; mappings given once in
/// a file or taken from a preset.
@Suite("lead import mappings")
struct LeadMappingTests {
    typealias Import = LeadImportTests

    static let hubspotFile = LeadSamples.hubspotContacts

    @Test("columns ignored (COLUMN=, --ignore), composed (First Name+Last Name) and every other column ignored (*=)")
    func ignoreAndCompose() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            var mapping = try LeadMapping(entries: ["First Name + Last Name = contact_name", "Company Name=company", "Lead Status=",
                                                    "Job Title=contact_title", "Phone Number=phone"])
            mapping.ignore("Record ID")
            // Without *= the remaining unknown columns are still refused, by name.
            await Import.expectError({
                if case .unknownColumns(_, let columns, _) = $0 { columns == ["Lifecycle Stage", "Create Date"] } else { false }
            }) {
                _ = try await Import.withFile(Self.hubspotFile) { path in
                    try await LeadImporter(unit: "DE", mapping: mapping, defaultChannel: "web").run(file: path, on: db)
                }
            }
            mapping.merge(try LeadMapping(entries: ["*="]))
            let outcome = try await Import.withFile(Self.hubspotFile) { path in
                try await LeadImporter(unit: "DE", mapping: mapping, defaultChannel: "web").run(file: path, on: db)
            }
            #expect(outcome.rowsImported == 2, "\(outcome.problems)")
            #expect(try await Import.leads(db) == ["DB Netz|Chloé Müller|chloe@bahn.example|web|false|-",
                                                   "Port of Hamburg|Jan|jan@port.example|web|false|-"])
            let title = try await db.fetchValue("SELECT contact_title || ' ' || phone FROM dg.lead WHERE company = 'DB Netz'", as: String.self)
            #expect(title == "Head of Networks +49 30 1234")
            await db.close()
        }
    }

    @Test("mapping entries that are not mappings, and fields that do not exist, are refused before any row is read")
    func badEntries() async throws {
        #expect(throws: DemandError.badMappingEntry("Firma", origin: "--map")) { _ = try LeadMapping(entries: ["Firma"]) }
        #expect(throws: DemandError.badMappingEntry("*=company", origin: "--map")) { _ = try LeadMapping(entries: ["*=company"]) }
        let directory = try makeTemporaryDirectory("mtl-mapping")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "team.mapping").path
        try "# our CRM\nFirma = company\n\nKunde\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: DemandError.badMappingEntry("Kunde", origin: "\(file) line 4")) { _ = try LeadMapping.file(file) }
        #expect(throws: DemandError.unknownPreset("pipedrive", known: ["hubspot", "mautic", "odoo", "salesforce"])) {
            _ = try LeadMapping.preset("pipedrive")
        }
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            await Import.expectError({ if case .unknownField(column: "Firma", field: "firm", _) = $0 { true } else { false } }) {
                _ = try await Import.withFile("Firma,contact_name,channel\nDB,Ann,web\n") { path in
                    try await LeadImporter(unit: "DE", mapping: try LeadMapping(entries: ["Firma=firm"])).run(file: path, on: db)
                }
            }
            await db.close()
        }
    }

    @Test("a team's mapping file, saved once: comments and blank lines skipped; entries on the command line win")
    func mappingFile() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            let directory = try makeTemporaryDirectory("mtl-mapping")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appending(path: "team.mapping").path
            try "# Our fair scanner's export\nFirma = company\nVorname + Nachname = contact_name\nNotiz = need\nMessestand =\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            var mapping = try LeadMapping.file(file)
            mapping.merge(try LeadMapping(entries: ["Notiz="]))  // the command line ignores what the file mapped
            let outcome = try await Import.withFile("Firma;Vorname;Nachname;Notiz;Messestand\nDB Netz;Anna;Berg;call back;B12\n") { path in
                try await LeadImporter(unit: "DE", mapping: mapping, defaultChannel: "event").run(file: path, on: db)
            }
            #expect(outcome.rowsImported == 1, "\(outcome.problems)")
            #expect(try await Import.leads(db) == ["DB Netz|Anna Berg|-|event|false|-"])
            await db.close()
        }
    }

    @Test("semicolon and tab files are found from the header; --delimiter overrides; quoted separators stay data")
    func delimiters() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            let semicolon = "company;contact_name;channel;need\r\n\"Rail; Ports\";Anna Berg;event;\"a, b; c\"\r\nPort;Jan Ott;web;12\" display\r\n"
            var outcome = try await Import.withFile(semicolon) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            #expect(outcome.rowsImported == 2, "\(outcome.problems)")
            let tab = "company\tcontact_name\tchannel\nVodafone\tKai Lim\tweb\n"
            outcome = try await Import.withFile(tab, name: "tab.csv") { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            #expect(outcome.rowsImported == 1, "\(outcome.problems)")
            #expect(try await Import.leads(db) == ["Rail; Ports|Anna Berg|-|event|false|a, b; c", "Port|Jan Ott|-|web|false|12\" display",
                                                   "Vodafone|Kai Lim|-|web|false|-"])
            // Told it is comma-separated, the semicolon file is one column.
            var comma = LeadImporter(unit: "DE", force: true)
            comma.delimiter = LeadImporter.delimiters["comma"]
            await Import.expectError({ if case .unknownColumns(_, let columns, _) = $0 { columns == ["company;contact_name;channel;need"] } else { false } }) {
                _ = try await Import.withFile(semicolon) { path in try await comma.run(file: path, on: db) }
            }
            await db.close()
        }
    }

    @Test("a Windows-1252 file: refused as UTF-8 with its line and column, imported with --encoding; undefined bytes refused too")
    func encodings() async throws {
        // "Chloé Müller" and "€ 5k budget" as Excel on Windows saves them.
        let windows: [UInt8] = Array("company,contact_name,channel,need\r\nDB Netz,Chlo".utf8) + [0xE9] + Array(" M".utf8) + [0xFC]
            + Array("ller,event,".utf8) + [0x80] + Array(" 5k budget\r\n".utf8)
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            await Import.expectError({ $0 == .invalidUTF8(path: $0.path ?? "", line: 2, column: 2) }) {
                _ = try await Import.withFile(windows) { path in try await LeadImporter(unit: "DE").run(file: path, on: db) }
            }
            var importer = LeadImporter(unit: "DE")
            importer.encoding = .windows1252
            let outcome = try await Import.withFile(windows) { path in try await importer.run(file: path, on: db) }
            #expect(outcome.rowsImported == 1, "\(outcome.problems)")
            #expect(try await Import.leads(db) == ["DB Netz|Chloé Müller|-|event|false|€ 5k budget"])
            let undefined: [UInt8] = Array("company,contact_name,channel\nA".utf8) + [0x81] + Array(",B,web\n".utf8)
            await Import.expectError({ $0 == .invalidText(path: $0.path ?? "", line: 2, column: 1, encoding: "windows-1252") }) {
                _ = try await Import.withFile(undefined, name: "other.csv") { path in try await importer.run(file: path, on: db) }
            }
            #expect(TextEncoding.latin1.decode([0x43, 0x68, 0x6C, 0x6F, 0xE9]) == "Chloé")
            await db.close()
        }
    }

    @Test("the reject file keeps the source's byte order mark, separator, line endings, encoding and each row's own text")
    func rejectFileFormat() async throws {
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            let directory = try makeTemporaryDirectory("mtl-rejects")
            defer { try? FileManager.default.removeItem(at: directory) }
            // UTF-8 with a BOM, CRLF, semicolons: one good row, one bad e-mail, one duplicate (by e-mail, in capitals).
            let excel = "\u{FEFF}company;contact_name;email;channel\r\nDB Netz;Chloé Müller;chloe@db.example;event\r\n"
                + "Port;Jan Ott;jan@port;web\r\nDB Netz AG;Chloé M.;CHLOE@db.example;web\r\n"
            var importer = LeadImporter(unit: "DE", rejectFile: directory.appending(path: "rejects.csv").path)
            var outcome = try await Import.withFile(excel) { path in try await importer.run(file: path, on: db) }
            #expect(outcome.rowsImported == 1 && outcome.rowsRejected == 2)
            let written = try Data(contentsOf: URL(fileURLWithPath: importer.rejectFile!))
            #expect(written == Data(("\u{FEFF}company;contact_name;email;channel;reject_line;reject_reason\r\n"
                + "Port;Jan Ott;jan@port;web;3;email: 'jan@port' is not an e-mail address\r\n"
                + "DB Netz AG;Chloé M.;CHLOE@db.example;web;4;duplicate of line 2 (same email)\r\n").utf8),
                    "\(String(decoding: written, as: UTF8.self).debugDescription)")

            // Windows-1252 in, Windows-1252 out: Excel opens it as it opened the source.
            let windows: [UInt8] = Array("company,contact_name,email,channel\r\nM".utf8) + [0xFC] + Array("ller AG,Z".utf8) + [0xE9]
                + Array(",bad@,web\r\n".utf8)
            importer.encoding = .windows1252
            importer.rejectFile = directory.appending(path: "rejects-1252.csv").path
            outcome = try await Import.withFile(windows, name: "windows.csv") { path in try await importer.run(file: path, on: db) }
            #expect(outcome.rowsRejected == 1)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: importer.rejectFile!))
            #expect(bytes == Data(Array("company,contact_name,email,channel,reject_line,reject_reason\r\nM".utf8) + [0xFC] + Array("ller AG,Z".utf8)
                + [0xE9] + Array(",bad@,web,2,email: 'bad@' is not an e-mail address\r\n".utf8)), "\(Array(bytes))")
            await db.close()
        }
    }

    /// Sample files in the shapes the four products export, each imported with its preset.
    static let presetSamples: [(preset: String, file: String, company: String, contact: String)] = [
        ("hubspot", hubspotFile, "DB Netz", "Chloé Müller"),
        ("salesforce", "First Name,Last Name,Title,Company / Account,Email,Phone,Lead Source,Lead Status,Industry,Description,Lead Owner,Create Date\r\n"
            + "Anna,Berg,CIO,DB Netz,anna@db.example,+49 30 1,Trade Show,Open - Not Contacted,Transportation,FRMCS rollout,Kai Sales,11/2/2026\r\n",
         "DB Netz", "Anna Berg"),
        ("mautic", "id,firstname,lastname,company,position,email,phone,mobile,city,country,points,tags\n"
            + "7,Jan,Ott,Port of Hamburg,Harbour master,jan.ott@port.example,,+49 40 2,Hamburg,Germany,15,fair\n", "Port of Hamburg", "Jan Ott"),
        ("odoo", "Opportunity,Company Name,Contact Name,Email,Job Position,Phone,Mobile,Salesperson,Stage,Tags,Internal Notes\n"
            + "Campus network,Siemens,Eva Roth,eva@siemens.example,Head of IT,,,Mitchell Admin,New,Product,call in Q1\n", "Siemens", "Eva Roth"),
    ]

    @Test("the presets import a file in the shape of each product's export as it is")
    func presets() async throws {
        #expect(LeadMapping.presets == ["hubspot", "mautic", "odoo", "salesforce"])
        try await withTenancy { fixture in
            let db = try await Import.editor(fixture)
            for sample in Self.presetSamples {
                let outcome = try await Import.withFile(sample.file, name: "\(sample.preset).csv") { path in
                    try await LeadImporter(unit: "DE", mapping: try LeadMapping.preset(sample.preset), defaultChannel: "event").run(file: path, on: db)
                }
                #expect(outcome.rowsImported == (sample.preset == "hubspot" ? 2 : 1), "\(sample.preset): \(outcome.problems)")
                let found = try await db.fetchValue(
                    "SELECT count(*) FROM dg.lead WHERE company = \(sample.company) AND contact_name = \(sample.contact)", as: Int64.self)
                #expect(found == 1, "\(sample.preset)")
            }
            let details = try await Import.strings(db, """
                SELECT concat_ws('|', company, coalesce(contact_title, '-'), coalesce(need, '-'), coalesce(industry, '-'))
                FROM dg.lead WHERE company IN ('DB Netz', 'Siemens', 'Port of Hamburg') ORDER BY company, id
                """)
            #expect(details == ["DB Netz|Head of Networks|-|-", "DB Netz|CIO|FRMCS rollout|Transportation",
                                "Port of Hamburg|-|-|-", "Port of Hamburg|Harbour master|-|-", "Siemens|Head of IT|Campus network|-"], "\(details)")
            await db.close()
        }
    }
}
