import Foundation
import PGKit

/// A person who logs in (`org.user_account` and the LOGIN role of the same name).
public struct UserAccount: PGRecord, Codable, Equatable {
    public var name: String
    public var capability: Capability
    public var homeUnit: String
    /// False once disabled (the role can no longer log in).
    public var canLogin: Bool
    public var createdBy: String
    public var createdAt: Date
    public var disabledAt: Date?
    /// The grants, such as `EMEA` or `DE/CARRIER`.
    public var grants: [String]

    static let selection: SQL = """
        SELECT a.role_name AS name, a.capability, h.code AS home_unit, coalesce(r.rolcanlogin, false) AS can_login,
               a.created_by, a.created_at, a.disabled_at,
               ARRAY(SELECT u.code || coalesce('/' || b.code, '')
                     FROM org.grant g JOIN org.unit u ON u.id = g.unit_id
                     LEFT JOIN org.business_unit b ON b.id = g.bu_id
                     WHERE g.role_name = a.role_name ORDER BY u.path, b.code) AS grants
        FROM org.user_account a
        JOIN org.unit h ON h.id = a.home_unit_id
        LEFT JOIN pg_roles r ON r.rolname = a.role_name
        """
}

// MARK: - Reading

extension UserAccount {
    /// The accounts the caller may see (admins: those whose home unit they cover; others: their own).
    public static func all(on db: PGConnection) async throws -> [UserAccount] {
        try await db.fetchAll(selection + " ORDER BY a.role_name")
    }

    /// The account, or ``CoreError/unknownUser(_:)`` when it does not exist or is not the caller's to see.
    public static func require(name: String, on db: PGConnection) async throws -> UserAccount {
        guard let account = try await db.fetchOne(selection + " WHERE a.role_name = \(name)", as: UserAccount.self) else {
            throw CoreError.unknownUser(name)
        }
        return account
    }

    /// The roles the person is a direct member of.
    public func roles(on db: PGConnection) async throws -> [String] {
        try await db.fetchAll("""
            SELECT g.rolname FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid
            JOIN pg_roles u ON u.oid = m.member
            WHERE u.rolname = \(name) ORDER BY g.rolname
            """, as: (String).self)
    }

    /// The units the person can see, in tree order, each with the BUs it is seen for.
    public func visibleUnits(on db: PGConnection) async throws -> [VisibleUnit] {
        try await db.fetchAll("""
            SELECT u.code, u.name, u.kind, (count(*) FILTER (WHERE g.bu_id IS NULL) > 0) AS all_business_units,
                   ARRAY(SELECT DISTINCT b.code FROM org.grant g2 JOIN org.unit r2 ON r2.id = g2.unit_id
                         JOIN org.business_unit b ON b.id = g2.bu_id
                         WHERE g2.role_name = \(name) AND u.path @> ARRAY[r2.id] ORDER BY b.code) AS business_units
            FROM org.grant g
            JOIN org.unit u ON u.path @> ARRAY[g.unit_id]
            WHERE g.role_name = \(name)
            GROUP BY u.id
            ORDER BY ARRAY(SELECT a.code FROM unnest(u.path) WITH ORDINALITY AS x(id, n)
                           JOIN org.unit a ON a.id = x.id ORDER BY x.n)
            """)
    }

    /// A unit a person can see, for every BU or for some.
    public struct VisibleUnit: PGRecord, Codable, Equatable {
        public var code: String
        public var name: String
        public var kind: String
        public var allBusinessUnits: Bool
        /// The BUs seen when not all are.
        public var businessUnits: [String]
    }
}

// MARK: - Changing

extension UserAccount {
    /// Creates a person: a LOGIN role in the group of `capability`, with a grant on `unit`
    /// (for `businessUnit` only, when given). With a password, the server receives only its
    /// SCRAM-SHA-256 verifier. The caller must be an admin covering `unit`.
    @discardableResult
    public static func create(name: String, capability: Capability, unit: String, businessUnit: String?,
                              password: String?, on db: PGConnection) async throws -> UserAccount {
        try Names.checkUserName(name)
        var verifier: String?
        if let password {
            guard !password.isEmpty else { throw CoreError.emptyPassword }
            verifier = try await db.encryptPassword(password, user: name)
        }
        try await db.execute("SELECT org.create_user(\(name), \(capability.rawValue), \(unit), \(businessUnit), \(verifier))")
        return try await require(name: name, on: db)
    }

    /// Stops the person from logging in; account, grants and history stay.
    public static func disable(name: String, on db: PGConnection) async throws {
        try await db.execute("SELECT org.disable_user(\(name))")
    }

    /// Lets a disabled person log in again.
    public static func enable(name: String, on db: PGConnection) async throws {
        try await db.execute("SELECT org.enable_user(\(name))")
    }
}
