import Foundation
import MTLCore
import PGKit
import Demand
import Testing
import TestSupport

/// CSV exports do not carry formulas (OWASP "CSV injection"): a cell a spreadsheet would run
/// gets a leading apostrophe, unless raw output is asked for, and an import takes it off again.
@Suite("CSV cells safe for spreadsheets")
struct CSVInjectionTests {
    static let samples = ["=HYPERLINK(\"http://x\",\"y\")", "+49 30 1234", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "-12.5", "-7",
                          "plain", "", "'=already", "a=b", "12\" display", "中文", "'-x"]

    @Test("the server's org.csv_cell and the CLI's CSVCell agree on every sample, and import restores what export changed")
    func oneRule() async throws {
        try await withTestConnection { db in
            for sample in Self.samples {
                let server = try await db.fetchValue("SELECT org.csv_cell(\(sample))", as: String.self)
                #expect(server == CSVCell.neutralised(sample), "\(sample.debugDescription): server \(server.debugDescription)")
                #expect(CSVCell.restored(CSVCell.neutralised(sample)) == sample || sample.hasPrefix("'"), "\(sample.debugDescription)")
            }
            #expect(CSVCell.neutralised("=1+1") == "'=1+1" && CSVCell.neutralised("-12.5") == "-12.5")
        }
    }

    @Test("lead export neutralises formula cells in CSV, not in JSON nor with raw cells; the file imports back as it was")
    func export() async throws {
        try await withTenancy { fixture in
            let db = try await LeadImportTests.editor(fixture)
            let de = try await fixture.id(ofUnit: "DE")
            try await db.execute("""
                INSERT INTO dg.lead (unit_id, channel, company, contact_name, phone, need)
                VALUES (\(de), 'web', '=HYPERLINK("http://x","y")', '@admin', '+49 30 1234', '-2+3')
                """)
            let csv = Collected()
            try await LeadExport.run(Lead.Filter(unit: "DE"), format: .csv, on: db) { csv.append($0) }
            let text = String(decoding: csv.data, as: UTF8.self)
            #expect(text.contains(#""'=HYPERLINK(""http://x"",""y"")""#), "\(text)")
            #expect(text.contains(",'@admin,") && text.contains(",'+49 30 1234,") && text.contains(",'-2+3,"), "\(text)")
            let raw = Collected()
            try await LeadExport.run(Lead.Filter(unit: "DE"), format: .csv, rawCells: true, on: db) { raw.append($0) }
            #expect(String(decoding: raw.data, as: UTF8.self).contains(#""=HYPERLINK(""http://x"",""y"")",@admin,"#))
            let json = Collected()
            try await LeadExport.run(Lead.Filter(unit: "DE"), format: .json, on: db) { json.append($0) }
            #expect(String(decoding: json.data, as: UTF8.self).contains(#""company":"=HYPERLINK"#))
            // The neutralised file imports into FR's twin as the original values.
            let fr = try await LeadImportTests.editor(fixture, "fr_editor", unit: "FR")
            let file = "company,contact_name,phone,need,channel\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@admin,'+49 30 1234,'-2+3,web\n"
            _ = try await LeadImportTests.withFile(file) { path in try await LeadImporter(unit: "FR").run(file: path, on: fr) }
            let back = try await fr.fetchOne("SELECT company, contact_name, phone, need FROM dg.lead WHERE unit_id <> \(de)", as: (String, String, String, String).self)
            #expect(back?.0 == #"=HYPERLINK("http://x","y")"# && back?.1 == "@admin" && back?.2 == "+49 30 1234" && back?.3 == "-2+3", "\(String(describing: back))")
            await fr.close()
            await db.close()
        }
    }
}
