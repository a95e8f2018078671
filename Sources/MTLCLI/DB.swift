import ArgumentParser
import Foundation
import PGKit
import Schema

/// `mtl db …`: the schema.
struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate the database, show its migration status, check its security invariants, back it up and restore it, set up the pooler's lookup.",
        subcommands: [Migrate.self, Status.self, Check.self, Backup.self, Restore.self, PoolerAuth.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations (safe to run from several places at once).",
            discussion: """
                Versioned files (sql/migrations/V0001__name.sql) are applied once, in order; \
                repeatable files (sql/repeatable/R__name.sql) are applied again whenever they \
                change. Each file runs in its own transaction. The SQL is built into mtl.
                """)

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let connection = try await global.connect()
            let migrator = Migrator(migrations: try MigrationSet.embedded())
            let applied = try await migrator.migrate(on: connection) { migration in
                print("applying sql/\(migration.path)")
            }
            await connection.close()
            print(applied.isEmpty
                ? "database is up to date (\(migrator.migrations.all.count) migrations)"
                : "applied \(applied.count) migration\(applied.count == 1 ? "" : "s"); database is up to date")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each migration: applied, pending, changed, outdated or missing-file.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        func run() async throws {
            let connection = try await global.connect()
            let states = try await Migrator(migrations: try MigrationSet.embedded()).status(on: connection)
            await connection.close()
            switch format {
            case .json:
                print(OutputFormat.json(states.json))
            case .csv:
                try format.print(states)
            case .table:
                let rows = states.map { state in
                    [state.id, "sql/" + state.path, state.state.rawValue,
                     state.appliedAt.map { OutputFormat.timestamp($0) } ?? "", state.appliedBy ?? ""]
                }
                print(OutputFormat.table(header: ["ID", "FILE", "STATE", "APPLIED AT", "BY"], rows: rows))
                let pending = states.filter { $0.state == .pending || $0.state == .outdated }.count
                let changed = states.filter { $0.state == .changed }.count
                if changed > 0 { print("\(changed) applied file(s) changed: restore them and add a new migration instead") }
                print(pending == 0 ? "up to date" : "\(pending) to apply: run `mtl db migrate`")
                if pending == 0 && changed == 0 {
                    let connection = try await global.connect()
                    let violations = try await SecurityCheck.run(on: connection)
                    await connection.close()
                    print(violations.isEmpty ? "security check: every invariant holds"
                          : "security check FAILED: \(violations.count) problem(s); see them with `mtl db check`")
                    if !violations.isEmpty { throw ExitCode(1) }
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the security invariants: roles, table owners, row-level security and policies, SECURITY DEFINER functions, BI logins, the database's privileges.",
            discussion: """
                Lists every violation with what to do, and exits 1 when there is one. A database \
                restored onto a new cluster without its roles (pg_dumpall --roles-only first) has \
                no policies and belongs to whoever restored it, yet migrates as up to date: this \
                finds it. See docs/operations.md for backup and restore.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        func run() async throws {
            let connection = try await global.connect()
            let violations = try await SecurityCheck.run(on: connection)
            await connection.close()
            switch format {
            case .json: print(OutputFormat.json(violations.json))
            case .csv: try format.print(violations)
            case .table:
                for violation in violations {
                    print("\(violation.check): \(violation.object) \(violation.problem)\n    fix: \(violation.fix)")
                }
                print(violations.isEmpty ? "every security invariant holds"
                      : "\(violations.count) problem(s): the database is not safe to use until they are fixed")
            }
            if !violations.isEmpty { throw ExitCode(1) }
        }
    }
}
