/// The formats of the one output layer: a table for people, CSV and JSON for scripts.
public enum RecordFormat: String, Sendable, CaseIterable {
    case table, json, csv
}

/// Writes records in a format as they come, so a list of any length streams: CSV and JSON row by
/// row; a table measures its columns on the first ``tableSample`` rows, then streams the rest at
/// those widths (a wider cell later only pushes its own row).
///
/// - CSV: a header of the columns' keys; RFC 4180 quoting; CRLF line ends; times ISO 8601 UTC; a
///   cell a spreadsheet would run as a formula gets a leading apostrophe (``CSVCell``) unless
///   `rawCells`.
/// - JSON: an array of objects with every column's key, sorted, null values kept.
/// - Table: the columns marked for it, headings in upper case, cells on one line and padded by
///   their display width.
public final class RecordWriter<Record: OutputRecord> {
    /// How many rows a table measures before it streams.
    public static var tableSample: Int { 500 }

    let format: RecordFormat
    let rawCells: Bool
    let emit: (String) throws -> Void
    let columns: [OutputColumn<Record>]
    var rows = 0
    var pending: [[String]] = []
    var widths: [Int]?

    public init(format: RecordFormat, rawCells: Bool = false, write: @escaping (String) throws -> Void) {
        self.format = format
        self.rawCells = rawCells
        self.emit = write
        self.columns = format == .table ? Record.outputColumns.filter(\.inTable) : Record.outputColumns.filter(\.inData)
    }

    public func write(_ record: Record) throws {
        defer { rows += 1 }
        switch format {
        case .csv:
            if rows == 0 { try emit(Self.csvLine(columns.map(\.key), raw: true)) }
            try emit(Self.csvLine(columns.map { $0.value(of: record).text }, raw: rawCells))
        case .json:
            try emit((rows == 0 ? "[\n  " : ",\n  ") + record.json.rendered(indent: nil))
        case .table:
            let cells = columns.map { DisplayWidth.oneLine($0.value(of: record).text) }
            if let widths {
                try emit(TextTable.line(cells, widths) + "\n")
            } else {
                pending.append(cells)
                if pending.count >= Self.tableSample { try flushTable() }
            }
        }
    }

    public func write<S: Sequence>(contentsOf records: S) throws where S.Element == Record {
        for record in records { try write(record) }
    }

    /// Ends the output: the header of an empty CSV, the end of the JSON array, the table's rows.
    public func finish() throws {
        switch format {
        case .csv: if rows == 0 { try emit(Self.csvLine(columns.map(\.key), raw: true)) }
        case .json: try emit(rows == 0 ? "[]\n" : "\n]\n")
        case .table: if widths == nil { try flushTable() }
        }
    }

    func flushTable() throws {
        let headings = columns.map(\.heading)
        let measured = TextTable.widths(header: headings, rows: pending)
        widths = measured
        try emit(TextTable.line(headings, measured) + "\n")
        for row in pending { try emit(TextTable.line(row, measured) + "\n") }
        pending = []
    }

    /// One CSV record (``CSVField/line(_:raw:lineEnd:)``).
    public static func csvLine(_ fields: [String], raw: Bool, lineEnd: String = "\r\n") -> String {
        CSVField.line(fields, raw: raw, lineEnd: lineEnd)
    }
}

/// RFC 4180 quoting, in one place for every CSV the system writes.
public enum CSVField {
    /// One CSV record: fields with a comma, a quote or a line break quoted, quotes doubled;
    /// formula cells neutralised unless `raw`; ended by `lineEnd`.
    public static func line(_ fields: [String], raw: Bool, lineEnd: String = "\r\n", delimiter: Character = ",") -> String {
        var line = ""
        line.reserveCapacity(fields.reduce(2) { $0 + $1.utf8.count + 1 })
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(delimiter) }
            append(raw ? field : CSVCell.neutralised(field), to: &line, delimiter: delimiter)
        }
        return line + lineEnd
    }

    public static func quoted(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    /// Appends `value`, quoted when it holds the delimiter, a quote or a line break (quotes
    /// doubled). Looks at bytes first, not characters: a CSV export writes millions of cells.
    static func append(_ value: String, to out: inout String, delimiter: Character = ",") {
        let separator = delimiter.asciiValue ?? 0x2C
        guard value.utf8.contains(where: { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C
                                           || $0 == 0xC2 || $0 == 0xE2 }),
              value.contains(where: { $0 == delimiter || $0 == "\"" || $0.isNewline })
        else {
            out += value
            return
        }
        out += "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
