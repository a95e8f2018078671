import Foundation
import Logging
import PGKit

/// Applies the migrations to a database, and reports where it stands.
///
/// - Every file runs in its own transaction, as `mtl_owner`, so every object belongs to it (a
///   file whose first line says `-- mtl:run-as-migrator` runs as the connecting role instead: the
///   first migration, which creates the roles); a file that fails is rolled back whole and stops
///   the run.
/// - Each transaction first takes a transaction-level advisory lock and re-reads the migrations
///   table, so any number of `mtl db migrate` may run at once: each file is applied once.
/// - A versioned file whose checksum differs from the one recorded when it was applied is an
///   error naming the file, found before anything is applied.
public struct Migrator: Sendable {
    public let migrations: MigrationSet
    let logger: Logger

    /// The advisory lock key all migrators share ("mtl.migrate").
    static let lockKey: Int64 = 0x6D74_6C2E_6D69_67

    public init(migrations: MigrationSet, logger: Logger = Logger(label: "mtl.schema")) {
        self.migrations = migrations
        self.logger = logger
    }

    /// The state of every migration, plus rows recorded for files that no longer exist.
    public func status(on connection: PGConnection) async throws -> [MigrationStatus] {
        try await ensureHistoryTable(on: connection)
        let recorded = try await appliedRecords(on: connection)
        var result: [MigrationStatus] = []
        for migration in migrations.all {
            let record = recorded[migration.id]
            let state: MigrationStatus.State
            switch (record, migration.kind) {
            case (nil, _): state = .pending
            case (let record?, _) where record.checksum == migration.checksum: state = .applied
            case (_, .versioned): state = .changed
            case (_, .repeatable): state = .outdated
            }
            result.append(MigrationStatus(id: migration.id, path: migration.path, kind: migration.kind, state: state,
                                          appliedAt: record?.appliedAt, appliedBy: record?.appliedBy))
        }
        let known = Set(migrations.all.map(\.id))
        for (id, record) in recorded.sorted(by: { $0.key < $1.key }) where !known.contains(id) {
            result.append(MigrationStatus(id: id, path: record.path, kind: id.hasPrefix("R__") ? .repeatable : .versioned,
                                          state: .missingFile, appliedAt: record.appliedAt, appliedBy: record.appliedBy))
        }
        return result
    }

    /// Applies what is pending; returns the ids applied by this call (not those another
    /// concurrent migrator applied).
    @discardableResult
    public func migrate(on connection: PGConnection, progress: (@Sendable (Migration) -> Void)? = nil) async throws -> [String] {
        let states = try await status(on: connection)
        let changed = states.filter { $0.state == .changed }.map(\.path)
        guard changed.isEmpty else { throw MigrationError.changedAfterApply(changed) }
        var applied: [String] = []
        for migration in migrations.all {
            applied += try await apply(migration, on: connection, progress: progress)
        }
        if !applied.isEmpty {
            // Statistics for what the migrations made or changed. Without them the planner guesses
            // (a never-analysed table counts as ten pages of rows), and tiny queries under RLS looked
            // expensive enough to be JIT-compiled: seconds for a few rows. Autovacuum keeps them
            // since (V0020 lowers its threshold for the small tables it would otherwise skip).
            let started = ContinuousClock.now
            try await connection.query("ANALYZE")
            logger.info("analyzed", metadata: ["ms": "\((ContinuousClock.now - started).components.seconds * 1000)"])
            // The audit trail's row shapes for every audited table as it now is (V0026), made here
            // rather than by the first statement that writes a changed table, which would hold the
            // new shape's key, and every other writer of that table with it, until it commits.
            if try await connection.fetchValue("SELECT to_regproc('audit.ensure_shapes') IS NOT NULL", as: Bool.self) == true {
                try await connection.transaction { connection in
                    try await connection.setLocalRole("mtl_owner")
                    try await connection.query("SELECT audit.ensure_shapes()")
                }
            }
        }
        return applied
    }

    // MARK: Applying one file

