import PGKit

/// Grants (`org.grant`): a role sees a unit and everything below it, for every BU or one.
///
/// Admins add and remove grants on the units they cover (for every BU); row-level security
/// refuses anything else, so nobody widens their own scope.
public enum Grant {
    /// Gives `user` the unit (and its subtree), for one BU when given.
    public static func add(user: String, unit: String, businessUnit: String?, on db: PGConnection) async throws {
        try Names.checkUserName(user)
        let target = try await OrgUnit.require(code: unit, on: db)
        let bu = try await businessUnitId(businessUnit, on: db)
        do {
            try await db.execute("INSERT INTO org.grant (role_name, unit_id, bu_id) VALUES (\(user), \(target.id), \(bu))")
        } catch let error as PGError where error.isUniqueViolation {
            throw CoreError.grantExists(user: user, grant: label(unit, businessUnit))
        } catch let error as PGError where error.isForeignKeyViolation {
            throw CoreError.unknownUser(user)
        } catch let error as PGError where error.isInsufficientPrivilege {
            throw CoreError.grantNotCovered(unit: unit)
        }
    }

    /// Takes the grant back. Throws when there is no such grant the caller may remove.
    public static func remove(user: String, unit: String, businessUnit: String?, on db: PGConnection) async throws {
        let target = try await OrgUnit.require(code: unit, on: db)
        let bu = try await businessUnitId(businessUnit, on: db)
        let removed = try await db.execute("""
            DELETE FROM org.grant WHERE role_name = \(user) AND unit_id = \(target.id) AND bu_id IS NOT DISTINCT FROM \(bu)
            """)
        if removed == 0 {
            throw CoreError.noGrantToRevoke(user: user, grant: label(unit, businessUnit))
        }
    }

    static func businessUnitId(_ code: String?, on db: PGConnection) async throws -> Int64? {
        guard let code else { return nil }
        return try await BusinessUnit.require(code: code, on: db).id
    }

    static func label(_ unit: String, _ businessUnit: String?) -> String {
        businessUnit.map { "\(unit)/\($0)" } ?? unit
    }
}
