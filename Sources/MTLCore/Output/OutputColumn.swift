/// One column of a record's output: its key (snake_case: the CSV header, the JSON key, and in
/// upper case the table heading) and how to read it from the record.
public struct OutputColumn<Record>: Sendable {
    public let key: String
    /// Whether the table for people shows it.
    public let inTable: Bool
    /// Whether CSV and JSON carry it: every column but a table's own renderings of others (an
    /// indented tree, a summary), which people read and scripts do not.
    public let inData: Bool
    let read: @Sendable (Record) -> OutputValue

    public init<Value: OutputValueConvertible>(_ key: String, table: Bool = true, data: Bool = true,
                                               _ read: @escaping @Sendable (Record) -> Value) {
        self.key = key
        self.inTable = table
        self.inData = data
        self.read = { read($0).outputValue }
    }

    public func value(of record: Record) -> OutputValue { read(record) }

    /// The table heading: the key in upper case, underscores as spaces (`handed_to` → `HANDED TO`).
    public var heading: String { key.uppercased().replacingOccurrences(of: "_", with: " ") }
}

/// A type whose output is declared once: its columns, in order. `list`, `show` and `export` of an
/// entity all use them, so they have the same keys in every format.
public protocol OutputRecord {
    static var outputColumns: [OutputColumn<Self>] { get }
}

extension OutputRecord {
    /// The record as a JSON object of all its columns (null values kept).
    public var json: JSONText {
        .object(Self.outputColumns.filter(\.inData).map { ($0.key, .value($0.value(of: self))) })
    }
}

extension Array where Element: OutputRecord {
    /// The records as a JSON array of objects.
    public var json: JSONText { .array(map(\.json)) }
}

extension JSONText {
    /// A JSON string.
    public static func text(_ value: String) -> JSONText { .value(.text(value)) }
    /// A JSON array of strings.
    public static func texts(_ values: [String]) -> JSONText { .array(values.map(text)) }
}
