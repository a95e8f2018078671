import MTLCore

/// A problem with one row of a lead file: where it is and why it was refused.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    /// The line the row starts on (the header is line 1).
    public var line: Int
    /// The column as the file names it; nil for a problem with the whole row.
    public var column: String?
    public var reason: String

    public var description: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " + reason
    }
}

/// How a file's columns map onto lead fields: read from its header row and `--map`, checked
/// before any row is read.
struct LeadFileLayout: Sendable {
    /// The column names as the file gives them.
    let header: [String]
    /// Each column's field; nil for the columns a reject file adds and those of an export that are
    /// the database's (id, unit, state, scores, stamps), which are ignored.
    let fields: [LeadField?]
    /// The channel of rows that name neither a channel nor an activity.
    let defaultChannel: String?

    /// - Parameter mapping: column name → field name, from `--map`.
    init(header: [String], mapping: [String: String], defaultChannel: String?, path: String) throws(MTLError) {
        let known = LeadField.allCases.map(\.rawValue)
        var fieldOf: [String: LeadField] = [:]
        for (column, name) in mapping {
            guard let field = LeadField(rawValue: LeadField.normalizedName(name)) else {
                throw MTLError("--map \(column)=\(name): there is no lead field \(name)", hint: "The fields are: \(known.joined(separator: ", ")).")
            }
            fieldOf[LeadField.normalizedName(column)] = field
        }
        let names = header.map(LeadField.normalizedName)
        for column in mapping.keys where !names.contains(LeadField.normalizedName(column)) {
            throw MTLError("--map \(column)=…: \(path) has no column \(column)", hint: "Its columns are: \(header.joined(separator: ", ")).")
        }
        var fields: [LeadField?] = []
        var unknown: [String] = []
        for (index, name) in names.enumerated() {
            if fieldOf[name] == nil, LeadField.rejectColumns.contains(name) || LeadField.exportOnlyColumns.contains(name) {
                fields.append(nil)
                continue
            }
            if let field = fieldOf[name] ?? LeadField(rawValue: name) {
                fields.append(field)
            } else {
                unknown.append(header[index])
                fields.append(nil)
            }
        }
        guard unknown.isEmpty else {
            throw MTLError("\(path): unknown column\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", "))",
                           hint: "The known columns are: \(known.joined(separator: ", ")). Name another with --map COLUMN=FIELD.")
        }
        var seen: Set<LeadField> = []
        for case let field? in fields where !seen.insert(field).inserted {
            throw MTLError("\(path): two columns give \(field.rawValue)", hint: "Keep one, or map the other to another field with --map.")
        }
        for required in [LeadField.company, .contactName] where !seen.contains(required) {
            throw MTLError("\(path) has no \(required.rawValue) column", hint: "Every lead needs a company and a contact name; name a column with --map COLUMN=\(required.rawValue).")
        }
        if !seen.contains(.channel), !seen.contains(.activityID), defaultChannel == nil {
            throw MTLError("\(path) has neither a channel nor an activity_id column",
                           hint: "Give the channel of all its leads with --channel, such as --channel event.")
        }
        self.header = header
        self.fields = fields
        self.defaultChannel = defaultChannel
    }

    private static let position = Dictionary(uniqueKeysWithValues: LeadField.allCases.enumerated().map { ($1, $0 + 1) })

    /// A record checked: a staging row (the line, then every field), or every problem it has.
    enum Staged {
        case row([String?])
        case refused([RowProblem])
    }

    func stage(_ record: CSVReader.Record) -> Staged {
        guard record.fields.count == header.count else {
            return .refused([RowProblem(line: record.line, column: nil,
                                        reason: "has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); the header has \(header.count)")])
        }
        if let malformed = record.malformed {
            return .refused([RowProblem(line: record.line, column: nil, reason: malformed)])
        }
        var row: [String?] = [String(record.line)] + LeadField.allCases.map { field in
            switch field {
            case .keyPerson: "false"
            case .customerQuality, .informantQuality: "0"
            default: nil
            }
        }
        var problems: [RowProblem] = []
        for (index, field) in fields.enumerated() {
            guard let field else { continue }
            do {
                row[Self.position[field]!] = try field.normalize(record.fields[index])
            } catch {
                problems.append(RowProblem(line: record.line, column: header[index], reason: error.reason))
            }
        }
        let channel = Self.position[.channel]!, activity = Self.position[.activityID]!
        if problems.isEmpty, row[channel] == nil, row[activity] == nil {
            if let defaultChannel {
                row[channel] = defaultChannel
            } else {
                problems.append(RowProblem(line: record.line, column: nil, reason: "no source: give a channel or an activity_id"))
            }
        }
        return problems.isEmpty ? .row(row) : .refused(problems)
    }
}
