import Foundation
import PGKit
import Testing
import TestSupport

/// The people of the enablement tests: editors who author materials at HQ, in EMEA and in DE, an
/// HQ approver and a DE approver, and three DE sellers who log in as mtl_seller (their seller
/// records made by DE's editor): an account manager, a product seller and another account manager.
struct EnablementWorld {
    let fixture: TenancyFixture
    let hq: PGConnection, emea: PGConnection, de: PGConnection, hqApprover: PGConnection, deApprover: PGConnection
    let sellers: [PGConnection]
    let sellerNames: [String]
    let sellerIDs: [Int64]
    let names: (hq: String, emea: String, de: String, hqApprover: String, deApprover: String)

    static func make(_ fixture: TenancyFixture) async throws -> EnablementWorld {
        let names = (hq: try await fixture.createUser("hq_author", "editor", unit: "HQ"),
                     emea: try await fixture.createUser("emea_author", "editor", unit: "EMEA"),
                     de: try await fixture.createUser("de_author", "editor", unit: "DE"),
                     hqApprover: try await fixture.createUser("hq_approver", "approver", unit: "HQ"),
                     deApprover: try await fixture.createUser("de_approver", "approver", unit: "DE"))
        let de = try await fixture.connect(as: names.de)
        var sellerNames: [String] = [], sellerIDs: [Int64] = [], sellers: [PGConnection] = []
        for (base, role) in [("de_anna", "account_manager"), ("de_ben", "product_sales"), ("de_cem", "account_manager")] {
            let name = try await fixture.createUser(base, "seller", unit: "DE", bu: "CARRIER")
            sellerNames.append(name)
            sellerIDs.append(try await Self.seller(de, name: base, role: role, login: name))
            sellers.append(try await fixture.connect(as: name))
        }
        return EnablementWorld(fixture: fixture, hq: try await fixture.connect(as: names.hq), emea: try await fixture.connect(as: names.emea), de: de,
                               hqApprover: try await fixture.connect(as: names.hqApprover), deApprover: try await fixture.connect(as: names.deApprover),
                               sellers: sellers, sellerNames: sellerNames, sellerIDs: sellerIDs, names: names)
    }

    /// A seller of DE/CARRIER (or `unit`/`bu`) written by `db`; its id.
    static func seller(_ db: PGConnection, name: String, role: String, login: String? = nil, unit: String = "DE", bu: String? = "CARRIER",
                       active: Bool = true) async throws -> Int64 {
        try #require(try await db.fetchValue("""
            INSERT INTO sce.seller (unit_id, bu_id, name, role_code, login, active)
            SELECT u.id, (SELECT b.id FROM org.business_unit b WHERE b.code = \(bu)), \(name), \(role), \(login), \(active)
            FROM org.unit u WHERE u.code = \(unit) RETURNING id
            """, as: Int64.self))
    }

    /// A material of `unit` written by `db` (published unless told), deriving from `parent`; its id.
    static func material(_ db: PGConnection, unit: String, title: String, summary: String = "", language: String = "en",
                         parent: Int64? = nil, scenarios: [String] = ["summit"], stages: [String] = ["discover"],
                         roles: [String] = ["account_manager"], publish: Bool = true) async throws -> Int64 {
        let id = try #require(try await db.fetchValue("""
            INSERT INTO sce.material (unit_id, title, summary, kind, language, uri, parent_id, scenarios, stages, roles)
            SELECT u.id, \(title), \(summary), 'slides', \(language), 'https://intranet.example/' || md5(\(title)), \(parent), \(scenarios), \(stages), \(roles)
            FROM org.unit u WHERE u.code = \(unit) RETURNING id
            """, as: Int64.self))
        if publish { try await db.execute("UPDATE sce.material SET state = 'published' WHERE id = \(id)") }
        return id
    }

    /// The current version of a material, as `db` sees it.
    static func version(_ db: PGConnection, _ material: Int64) async throws -> Int64 {
        try #require(try await db.fetchValue("SELECT version_id FROM sce.material_card WHERE id = \(material)", as: Int64.self))
    }

    /// `db` (a seller) records a use of the material's current version.
    static func use(_ db: PGConnection, _ material: Int64) async throws {
        try await db.execute("""
            INSERT INTO sce.material_use (material_id, version_id) SELECT id, version_id FROM sce.material_card WHERE id = \(material)
            """)
    }

    /// `db` (a seller) rates the material's current version.
    static func rate(_ db: PGConnection, _ material: Int64, _ score: Int16) async throws {
        try await db.execute("""
            INSERT INTO sce.rating (material_id, version_id, score) SELECT id, version_id, \(score) FROM sce.material_card WHERE id = \(material)
            """)
    }

    func close() async {
        for db in [hq, emea, de, hqApprover, deApprover] + sellers { await db.close() }
    }
}
