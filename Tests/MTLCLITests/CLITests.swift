import Foundation
import PGKit
import Testing
import TestSupport

@Suite("mtl CLI")
struct CLITests {
    @Test("mtl --version")
    func version() throws {
        let output = try MTLProcess.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test("db status, db migrate, db status --format json on a fresh database")
    func migrateAndStatus() async throws {
        try await withTestDatabase(migrated: false) { db in
            let url = db.config.conninfo
            let before = try MTLProcess.run(["db", "status", "--database", url])
            #expect(before.status == 0, "\(before.stderr)")
            #expect(before.stdout.contains("V0001") && before.stdout.contains("pending"))
            let migrate = try MTLProcess.run(["db", "migrate", "--database", url])
            #expect(migrate.status == 0, "\(migrate.stderr)")
            #expect(migrate.stdout.contains("applying sql/migrations/V0001__roles_and_schemas.sql"))
            let again = try MTLProcess.run(["db", "migrate", "--database", url])
            #expect(again.stdout.contains("up to date"))
            let json = try MTLProcess.run(["db", "status", "--database", url, "--format", "json"])
            let states = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            let files = try FileManager.default.subpathsOfDirectory(atPath: packageRoot.appending(path: "sql").path).filter { $0.hasSuffix(".sql") && ($0.hasPrefix("migrations/") || $0.hasPrefix("repeatable/")) }
            #expect(states?.count == files.count)
            #expect(states?.allSatisfy { $0["state"] as? String == "applied" } == true)
            #expect(states?.first?["path"] as? String == "migrations/V0001__roles_and_schemas.sql")
        }
    }

    @Test("the PG* environment variables are used when --database is absent")
    func environment() async throws {
        try await withTestDatabase(migrated: true) { db in
            let parameters = try db.config.resolvedParameters()
            let output = try MTLProcess.run(["db", "status"], environment: [
                "PGHOST": parameters["host"] ?? "", "PGPORT": parameters["port"] ?? "",
                "PGUSER": parameters["user"] ?? "", "PGDATABASE": db.name,
            ])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("up to date"))
        }
    }

    @Test("errors are one clear line on stderr and a non-zero exit")
    func errors() throws {
        let noDatabase = try MTLProcess.run(["db", "status"])
        #expect(noDatabase.status == 1)
        #expect(noDatabase.stderr.hasPrefix("mtl: error: no database given"))
        #expect(noDatabase.stderr.contains("mtl dev up"))
        let unreachable = try MTLProcess.run(["db", "migrate", "--database", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.hasPrefix("mtl: error: cannot connect"))
        #expect(unreachable.stderr.split(separator: "\n").count <= 2)
        let badFormat = try MTLProcess.run(["db", "status", "--format", "xml"])
        #expect(badFormat.status != 0)
        #expect(badFormat.stderr.contains("format"))
    }

    @Test("the systemd unit of a worker verifies (systemd-analyze verify), stops with SIGTERM and waits longer than the grace period")
    func systemdUnit() throws {
        let unit = try String(contentsOf: packageRoot.appending(path: "deploy/systemd/mtl-worker.service"), encoding: .utf8)
        // systemd checks that the program exists: verify a copy that runs the binary under test.
        let copy = FileManager.default.temporaryDirectory.appending(path: "mtl-worker-\(UUID().uuidString.prefix(8)).service")
        defer { try? FileManager.default.removeItem(at: copy) }
        try unit.replacingOccurrences(of: "/usr/local/bin/mtl", with: MTLProcess.binary.path).write(to: copy, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["systemd-analyze", "verify", "--man=no", copy.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && said.isEmpty, "systemd-analyze verify: \(said)")
        func value(_ key: String) -> String? {
            unit.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }
        #expect(value("KillSignal") == "SIGTERM" && value("Restart") == "on-failure")
        let grace = try #require(value("ExecStart")?.components(separatedBy: "--grace-period ").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let timeout = try #require(value("TimeoutStopSec").flatMap { Int($0) })
        #expect(timeout > grace, "TimeoutStopSec \(timeout) must exceed the worker's grace period \(grace)")
    }

    @Test("docker-compose.yml is valid (docker-compose config): postgres, migrate, PgBouncer, a worker that waits longer than its grace period, a BI standby")
    func composeConfig() throws {
        func compose(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = ["docker-compose", "-f", packageRoot.appending(path: "docker-compose.yml").path, "--profile", "bi"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["POSTGRES_PASSWORD": "test-only", "WORKER_PASSWORD": "test-only", "REPLICATION_PASSWORD": "test-only"]) { $1 }
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let check = try compose(["config", "-q"])
        #expect(check.status == 0, "docker-compose config failed; install it with apt-get install -y docker-compose")
        let services = try compose(["config", "--services"]).output.split(separator: "\n").map(String.init)
        #expect(Set(services) == ["postgres", "migrate", "pgbouncer", "worker", "standby"], "\(services)")
        let text = try String(contentsOf: packageRoot.appending(path: "docker-compose.yml"), encoding: .utf8)
        let grace = try #require(text.components(separatedBy: #""--grace-period", ""#).dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        let stop = try #require(text.components(separatedBy: "stop_grace_period: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(stop > grace, "stop_grace_period \(stop) s must exceed the worker's grace period \(grace) s")
        #expect(text.contains("--listen-database") && text.contains("pool_mode") == false)
        let ini = try String(contentsOf: packageRoot.appending(path: "deploy/pgbouncer/pgbouncer.ini"), encoding: .utf8)
        #expect(ini.contains("pool_mode = transaction") && ini.contains("pooler.user_secret($1)"))
        let dockerfile = try String(contentsOf: packageRoot.appending(path: "deploy/Dockerfile"), encoding: .utf8)
        #expect(dockerfile.components(separatedBy: "\nFROM ").count == 3 && dockerfile.contains("\nUSER mtl"), "multi-stage, non-root")
    }
}
