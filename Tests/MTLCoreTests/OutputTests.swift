import Foundation
import MTLCore
import Testing

/// The one output layer, without a database: what a table, a CSV and a JSON document look like.
@Suite("output layer")
struct OutputTests {
    struct Item: OutputRecord {
        var id: Int64
        var name: String
        var note: String?
        var at: Date
        var done: Bool

        static let outputColumns: [OutputColumn<Item>] = [
            .init("id") { $0.id }, .init("name") { $0.name }, .init("note", table: false) { $0.note },
            .init("at") { $0.at }, .init("done") { $0.done },
        ]
    }

    static let moment = Date(timeIntervalSince1970: 1_796_140_944.918)  // 2026-12-01T16:02:24.918Z

    static func render(_ items: [Item], _ format: RecordFormat, raw: Bool = false) throws -> String {
        var out = ""
        let writer = RecordWriter<Item>(format: format, rawCells: raw) { out += $0 }
        try writer.write(contentsOf: items)
        try writer.finish()
        return out
    }

    @Test("display width: East Asian wide characters take two columns, combining marks none")
    func displayWidth() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("华为技术") == 8)
        #expect(DisplayWidth.of("ｆｕｌｌ") == 8)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Zürich") == 6)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.padded("华为", to: 6) == "华为  ")
    }

    @Test("a table keeps each row on one line and aligns Chinese text by display width")
    func table() throws {
        let items = [Item(id: 1, name: "华为技术", note: nil, at: Self.moment, done: true),
                     Item(id: 22, name: "Two\nlines\tand\u{1b}[31m", note: "x", at: Self.moment, done: false)]
        let lines = try Self.render(items, .table).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty, "\(lines)")
        #expect(lines[0] == "ID  NAME                       AT                    DONE")
        #expect(lines[1] == "1   华为技术                   2026-12-01T16:02:24Z  true")
        #expect(lines[2] == #"22  Two\nlines\tand\u{1b}[31m  2026-12-01T16:02:24Z  false"#)
        // Every column starts at the same display column on every line.
        let starts = zip(lines.prefix(3), ["AT", "2026", "2026"]).map { line, mark in
            DisplayWidth.of(String(line[..<line.range(of: mark)!.lowerBound]))
        }
        #expect(Set(starts).count == 1, "\(starts)")
    }

    @Test("a long table streams at the widths of its first rows")
    func streamingTable() throws {
        var out = ""
        let writer = RecordWriter<Item>(format: .table) { out += $0 }
        for index in 0..<RecordWriter<Item>.tableSample {
            try writer.write(Item(id: Int64(index), name: "n", note: nil, at: Self.moment, done: true))
        }
        #expect(out.split(separator: "\n").count == RecordWriter<Item>.tableSample + 1, "the sample is written once it is full")
        try writer.write(Item(id: 9, name: "a much longer name", note: nil, at: Self.moment, done: true))
        #expect(out.hasSuffix("9    a much longer name  2026-12-01T16:02:24Z  true\n"), "\(out.suffix(80))")
        try writer.finish()
    }

    @Test("CSV: the keys as header, RFC 4180 quoting, CRLF, ISO 8601 UTC, formula cells neutralised unless raw")
    func csv() throws {
        let items = [Item(id: 1, name: "=SUM(A1)", note: "say \"hi\", twice\nthen go", at: Self.moment, done: true),
                     Item(id: 2, name: "-12.5", note: nil, at: Self.moment, done: false)]
        #expect(try Self.render(items, .csv) == """
            id,name,note,at,done\r
            1,'=SUM(A1),"say ""hi"", twice
            then go",2026-12-01T16:02:24Z,true\r
            2,-12.5,,2026-12-01T16:02:24Z,false\r

            """)
        #expect(try Self.render(items, .csv, raw: true).contains("\r\n1,=SUM(A1),"))
        #expect(try Self.render([], .csv) == "id,name,note,at,done\r\n")
    }

    @Test("JSON: every column, keys sorted, nulls kept, strings escaped; the same object for one record")
    func json() throws {
        let items = [Item(id: 1, name: "a\"b\\c\u{1}", note: nil, at: Self.moment, done: true)]
        let text = try Self.render(items, .json)
        #expect(text == """
            [
              {"at":"2026-12-01T16:02:24Z","done":true,"id":1,"name":"a\\"b\\\\c\\u0001","note":null}
            ]

            """)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.first?["name"] as? String == "a\"b\\c\u{1}" && parsed.first?["note"] is NSNull)
        #expect(try Self.render([], .json) == "[]\n")
        let one = items[0].json.rendered()
        #expect(one.hasPrefix("{\n  \"at\": \"2026-12-01T16:02:24Z\",\n  \"done\": true,"), "\(one)")
        let reparsed = try #require(try JSONSerialization.jsonObject(with: Data(one.utf8)) as? [String: Any])
        #expect(Set(reparsed.keys) == Set(parsed[0].keys))
    }
}
