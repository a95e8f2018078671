import Foundation
import PGKit
import Testing
import TestSupport

/// `mtl lead import` with the files people have: a preset, --ignore, --map's forms, --delimiter.
@Suite("mtl lead import: mappings")
struct LeadImportCLITests {
    static let hubspotFile = LeadSamples.hubspotContacts

    @Test("a HubSpot export with --preset; --ignore and composing --map; bad options refused with what to do")
    func presetsAndOptions() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let directory = try makeTemporaryDirectory("mtl-cli-import")
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

    @Test("off a terminal, progress lines come in every phase: reading and inserting (direct), reading, checking, inserting, updating (checked)")
    func progressLines() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let directory = try makeTemporaryDirectory("mtl-cli-progress")
            defer { try? FileManager.default.removeItem(at: directory) }
            func file(_ name: String, _ range: ClosedRange<Int>, title: String) throws -> String {
                let path = directory.appending(path: name).path
                let rows = range.map { "Company \($0),Contact \($0),c\($0)@x.example,web,\(title)" }
                try (["company,contact_name,email,channel,contact_title"] + rows + [""]).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let conninfo = fixture.config(as: editor).conninfo
            let first = try MTLProcess.run(["lead", "import", try file("week1.csv", 1...300, title: "CIO"), "--unit", "DE", "--database", conninfo],
                                           environment: ["MTL_PROGRESS_SECONDS": "0"])
            #expect(first.status == 0, "\(first.stderr)")
            // A clean file goes the direct way: read and inserted at once.
            #expect(first.stderr.contains("week1.csv: reading and inserting, 300 rows"), "\(first.stderr)")
            let delta = try MTLProcess.run(["lead", "import", try file("week2.csv", 251...350, title: "CTO"), "--unit", "DE", "--on-duplicate", "update",
                                            "--database", conninfo], environment: ["MTL_PROGRESS_SECONDS": "0"])
            #expect(delta.status == 0 && delta.stdout.contains("50 updated"), "\(delta.stdout) \(delta.stderr)")
            // A delta file goes the checked way, phase by phase.
            for phase in ["reading", "checking", "inserting"] {
                #expect(delta.stderr.contains("week2.csv: \(phase), "), "\(phase): \(delta.stderr)")
            }
            #expect(delta.stderr.contains("week2.csv: updating, 50 rows"), "\(delta.stderr)")
            // Without the setting, a short import prints no progress lines.
            let quiet = try TenancyCLITests.mtl(fixture, as: editor, ["lead", "import", try file("week3.csv", 400...410, title: "CIO"), "--unit", "DE"])
            #expect(quiet.status == 0 && !quiet.stderr.contains("rows/s"), "\(quiet.stderr)")
        }
    }
}
