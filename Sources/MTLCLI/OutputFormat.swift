import ArgumentParser
import Foundation
import MTLCore

/// How commands print: a table for people, JSON or CSV for scripts.
///
/// JSON is stable: an array (or object) of records with snake_case keys, sorted, dates in
/// ISO 8601 UTC. CSV has a header row and RFC 4180 quoting.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Prints `records` in this format; `header` and `row` give the table and CSV columns. A
    /// table's upper-case headings become snake_case names in CSV (`SUBMITTED BY` → `submitted_by`).
    func print<Record: Encodable>(_ records: [Record], header: [String], row: (Record) -> [String]) throws {
        switch self {
        case .table: Swift.print(Self.table(header: header, rows: records.map(row)))
        case .csv: Swift.print(Self.csv(header: header.map(Self.columnName), rows: records.map(row)), terminator: "")
        case .json: Swift.print(try Self.json(records))
        }
    }

    /// A heading as a CSV column name: upper-case headings in snake_case, others as they are.
    static func columnName(_ heading: String) -> String {
        guard heading == heading.uppercased() else { return heading }
        return heading.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }

    /// Left-aligned columns separated by two spaces, with a header.
    static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// CSV with a header row; fields with commas, quotes or line breaks are quoted; a cell a
    /// spreadsheet would run as a formula gets a leading apostrophe (``CSVCell``).
    static func csv(header: [String], rows: [[String]]) -> String {
        func field(_ raw: String) -> String {
            let value = CSVCell.neutralised(raw)
            return value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : value
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Stable JSON: sorted keys, ISO 8601 dates in UTC.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// `--format` of the commands that print one record (`show`): a table or JSON; CSV is for lists.
struct RecordFormatOption: ParsableArguments {
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("--format csv is for lists; use table or json") }
    }
}
