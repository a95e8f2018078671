import Foundation
import Synchronization

/// A real PgBouncer in front of a ``LocalPostgres`` cluster, for tests: Debian's package (or a given build),
/// listening on a free loopback port, in transaction mode, looking people up with `auth_query`
/// through a lookup login (set up by `mtl db pooler-auth`). ``stop()`` ends it and removes its
/// folder; it also stops when the test process exits.
public final class LocalPooler: Sendable {
    /// The loopback port clients connect to.
    public let port: Int
    /// The folder with `pgbouncer.ini`, its log and its pid file.
    public let directory: URL
    let cluster: LocalPostgres

    /// PgBouncer's program: `/usr/sbin/pgbouncer` (Debian) or the first on `PATH`.
    public static func binary() throws -> URL {
        let paths = ["/usr/sbin/pgbouncer"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pgbouncer" }
        guard let path = paths.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw LocalPostgresError("PgBouncer is not installed (apt-get install pgbouncer; scripts/ensure-deps.sh installs it)")
        }
        return URL(filePath: path)
    }

    /// The PgBouncer that `scripts/pgbouncer-current.sh` builds from Debian 13's source package
    /// (1.21 or later, with protocol-level prepared statements), in the package's `.build`.
    public static func currentBinary(packageRoot: URL) throws -> URL {
        let program = packageRoot.appending(path: ".build/pgbouncer-trixie/bin/pgbouncer")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw LocalPostgresError("\(program.path) is missing: scripts/pgbouncer-current.sh builds it (make test runs it)")
        }
        return program
    }

    /// The program this pooler runs.
    public let program: URL

    /// Starts PgBouncer for `database` of `cluster`, connecting to the server over TCP (SCRAM,
    /// passed through from the client's own login). `authFile` is the file `mtl db pooler-auth`
    /// wrote for `authUser`. `program` is Debian's package unless given; `maxPreparedStatements`
    /// sets PgBouncer 1.21+'s protocol-level prepared statements (0: off; 1.22+ has 200 by default,
    /// 1.18 has no such setting). `adminUser` may use PgBouncer's console (``console(_:user:password:)``).
    public init(cluster: LocalPostgres, database: String, authUser: String, authFile: URL,
                program: URL? = nil, maxPreparedStatements: Int? = nil, adminUser: String? = nil) throws {
        self.cluster = cluster
        self.program = try program ?? Self.binary()
        port = try LocalPostgres.freePort()
        directory = LocalPostgres.temporaryRoot.appending(path: "pooler-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
        try LocalPostgres.prepare(LocalPostgres.temporaryRoot, owner: nil, mode: 0o755)
        try LocalPostgres.prepare(directory, owner: cluster.runAs, mode: 0o700)
        let users = directory.appending(path: "userlist.txt")
        try FileManager.default.copyItem(at: authFile, to: users)
        try cluster.giveToServerUser(users)
        let ini = """
            ;; Written by mtl's LocalPooler for a test.
            [databases]
            \(database) = host=127.0.0.1 port=\(cluster.port) dbname=\(database) auth_user=\(authUser)

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = \(users.path)
            auth_query = SELECT username, password FROM pooler.user_secret($1)
            pool_mode = transaction
            max_client_conn = 500
            default_pool_size = 20
            \(maxPreparedStatements.map { "max_prepared_statements = \($0)" } ?? "")
            \(adminUser.map { "admin_users = \($0)" } ?? "")
            logfile = \(directory.appending(path: "pgbouncer.log").path)
            pidfile = \(directory.appending(path: "pgbouncer.pid").path)

            """
        let iniFile = directory.appending(path: "pgbouncer.ini")
        try Data(ini.utf8).write(to: iniFile)
        try cluster.giveToServerUser(iniFile)
        // -d: PgBouncer forks into the background once it listens; this returns then.
        try cluster.run(self.program, ["-d", iniFile.path], failure: { [directory] in
            (try? String(contentsOf: directory.appending(path: "pgbouncer.log"), encoding: .utf8)) ?? ""
        })
        LocalPooler.stopAtExit(self)
    }

    /// A command of PgBouncer's admin console (`SHOW SERVERS`, say) as `user`, one of its
    /// `admin_users` in its auth file, through psql (the console speaks the simple protocol only):
    /// psql's unaligned output, a header line first.
    public func console(_ command: String, user: String, password: String) throws -> String {
        let output = directory.appending(path: "console-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try LocalPostgres.spawnAndWait(
            [try ServerBinaries.find().psql.path, "-X", "-A", "-v", "ON_ERROR_STOP=1", "-c", command,
             "host=127.0.0.1 port=\(port) dbname=pgbouncer user=\(user)"],
            environment: ["LC_ALL=C", "PGPASSWORD=\(password)"], outputPath: output.path)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw LocalPostgresError("PgBouncer's console refused \(command): \(text)") }
        return text
    }

    /// PgBouncer's log so far.
    public var log: String {
        (try? String(contentsOf: directory.appending(path: "pgbouncer.log"), encoding: .utf8)) ?? ""
    }

    /// PgBouncer's version line (`PgBouncer 1.18.0`), of Debian's package unless given another program.
    public static func version(of program: URL? = nil) throws -> String {
        let output = FileManager.default.temporaryDirectory.appending(path: "mtl-pgbouncer-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try LocalPostgres.spawnAndWait([try (program ?? binary()).path, "--version"], environment: ["LC_ALL=C"], outputPath: output.path)
        return ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Stops PgBouncer (SIGTERM to the pid in its pid file, then waits for it) and removes its folder.
    public func stop() {
        let pidFile = directory.appending(path: "pgbouncer.pid")
        if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGTERM)
            for _ in 0..<100 where LocalPostgres.processExists(pid) { usleep(50_000) }
            if LocalPostgres.processExists(pid) { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static let exitList = Mutex<[LocalPooler]>([])

    static func stopAtExit(_ pooler: LocalPooler) {
        let first = exitList.withLock { list in
            list.append(pooler)
            return list.count == 1
        }
        if first { atexit { for pooler in LocalPooler.exitList.withLock({ $0 }) { pooler.stop() } } }
    }
}
