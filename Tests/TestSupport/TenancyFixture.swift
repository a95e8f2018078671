import Foundation
import PGKit

/// A small organisation in a test database, and people to log in as.
///
/// HQ; regions EMEA (Europe/Berlin) and APAC (Asia/Shanghai); countries DE and FR in EMEA, CN and
/// JP in APAC; business units CARRIER and ENT. People are real LOGIN roles created through
/// `org.create_user`, as an admin would; their names carry a suffix unique to the test
/// database because roles belong to the whole cluster.
public struct TenancyFixture: Sendable {
    public let database: TestDatabase
    /// Appended to every role name the fixture creates.
    public let suffix: String
    /// The password of every person the fixture creates.
    public static let password = "correct horse battery staple"

    public static let regions = ["EMEA": "Europe/Berlin", "APAC": "Asia/Shanghai"]
    public static let countries = ["DE": "EMEA", "FR": "EMEA", "CN": "APAC", "JP": "APAC"]
    public static let businessUnits = ["CARRIER", "ENT"]

    /// Sets up the organisation (as the test superuser).
    public init(database: TestDatabase) async throws {
        self.database = database
        suffix = String(database.name.dropFirst("test_".count))
        let admin = try await database.connect()
        for (code, zone) in Self.regions.sorted(by: { $0.key < $1.key }) {
            try await admin.execute("""
                INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES (\(code), \(code + " region"), 'region', org.hq(), \(zone))
                """)
        }
        for (code, region) in Self.countries.sorted(by: { $0.key < $1.key }) {
            try await admin.execute("""
                INSERT INTO org.unit (code, kind, parent_id) SELECT \(code), 'country', id FROM org.unit WHERE code = \(region)
                """)
        }
        for code in Self.businessUnits {
            try await admin.execute("INSERT INTO org.business_unit (code, name) VALUES (\(code), \(code.capitalized))")
        }
        await admin.close()
    }

    /// The cluster-wide role name for a person called `base` in this test.
    public func role(_ base: String) -> String { "\(base)_\(suffix)" }

    /// Creates a person (`capability`: reader, editor, approver, admin or bi) with a grant on
    /// `unit` (for `bu` only, when given); returns the role name.
    @discardableResult
    public func createUser(_ base: String, _ capability: String, unit: String, bu: String? = nil) async throws -> String {
        let name = role(base)
        let admin = try await database.connect()
        let verifier = try await admin.encryptPassword(Self.password, user: name)
        try await admin.execute("SELECT org.create_user(\(name), \(capability), \(unit), \(bu), \(verifier))")
        await admin.close()
        return name
    }

    /// Adds a grant as the superuser.
    public func grant(_ name: String, unit: String, bu: String? = nil) async throws {
        let admin = try await database.connect()
        try await admin.execute("""
            INSERT INTO org.grant (role_name, unit_id, bu_id)
            SELECT \(name), u.id, (SELECT b.id FROM org.business_unit b WHERE b.code = \(bu)) FROM org.unit u WHERE u.code = \(unit)
            """)
        await admin.close()
    }

    /// Connection settings to log in as a person the fixture created.
    public func config(as name: String) -> PGConnectionConfig {
        database.config.user(name, password: Self.password)
    }

    /// Logs in as a person the fixture created.
    public func connect(as name: String) async throws -> PGConnection {
        try await PGConnection.connect(config(as: name), logger: quietLogger("pgkit"))
    }

    /// The id of a unit or BU code, read as the superuser.
    public func id(ofUnit code: String) async throws -> Int64 {
        let admin = try await database.connect()
        let id = try await admin.fetchValue("SELECT id FROM org.unit WHERE code = \(code)", as: Int64.self)
        await admin.close()
        guard let id else { throw PGError(.client, "no unit \(code)") }
        return id
    }
}

/// Runs `body` with a fresh database holding a ``TenancyFixture``; drops the database and every
/// role whose name ends with the fixture's suffix afterwards.
public func withTenancy<T: Sendable>(_ body: (TenancyFixture) async throws -> T) async throws -> T {
    var suffix = ""
    do {
        let value = try await withTestDatabase { database in
            let fixture = try await TenancyFixture(database: database)
            suffix = fixture.suffix
            return try await body(fixture)
        }
        try await TestServer.shared.dropRoles(endingWith: suffix)
        return value
    } catch {
        if !suffix.isEmpty { try? await TestServer.shared.dropRoles(endingWith: suffix) }
        throw error
    }
}
