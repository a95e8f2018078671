import Foundation
import Logging
import PGKit
import Synchronization

/// A private PostgreSQL cluster on this machine, for tests, benchmarks and the demo.
///
/// It runs from the installed server binaries, in its own directory, listening on a unix socket
/// in that directory and on a free loopback port (password-protected; the socket is trusted but
/// only its owner can reach it). As root it runs the server as the `postgres` OS user, because
/// PostgreSQL refuses to run as root. Durability is traded for speed (`fsync = off`): the data is
/// meant to be thrown away.
///
/// - A **temporary** cluster (no directory given) lives under `$TMPDIR/mtl-localpg-<uid>/` and is
///   removed by ``stop()``; one left behind by a crashed process is found, stopped and removed by
///   the next ``start(directory:logger:)``.
/// - A **kept** cluster (a directory given, e.g. `.mtl/postgres`) survives ``stop()`` and is reused
///   by the next start.
public final class LocalPostgres: Sendable {
    /// The cluster's directory: `data/`, `server.log`, `password`, and for temporary clusters
    /// `owner.pid`.
    public let directory: URL
    public let isTemporary: Bool
    public let superuser = "postgres"
    let binaries: ServerBinaries
    let runAs: String?
    let logger: Logger
    let state: Mutex<(port: Int, running: Bool)>

    public var port: Int { state.withLock { $0.port } }
    public var isRunning: Bool { state.withLock { $0.running } }
    public var dataDirectory: URL { directory.appending(path: "data") }
    public var logFile: URL { directory.appending(path: "server.log") }
    /// Where the unix socket lives (the cluster directory, or a short path under /tmp when the
    /// directory's path is too long for a socket name).
    public let socketDirectory: String

