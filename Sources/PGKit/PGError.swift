import CLibPQ

/// An error from PostgreSQL or from PGKit itself.
///
/// `description` is safe to show and to log: it names what failed and the SQLSTATE, but never
/// bind values. The server's `detail` can echo row data (for example the key of a unique
/// violation), so it appears only in `debugDescription` and in the `detail` property.
public struct PGError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        /// The server refused a statement (see ``PGError/sqlState``).
        public static let server = Kind(name: "server error")
        /// The connection could not be made or was lost.
        public static let connection = Kind(name: "connection error")
        /// A value could not be decoded into the Swift type asked for.
        public static let decoding = Kind(name: "decoding error")
        /// A value could not be encoded, or a query was malformed before it reached the server.
        public static let client = Kind(name: "client error")
        /// The pool had no connection to give within the acquire timeout.
        public static let poolTimeout = Kind(name: "pool timeout")
        /// The pool is closed or closing.
        public static let poolClosed = Kind(name: "pool closed")
        /// The connection is busy with a stream (a row stream or a COPY) that has not finished.
        public static let busy = Kind(name: "connection busy")
    }

    public var kind: Kind
    /// The five-character SQLSTATE, for server errors.
    public var sqlState: String?
    /// The primary, human-readable message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Where the error happened on the server (PL/pgSQL or COPY context, e.g. "COPY t, line 3").
    public var context: String?
    public var schemaName: String?
    public var tableName: String?
    public var columnName: String?
    public var constraintName: String?
    /// 1-based character position of the error in the SQL text, when the server gives one.
    public var position: Int?
    /// The SQL text that failed (with `$n` placeholders; bind values are never kept).
    public var sql: String?

    public init(_ kind: Kind, _ message: String, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = message
        if let sqlState { text = "\(text) (SQLSTATE \(sqlState)" + (constraintName.map { ", constraint \($0)" } ?? "") + ")" }
        return text
    }

    public var debugDescription: String {
        var lines = ["PGError(\(kind)): \(description)"]
        if let detail { lines.append("DETAIL: \(detail)") }
        if let hint { lines.append("HINT: \(hint)") }
        if let context { lines.append("CONTEXT: \(context)") }
        if let tableName { lines.append("TABLE: \([schemaName, tableName].compactMap { $0 }.joined(separator: "."))") }
        if let columnName { lines.append("COLUMN: \(columnName)") }
        if let sql { lines.append("SQL: \(sql)") }
        return lines.joined(separator: "\n")
    }

    /// The line of a failed `COPY … FROM STDIN`, read from the server's context ("COPY t, line 7").
    public var copyLine: Int? {
        guard let context, let range = context.range(of: "line ") else { return nil }
        return Int(context[range.upperBound...].prefix { $0.isNumber })
    }
}

// MARK: - Matching

extension PGError {
    /// True when the SQLSTATE is `code`.
    public func hasSQLState(_ code: String) -> Bool { sqlState == code }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isNotNullViolation: Bool { sqlState == "23502" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isExclusionViolation: Bool { sqlState == "23P01" }
    /// Any integrity constraint violation (class 23).
    public var isIntegrityViolation: Bool { sqlState?.hasPrefix("23") ?? false }
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    public var isSerializationFailure: Bool { sqlState == "40001" }
    public var isDeadlock: Bool { sqlState == "40P01" }
    public var isQueryCanceled: Bool { sqlState == "57014" }
    public var isUndefinedTable: Bool { sqlState == "42P01" }
    /// An error worth retrying the whole transaction for (serialization failure or deadlock).
    public var isTransient: Bool { isSerializationFailure || isDeadlock }
    /// The connection is gone (class 08, admin shutdown 57P01–57P03, or a client-side loss).
    public var isConnectionLoss: Bool {
        kind == .connection || (sqlState?.hasPrefix("08") ?? false) || ["57P01", "57P02", "57P03"].contains(sqlState ?? "")
    }
}

// MARK: - Building from libpq

extension PGError {
    /// The error carried by a failed `PGresult`.
    init(result: OpaquePointer, sql: String?) {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let primary = field(Int32(UInt8(ascii: "M"))) ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        self.init(.server, primary, sql: sql)
        sqlState = field(Int32(UInt8(ascii: "C")))
        detail = field(Int32(UInt8(ascii: "D")))
        hint = field(Int32(UInt8(ascii: "H")))
        context = field(Int32(UInt8(ascii: "W")))
        schemaName = field(Int32(UInt8(ascii: "s")))
        tableName = field(Int32(UInt8(ascii: "t")))
        columnName = field(Int32(UInt8(ascii: "c")))
        constraintName = field(Int32(UInt8(ascii: "n")))
        position = field(Int32(UInt8(ascii: "P"))).flatMap { Int($0) }
        if sqlState == nil { kind = .connection }
    }

    /// The connection's last error message (libpq's `PQerrorMessage`).
    static func connection(_ conn: OpaquePointer?, sql: String? = nil) -> PGError {
        let text = conn.map { String(cString: PQerrorMessage($0)).trimmingTrailingNewlines } ?? "out of memory"
        return PGError(.connection, text.isEmpty ? "connection lost" : text, sql: sql)
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
