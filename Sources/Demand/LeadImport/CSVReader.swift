import Foundation
import MTLCore

/// Reads CSV (RFC 4180) from a file one record at a time, in constant memory.
///
/// It handles what spreadsheets and CRMs write: a UTF-8 byte order mark, CRLF or LF line ends,
/// quoted fields holding delimiters, quotes (doubled) and line breaks; fields separated by commas,
/// semicolons (Excel in German, French or Dutch locales) or tabs, found from the header unless
/// given; and a quote inside an unquoted field (`12" display`) read as data, as Excel and Python's
/// csv module read it. Each record knows the line it
/// starts on, so problems can be reported where people look for them. It is written here because
/// the CSV packages at hand do not report lines: yaslab/CSV.swift streams but gives neither the
/// line of a record nor of bad UTF-8, and SwiftCSV reads the whole file into memory.
final class CSVReader {
    /// One record: its fields, the line it starts on and, for a record that is not well-formed
    /// CSV (a stray quote), what is wrong with it.
    struct Record {
        var line: Int
        var fields: [String]
        var malformed: String?
    }

    /// The field separator: `,`, `;` or a tab.
    private(set) var delimiter: UInt8
    let encoding: TextEncoding
    /// Whether the file began with a UTF-8 byte order mark.
    private(set) var byteOrderMark = false
    /// The line ending of the first record (the header): CRLF, LF or CR.
    private(set) var lineEnding: String?
    private let descriptor: Int32
    private let path: String
    // The parser's state, touched for every byte. A reader is used by one task at a time and
    // never hands these out, so the run-time exclusivity checks Swift makes on a class's stored
    // properties (an eighth of the reading time in a profile) are switched off for them.
    @exclusivity(unchecked) private var buffer = [UInt8](repeating: 0, count: 1 << 18)
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    private var atEnd = false
    @exclusivity(unchecked) private var field: [UInt8] = []
    /// The line the reader is on (1-based).
    @exclusivity(unchecked) private(set) var line = 1
    /// Bytes read from the file so far, for progress.
    private(set) var bytesRead = 0

    /// The delimiters a file may use, by name.
    static let delimiters: [String: UInt8] = ["comma": UInt8(ascii: ","), "semicolon": UInt8(ascii: ";"), "tab": UInt8(ascii: "\t")]

    /// - Parameter delimiter: the field separator; nil finds it from the first line.
    init(path: String, delimiter: UInt8? = nil, encoding: TextEncoding = .utf8) throws(DemandError) {
        self.path = path
        self.encoding = encoding
        self.delimiter = delimiter ?? Self.comma
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        try skipByteOrderMark()
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    /// The separator the first line uses most, outside quotes: a comma, a semicolon or a tab
    /// (a comma when none or a tie).
    private func detectDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for index in position..<end {
            let byte = buffer[index]
            if byte == Self.quote { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == Self.lf || byte == Self.cr { break }
            if byte == Self.comma || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\t") { counts[byte, default: 0] += 1 }
        }
        let ranked = [Self.comma, UInt8(ascii: ";"), UInt8(ascii: "\t")].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
        return (counts[ranked ?? Self.comma] ?? 0) > (counts[Self.comma] ?? 0) ? ranked! : Self.comma
    }

    deinit { close(descriptor) }

    /// The next record; nil at the end of the file. Blank lines are skipped.
    func next() throws(DemandError) -> Record? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1, record.fields[0].isEmpty, record.malformed == nil { continue }
            return record
        }
    }

    // MARK: Parsing

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    private func readRecord() throws(DemandError) -> Record? {
        var fields: [String] = []
        var malformed: String?
        let start = line
        var inQuotes = false, wasQuoted = false, closed = false
        var quoteLine = line
        field.removeAll(keepingCapacity: true)

        func finishField() throws(DemandError) {
            guard let text = encoding.decode(field) else {
                throw encoding == .utf8 ? .invalidUTF8(path: path, line: start, column: fields.count + 1)
                                        : .invalidText(path: path, line: start, column: fields.count + 1, encoding: encoding.rawValue)
            }
            if field.contains(0) { throw .nulByte(path: path, line: start, column: fields.count + 1) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            closed = false
        }

        while true {
            guard let byte = try nextByte() else {
                if inQuotes { throw .unterminatedQuote(path: path, line: quoteLine) }
                if fields.isEmpty, field.isEmpty, !wasQuoted { return nil }
                try finishField()
                return Record(line: start, fields: fields, malformed: malformed)
            }
            if inQuotes {
                if byte == Self.quote {
                    if try peekByte() == Self.quote {
                        position += 1
                        field.append(Self.quote)
                    } else {
                        inQuotes = false
                        closed = true
                    }
                } else {
                    if byte == Self.lf { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                try finishField()
            case Self.lf:
                line += 1
                if lineEnding == nil { lineEnding = "\n" }
                try finishField()
                return Record(line: start, fields: fields, malformed: malformed)
            case Self.cr:
                if try peekByte() == Self.lf {
                    position += 1
                    if lineEnding == nil { lineEnding = "\r\n" }
                } else if lineEnding == nil {
                    lineEnding = "\r"
                }
                line += 1
                try finishField()
                return Record(line: start, fields: fields, malformed: malformed)
            case Self.quote where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            default:
                // Text after a closing quote is ambiguous; a quote inside an unquoted field is data.
                if closed {
                    malformed = malformed ?? "text after a quoted field: quote the whole field and double the quotes in it (\"\")"
                }
                field.append(byte)
            }
        }
    }

    // MARK: Reading

    private func nextByte() throws(DemandError) -> UInt8? {
        if position == end, try !fill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() throws(DemandError) -> UInt8? {
        if position == end, try !fill() { return nil }
        return buffer[position]
    }

    /// Reads the next block; false at the end of the file.
    private func fill() throws(DemandError) -> Bool {
        guard !atEnd else { return false }
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        position = 0
        end = count
        bytesRead += count
        if count == 0 { atEnd = true }
        return count > 0
    }

    private func skipByteOrderMark() throws(DemandError) {
        guard try fill() else { return }
        if encoding == .utf8, end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
            byteOrderMark = true
        } else if end >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            throw .utf16(path: path)
        }
    }
}
