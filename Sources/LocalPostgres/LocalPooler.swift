import Foundation
import Synchronization

/// A real PgBouncer in front of a ``LocalPostgres`` cluster, for tests: Debian's package,
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

    /// Starts PgBouncer for `database` of `cluster`, connecting to the server over TCP (SCRAM,
    /// passed through from the client's own login). `authFile` is the file `mtl db pooler-auth`
    /// wrote for `authUser`.
    public init(cluster: LocalPostgres, database: String, authUser: String, authFile: URL) throws {
        self.cluster = cluster
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
            logfile = \(directory.appending(path: "pgbouncer.log").path)
            pidfile = \(directory.appending(path: "pgbouncer.pid").path)

            """
        let iniFile = directory.appending(path: "pgbouncer.ini")
        try Data(ini.utf8).write(to: iniFile)
        try cluster.giveToServerUser(iniFile)
        // -d: PgBouncer forks into the background once it listens; this returns then.
        try cluster.run(try Self.binary(), ["-d", iniFile.path], failure: { [directory] in
            (try? String(contentsOf: directory.appending(path: "pgbouncer.log"), encoding: .utf8)) ?? ""
        })
        LocalPooler.stopAtExit(self)
    }

    /// PgBouncer's log so far.
    public var log: String {
        (try? String(contentsOf: directory.appending(path: "pgbouncer.log"), encoding: .utf8)) ?? ""
    }

    /// PgBouncer's version line (`PgBouncer 1.18.0`).
    public static func version() throws -> String {
        let output = FileManager.default.temporaryDirectory.appending(path: "mtl-pgbouncer-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try LocalPostgres.spawnAndWait([try binary().path, "--version"], environment: ["LC_ALL=C"], outputPath: output.path)
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
