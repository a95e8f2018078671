import MTLCore
import PGKit
import Synchronization

/// The rows of a lead file in batches of columns, for inserting straight into `dg.lead` (the
/// direct path of ``LeadImporter``): read and checked as the import asks for the next batch, a
/// bad row to the tally (and the reject file), a good one into the batch's columns.
///
/// One batch is read while the server inserts the one before, so the two cores work at once;
/// the state is behind a lock only so that the reading task may change between batches (the
/// import asks for one batch at a time).
final class LeadBatches: Sendable {
    /// Stops the direct path at the first refused row when there is no reject file: the import
    /// then goes the checked way, which lists every problem.
    struct Refused: Error {}

    private struct State {
        var reader: CSVReader?
        var finished = false
    }

    private let state = Mutex(State())
    let path: String
    let layout: LeadFileLayout
    let tally: ImportTally
    let rejects: RejectFile?
    let rowsPerBatch: Int
    /// The fields sent, in ``LeadField/allCases`` order: those the file gives, and the channel
    /// when there is a default one. The others are NULL or their default in every row.
    let fields: [LeadField]
    /// Where each sent field is in a staged row (after the line).
    private let positions: [Int]

    init(path: String, layout: LeadFileLayout, tally: ImportTally, rejects: RejectFile?, rowsPerBatch: Int = 5000) {
        self.path = path
        self.layout = layout
        self.tally = tally
        self.rejects = rejects
        self.rowsPerBatch = rowsPerBatch
        let given = layout.fieldsFromColumns.union(layout.defaultChannel == nil ? [] : [.channel])
        fields = LeadField.allCases.filter(given.contains)
        positions = fields.map { LeadFileLayout.position[$0]! }
    }

    /// The next batch: one array per sent field (``fields``), nil when the file is read.
    func next() throws -> (columns: [PGTextArray], bytesRead: Int)? {
        try state.withLock { state throws -> (columns: [PGTextArray], bytesRead: Int)? in
            guard !state.finished else { return nil }
            if state.reader == nil {
                let opened = try CSVReader(path: path, delimiter: layout.delimiter, encoding: layout.encoding)
                _ = try opened.next()  // the header, checked before the import began
                state.reader = opened
            }
            guard let reader = state.reader else { return nil }
            var columns = fields.map { _ in PGTextArray(reservingBytes: rowsPerBatch * 32) }
            var rows = 0
            while rows < rowsPerBatch {
                guard let record = try reader.next() else {
                    state.finished = true
                    break
                }
                switch layout.stage(record) {
                case .row(let row):
                    for (index, position) in positions.enumerated() { columns[index].append(row[position]) }
                    rows += 1
                    tally.staged()
                case .refused(let problems):
                    tally.rejected(problems)
                    guard let rejects else { throw Refused() }
                    try rejects.write(row: layout.rejectFields(record.fields), line: record.line,
                                      reason: problems.map { ($0.column.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; "))
                }
            }
            return rows == 0 && state.finished ? nil : (columns, reader.bytesRead)
        }
    }

    /// Inserts one batch as new leads of the import: each field as the checked path inserts it
    /// (``LeadImporter/insertValues(fromText:given:)``), from one array per sent field.
    func insert(_ columns: [PGTextArray], unit: Int64, bu: Int64?, importID: Int64) -> SQL {
        var sql: SQL = "INSERT INTO dg.lead (unit_id, bu_id, import_id, "
        sql += SQL(unsafeRaw: LeadField.allCases.map { SQL.quoteIdentifier($0.rawValue) }.joined(separator: ", "))
        sql += ") SELECT \(unit), \(bu), \(importID), "
        sql += SQL(unsafeRaw: LeadImporter.insertValues(fromText: true, given: Set(fields)).joined(separator: ", "))
        // unnest in the select list, one array each, streams the rows (the arrays are of one
        // length, so they go in step); `FROM unnest(a, b, …)` would first copy them all into a
        // tuplestore (ROWS FROM materialises its functions), at two to three times the cost of reading them.
        sql += " FROM (SELECT "
        for (index, (column, field)) in zip(columns, fields).enumerated() {
            if index > 0 { sql += ", " }
            sql += "unnest(\(column)) AS "
            sql += SQL(unsafeRaw: SQL.quoteIdentifier(field.rawValue))
        }
        sql += ") AS s"
        return sql
    }
}
