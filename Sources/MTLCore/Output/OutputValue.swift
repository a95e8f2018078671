import Foundation

/// One value of a record as output shows it: the same value whether it ends up in a table, a CSV
/// cell or a JSON document, rendered by the one output layer (``RecordWriter``).
public enum OutputValue: Sendable, Equatable {
    case null
    case text(String)
    case bool(Bool)
    case integer(Int64)
    case decimal(Decimal)
    /// An instant, written in ISO 8601 in UTC (`2026-12-01T16:02:24Z`).
    case time(Date)
    /// A JSON document from the database (a row image, job arguments): embedded as it is in JSON,
    /// its text in a table or CSV cell.
    case json(String)
    /// Several values: a JSON array, or in a table or CSV cell the texts joined by `separator`.
    case list([OutputValue], separator: String)

    /// The value as text for a table or a CSV cell: empty for null, `true`/`false`, ISO 8601 UTC.
    public var text: String {
        switch self {
        case .null: ""
        case .text(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .decimal(let number): "\(number)"
        case .time(let date): Self.timestamp(date)
        case .json(let text): text
        case .list(let values, let separator): values.map(\.text).joined(separator: separator)
        }
    }

    /// ISO 8601 in UTC, to the second: how every time is written, everywhere.
    public static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}

/// A Swift value that output can show: strings, numbers, flags, times, typed states (any
/// string-backed enum) and optionals of them.
public protocol OutputValueConvertible: SendableMetatype {
    var outputValue: OutputValue { get }
}

extension String: OutputValueConvertible { public var outputValue: OutputValue { .text(self) } }
extension Bool: OutputValueConvertible { public var outputValue: OutputValue { .bool(self) } }
extension Int: OutputValueConvertible { public var outputValue: OutputValue { .integer(Int64(self)) } }
extension Int64: OutputValueConvertible { public var outputValue: OutputValue { .integer(self) } }
extension Int32: OutputValueConvertible { public var outputValue: OutputValue { .integer(Int64(self)) } }
extension Int16: OutputValueConvertible { public var outputValue: OutputValue { .integer(Int64(self)) } }
extension Decimal: OutputValueConvertible { public var outputValue: OutputValue { .decimal(self) } }
extension Date: OutputValueConvertible { public var outputValue: OutputValue { .time(self) } }

extension Array: OutputValueConvertible where Element: OutputValueConvertible {
    /// Joined by spaces in a table or CSV cell (see ``OutputValue/list(_:separator:)``).
    public var outputValue: OutputValue { .list(map(\.outputValue), separator: " ") }
}

extension Optional: OutputValueConvertible where Wrapped: OutputValueConvertible {
    public var outputValue: OutputValue { self?.outputValue ?? .null }
}

extension OutputValueConvertible where Self: RawRepresentable, RawValue == String {
    public var outputValue: OutputValue { .text(rawValue) }
}
