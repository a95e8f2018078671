import MTLCore
import PGKit

/// The rows of a lead file as COPY text for the staging table, read and checked as COPY asks
/// for them: a bad row goes to the tally (and the reject file), a good one to the server.
struct StagedRows: AsyncSequence, Sendable {
    typealias Element = [UInt8]

    let path: String
    let layout: LeadFileLayout
    let tally: ImportTally
    let rejects: RejectFile?
    let progress: @Sendable (LeadImportProgress) -> Void
    let fileSize: Int

    func makeAsyncIterator() -> Iterator { Iterator(rows: self) }

    struct Iterator: AsyncIteratorProtocol {
        let rows: StagedRows
        var reader: CSVReader?
        var finished = false

        init(rows: StagedRows) { self.rows = rows }

        mutating func next() async throws -> [UInt8]? {
            guard !finished else { return nil }
            if reader == nil {
                let opened = try CSVReader(path: rows.path, delimiter: rows.layout.delimiter, encoding: rows.layout.encoding)
                _ = try opened.next()  // the header, checked before the import began
                reader = opened
            }
            guard let reader else { return nil }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 16 + 4096)
            while chunk.count < 1 << 16 {
                guard let record = try reader.next() else {
                    finished = true
                    break
                }
                switch rows.layout.stage(record) {
                case .row(let row):
                    PGCopyText.append(row, to: &chunk)
                    rows.tally.staged()
                case .refused(let problems):
                    rows.tally.rejected(problems)
                    try rows.rejects?.write(row: rows.layout.rejectFields(record.fields), line: record.line,
                                            reason: problems.map { ($0.column.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; "))
                }
            }
            rows.progress(LeadImportProgress(phase: .reading, rowsRead: rows.tally.rowsRead,
                                             bytesRead: reader.bytesRead, fileSize: rows.fileSize))
            return chunk.isEmpty ? nil : chunk
        }
    }
}
