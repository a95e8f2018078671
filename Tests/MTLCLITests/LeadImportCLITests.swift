import Foundation
import PGKit
import Testing
import TestSupport

/// `mtl lead import` with the files people have: a preset, --ignore, --map's forms, --delimiter.
@Suite("mtl lead import: mappings")
struct LeadImportCLITests {
    /// A contacts export shaped like HubSpot's, as Excel saves it (BOM, CRLF).
    static let hubspotFile = "\u{FEFF}Record ID,First Name,Last Name,Email,Company Name,Job Title,Phone Number,Lifecycle Stage,Lead Status,Create Date\r\n"
        + "101,Chloé,Müller,chloe@bahn.example,DB Netz,Head of Networks,+49 30 1234,lead,New,2026-11-02 09:12\r\n"
        + "102,Jan,,jan@port.example,Port of Hamburg,,,subscriber,Open,2026-11-03 10:00\r\n"

    @Test("a HubSpot export with --preset; --ignore and composing --map; bad options refused with what to do")
    func presetsAndOptions() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-cli-import-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let hubspot = directory.appending(path: "hubspot-contacts.csv").path
            try Data(Self.hubspotFile.utf8).write(to: URL(fileURLWithPath: hubspot))

            var result = try TenancyCLITests.mtl(fixture, as: editor, ["lead", "import", hubspot, "--unit", "DE", "--channel", "web"])
            #expect(result.status == 1 && result.stderr.contains("unknown columns Record ID, First Name, Last Name"), "\(result.stderr)")
            result = try TenancyCLITests.mtl(fixture, as: editor, ["lead", "import", hubspot, "--unit", "DE", "--preset", "pipedrive"])
            #expect(result.status == 1 && result.stderr.contains("there is no preset 'pipedrive'")
                    && result.stderr.contains("hubspot, mautic, odoo, salesforce"), "\(result.stderr)")
            result = try TenancyCLITests.mtl(fixture, as: editor, ["lead", "import", hubspot, "--unit", "DE", "--delimiter", "pipe"])
            #expect(result.status == 64 && result.stderr.contains("--delimiter is comma, semicolon or tab"), "\(result.stderr)")
            result = try TenancyCLITests.mtl(fixture, as: editor, ["lead", "import", hubspot, "--unit", "DE", "--preset", "hubspot", "--channel", "web"])
            #expect(result.status == 0 && result.stdout.hasPrefix("imported 2 leads into DE"), "\(result.stdout) \(result.stderr)")

            // The same export by hand: --map composes and ignores, --ignore ignores, *= the rest.
            let manual = directory.appending(path: "manual.csv").path
            try Data(Self.hubspotFile.replacingOccurrences(of: "DB Netz", with: "DB Cargo").replacingOccurrences(of: "Port of Hamburg", with: "Port of Kiel")
                .replacingOccurrences(of: "@", with: "+2@").utf8).write(to: URL(fileURLWithPath: manual))
            result = try TenancyCLITests.mtl(fixture, as: editor, [
                "lead", "import", manual, "--unit", "DE", "--channel", "event",
                "--map", "First Name+Last Name=contact_name", "--map", "Company Name=company", "--map", "Lead Status=",
                "--ignore", "Record ID", "--map", "*=",
            ])
            #expect(result.status == 0 && result.stdout.hasPrefix("imported 2 leads into DE"), "\(result.stdout) \(result.stderr)")
            let db = try await fixture.database.connect()
            let names = try await db.fetchAll("SELECT contact_name FROM dg.lead WHERE company = 'DB Cargo'", as: String.self)
            #expect(names == ["Chloé Müller"])
            await db.close()
        }
    }
}
