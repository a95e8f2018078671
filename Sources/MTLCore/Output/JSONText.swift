import Foundation

/// JSON as the output layer writes it: objects with their keys sorted (stable whatever the
/// order of declaration), null values kept, times in ISO 8601 UTC.
public indirect enum JSONText: Sendable, Equatable {
    case value(OutputValue)
    case object([(String, JSONText)])
    case array([JSONText])

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.rendered() == rhs.rendered() }

    /// The text; `indent` spaces per level, one member per line (no indent: one compact line).
    public func rendered(indent: Int? = 2) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out
    }

    func write(into out: inout String, level: Int, indent: Int?) {
        let newline = indent == nil ? "" : "\n"
        func pad(_ level: Int) -> String { String(repeating: " ", count: (indent ?? 0) * level) }
        switch self {
        case .value(let value): out += Self.scalar(value)
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (index, (key, value)) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                out += pad(level + 1) + Self.string(key) + (indent == nil ? ":" : ": ")
                value.write(into: &out, level: level + 1, indent: indent)
                out += (index == members.count - 1 ? "" : ",") + newline
            }
            out += pad(level) + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (index, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(into: &out, level: level + 1, indent: indent)
                out += (index == items.count - 1 ? "" : ",") + newline
            }
            out += pad(level) + "]"
        }
    }

    static func scalar(_ value: OutputValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .decimal(let number): "\(number)"
        case .text(let text): string(text)
        case .time: string(value.text)
        case .json(let text): text
        case .list(let values, _): "[" + values.map(scalar).joined(separator: ",") + "]"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
