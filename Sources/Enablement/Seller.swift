import Foundation
import MTLCore
import PGKit

/// A seller to enable (`sce.seller`): a unit and BU, a seller role, perhaps a login.
public struct Seller: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var unit: String
    public var bu: String?
    public var name: String
    public var role: String
    public var login: String?
    public var active: Bool
    /// Valid certifications (not expired, not to recertify).
    public var certifications: Int64
}

extension Seller {
    static let selection: SQL = """
        SELECT s.id, u.code AS unit, b.code AS bu, s.name, s.role_code AS role, s.login::text AS login, s.active,
               (SELECT count(*) FROM reporting.fct_certification c WHERE c.seller_id = s.id AND c.status IN ('valid', 'expiring')) AS certifications
        FROM sce.seller s JOIN org.unit u ON u.id = s.unit_id LEFT JOIN org.business_unit b ON b.id = s.bu_id
        """

    /// A seller by id or by login.
    public static func require(_ reference: String, on db: PGConnection) async throws -> Seller {
        let condition: SQL = Int64(reference).map { " WHERE s.id = \($0)" } ?? " WHERE s.login = \(reference)"
        guard let seller = try await db.fetchOne(selection + condition, as: Seller.self) else { throw EnablementError.noSeller(reference) }
        return seller
    }

    public static func list(unit: String? = nil, role: String? = nil, on db: PGConnection) async throws -> [Seller] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND s.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        if let role { query += " AND s.role_code = \(role)" }
        return try await db.fetchAll(query + " ORDER BY u.code, s.role_code, s.name")
    }

    public static func add(unit: String, bu: String?, name: String, role: String, email: String?, login: String?,
                           on db: PGConnection) async throws -> Seller {
        let owner = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        guard let id = try await db.fetchValue("""
            INSERT INTO sce.seller (unit_id, bu_id, name, role_code, email, login)
            VALUES (\(owner.id), \(businessUnit?.id), \(name), \(role), \(email), \(login)) RETURNING id
            """, as: Int64.self) else { throw EnablementError.notSaved("seller") }
        return try await require(String(id), on: db)
    }

    /// The seller's certifications with their status.
    public func certifications(on db: PGConnection) async throws -> [Certification] {
        try await Certification.list(seller: id, on: db)
    }
}
