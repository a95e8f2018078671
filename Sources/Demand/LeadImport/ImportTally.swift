import Foundation
import MTLCore
import Synchronization

/// What an import has read so far, shared between the rows fed to COPY and the importer.
final class ImportTally: Sendable {
    struct State {
        var rowsRead = 0
        var rowsStaged = 0
        var rowsRejected = 0
        /// The first problems, up to the report limit.
        var problems: [RowProblem] = []
    }

    let reportLimit: Int
    private let state = Mutex(State())

    init(reportLimit: Int) { self.reportLimit = reportLimit }

    var snapshot: State { state.withLock { $0 } }

    var rowsRead: Int { state.withLock { $0.rowsRead } }

    func staged() { state.withLock { $0.rowsRead += 1; $0.rowsStaged += 1 } }

    func rejected(_ problems: [RowProblem]) {
        state.withLock { state in
            state.rowsRead += 1
            state.rowsRejected += 1
            state.problems.append(contentsOf: problems.prefix(max(0, reportLimit - state.problems.count)))
        }
    }

    /// Problems found by the database after the rows were read (duplicates, unknown activities).
    func rejectedLater(count: Int, first problems: [RowProblem]) {
        state.withLock { state in
            state.rowsRejected += count
            state.problems.append(contentsOf: problems.prefix(max(0, reportLimit - state.problems.count)))
        }
    }
}

/// The reject file: the refused rows as the file had them, with the line and the reason. It is
/// written beside its final name and moved there when the import commits.
final class RejectFile: Sendable {
    let path: String
    private let partial: String
    private let descriptor: Mutex<Int32>

    init(path: String) throws(DemandError) {
        self.path = path
        partial = path + ".partial"
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw DemandError.cannotWriteRejects(path: path, reason: String(cString: strerror(errno))) }
        descriptor = Mutex(fd)
    }

    /// How the source file was written, which the reject file keeps: separator, encoding, byte
    /// order mark, line ending; so a corrected reject file imports with the same options.
    private let format = Mutex<(delimiter: Character, encoding: TextEncoding, lineEnding: String)>((",", .utf8, "\n"))

    /// Takes the source file's format and writes the header: the file's columns, then
    /// `reject_line` and `reject_reason`.
    func start(_ layout: LeadFileLayout) throws(DemandError) {
        format.withLock { $0 = (Character(Unicode.Scalar(layout.delimiter)), layout.encoding, layout.lineEnding) }
        if layout.byteOrderMark { try write([0xEF, 0xBB, 0xBF]) }
        try write(csvLine(layout.rejectHeader + LeadField.rejectColumns))
    }

    /// Empties the file and writes the header again: the import started over (its direct path
    /// fell back to the checked one).
    func restart(_ layout: LeadFileLayout) throws(DemandError) {
        let failed = descriptor.withLock { fd in ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) < 0 }
        if failed { throw DemandError.cannotWriteRejects(path: path, reason: String(cString: strerror(errno))) }
        try start(layout)
    }

    func write(row fields: [String], line: Int, reason: String) throws(DemandError) {
        try write(csvLine(fields + [String(line), reason]))
    }

    func write(_ bytes: some Collection<UInt8>) throws(DemandError) {
        let failed = descriptor.withLock { fd -> Bool in
            var rest = Array(bytes)[...]
            while !rest.isEmpty {
                let count = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if count < 0 { if errno == EINTR { continue }; return true }
                rest = rest.dropFirst(count)
            }
            return false
        }
        if failed { throw DemandError.cannotWriteRejects(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Moves the file to its name once the import committed.
    func commit() throws(DemandError) {
        descriptor.withLock { _ = close($0) }
        guard rename(partial, path) == 0 else { throw DemandError.cannotWriteRejects(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Removes the partial file of an import that did not commit.
    func discard() {
        descriptor.withLock { _ = close($0) }
        unlink(partial)
    }

    /// One CSV line through the output layer's writer, the fields as the file gave them, in the
    /// file's format.
    func csvLine(_ fields: [String]) -> [UInt8] {
        let (delimiter, encoding, lineEnding) = format.withLock { $0 }
        return encoding.encode(CSVField.line(fields, raw: true, lineEnd: lineEnding, delimiter: delimiter))
    }
}
