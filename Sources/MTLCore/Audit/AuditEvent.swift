import Foundation
import PGKit

/// One recorded change to a domain table (`audit.event`).
public struct AuditEvent: PGRecord, Codable, Equatable {
    public var id: Int64
    /// When the transaction started.
    public var transactionTime: Date
    /// When the row was written.
    public var clockTime: Date
    /// The login role.
    public var actor: String
    /// The role set with SET ROLE, if any.
    public var actingRole: String?
    public var table: String
    public var operation: String
    /// The row's primary key, as JSON text.
    public var key: String
    /// The code of the row's unit (HQ for rows without one).
    public var unit: String?
    public var oldRow: String?
    public var newRow: String?
    public var transactionId: String

    /// Which events to read. Every condition is optional; events come newest first.
    public struct Filter: Sendable {
        /// `schema.table`, or a table name alone (matches it in any schema).
        public var table: String?
        /// A unit code: events of that unit and the units below it.
        public var unit: String?
        public var actor: String?
        /// Events at or after this instant.
        public var since: Since?
        public var limit: Int

        public init(table: String? = nil, unit: String? = nil, actor: String? = nil, since: Since? = nil, limit: Int = 100) {
            self.table = table
            self.unit = unit
            self.actor = actor
            self.since = since
            self.limit = limit
        }
    }

    /// A lower bound on time: an instant PostgreSQL reads (`2026-11-01`, `2026-11-01 08:00+01`) or
    /// an age (`90m`, `12h`, `7d`) counted back from the database clock.
    public enum Since: Sendable, Equatable {
        case timestamp(String)
        case age(minutes: Int)

        /// Reads `30m`, `12h`, `7d`, else takes the text as a timestamp for the database to read.
        public init(parsing text: String) {
            let units: [Character: Int] = ["m": 1, "h": 60, "d": 1440]
            if let last = text.last, let factor = units[last], let count = Int(text.dropLast()), count >= 0 {
                self = .age(minutes: count * factor)
            } else {
                self = .timestamp(text)
            }
        }
    }

    /// The events the caller may read (row-level security: admins, within their scope) that
    /// match the filter.
    public static func fetch(_ filter: Filter, on db: PGConnection) async throws -> [AuditEvent] {
        try await db.fetchAll(query(filter, on: db))
    }

    /// Each event that matches, newest first, handed to `body` as it arrives: memory stays flat.
    public static func forEach(_ filter: Filter, on db: PGConnection, _ body: (AuditEvent) async throws -> Void) async throws {
        try await db.forEach(query(filter, on: db), body)
    }

    static func query(_ filter: Filter, on db: PGConnection) async throws -> SQL {
        var conditions: [SQL] = []
        if let table = filter.table {
            conditions.append(table.contains(".") ? "e.table_name = \(table)" : "split_part(e.table_name, '.', 2) = \(table)")
        }
        if let unit = filter.unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            conditions.append("e.unit_id = ANY (org.subtree(ARRAY[\(target.id)]))")
        }
        if let actor = filter.actor { conditions.append("e.actor = \(actor)") }
        switch filter.since {
        case .timestamp(let text)?: conditions.append("e.tx_time >= \(text)::timestamptz")
        case .age(let minutes)?: conditions.append("e.tx_time >= now() - make_interval(mins => \(Int32(clamping: minutes)))")
        case nil: break
        }
        let whereClause: SQL = conditions.isEmpty ? "" : " WHERE " + SQL.join(conditions, separator: " AND ")
        let selection: SQL = """
            SELECT e.id, e.tx_time AS transaction_time, e.clock_time, e.actor, e.acting_role::text, e.table_name AS table,
                   e.operation, e.row_key::text AS key, u.code AS unit, e.old_row::text, e.new_row::text,
                   e.tx_id::text AS transaction_id
            FROM audit.event e LEFT JOIN org.unit u ON u.id = e.unit_id
            """
        return selection + whereClause + " ORDER BY e.id DESC LIMIT \(max(filter.limit, 0))"
    }
}

extension AuditEvent {
    /// For people: the columns an update changed (`state: draft → submitted`), or whether the
    /// row was inserted or deleted.
    public var changeSummary: String {
        func object(_ text: String) -> [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        }
        guard operation == "UPDATE", let old = oldRow.flatMap(object), let new = newRow.flatMap(object) else {
            return operation == "DELETE" ? "deleted" : "inserted"
        }
        func text(_ value: Any?) -> String {
            guard let value, !(value is NSNull) else { return "null" }
            return "\(value)"
        }
        let changed = new.keys.sorted().filter { text(old[$0]) != text(new[$0]) }
        return changed.map { "\($0): \(text(old[$0])) → \(text(new[$0]))" }.joined(separator: "; ")
    }
}
