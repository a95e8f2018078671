import PGKit

/// The role a connection acts as, and whether it could get around row-level security.
public struct ConnectionRole: PGRecord, Equatable {
    public var name: String
    public var isSuperuser: Bool
    public var bypassesRLS: Bool
    /// A member of `mtl_owner`, which owns the tables and so may switch their policies off.
    public var isOwner: Bool

    public init(row: PGRow) throws {
        (name, isSuperuser, bypassesRLS, isOwner) = try row.decode((String, Bool, Bool, Bool).self)
    }

    public static func current(on db: PGConnection) async throws -> ConnectionRole {
        guard let role = try await db.fetchOne("""
            SELECT r.rolname, r.rolsuper, r.rolbypassrls,
                   CASE WHEN to_regrole('mtl_owner') IS NULL THEN false
                        ELSE pg_has_role(r.oid, 'mtl_owner', 'MEMBER') END
            FROM pg_roles r WHERE r.rolname = current_user
            """, as: ConnectionRole.self) else {
            throw CoreError.cannotReadConnectionRole
        }
        return role
    }

    /// Why row-level security would not apply to this role, or nil when it would.
    public var privilege: String? {
        if isSuperuser { return "a superuser" }
        if bypassesRLS { return "a BYPASSRLS role" }
        if isOwner { return "a member of mtl_owner (which owns the tables)" }
        return nil
    }

    /// Throws ``CoreError/privilegedConnection(role:why:)`` unless row-level security applies to the
    /// role or `allowed` says a privileged role is fine (first-time setup).
    public func requireUnprivileged(allowed: Bool) throws(CoreError) {
        if let privilege, !allowed { throw CoreError.privilegedConnection(role: name, why: privilege) }
    }
}
