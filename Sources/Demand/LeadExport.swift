import Foundation
import MTLCore
import PGKit

/// Exports leads as CSV or JSON through the one output layer (``RecordWriter``): the same keys
/// and values as `lead list` and `lead show`, times in ISO 8601 UTC, and a CSV that
/// `lead import` takes back as it is (the columns a lead's import does not give — its id, unit,
/// state, scores, stamps — are the database's and are ignored there).
///
/// Rows stream from the server one by one (libpq single-row mode), so memory stays flat however
/// many leads there are, and the export only reads: it runs on a hot standby too.
public enum LeadExport {
    /// Writes the leads that match `filter` (within the caller's scope), oldest first, to `write`
    /// as they arrive: CSV with a header row, or a JSON array of objects. CSV text cells that a
    /// spreadsheet would run as a formula get a leading apostrophe (``CSVCell``) unless
    /// `rawCells` is set.
    public static func run(_ filter: Lead.Filter, format: RecordFormat, rawCells: Bool = false, on db: PGConnection,
                           write: @escaping ([UInt8]) throws -> Void) async throws {
        let condition = try await filter.condition(on: db)
        // Written on in pieces of 64 KiB, not a write per lead.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        let writer = RecordWriter<Lead>(format: format, rawCells: rawCells) { text in
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 {
                try write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try await db.forEach(Lead.selection + " WHERE " + condition + " ORDER BY l.id") { lead in
            try writer.write(lead)
        }
        try writer.finish()
        if !buffer.isEmpty { try write(buffer) }
    }
}