    /// The superuser password, for TCP connections.
    public var password: String {
        (try? String(contentsOf: directory.appending(path: "password"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Connection settings for `database` over the unix socket, as the superuser.
    public func config(database: String = "postgres") -> PGConnectionConfig {
        PGConnectionConfig(host: socketDirectory, port: port, user: superuser, database: database)
    }

    /// Connection settings over TCP on 127.0.0.1, with the password.
    public func tcpConfig(database: String = "postgres") -> PGConnectionConfig {
        PGConnectionConfig(host: "127.0.0.1", port: port, user: superuser, password: password, database: database)
    }

    /// `postgresql://` URI over the unix socket (for `--database`, psql and other tools).
    public func uri(database: String = "postgres") -> String {
        "postgresql://\(superuser)@/\(database)?host=\(socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketDirectory)&port=\(port)"
    }

    init(directory: URL, isTemporary: Bool, binaries: ServerBinaries, runAs: String?, logger: Logger) {
        self.directory = directory
        self.isTemporary = isTemporary
        self.binaries = binaries
        self.runAs = runAs
        self.logger = logger
        let socketName = directory.path + "/.s.PGSQL.65535"
        if socketName.utf8.count < 100 {
            socketDirectory = directory.path
        } else {
            var hasher = Hasher()
            hasher.combine(directory.path)
            socketDirectory = "/tmp/mtl-sock-\(String(UInt64(bitPattern: Int64(hasher.finalize())), radix: 36))"
        }
        state = Mutex((port: 0, running: false))
    }

    // MARK: Starting

    /// Starts a cluster: a new temporary one, or the one kept in `directory` (created on first
    /// use; if its server is already running it is reused).
    public static func start(directory: URL? = nil, logger: Logger = Logger(label: "mtl.localpostgres")) throws -> LocalPostgres {
        let binaries = try ServerBinaries.find()
        let runAs = try serverUser()
        let clusterDirectory: URL
        if let directory {
            clusterDirectory = directory.standardizedFileURL
        } else {
            let root = temporaryRoot
            try prepare(root, owner: nil, mode: 0o755)
            reapAbandoned(in: root, binaries: binaries, runAs: runAs, logger: logger)
            clusterDirectory = root.appending(path: "cluster-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
        }
        let cluster = LocalPostgres(directory: clusterDirectory, isTemporary: directory == nil, binaries: binaries, runAs: runAs, logger: logger)
        try cluster.initializeIfNeeded()
        if cluster.isTemporary {
            try Data("\(getpid())\n".utf8).write(to: clusterDirectory.appending(path: "owner.pid"))
            LocalPostgres.stopAtExit(cluster)
        }
        try cluster.startServer()
        return cluster
    }

    /// Starts the server of an initialized cluster (again), on its previous port when free.
    public func startServer() throws {
        if try serverIsRunning() {
            state.withLock { $0 = (readPort() ?? 0, true) }
            logger.debug("reusing the running server in \(directory.path)")
            return
        }
        if socketDirectory != directory.path { try Self.prepare(URL(filePath: socketDirectory), owner: runAs, mode: 0o700) }
        var port = readPort() ?? 0
        if port == 0 || !Self.portIsFree(port) { port = try Self.freePort() }
        try "port = \(port)\n".write(to: directory.appending(path: "data/mtl-port.conf"), atomically: true, encoding: .utf8)
        try giveToServerUser(directory.appending(path: "data/mtl-port.conf"))
        try run(binaries.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-s"],
                failure: { [logFile] in "the server did not start; its log (\(logFile.path)) says:\n" + ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "") })
        state.withLock { $0 = (port, true) }
        logger.info("local PostgreSQL running", metadata: ["directory": "\(directory.path)", "port": "\(port)"])
    }

    /// Stops the server; a temporary cluster's files are removed too.
    public func stop() {
        stopServer()
        if isTemporary { try? FileManager.default.removeItem(at: directory) }
        if socketDirectory != directory.path { try? FileManager.default.removeItem(atPath: socketDirectory) }
    }

    /// Stops the server and keeps its files (``startServer()`` starts it again).
    public func stopServer() {
        guard (try? serverIsRunning()) == true else {
            state.withLock { $0.running = false }
            return
        }
        do {
            try run(binaries.pgCtl, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w", "-t", "60", "-s"])
        } catch {
            logger.warning("pg_ctl stop failed: \(error)")
        }
        state.withLock { $0.running = false }
    }

    // MARK: Setup

    func initializeIfNeeded() throws {
        if FileManager.default.fileExists(atPath: dataDirectory.appending(path: "PG_VERSION").path) { return }
        try Self.prepare(directory, owner: runAs, mode: 0o700)
        let passwordFile = directory.appending(path: "password")
        try Data((UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").utf8).write(to: passwordFile)
        try giveToServerUser(passwordFile)
        chmod(passwordFile.path, 0o600)
        try run(binaries.initdb, [
            "-D", dataDirectory.path, "-U", superuser, "-E", "UTF8", "--locale=C", "--no-sync",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=\(passwordFile.path)",
        ])
        let settings = """

            # Set by mtl's LocalPostgres: a private, throwaway cluster.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socketDirectory.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700
            max_connections = 200
            shared_buffers = 128MB
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            log_min_messages = warning
            include_if_exists = 'mtl-port.conf'

            """
        let conf = dataDirectory.appending(path: "postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
    }

    func readPort() -> Int? {
        guard let text = try? String(contentsOf: directory.appending(path: "data/mtl-port.conf"), encoding: .utf8) else { return nil }
        return Int(text.filter(\.isNumber))
    }

    func serverIsRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory.appending(path: "postmaster.pid").path) else { return false }
        return (try? run(binaries.pgCtl, ["status", "-D", dataDirectory.path])) != nil
    }

    func giveToServerUser(_ url: URL) throws {
        guard let runAs, let user = getpwnam(runAs) else { return }
        _ = Glibc.chown(url.path, user.pointee.pw_uid, user.pointee.pw_gid)
    }
}

extension LocalPostgres {
    /// The kept cluster in `directory`, without starting it; nil when none was created there.
    public static func attach(directory: URL, logger: Logger = Logger(label: "mtl.localpostgres")) throws -> LocalPostgres? {
        let directory = directory.standardizedFileURL
        guard FileManager.default.fileExists(atPath: directory.appending(path: "data/PG_VERSION").path) else { return nil }
        let cluster = LocalPostgres(directory: directory, isTemporary: false, binaries: try ServerBinaries.find(),
                                    runAs: try serverUser(), logger: logger)
        let running = (try? cluster.serverIsRunning()) ?? false
        cluster.state.withLock { $0 = (cluster.readPort() ?? 0, running) }
        return cluster
    }
}