    /// Applies one file in its own transaction, with the repeatable files a versioned one names
    /// (``Migration/thenApply``) in the same transaction, only when the versioned file itself is
    /// applied: a database that had it before takes them at the end, with the other repeatable
    /// files. Returns the ids applied.
    private func apply(_ migration: Migration, on connection: PGConnection, progress: (@Sendable (Migration) -> Void)?) async throws -> [String] {
        try await connection.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            guard try await run(migration, on: connection, progress: progress) else { return [] }
            var applied = [migration.id]
            if migration.kind == .versioned {
                // Run even when current: the versioned file may have dropped what they make (V0038).
                for named in migrations.thenApplied(after: migration)
                where try await run(named, on: connection, progress: progress, evenIfCurrent: true) {
                    applied.append(named.id)
                }
            }
            return applied
        }
    }

    /// Runs one file and records it, unless it is recorded with the same checksum.
    private func run(_ migration: Migration, on connection: PGConnection, progress: (@Sendable (Migration) -> Void)?,
                     evenIfCurrent: Bool = false) async throws -> Bool {
        let recorded = try await connection.fetchValue(
            "SELECT checksum FROM mtl_meta.migration WHERE id = \(migration.id)", as: String.self)
        if recorded == migration.checksum && !(evenIfCurrent && migration.kind == .repeatable) { return false }
        if recorded != nil && migration.kind == .versioned {
            throw MigrationError.changedAfterApply([migration.path])
        }
        progress?(migration)
        let started = ContinuousClock.now
        if !migration.runsAsMigrator { try await connection.setLocalRole("mtl_owner") }
        do {
            try await connection.executeScript(unsafeSQL: migration.sql)
        } catch let error as PGError {
            var message = error.description
            if let position = error.position { message += " (at \(Self.lineAndColumn(of: position, in: migration.sql)))" }
            if let context = error.context { message += "; \(context.split(separator: "\n").first ?? "")" }
            throw MigrationError.failed(path: migration.path, message: message)
        }
        try await connection.query("RESET ROLE")
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try await connection.query("""
            INSERT INTO mtl_meta.migration (id, kind, path, checksum, execution_ms)
            VALUES (\(migration.id), \(migration.kind.rawValue), \(migration.path), \(migration.checksum), \(milliseconds))
            ON CONFLICT (id) DO UPDATE
                SET path = excluded.path, checksum = excluded.checksum, execution_ms = excluded.execution_ms,
                    applied_at = now(), applied_by = session_user
            """)
        logger.info("applied \(migration.path)", metadata: ["ms": "\(milliseconds)"])
        return true
    }

    /// "line L, column C" for a 1-based character position in a script.
    static func lineAndColumn(of position: Int, in text: String) -> String {
        var line = 1, column = 1
        for character in text.prefix(max(0, position - 1)) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    // MARK: The migrations table

    private func ensureHistoryTable(on connection: PGConnection) async throws {
        let exists = try await connection.fetchValue("SELECT to_regclass('mtl_meta.migration') IS NOT NULL", as: Bool.self) ?? false
        if exists { return }
        try await connection.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try await connection.executeScript(unsafeSQL: """
                CREATE SCHEMA IF NOT EXISTS mtl_meta;
                COMMENT ON SCHEMA mtl_meta IS 'Bookkeeping of the mtl migration runner.';
                CREATE TABLE IF NOT EXISTS mtl_meta.migration (
                    id           text PRIMARY KEY,
                    kind         text NOT NULL CHECK (kind IN ('versioned', 'repeatable')),
                    path         text NOT NULL,
                    checksum     text NOT NULL,
                    applied_at   timestamptz NOT NULL DEFAULT now(),
                    applied_by   name NOT NULL DEFAULT session_user,
                    execution_ms integer NOT NULL
                );
                COMMENT ON TABLE mtl_meta.migration IS 'One row per applied SQL file under sql/, with its checksum.';
                """)
        }
    }

    struct Record: Sendable {
        var path: String
        var checksum: String
        var appliedAt: Date
        var appliedBy: String
    }

    private func appliedRecords(on connection: PGConnection) async throws -> [String: Record] {
        let rows = try await connection.fetchAll(
            "SELECT id, path, checksum, applied_at, applied_by FROM mtl_meta.migration ORDER BY id",
            as: (String, String, String, Date, String).self)
        var records: [String: Record] = [:]
        for (id, path, checksum, appliedAt, appliedBy) in rows {
            records[id] = Record(path: path, checksum: checksum, appliedAt: appliedAt, appliedBy: appliedBy)
        }
        return records
    }
}

/// Where one migration stands in a database.
public struct MigrationStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Applied, and the file is unchanged.
        case applied
        /// Not applied yet.
        case pending
        /// A versioned file edited after it was applied: an error until restored.
        case changed
        /// A repeatable file edited since it was applied: it will be applied again.
        case outdated
        /// Recorded as applied, but no such file is built in.
        case missingFile = "missing-file"
    }

    public var id: String
    public var path: String
    public var kind: Migration.Kind
    public var state: State
    public var appliedAt: Date?
    public var appliedBy: String?
}
