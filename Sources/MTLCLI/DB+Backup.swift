import ArgumentParser
import Crypto
import Foundation
import LocalPostgres
import PGKit
import Schema

/// `mtl db backup DIR` and `mtl db restore DIR`: the roles first (they belong to the cluster, and
/// the database's policies and grants name them), then the database in pg_dump's custom format
/// with its own privileges (`--create`), each file in a manifest with its SHA-256.
extension DB {
    /// A backup folder's manifest (`manifest.json`).
    struct Manifest: Codable {
        struct File: Codable { var name: String; var bytes: Int; var sha256: String }
        var database: String
        var createdAt: String
        var serverVersion: String
        var files: [File]
    }

    static func sha256(of url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    /// Runs a PostgreSQL client program (from PATH: Debian's wrappers pick the server's version);
    /// its output goes to `log`. Throws with the program's own words when it fails.
    static func runClient(_ arguments: [String], log: URL) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        let status = try LocalPostgres.spawnAndWait(["/usr/bin/env"] + arguments, environment: environment.map { "\($0.key)=\($0.value)" },
                                                    outputPath: log.path)
        guard status == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw CLIError("\(arguments[0]) failed (exit status \(status))", hint: output.split(separator: "\n").suffix(5).joined(separator: "\n"))
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Back up the database into DIR: its roles (pg_dumpall --roles-only), the database (pg_dump, custom format) and a manifest with checksums.",
            discussion: """
                Run as the database's owner or a superuser (the roles' passwords are read only by a superuser). \
                Restore with: mtl db restore DIR --database URL. See docs/operations.md.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "An empty or new folder.") var directory: String

        func run() async throws {
            let folder = URL(filePath: directory).standardizedFileURL
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !entries.isEmpty {
                throw CLIError("\(folder.path) is not empty", hint: "Back up into a new folder; a backup is never written over another.")
            }
            let (config, _) = try global.connectionConfig()
            let connection = try await global.connect()
            guard let (database, version) = try await connection.fetchOne(
                "SELECT current_database()::text, current_setting('server_version')", as: (String, String).self) else {
                throw CLIError("the server did not say which database this is")
            }
            await connection.close()
            let log = folder.appending(path: "backup.log")
            print("backing up the roles …")
            try DB.runClient(["pg_dumpall", "--roles-only", "--dbname=\(config.conninfo)", "--file=\(folder.appending(path: "roles.sql").path)"], log: log)
            print("backing up \(database) …")
            try DB.runClient(["pg_dump", "--format=custom", "--dbname=\(config.conninfo)", "--file=\(folder.appending(path: "database.dump").path)"], log: log)
            var files: [Manifest.File] = []
            for name in ["roles.sql", "database.dump"] {
                let url = folder.appending(path: name)
                let bytes = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                files.append(Manifest.File(name: name, bytes: bytes, sha256: try DB.sha256(of: url)))
            }
            let manifest = Manifest(database: database, createdAt: ISO8601DateFormatter().string(from: Date()), serverVersion: version, files: files)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: folder.appending(path: "manifest.json"))
            try? FileManager.default.removeItem(at: log)
            print("backed up \(database) into \(folder.path): " + files.map { "\($0.name) (\($0.bytes) bytes)" }.joined(separator: ", "))
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup made by mtl db backup: checksums first, then the roles, then the database (--create, with its privileges), then mtl db check.",
            discussion: """
                --database names a superuser connection to the target cluster's maintenance database (postgres); \
                the backed-up database must not exist there. Roles that exist already are kept.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup folder.") var directory: String

        func run() async throws {
            let folder = URL(filePath: directory).standardizedFileURL
            let manifest: Manifest
            do {
                manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appending(path: "manifest.json")))
            } catch {
                throw CLIError("\(folder.path) holds no readable manifest.json", hint: "Restore a folder written by mtl db backup.")
            }
            for file in manifest.files where try DB.sha256(of: folder.appending(path: file.name)) != file.sha256 {
                throw CLIError("\(file.name) does not match its checksum in manifest.json", hint: "The backup is damaged or was changed: restore another one.")
            }
            let (config, _) = try global.connectionConfig()
            let log = FileManager.default.temporaryDirectory.appending(path: "mtl-restore-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: log) }
            let connection = try await global.connect()
            if try await connection.fetchValue("SELECT count(*) FROM pg_database WHERE datname = \(manifest.database)", as: Int64.self) != 0 {
                await connection.close()
                throw CLIError("a database \(manifest.database) exists already on the target", hint: "Restore into a cluster without it, or drop it first.")
            }
            // Roles first: existing ones are kept (psql goes on past "already exists").
            let before = try await connection.fetchValue("SELECT count(*) FROM pg_roles", as: Int64.self) ?? 0
            try DB.runClient(["psql", "--no-psqlrc", "--quiet", "--dbname=\(config.conninfo)", "--file=\(folder.appending(path: "roles.sql").path)"], log: log)
            let after = try await connection.fetchValue("SELECT count(*) FROM pg_roles", as: Int64.self) ?? 0
            await connection.close()
            print("restored the roles: \(after - before) created, the others existed")
            // Row security stays on: the scorecards' materialized views are refreshed as their owner, whose
            // tables force it (with it off, PostgreSQL refuses such a query instead of applying the policy).
            try DB.runClient(["pg_restore", "--create", "--exit-on-error", "--enable-row-security", "--dbname=\(config.conninfo)",
                              folder.appending(path: "database.dump").path], log: log)
            print("restored \(manifest.database) (backed up \(manifest.createdAt))")
            let restored = try await PGConnection.connect(config.database(manifest.database))
            let violations = try await SecurityCheck.run(on: restored)
            await restored.close()
            for violation in violations { print("\(violation.check): \(violation.object) \(violation.problem)\n    fix: \(violation.fix)") }
            print(violations.isEmpty ? "mtl db check: every security invariant holds" : "mtl db check: \(violations.count) problem(s)")
            if !violations.isEmpty { throw ExitCode(1) }
        }
    }
}
