import PGKit

/// A business unit (`org.business_unit`), such as carrier, enterprise or consumer.
public struct BusinessUnit: PGRecord, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var active: Bool

    /// Every BU, by code.
    public static func all(on db: PGConnection) async throws -> [BusinessUnit] {
        try await db.fetchAll("SELECT id, code, name, active FROM org.business_unit ORDER BY code")
    }

    /// The BU with this code; throws ``CoreError/unknownBusinessUnit(_:)`` when there is none.
    public static func require(code: String, on db: PGConnection) async throws -> BusinessUnit {
        guard let bu = try await db.fetchOne("SELECT id, code, name, active FROM org.business_unit WHERE code = \(code)", as: BusinessUnit.self) else {
            throw CoreError.unknownBusinessUnit(code)
        }
        return bu
    }

    /// Adds a BU. Only HQ admins may (row-level security).
    @discardableResult
    public static func add(code: String, name: String, on db: PGConnection) async throws -> BusinessUnit {
        try Names.checkCode(code, what: "business unit")
        try Names.checkDisplayName(name, what: "business unit")
        do {
            try await db.execute("INSERT INTO org.business_unit (code, name) VALUES (\(code), \(name))")
        } catch let error as PGError where error.isUniqueViolation {
            throw CoreError.businessUnitExists(code)
        } catch let error as PGError where error.isInsufficientPrivilege {
            throw CoreError.notPermitted("only HQ admins add business units")
        }
        return try await require(code: code, on: db)
    }
}
