import Crypto
import Foundation

/// One SQL file under `sql/`: a versioned migration (`migrations/V0001__name.sql`, applied once,
/// in order) or a repeatable one (`repeatable/R__name.sql`, applied again whenever it changes,
/// after the versioned ones).
public struct Migration: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case versioned, repeatable
    }

    public let kind: Kind
    /// The version of a versioned migration.
    public let version: Int?
    /// The description part of the name, e.g. `roles_and_schemas`.
    public let name: String
    /// The path under `sql/`, e.g. `migrations/V0001__roles_and_schemas.sql`.
    public let path: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String

    /// Whether the file runs as the connecting role instead of `mtl_owner`: its first line says
    /// `-- mtl:run-as-migrator`. Only for setup the owner can't do itself (creating roles).
    public var runsAsMigrator: Bool {
        sql.prefix { $0 != "\n" }.contains("mtl:run-as-migrator")
    }

    /// The repeatable files a versioned file needs current as soon as it is applied, named on its
    /// lines `-- mtl:then-apply R__name`: a migration that changes what a repeatable function
    /// writes to (V0026 and audit.capture), so that the versioned files after it, which run before
    /// the repeatable ones, do not call the old body; or that drops what a repeatable file makes
    /// (V0038 and the audit.event view). They run in the migration's transaction, only when it is
    /// applied, even when they are current; so a file named here must create nothing that needs a
    /// later migration.
    public var thenApply: [String] {
        sql.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.hasPrefix("-- mtl:then-apply ") else { return nil }
            return line.dropFirst("-- mtl:then-apply ".count).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The key recorded in the migrations table: `V0001` or `R__name`.
    public var id: String {
        switch kind {
        case .versioned: "V" + String(format: "%04d", version ?? 0)
        case .repeatable: "R__" + name
        }
    }

    /// Parses a file's name. Throws a ``MigrationError`` naming the file when the name is not
    /// one of the two accepted forms.
    public init(path: String, sql: String) throws(MigrationError) {
        let file = (path as NSString).lastPathComponent
        guard file.hasSuffix(".sql") else { throw .badFileName(path) }
        let stem = String(file.dropLast(4))
        if stem.hasPrefix("R__") {
            kind = .repeatable
            version = nil
            name = String(stem.dropFirst(3))
        } else if stem.hasPrefix("V"), let separator = stem.range(of: "__"),
                  let number = Int(stem[stem.index(after: stem.startIndex)..<separator.lowerBound]), number > 0 {
            kind = .versioned
            version = number
            name = String(stem[separator.upperBound...])
        } else {
            throw .badFileName(path)
        }
        guard !name.isEmpty else { throw .badFileName(path) }
        self.path = path
        self.sql = sql
        checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The migrations to apply: versioned in version order, then repeatable in name order.
public struct MigrationSet: Sendable {
    public let versioned: [Migration]
    public let repeatable: [Migration]
    public var all: [Migration] { versioned + repeatable }
    private let repeatableByID: [String: Migration]

    /// The repeatable files a versioned file names (``Migration/thenApply``), in its order.
    public func thenApplied(after migration: Migration) -> [Migration] {
        migration.thenApply.compactMap { repeatableByID[$0] }
    }

    public init(_ migrations: [Migration]) throws(MigrationError) {
        var seen: [Int: String] = [:]
        for migration in migrations where migration.kind == .versioned {
            if let other = seen[migration.version!] { throw .duplicateVersion(migration.path, other) }
            seen[migration.version!] = migration.path
        }
        versioned = migrations.filter { $0.kind == .versioned }.sorted { $0.version! < $1.version! }
        repeatable = migrations.filter { $0.kind == .repeatable }.sorted { $0.name < $1.name }
        repeatableByID = Dictionary(uniqueKeysWithValues: repeatable.map { ($0.id, $0) })
        for migration in versioned {
            for id in migration.thenApply where repeatableByID[id] == nil { throw .unknownThenApply(migration.path, id) }
        }
    }

    /// The SQL files built into the binary (everything under `sql/` when it was built).
    public static func embedded() throws(MigrationError) -> MigrationSet {
        var migrations: [Migration] = []
        for file in embeddedSQLFiles { migrations.append(try Migration(path: file.path, sql: file.contents)) }
        return try MigrationSet(migrations)
    }

    /// The SQL files under a directory laid out like `sql/` (`migrations/`, `repeatable/`).
    public static func directory(_ root: URL) throws -> MigrationSet {
        var migrations: [Migration] = []
        for folder in ["migrations", "repeatable"] {
            let url = root.appending(path: folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".sql") {
                let text = try String(contentsOf: url.appending(path: file), encoding: .utf8)
                migrations.append(try Migration(path: "\(folder)/\(file)", sql: text))
            }
        }
        return try MigrationSet(migrations)
    }
}

/// A migration problem a person can act on; each message names the file.
public enum MigrationError: Error, Sendable, CustomStringConvertible, Equatable {
    case badFileName(String)
    case duplicateVersion(String, String)
    case changedAfterApply([String])
    case failed(path: String, message: String)
    case unknownThenApply(String, String)

    public var description: String {
        switch self {
        case .badFileName(let path):
            "sql/\(path): not a migration name; use migrations/V0001__description.sql or repeatable/R__description.sql"
        case .duplicateVersion(let one, let other):
            "sql/\(one) and sql/\(other) have the same version; give one of them the next free number"
        case .changedAfterApply(let paths):
            "applied migration\(paths.count == 1 ? "" : "s") changed since \(paths.count == 1 ? "it was" : "they were") applied: "
                + paths.map { "sql/\($0)" }.joined(separator: ", ")
                + ". Restore the original file\(paths.count == 1 ? "" : "s") and put the change in a new migration."
        case .failed(let path, let message):
            "sql/\(path) failed and was rolled back: \(message)"
        case .unknownThenApply(let path, let id):
            "sql/\(path) says mtl:then-apply \(id), but there is no sql/repeatable/\(id).sql; name an existing repeatable file"
        }
    }
}
