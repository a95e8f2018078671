import ArgumentParser
import Foundation
import MTLCore
import PGKit

/// `mtl audit …`: the audit trail.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit trail of changes (admins, within their units).",
        subcommands: [Log.self]
    )

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show recorded changes, newest first.",
            discussion: """
                Examples:
                  mtl audit log --table unit --since 7d
                  mtl audit log --unit EMEA --actor alice --format json
                """)

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this table: schema.table, or a table name.", valueName: "table")) var table: String?
        @Option(help: ArgumentHelp("Only changes in this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Only changes made by this login role.", valueName: "name")) var actor: String?
        @Option(help: ArgumentHelp("Only changes since this time: 2026-11-01, '2026-11-01 08:00+01', or an age such as 90m, 12h, 7d.", valueName: "when"))
        var since: String?
        @Option(help: "At most this many events.") var limit = 50
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() async throws {
            let filter = AuditEvent.Filter(table: table, unit: unit, actor: actor, since: since.map(AuditEvent.Since.init(parsing:)), limit: limit)
            let events = try await options.withConnection { try await AuditEvent.fetch(filter, on: $0) }
            switch format {
            case .table:
                try format.print(events, header: ["ID", "TIME", "ACTOR", "TABLE", "OP", "UNIT", "KEY", "CHANGE"]) { event in
                    [String(event.id), OutputFormat.timestamp(event.transactionTime), event.actor, event.table, event.operation,
                     event.unit ?? "", event.key, Self.summary(event)]
                }
            case .csv:
                try format.print(events, header: ["id", "transaction_time", "clock_time", "actor", "acting_role", "table", "operation",
                                                  "unit", "key", "old_row", "new_row", "transaction_id"]) { event in
                    [String(event.id), OutputFormat.timestamp(event.transactionTime), OutputFormat.timestamp(event.clockTime),
                     event.actor, event.actingRole ?? "", event.table, event.operation, event.unit ?? "", event.key,
                     event.oldRow ?? "", event.newRow ?? "", event.transactionId]
                }
            case .json:
                try format.print(events.map(JSONEvent.init), header: []) { _ in [] }
            }
        }

        /// For the table: the columns an update changed, or the new row of an insert.
        static func summary(_ event: AuditEvent) -> String {
            guard event.operation == "UPDATE", let old = event.oldRow.flatMap(object), let new = event.newRow.flatMap(object) else {
                return event.operation == "DELETE" ? "deleted" : "inserted"
            }
            func text(_ value: Any?) -> String {
                guard let value, !(value is NSNull) else { return "null" }
                return "\(value)"
            }
            let changed = new.keys.sorted().filter { text(old[$0]) != text(new[$0]) }
            return changed.map { "\($0): \(text(old[$0])) → \(text(new[$0]))" }.joined(separator: "; ")
        }

        static func object(_ text: String) -> [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        }
    }
}

/// An audit event in JSON: rows and key as JSON objects, not text.
private struct JSONEvent: Encodable {
    let event: AuditEvent

    enum Keys: String, CodingKey {
        case id, transactionTime, clockTime, actor, actingRole, table, operation, unit, key, oldRow, newRow, transactionId
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(event.id, forKey: .id)
        try container.encode(event.transactionTime, forKey: .transactionTime)
        try container.encode(event.clockTime, forKey: .clockTime)
        try container.encode(event.actor, forKey: .actor)
        try container.encode(event.actingRole, forKey: .actingRole)
        try container.encode(event.table, forKey: .table)
        try container.encode(event.operation, forKey: .operation)
        try container.encode(event.unit, forKey: .unit)
        try container.encode(RawJSON(text: event.key), forKey: .key)
        try container.encode(event.oldRow.map(RawJSON.init), forKey: .oldRow)
        try container.encode(event.newRow.map(RawJSON.init), forKey: .newRow)
        try container.encode(event.transactionId, forKey: .transactionId)
    }
}

/// JSON text re-encoded as a JSON value.
private struct RawJSON: Encodable {
    let text: String

    func encode(to encoder: any Encoder) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        try value.encode(to: encoder)
    }
}

/// Any JSON value.
private enum JSONValue: Codable {
    case null, bool(Bool), integer(Int64), number(Decimal), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Decimal.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
