import Foundation
import MTLCore
import PGKit

/// Exports leads as CSV or JSON, streamed from the server through COPY: memory stays flat
/// however many leads there are.
public enum LeadExport {
    public enum Format: String, Sendable { case csv, json }

    /// The free-text columns of a lead: what a spreadsheet could take for a formula.
    static let textColumns = ["company", "contact_name", "contact_title", "email", "phone", "industry", "need",
                              "handed_to", "rejection_reason"]

    /// Writes the leads that match `filter` (within the caller's scope) to `write`, chunk by
    /// chunk: CSV with a header row, or a JSON array of objects with snake_case keys. Times are
    /// in UTC. CSV text cells that a spreadsheet would run as a formula get a leading apostrophe
    /// (`org.csv_cell`, see ``CSVCell``) unless `rawCells` is set.
    public static func run(_ filter: Lead.Filter, format: Format, rawCells: Bool = false, on db: PGConnection,
                           write: @escaping @Sendable ([UInt8]) throws -> Void) async throws {
        let condition = try await filter.condition(on: db)
        try await db.transaction { db in
            try await db.execute("SET LOCAL TimeZone = 'UTC'")
            // COPY takes no bound parameters: the filter picks the leads into a temporary table
            // with bound ones, so nothing from the command line is spliced into the COPY.
            try await db.execute("CREATE TEMP TABLE lead_export (id bigint PRIMARY KEY) ON COMMIT DROP")
            try await db.execute("INSERT INTO pg_temp.lead_export SELECT l.id FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id WHERE " + condition)
            let rows = "SELECT \(Lead.columns) FROM pg_temp.lead_export x JOIN dg.lead l ON l.id = x.id "
                + "JOIN org.unit u ON u.id = l.unit_id LEFT JOIN org.business_unit b ON b.id = l.bu_id ORDER BY l.id"
            switch format {
            case .csv:
                // Yes/no columns as true/false rather than COPY's t/f.
                var csvRows = rows
                for column in ["key_person", "project_approved", "budget_this_year", "budget_in_price_band", "kpi_tied"] {
                    csvRows = csvRows.replacingOccurrences(of: "l.\(column),", with: "l.\(column)::text AS \(column),")
                }
                if !rawCells {
                    for column in textColumns {
                        csvRows = csvRows.replacingOccurrences(of: "l.\(column),", with: "org.csv_cell(l.\(column)) AS \(column),")
                    }
                }
                for try await chunk in try await db.copyOut(SQL(unsafeRaw: "COPY (\(csvRows)) TO STDOUT (FORMAT csv, HEADER)")) {
                    try write(chunk)
                }
            case .json:
                var array = JSONLines()
                for try await chunk in try await db.copyOut(SQL(unsafeRaw: "COPY (SELECT row_to_json(r) FROM (\(rows)) r) TO STDOUT")) {
                    try write(array.decode(chunk))
                }
                try write(array.finish())
            }
        }
    }
}

/// Turns COPY text output of one JSON column into a JSON array: undoes COPY's backslash escapes
/// and puts the rows between brackets, separated by commas. Escapes may straddle chunks.
struct JSONLines {
    private var escaped = false
    private var rows = 0
    private var atRowStart = true

    mutating func decode(_ chunk: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count + 16)
        for byte in chunk {
            if atRowStart {
                out.append(contentsOf: rows == 0 ? Array("[\n".utf8) : Array(",\n".utf8))
                rows += 1
                atRowStart = false
            }
            if escaped {
                escaped = false
                switch byte {
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "v"): out.append(11)
                default: out.append(byte)
                }
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == 10 {
                atRowStart = true
            } else {
                out.append(byte)
            }
        }
        return out
    }

    func finish() -> [UInt8] {
        Array((rows == 0 ? "[]\n" : "\n]\n").utf8)
    }
}
