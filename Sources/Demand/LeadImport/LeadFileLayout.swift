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
    init(header: [String], mapping: [String: String], defaultChannel: String?, path: String) throws(DemandError) {
        let known = LeadField.allCases.map(\.rawValue)
        var fieldOf: [String: LeadField] = [:]
        for (column, name) in mapping {
            guard let field = LeadField(rawValue: LeadField.normalizedName(name)) else {
                throw .unknownField(column: column, field: name, known: known)
            }
            fieldOf[LeadField.normalizedName(column)] = field
        }
        let names = header.map(LeadField.normalizedName)
        for column in mapping.keys where !names.contains(LeadField.normalizedName(column)) {
            throw .mappedColumnMissing(column: column, path: path, header: header)
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
            throw .unknownColumns(path: path, columns: unknown, known: known)
        }
        var seen: Set<LeadField> = []
        for case let field? in fields where !seen.insert(field).inserted {
            throw .twoColumnsForField(path: path, field: field.rawValue)
        }
        for required in [LeadField.company, .contactName] where !seen.contains(required) {
            throw .missingRequiredColumn(path: path, field: required.rawValue)
        }
        if !seen.contains(.channel), !seen.contains(.activityID), defaultChannel == nil {
            throw .noChannelColumn(path: path)
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
