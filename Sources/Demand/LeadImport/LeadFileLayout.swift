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

/// How a file's columns map onto lead fields: read from its header row and the mapping, checked
/// before any row is read.
struct LeadFileLayout: Sendable {
    /// What one column of the file is for.
    enum Role: Sendable, Equatable {
        /// The column gives the field.
        case field(LeadField)
        /// The column is a part of a composed field.
        case part(LeadField)
        /// The column is not imported (but kept in the reject file).
        case ignored
        /// `reject_line` / `reject_reason` of an earlier import's reject file: dropped.
        case rejectInfo
    }

    /// The column names as the file gives them.
    let header: [String]
    let roles: [Role]
    /// Composed fields, each with its columns in the mapping's order.
    let composed: [(field: LeadField, columns: [Int])]
    /// The channel of rows that name neither a channel nor an activity.
    let defaultChannel: String?
    /// The file's field separator (given, or found from its header).
    var delimiter = UInt8(ascii: ",")
    /// The file's encoding.
    var encoding = TextEncoding.utf8
    /// Whether the file began with a byte order mark, and its line ending: the reject file keeps both.
    var byteOrderMark = false
    var lineEnding = "\n"
    /// Whether staged rows carry their own text, for a reject file (without one, a refused row
    /// means nothing is imported, and the text is not needed).
    var keepsSourceText = true

    init(header: [String], mapping: LeadMapping, defaultChannel: String?, path: String) throws(DemandError) {
        let known = LeadField.allCases.map(\.rawValue)
        var fieldOf: [String: LeadField] = [:]
        for (column, name) in mapping.fields {
            guard let field = LeadField(rawValue: LeadField.normalizedName(name)) else {
                throw .unknownField(column: mapping.spelled[column] ?? column, field: name, known: known)
            }
            fieldOf[column] = field
        }
        let names = header.map(LeadField.normalizedName)
        for column in mapping.required where !names.contains(column) {
            throw .mappedColumnMissing(column: mapping.spelled[column] ?? column, path: path, header: header)
        }
        var partOf: [String: LeadField] = [:]
        var composed: [(field: LeadField, columns: [Int])] = []
        for (name, columns) in mapping.composed.sorted(by: { $0.key < $1.key }) {
            guard let field = LeadField(rawValue: name) else {
                throw .unknownField(column: columns.map { mapping.spelled[$0] ?? $0 }.joined(separator: "+"), field: name, known: known)
            }
            let present = columns.compactMap { names.firstIndex(of: $0) }
            for column in columns { partOf[column] = field }
            if !present.isEmpty { composed.append((field, present)) }
        }
        var roles: [Role] = []
        var unknown: [String] = []
        for (index, name) in names.enumerated() {
            if let field = partOf[name] {
                roles.append(.part(field))
            } else if let field = fieldOf[name] {
                roles.append(.field(field))
            } else if mapping.ignored.contains(name) {
                roles.append(.ignored)
            } else if LeadField.rejectColumns.contains(name) {
                roles.append(.rejectInfo)
            } else if let field = LeadField(rawValue: name) {
                roles.append(.field(field))
            } else if LeadField.exportOnlyColumns.contains(name) || mapping.ignoresOthers {
                roles.append(.ignored)
            } else {
                unknown.append(header[index])
                roles.append(.ignored)
            }
        }
        guard unknown.isEmpty else { throw .unknownColumns(path: path, columns: unknown, known: known) }
        var seen: Set<LeadField> = []
        for field in roles.compactMap({ if case .field(let field) = $0 { field } else { nil } }) + composed.map(\.field)
        where !seen.insert(field).inserted {
            throw .twoColumnsForField(path: path, field: field.rawValue)
        }
        for required in [LeadField.company, .contactName] where !seen.contains(required) {
            throw .missingRequiredColumn(path: path, field: required.rawValue)
        }
        if !seen.contains(.channel), !seen.contains(.activityID), defaultChannel == nil {
            throw .noChannelColumn(path: path)
        }
        self.header = header
        self.roles = roles
        self.composed = composed
        self.defaultChannel = defaultChannel
    }

    static let position = Dictionary(uniqueKeysWithValues: LeadField.allCases.enumerated().map { ($1, $0 + 1) })

    /// A record checked: a staging row (the line, every field, then the record's own fields for
    /// the reject file), or every problem it has.
    enum Staged {
        case row([String?])
        case refused([RowProblem])
    }

    /// The fields the file gives: its columns, mapped or composed (not the default channel).
    var fieldsFromColumns: Set<LeadField> {
        Set(roles.compactMap { if case .field(let field) = $0 { field } else { nil } } + composed.map(\.field))
    }

    func stage(_ record: CSVReader.Record) -> Staged {
        guard record.fields.count == header.count else {
            return .refused([RowProblem(line: record.line, column: nil,
                                        reason: "has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); the header has \(header.count)")])
        }
        if let malformed = record.malformed {
            return .refused([RowProblem(line: record.line, column: nil, reason: malformed)])
        }
        var row: [String?] = [String(record.line)] + LeadField.allCases.map { _ in nil }
        var problems: [RowProblem] = []
        func set(_ field: LeadField, _ raw: String, column: String) {
            do {
                row[Self.position[field]!] = try field.normalize(raw)
            } catch {
                problems.append(RowProblem(line: record.line, column: column, reason: error.reason))
            }
        }
        for (index, role) in roles.enumerated() {
            if case .field(let field) = role { set(field, record.fields[index], column: header[index]) }
        }
        for (field, columns) in composed {
            let parts = columns.map { LeadField.trimmed(record.fields[$0]) }.filter { !$0.isEmpty }
            set(field, parts.joined(separator: " "), column: columns.map { header[$0] }.joined(separator: "+"))
        }
        let channel = Self.position[.channel]!, activity = Self.position[.activityID]!
        if problems.isEmpty, row[channel] == nil, row[activity] == nil {
            if let defaultChannel {
                row[channel] = defaultChannel
            } else {
                problems.append(RowProblem(line: record.line, column: nil, reason: "no source: give a channel or an activity_id"))
            }
        }
        guard problems.isEmpty else { return .refused(problems) }
        return .row(keepsSourceText ? row + rejectFields(record.fields).map { $0 } : row)
    }

    /// A record's own fields for the reject file: the file's columns without the reject columns of
    /// an earlier import, as the file gave them.
    func rejectFields(_ fields: [String]) -> [String] {
        guard fields.count == header.count else { return fields }
        return zip(fields, roles).compactMap { value, role in role == .rejectInfo ? nil : value }
    }

    /// The header of the reject file's own columns.
    var rejectHeader: [String] {
        zip(header, roles).compactMap { name, role in role == .rejectInfo ? nil : name }
    }
}
