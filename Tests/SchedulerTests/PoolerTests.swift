import Foundation
import LocalPostgres
import PGKit
import Testing
import TestSupport

/// A real PgBouncer in transaction mode in front of the test cluster — Debian 12's package, 1.18,
/// without protocol-level prepared statements, and Debian 13's 1.24 built from its source package,
/// with them: people are looked up with `auth_query` (set up by `mtl db pooler-auth`), the CLI and
/// workers work through it, and a worker with a direct listener is woken by notifications while
/// one without says it polls.
@Suite("through PgBouncer", .serialized)
struct PoolerTests {
    /// Probe jobs run to completion (each inserts its row in the job's transaction).
    static func probesRun(_ db: PGConnection) async throws -> Int64? {
        try await db.fetchValue("SELECT count(*) FROM scheduler.probe", as: Int64.self)
    }

    /// ``eventually(_:limit:_:)`` that shows the worker's log when it gives up.
    static func waitFor(_ worker: WorkerProcess, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                        _ condition: () async throws -> Bool) async throws {
        do {
            try await eventually(what, limit: .seconds(60), sourceLocation: sourceLocation, condition)
        } catch {
            Issue.record("\(worker.id)'s log: \(worker.output.suffix(4000))", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func mtl(_ arguments: [String], input: String? = nil) throws -> MTLProcess.Output {
        try MTLProcess.run(arguments, stdin: input)
    }

    /// A worker whose poll interval is an hour answers its listener probe, then completes 300
    /// probe jobs and three later batches of 20, each found through a wake-up.
    static func completesProbesWhenWoken(_ worker: WorkerProcess, _ db: PGConnection,
                                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await waitFor(worker, "the listener probe answered", sourceLocation: sourceLocation) {
            worker.output.contains("wake-ups by notification work")
        }
        _ = try await db.enqueueProbes(300)
        try await waitFor(worker, "300 jobs completed through the pooler", sourceLocation: sourceLocation) { try await probesRun(db) == 300 }
        for _ in 0..<3 {
            _ = try await db.enqueueProbes(20)
            try await Task.sleep(for: .milliseconds(200))
        }
        try await waitFor(worker, "the later jobs completed, woken each time", sourceLocation: sourceLocation) { try await probesRun(db) == 360 }
    }

    /// The lookup role's password, as `mtl db pooler-auth` wrote it into PgBouncer's auth file.
    static func lookupPassword(_ authFile: URL) throws -> String {
        try #require(String(contentsOf: authFile, encoding: .utf8).split(separator: " ").last?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"\n")))
    }

    /// A worker's log names no prepared statement that already exists (42P05) or is missing
    /// (26000), and no error at all.
    static func expectNoStatementErrors(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.contains("SQLSTATE 42P05") && !output.contains("SQLSTATE 26000") && !output.contains("+0000 error "),
                "\(output.suffix(3000))", sourceLocation: sourceLocation)
    }

    /// The connection string of `user` through `pooler` to the fixture's database.
    static func through(_ pooler: LocalPooler, _ fixture: TenancyFixture) -> @Sendable (String) -> String {
        { [port = pooler.port, database = fixture.database.name] user in
            PGConnectionConfig(host: "127.0.0.1", port: port, user: user, password: TenancyFixture.password, database: database).conninfo
        }
    }

    @Test("auth_query finds people added through the pooler at once; the CLI and workers work through it; the direct listener keeps wake-ups")
    func throughPgBouncer() async throws {
        try await withTenancy { fixture in
            let cluster = try #require(try await TestServer.shared.cluster(), "needs the tests' own cluster")
            let folder = try makeTemporaryDirectory("mtl-pooler")
            defer { try? FileManager.default.removeItem(at: folder) }
            let authFile = folder.appending(path: "userlist.txt")
            let lookup = fixture.role("pooler")
            let superuser = fixture.database.config.conninfo

            // The lookup is set up by a superuser; a person may not do it.
            let admin = try await fixture.createUser("admin", "admin", unit: "HQ")
            var result = try Self.mtl(["db", "pooler-auth", "--role", lookup, "--auth-file", authFile.path, "--database", fixture.config(as: admin).conninfo])
            #expect(result.status != 0 && result.stderr.contains("superuser"), "\(result.stderr)")
            result = try Self.mtl(["db", "pooler-auth", "--role", lookup, "--auth-file", authFile.path, "--database", superuser])
            #expect(result.status == 0 && result.stdout.contains("auth_query"), "\(result.stderr)")
            let mode = try FileManager.default.attributesOfItem(atPath: authFile.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // Run again, it keeps the password in the file; --rotate gives a new one.
            let first = try String(contentsOf: authFile, encoding: .utf8)
            result = try Self.mtl(["db", "pooler-auth", "--role", lookup, "--auth-file", authFile.path, "--database", superuser])
            let kept = try String(contentsOf: authFile, encoding: .utf8)
            #expect(result.status == 0 && result.stdout.contains("kept the password") && kept == first, "\(result.stdout)\(result.stderr)")
            result = try Self.mtl(["db", "pooler-auth", "--role", lookup, "--auth-file", authFile.path, "--rotate", "--database", superuser])
            let rotated = try String(contentsOf: authFile, encoding: .utf8)
            #expect(result.status == 0 && rotated != first, "\(result.stderr)")
            // The lookup breaks none of the security invariants.
            result = try Self.mtl(["db", "check", "--database", superuser])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

            // What the lookup role may learn: a person's verifier, nothing for others; nothing else at all.
            let db = try await fixture.database.connect()
            let password = try Self.lookupPassword(authFile)
            let asLookup = try await PGConnection.connect(fixture.database.config.user(lookup, password: password), logger: quietLogger("pgkit"))
            let bi = try await fixture.createUser("bi", "bi", unit: "DE")
            for person in [admin, bi] {
                #expect(try await asLookup.fetchValue("SELECT count(*) FROM pooler.user_secret(\(person))", as: Int64.self) == 1, "\(person)")
            }
            // A login that may not connect here, and a person's account given BYPASSRLS.
            let stranger = fixture.role("stranger"), bypass = try await fixture.createUser("bypass", "editor", unit: "DE")
            try await db.execute("CREATE ROLE \(identifier: stranger) LOGIN PASSWORD 'stranger'")
            try await db.execute("ALTER ROLE \(identifier: bypass) BYPASSRLS")
            for nobody in [lookup, stranger, bypass, "postgres", "mtl_owner", "mtl_admin", "mtl_login",
                           try #require(try await db.fetchValue("SELECT current_user::text", as: String.self))] {
                #expect(try await asLookup.fetchValue("SELECT count(*) FROM pooler.user_secret(\(nobody))", as: Int64.self) == 0, "\(nobody)")
            }
            await expectRefusal("42501", "permission denied") { _ = try await asLookup.query("SELECT count(*) FROM org.unit") }
            await expectRefusal("42501", "permission denied") { _ = try await asLookup.query("SELECT count(*) FROM pg_authid") }
            await asLookup.close()

            let pooler = try LocalPooler(cluster: cluster, database: fixture.database.name, authUser: lookup, authFile: authFile)
            defer { pooler.stop() }
            let version = try LocalPooler.version()
            let through = Self.through(pooler, fixture)
            // A person added through the pooler logs in through it at once: no auth file to update.
            let anna = fixture.role("anna")
            result = try Self.mtl(["user", "add", anna, "--role", "editor", "--unit", "DE", "--bu", "CARRIER", "--password-stdin",
                                   "--database", through(admin)], input: TenancyFixture.password + "\n")
            #expect(result.status == 0, "\(version): \(result.stderr)")
            let leads = folder.appending(path: "leads.csv")
            try Data("company,contact_name,email,channel\nDeutsche Bahn,Anna Weber,anna@db.example,web\nSiemens,Jan Roth,jan@siemens.example,event\n".utf8).write(to: leads)
            for arguments in [["org", "list"], ["bu", "list"],
                              ["segment", "add", "DE/RAIL", "--bu", "CARRIER", "--name", "Rail operators", "--industry", "Transport", "--customer-type", "Operator",
                               "--solution-line", "Railway communication", "--horizon", "H1"],
                              ["segment", "list"], ["lead", "import", leads.path, "--unit", "DE", "--bu", "CARRIER"], ["lead", "list"], ["lead", "summary"],
                              ["lead", "export", "--format", "csv"]] {
                result = try Self.mtl(arguments + ["--database", through(anna)])
                #expect(result.status == 0, "\(version) \(arguments): \(result.stderr)")
            }
            #expect(try Self.mtl(["lead", "list", "--database", through(anna)]).stdout.contains("Deutsche Bahn"))
            result = try Self.mtl(["audit", "log", "--database", through(admin)])
            #expect(result.status == 0 && result.stdout.contains("lead"), "\(result.stderr)")

            // A worker through the pooler with a direct listener: woken by notifications (its poll
            // interval is an hour, so a job that completes was found through a wake-up).
            let worker = try await fixture.createUser("worker", "scheduler", unit: "HQ")
            let direct = fixture.config(as: worker).conninfo
            let listening = try WorkerProcess(database: through(worker), id: "pooled-listening",
                                              arguments: ["--listen-database", direct, "--poll-interval", "3600", "--concurrency", "4"])
            defer { Task { await listening.stop() } }
            try await Self.completesProbesWhenWoken(listening, db)
            #expect(!listening.output.contains("fall back to polling"), "\(listening.output.suffix(2000))")
            // Debian's PgBouncer 1.18 has no prepared statements in transaction mode: detected, run unnamed.
            #expect(listening.output.contains("connected through a pooler"), "\(listening.output.suffix(2000))")

            // Without a direct listener it says at start that it polls, and still does the work.
            listening.signal(SIGTERM)
            #expect(await listening.waitForExit() == 0, "\(listening.output.suffix(2000))")
            let polling = try WorkerProcess(database: through(worker), id: "pooled-polling", arguments: ["--poll-interval", "0.5"])
            defer { Task { await polling.stop() } }
            try await Self.waitFor(polling, "the worker said wake-ups fall back to polling") { polling.output.contains("wake-ups fall back to polling") }
            #expect(polling.output.contains("--listen-database"))
            _ = try await db.enqueueProbes(40)
            try await Self.waitFor(polling, "the jobs completed by polling") { try await Self.probesRun(db) == 400 }
            polling.signal(SIGTERM)
            #expect(await polling.waitForExit() == 0, "\(polling.output.suffix(2000))")
            for output in [listening.output, polling.output] {
                Self.expectNoStatementErrors(output)
            }
            #expect(try await db.fetchValue("SELECT count(*) FROM scheduler.probe", as: Int64.self) == 400)
            await db.close()
        }
    }

    /// PgBouncer 1.21+ keeps prepared statements per client across transactions
    /// (`max_prepared_statements`): Debian 13's, built from its source package by
    /// `scripts/pgbouncer-current.sh` (make test runs it), since Debian 12 ships 1.18.
    @Test("through PgBouncer 1.21+ with max_prepared_statements, a worker keeps its statements named and the CLI works")
    func throughPgBouncerWithPreparedStatements() async throws {
        try await withTenancy { fixture in
            let cluster = try #require(try await TestServer.shared.cluster(), "needs the tests' own cluster")
            let program = try LocalPooler.currentBinary(packageRoot: packageRoot)
            let version = try LocalPooler.version(of: program)
            let release = try #require(version.split(separator: " ").last.map { $0.split(separator: ".").compactMap { Int($0) } })
            #expect(release.lexicographicallyPrecedes([1, 21]) == false, "\(version)")
            let folder = try makeTemporaryDirectory("mtl-pooler-current")
            defer { try? FileManager.default.removeItem(at: folder) }
            let authFile = folder.appending(path: "userlist.txt")
            let lookup = fixture.role("pooler")
            let result = try Self.mtl(["db", "pooler-auth", "--role", lookup, "--auth-file", authFile.path,
                                       "--database", fixture.database.config.conninfo])
            #expect(result.status == 0, "\(result.stderr)")
            let pooler = try LocalPooler(cluster: cluster, database: fixture.database.name, authUser: lookup, authFile: authFile,
                                         program: program, maxPreparedStatements: 200, adminUser: lookup)
            defer { pooler.stop() }
            let through = Self.through(pooler, fixture)

            let editor = try await fixture.createUser("editor", "editor", unit: "DE")
            let leads = folder.appending(path: "leads.csv")
            try Data("company,contact_name,email,channel\nDeutsche Bahn,Anna Weber,anna@db.example,web\n".utf8).write(to: leads)
            for arguments in [["org", "list"], ["lead", "import", leads.path, "--unit", "DE"], ["lead", "list"], ["lead", "summary"]] {
                let result = try Self.mtl(arguments + ["--database", through(editor)])
                #expect(result.status == 0, "\(version) \(arguments): \(result.stderr)")
            }

            // Named statements through the pooler: under 1.18 the second transaction's execute
            // fails (26000); here every job completes, woken by notifications on the direct listener.
            let db = try await fixture.database.connect()
            let worker = try await fixture.createUser("worker", "scheduler", unit: "HQ")
            let named = try WorkerProcess(database: through(worker), id: "pooled-named",
                                          arguments: ["--prepared-statements", "named", "--listen-database", fixture.config(as: worker).conninfo,
                                                      "--poll-interval", "3600", "--concurrency", "4"])
            defer { Task { await named.stop() } }
            try await Self.completesProbesWhenWoken(named, db)
            named.signal(SIGTERM)
            #expect(await named.waitForExit() == 0, "\(named.output.suffix(2000))")
            #expect(!named.output.contains("connected through a pooler"), "named is not switched off: \(named.output.suffix(2000))")
            Self.expectNoStatementErrors(named.output)
            // They really were prepared: PgBouncer's server connections hold them (SHOW SERVERS).
            let password = try Self.lookupPassword(authFile)
            let servers = try pooler.console("SHOW SERVERS", user: lookup, password: password)
                .split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            let column = try #require(servers.first?.firstIndex(of: "prepared_statements"), "\(servers.first ?? [])")
            let prepared = servers.dropFirst().filter { $0.count == servers[0].count }.compactMap { Int($0[column]) }.reduce(0, +)
            #expect(prepared > 0, "\(servers)")
            await db.close()
        }
    }
}
