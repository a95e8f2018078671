import Foundation
import LocalPostgres
import Logging
import PGKit
import Schema

/// One PostgreSQL server per test process, and one database per test.
///
/// The server is a temporary ``LocalPostgres`` cluster, or the server named by
/// `MTL_TEST_DATABASE_URL` (a superuser connection) when that is set. A template database is
/// migrated once; each test gets a fresh copy of it (`CREATE DATABASE … TEMPLATE`), so tests run
/// in parallel without seeing each other's rows.
public actor TestServer {
    public static let shared = TestServer()

    private var ready: Task<Setup, Error>?
    private struct Setup: Sendable {
        let cluster: LocalPostgres?
        let admin: PGConnection
        let adminConfig: PGConnectionConfig
        let template: String
    }

    /// The local cluster, when the tests started one (nil with `MTL_TEST_DATABASE_URL`).
    public func cluster() async throws -> LocalPostgres? { try await setup().cluster }

    private func setup() async throws -> Setup {
        if let ready { return try await ready.value }
        let task = Task { try await Self.start() }
        ready = task
        return try await task.value
    }

    private static func start() async throws -> Setup {
        var cluster: LocalPostgres?
        let adminConfig: PGConnectionConfig
        if let url = ProcessInfo.processInfo.environment["MTL_TEST_DATABASE_URL"], !url.isEmpty {
            adminConfig = PGConnectionConfig(url)
        } else {
            let local = try LocalPostgres.start(logger: quietLogger("mtl.localpostgres"))
            cluster = local
            adminConfig = local.config()
        }
        let admin = try await PGConnection.connect(adminConfig, logger: quietLogger("pgkit"))
        let template = "mtl_template_\(getpid())"
        try await admin.query("DROP DATABASE IF EXISTS \(identifier: template)")
        try await admin.query("CREATE DATABASE \(identifier: template)")
        let connection = try await PGConnection.connect(adminConfig.database(template))
        try await Migrator(migrations: try MigrationSet.embedded(), logger: quietLogger("mtl.schema")).migrate(on: connection)
        await connection.close()
        return Setup(cluster: cluster, admin: admin, adminConfig: adminConfig, template: template)
    }

    /// A new database: a copy of the migrated template, or an empty one.
    public func makeDatabase(migrated: Bool = true) async throws -> TestDatabase {
        let setup = try await setup()
        let name = "test_\(UUID().uuidString.prefix(12).lowercased())"
        let template = migrated ? setup.template : "template0"
        try await setup.admin.query("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        let database = TestDatabase(name: name, config: setup.adminConfig.database(name))
        if migrated {
            // A database's privileges are not copied from its template: set them as V0021 does.
            let connection = try await database.connect()
            try await connection.execute("SELECT org.secure_database()")
            await connection.close()
        }
        return database
    }

    /// Drops the roles a test created, those whose names end with `_suffix` (roles belong to the
    /// whole cluster, not to one database).
    public func dropRoles(endingWith suffix: String) async throws {
        let setup = try await setup()
        let names = try await setup.admin.fetchAll(
            "SELECT rolname::text FROM pg_roles WHERE right(rolname::text, \(Int32(suffix.count + 1))) = '_' || \(suffix)", as: (String).self)
        for name in names {
            try await setup.admin.query("DROP ROLE IF EXISTS \(identifier: name)")
        }
    }

    /// Drops a test database, disconnecting whoever is still on it.
    public func drop(_ database: TestDatabase) async throws {
        let setup = try await setup()
        try await setup.admin.query("DROP DATABASE IF EXISTS \(identifier: database.name) WITH (FORCE)")
    }
}

/// A database of its own for one test.
public struct TestDatabase: Sendable {
    public let name: String
    /// Superuser connection settings for this database.
    public let config: PGConnectionConfig

    /// A database the test made itself (on a cluster of its own, say).
    public init(name: String, config: PGConnectionConfig) {
        self.name = name
        self.config = config
    }

    public func connect() async throws -> PGConnection { try await PGConnection.connect(config, logger: quietLogger("pgkit")) }
}

/// At most `limit` test databases at a time: swift-testing starts every test at once, and each
/// holds a few connections (people logging in, an owner, a worker), so without a bound the suite
/// grows past the cluster's max_connections as tests are added.
actor DatabaseSlots {
    static let shared = DatabaseSlots(limit: 16)
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Runs `body` with a fresh database and drops it afterwards.
public func withTestDatabase<T: Sendable>(
    migrated: Bool = true,
    _ body: (TestDatabase) async throws -> T
) async throws -> T {
    await DatabaseSlots.shared.acquire()
    do {
        let value = try await withOwnDatabase(migrated: migrated, body)
        await DatabaseSlots.shared.release()
        return value
    } catch {
        await DatabaseSlots.shared.release()
        throw error
    }
}

private func withOwnDatabase<T: Sendable>(
    migrated: Bool,
    _ body: (TestDatabase) async throws -> T
) async throws -> T {
    let database = try await TestServer.shared.makeDatabase(migrated: migrated)
    do {
        let value = try await body(database)
        try await TestServer.shared.drop(database)
        return value
    } catch {
        try? await TestServer.shared.drop(database)
        throw error
    }
}

/// Runs `body` with a connection to a fresh database.
public func withTestConnection<T: Sendable>(
    migrated: Bool = true,
    _ body: (PGConnection) async throws -> T
) async throws -> T {
    try await withTestDatabase(migrated: migrated) { database in
        let connection = try await database.connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// The package's root folder (for tests that run the built `mtl` binary or read `sql/`).
public let packageRoot: URL = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A logger that shows warnings and errors only, so test output stays readable.
public func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// A new, empty directory under the system's temporary directory, named `prefix-UUID`; the
/// caller removes it (`defer { try? FileManager.default.removeItem(at: directory) }`).
public func makeTemporaryDirectory(_ prefix: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}
