import Foundation
import MTLCore

/// How a file's columns become lead fields, beyond columns named after their field: a column
/// mapped to a field, several columns composed into one (first + last name → contact name), a
/// column ignored, or every other column ignored (a CRM export has dozens the import has no use
/// for). Given as entries — on the command line (`--map`, `--ignore`), in a mapping file, or in a
/// preset shipped with the system — each in the same form:
///
/// ```
/// Firma = company                      a column to a field
/// First Name + Last Name = contact_name   columns composed, joined with a space
/// Lead Status =                        a column ignored
/// * =                                  every column not named otherwise ignored
/// ```
///
/// Column names match case-insensitively, with spaces and hyphens read as underscores.
public struct LeadMapping: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Normalised column name → field name, for one-column mappings.
    var fields: [String: String] = [:]
    /// Composed fields: the columns (normalised, in order) that make each field.
    var composed: [String: [String]] = [:]
    /// Normalised names of ignored columns.
    var ignored: Set<String> = []
    /// Every column neither named after a field nor mapped is ignored.
    var ignoresOthers = false
    /// The columns as the entries name them (normalised → as written), for messages.
    var spelled: [String: String] = [:]
    /// Columns the file must have: those named on the command line. A mapping file or a preset
    /// names columns an export may or may not have (a phone, a job title); only the fields every
    /// lead needs are then required.
    var required: Set<String> = []

    public init() {}

    /// `["Firma": "company"]`: columns mapped to fields.
    public init(dictionaryLiteral elements: (String, String)...) {
        for (column, field) in elements {
            map(column, to: field)
            required.insert(LeadField.normalizedName(column))
        }
    }

    /// Entries in the form above; `where` names their origin in messages (`--map`, a file's line).
    public init(entries: [String], where origin: (Int) -> String = { _ in "--map" }) throws(DemandError) {
        for (index, entry) in entries.enumerated() {
            try add(entry, origin: origin(index), required: true)
        }
    }

    /// Reads a mapping file: one entry a line; blank lines and lines starting with `#` skipped.
    public static func file(_ path: String) throws(DemandError) -> LeadMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path, reason: "no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .cannotRead(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, name: path)
    }

    /// The presets shipped with the system (Sources/Demand/LeadImport/Presets/NAME.mapping).
    public static var presets: [String] {
        let folder = Bundle.module.url(forResource: "Presets", withExtension: nil)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder?.path ?? "")) ?? []
        return files.filter { $0.hasSuffix(".mapping") }.map { String($0.dropLast(".mapping".count)) }.sorted()
    }

    /// A preset's mapping, by name (`hubspot`).
    public static func preset(_ name: String) throws(DemandError) -> LeadMapping {
        guard presets.contains(name), let url = Bundle.module.url(forResource: "Presets/\(name)", withExtension: "mapping"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .unknownPreset(name, known: presets)
        }
        return try parse(text, name: "preset \(name)")
    }

    static func parse(_ text: String, name: String) throws(DemandError) -> LeadMapping {
        var mapping = LeadMapping()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            try mapping.add(line, origin: "\(name) line \(index + 1)", required: false)
        }
        return mapping
    }

    /// Adds the entries of `other`; where both name a column, `other` wins.
    public mutating func merge(_ other: LeadMapping) {
        for (column, field) in other.fields { ignored.remove(column); fields[column] = field }
        for (field, columns) in other.composed { composed[field] = columns }
        for column in other.ignored { fields[column] = nil; ignored.insert(column) }
        ignoresOthers = ignoresOthers || other.ignoresOthers
        spelled.merge(other.spelled) { _, new in new }
        required.formUnion(other.required)
    }

    public mutating func ignore(_ column: String) {
        let name = LeadField.normalizedName(column)
        fields[name] = nil
        ignored.insert(name)
        spelled[name] = column
    }

    mutating func map(_ column: String, to field: String) {
        let name = LeadField.normalizedName(column)
        ignored.remove(name)
        fields[name] = field
        spelled[name] = column
    }

    mutating func add(_ entry: String, origin: String, required: Bool) throws(DemandError) {
        guard let equals = entry.lastIndex(of: "=") else { throw .badMappingEntry(entry, origin: origin) }
        let left = entry[..<equals].trimmingCharacters(in: .whitespaces)
        let right = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !left.isEmpty else { throw .badMappingEntry(entry, origin: origin) }
        if left == "*" {
            guard right.isEmpty else { throw .badMappingEntry(entry, origin: origin) }
            ignoresOthers = true
            return
        }
        if right.isEmpty {
            ignore(left)
            return
        }
        let parts = left.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.allSatisfy({ !$0.isEmpty }) else { throw .badMappingEntry(entry, origin: origin) }
        if required { self.required.formUnion(parts.map(LeadField.normalizedName)) }
        if parts.count == 1 {
            map(left, to: right)
        } else {
            let field = LeadField.normalizedName(right)
            composed[field] = parts.map(LeadField.normalizedName)
            for part in parts { spelled[LeadField.normalizedName(part)] = part }
        }
    }

    /// Every column an entry names, as written.
    var namedColumns: [String] {
        (Array(fields.keys) + Array(ignored) + composed.values.flatMap { $0 }).map { spelled[$0] ?? $0 }
    }
}
