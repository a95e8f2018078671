import Foundation
import CLibPQ

/// Where and how to connect: a libpq connection string, in either form libpq accepts.
///
/// - `postgresql://user@host:5432/db?sslmode=require` (URI)
/// - `host=/tmp port=5432 dbname=mtl` (keyword/value)
/// - `""`: everything from the standard `PG*` environment variables (`PGHOST`, `PGPORT`,
///   `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `PGSERVICE`, …) and libpq's defaults.
///
/// `description` hides the password.
public struct PGConnectionConfig: Sendable, Hashable, CustomStringConvertible {
    public var conninfo: String
    /// Sent as `fallback_application_name`, so `pg_stat_activity` shows who is connected.
    public var applicationName: String
    /// How statements marked ``SQL/prepared`` run (see ``PreparedStatements``).
    public var preparedStatements: PreparedStatements = .auto

    /// How statements marked ``SQL/prepared`` run on a connection.
    public enum PreparedStatements: String, Sendable, Hashable, CaseIterable {
        /// Named on a direct connection; unnamed behind a pooler, detected on the first such
        /// statement: the backend the server reports (`pg_backend_pid()`) is not the one the
        /// connection was given at login (a pooler hands out its own cancel keys). PgBouncer in
        /// transaction mode before 1.21 (Debian 12's 1.18) loses named statements between
        /// transactions.
        case auto
        /// Always named, prepared once per connection: direct connections, or PgBouncer 1.21+
        /// with `max_prepared_statements` set.
        case named
        /// Always unnamed (parsed and planned on each run).
        case unnamed
    }

    public init(_ conninfo: String = "", applicationName: String = "mtl") {
        self.conninfo = conninfo
        self.applicationName = applicationName
    }

    /// A keyword/value string from parts, each value quoted as libpq requires.
    public init(host: String? = nil, port: Int? = nil, user: String? = nil, password: String? = nil,
                database: String? = nil, applicationName: String = "mtl") {
        let parts: [(String, String?)] = [
            ("host", host), ("port", port.map(String.init)), ("user", user),
            ("password", password), ("dbname", database),
        ]
        self.init(parts.compactMap { key, value in value.map { "\(key)=\(PGConnectionConfig.quote($0))" } }.joined(separator: " "),
                  applicationName: applicationName)
    }

    /// The same server, another database.
    public func database(_ name: String) -> PGConnectionConfig {
        var copy = self
        copy.conninfo = overriding(["dbname": name])
        return copy
    }

    /// The same server and database, another user (and password, if given).
    public func user(_ name: String, password: String? = nil) -> PGConnectionConfig {
        var copy = self
        var values = ["user": name]
        if let password { values["password"] = password }
        copy.conninfo = overriding(values)
        return copy
    }

    /// The parameters libpq will use (after expanding a URI and the environment), or an error
    /// message when the string does not parse.
    public func resolvedParameters() throws(PGError) -> [String: String] {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0).trimmingTrailingNewlines } ?? "invalid connection string"
            if let error { PQfreemem(error) }
            throw PGError(.connection, "invalid connection string: \(message)")
        }
        defer { PQconninfoFree(options) }
        var result: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val { result[String(cString: keyword)] = String(cString: value) }
            cursor += 1
        }
        return result
    }

    /// Keyword/value form with some parameters replaced; the password is kept (never printed).
    func overriding(_ values: [String: String]) -> String {
        var parameters = (try? resolvedParameters()) ?? [:]
        for (key, value) in values { parameters[key] = value }
        return parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
    }

    var fullConninfo: String {
        let extra = "fallback_application_name=\(Self.quote(applicationName))"
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://") {
            return conninfo + (conninfo.contains("?") ? "&" : "?") + "fallback_application_name=\(applicationName.addingPercentEncodingForURI)"
        }
        return conninfo.isEmpty ? extra : "\(conninfo) \(extra)"
    }

    public var description: String {
        guard let parameters = try? resolvedParameters() else { return "<invalid connection string>" }
        let shown = ["host", "hostaddr", "port", "dbname", "user", "sslmode"]
        return shown.compactMap { key in parameters[key].map { "\(key)=\($0)" } }.joined(separator: " ")
            + (parameters["password"] != nil ? " password=***" : "")
    }

    /// Quotes a keyword/value parameter: single quotes, with `\` and `'` escaped.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

extension String {
    var addingPercentEncodingForURI: String {
        var out = ""
        for byte in utf8 {
            if (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95 || byte == 46 {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
