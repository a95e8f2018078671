import Foundation

/// A SQL statement whose values travel as bound parameters.
///
/// Build one by string interpolation. Every interpolated value becomes a parameter (`$1`, `$2`…);
/// it is never spliced into the text:
///
/// ```swift
/// let name = "O'Brien; DROP TABLE x"
/// let query: SQL = "SELECT id FROM org.unit WHERE name = \(name) AND active = \(true)"
/// // SELECT id FROM org.unit WHERE name = $1 AND active = $2
/// ```
///
/// Identifiers (table, column, role or channel names) go through ``StringInterpolation/appendInterpolation(identifier:)``,
/// which quotes them. Raw text goes through ``StringInterpolation/appendInterpolation(unsafeRaw:)``, whose
/// name says what it is. Fragments compose: interpolating one `SQL` into another renumbers its
/// parameters.
///
/// `description` shows the text with placeholders and the number of bound values, never the values.
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Piece: Sendable, Hashable {
        case text(String)
        case bind(PGBind)
    }

    var pieces: [Piece]

    /// Whether connections prepare this statement once and then run it by name (see ``prepared``).
    public private(set) var isPrepared = false

    /// This statement, prepared on each connection the first time it runs there and run by name
    /// after that: the server parses, analyses and plans it once per connection rather than on
    /// every call. Meant for the hot statements of long-lived connections (a worker's claim and
    /// completions). The values bound must have the same types on every call, as they do at one
    /// call site. Pipelines and row streams send it unprepared.
    public var prepared: SQL {
        var copy = self
        copy.isPrepared = true
        return copy
    }

    public init(stringLiteral value: String) { pieces = [.text(value)] }

    public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    /// SQL from text that the caller vouches for: nothing in it is escaped or bound.
    public init(unsafeRaw text: String) { pieces = [.text(text)] }

    /// The statement text with `$n` placeholders, and its bound values in order.
    public func render() -> (text: String, binds: [PGBind]) {
        var text = ""
        var binds: [PGBind] = []
        for piece in pieces {
            switch piece {
            case .text(let chunk): text += chunk
            case .bind(let bind):
                binds.append(bind)
                text += "$\(binds.count)"
            }
        }
        return (text, binds)
    }

    /// The statement text with `$n` placeholders.
    public var text: String { render().text }

    public var bindCount: Int { pieces.reduce(0) { if case .bind = $1 { $0 + 1 } else { $0 } } }

    public var description: String {
        let (text, binds) = render()
        return binds.isEmpty ? text : "\(text) [\(binds.count) bound value\(binds.count == 1 ? "" : "s") hidden]"
    }

    /// Appends another fragment, renumbering its parameters.
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.pieces += rhs.pieces
        return result
    }

    /// Appends another fragment in place (for queries built condition by condition).
    public static func += (lhs: inout SQL, rhs: SQL) {
        lhs.pieces += rhs.pieces
    }

    /// Joins fragments with a separator, e.g. `SQL.join(conditions, separator: " AND ")`.
    public static func join(_ fragments: some Sequence<SQL>, separator: String) -> SQL {
        var result = SQL(unsafeRaw: "")
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.pieces.append(.text(separator)) }
            result.pieces += fragment.pieces
        }
        return result
    }

    /// Quotes an identifier for PostgreSQL: wraps it in double quotes and doubles inner quotes.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }

        /// A value, sent as a bound parameter.
        public mutating func appendInterpolation(_ value: some PGEncodable) {
            pieces.append(.bind(value.pgBind))
        }

        /// An optional value: NULL when nil, sent with the wrapped type either way.
        public mutating func appendInterpolation<Value: PGEncodable>(_ value: Value?) {
            pieces.append(.bind(value.pgBind))
        }

        /// A SQL fragment; its parameters are renumbered.
        public mutating func appendInterpolation(_ fragment: SQL) {
            pieces += fragment.pieces
        }

        /// An identifier (schema, table, column, role, channel), quoted.
        /// A dotted name is quoted part by part only with ``appendInterpolation(qualified:)``.
        public mutating func appendInterpolation(identifier name: String) {
            pieces.append(.text(SQL.quoteIdentifier(name)))
        }

        /// A schema-qualified identifier such as `("org", "unit")`, each part quoted.
        public mutating func appendInterpolation(qualified parts: String...) {
            pieces.append(.text(parts.map(SQL.quoteIdentifier).joined(separator: ".")))
        }

        /// Raw SQL text, not escaped. Only for text the program itself wrote.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            pieces.append(.text(text))
        }
    }
}
