import Foundation
import MTLCore
import PGKit
import Testing
import TestSupport

/// The one output layer as people and scripts meet it: a lead has the same keys in list, show and
/// export; an export imports again as it is; tables stay on one line and aligned.
@Suite("output formats")
struct OutputCLITests {
    static func run(_ fixture: TenancyFixture, as user: String, _ arguments: [String],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try TenancyCLITests.mtl(fixture, as: user, arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Where the first of `candidates` starts on `line`, in display columns.
    static func column(of candidates: [String], in line: String) -> Int? {
        for candidate in candidates {
            if let range = line.range(of: candidate) { return DisplayWidth.of(String(line[..<range.lowerBound])) }
        }
        return nil
    }

    @Test("a lead's keys are the same in list, show and export; times are ISO 8601 UTC; the export imports again as it is")
    func leadShapes() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let frEditor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-output-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appending(path: "leads.csv").path
            try """
                company,contact_name,email,channel,need,key_person
                华为技术,王小明,wang@example.cn,event,"两行
                需求",yes
                DB Netz,Anna Berg,,web,,no

                """.write(toFile: file, atomically: true, encoding: .utf8)
            _ = try Self.run(fixture, as: editor, ["lead", "import", file, "--unit", "DE"])

            let listed = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(fixture, as: editor, ["lead", "list", "--format", "json"]).utf8)) as? [[String: Any]])
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(fixture, as: editor, ["lead", "show", "\(listed[0]["id"]!)", "--format", "json"]).utf8)) as? [String: Any])
            let exportedJSON = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(fixture, as: editor, ["lead", "export", "--format", "json"]).utf8)) as? [[String: Any]])
            #expect(listed.count == 2 && exportedJSON.count == 2)
            #expect(Set(listed[0].keys) == Set(shown.keys) && Set(shown.keys) == Set(exportedJSON[0].keys), "\(shown.keys.sorted())")
            #expect(shown["unit"] as? String == "DE" && shown["email"] is NSNull == (shown["company"] as? String == "DB Netz"), "null keys are kept")
            let created = try #require(shown["created_at"] as? String)
            #expect(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil, "\(created)")

            let csvPath = directory.appending(path: "export.csv").path
            _ = try Self.run(fixture, as: editor, ["lead", "export", "--format", "csv", "-o", csvPath])
            let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
            let header = try #require(csv.split(separator: "\r\n").first)
            #expect(Set(header.split(separator: ",").map(String.init)) == Set(shown.keys), "\(header)")
            #expect(csv.range(of: #",\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\r\n"#, options: .regularExpression) != nil, "created_at ends each row in ISO 8601 UTC")

            // FR imports DE's export as it is: the database's columns are ignored, the fields kept.
            let imported = try Self.run(fixture, as: frEditor, ["lead", "import", csvPath, "--unit", "FR"])
            #expect(imported.hasPrefix("imported 2 leads into FR"), "\(imported)")
            let db = try await fixture.database.connect()
            let twins = try await db.fetchAll("""
                SELECT count(DISTINCT u.code)::int, l.company, l.contact_name, coalesce(l.email, ''), coalesce(l.need, ''), l.key_person::text
                FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id GROUP BY 2, 3, 4, 5, 6 ORDER BY 2
                """, as: (Int32, String, String, String, String, String).self)
            #expect(twins.map(\.0) == [2, 2], "each lead is in DE and FR with the same fields: \(twins)")
            #expect(twins.contains { $0.1 == "华为技术" && $0.4 == "两行\n需求" && $0.5 == "true" })
            await db.close()

            // The table: one line per lead, the multi-line need escaped, columns aligned by display width.
            let table = try Self.run(fixture, as: editor, ["lead", "list"]).split(separator: "\n")
            #expect(table.count == 3, "\(table)")
            let companyColumn = table.map { line in Self.column(of: ["COMPANY", "华为技术", "DB Netz"], in: String(line)) }
            #expect(Set(companyColumn.compactMap { $0 }).count == 1 && companyColumn.allSatisfy { $0 != nil }, "\(table)")
        }
    }
}
