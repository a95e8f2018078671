import ArgumentParser
import Foundation
import MTLCore

/// `--format`: how commands print, through the one output layer (``RecordWriter``, MTLCore): a
/// table for people, JSON or CSV for scripts, from the columns each record type declares once
/// (``OutputRecord``). The formats are described in docs/output.md.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    var recordFormat: RecordFormat {
        switch self {
        case .table: .table
        case .json: .json
        case .csv: .csv
        }
    }

    /// A writer of records to standard output, for lists that stream.
    func writer<Record: OutputRecord>(for type: Record.Type = Record.self, rawCells: Bool = false) -> RecordWriter<Record> {
        RecordWriter(format: recordFormat, rawCells: rawCells) { Swift.print($0, terminator: "") }
    }

    /// Prints `records` in this format.
    func print<Record: OutputRecord>(_ records: [Record]) throws {
        let writer = writer(for: Record.self)
        try writer.write(contentsOf: records)
        try writer.finish()
    }

    /// A table of labelled lines (the `show` commands): cells on one line, padded by display width.
    static func table(header: [String], rows: [[String]]) -> String {
        TextTable.render(header: header, rows: rows)
    }

    /// Stable JSON: keys sorted, null values kept, times ISO 8601 UTC.
    static func json(_ value: JSONText) -> String { value.rendered() }

    static func timestamp(_ date: Date) -> String { OutputValue.timestamp(date) }
}

/// `--format` of the commands that print one record (`show`): a table or JSON; CSV is for lists.
struct RecordFormatOption: ParsableArguments {
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("--format csv is for lists; use table or json") }
    }
}
