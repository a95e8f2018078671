import PGKit
import Testing
import TestSupport

/// Every person sees exactly the rows of their units and BUs, and writes only there.
///
/// A tenant table secured by `org.secure_tenant_table` (the function every tenant table goes
/// through) holds one row per unit × BU, plus one per unit without a BU. Each person's expected
/// rows are computed here from their grants, independently of the SQL, and compared with what
/// PostgreSQL returns when they log in.
@Suite("isolation matrix")
struct IsolationMatrixTests {
    /// A person of the matrix: a capability and grants (unit, optional BU).
    struct Person {
        let base: String
        let capability: String
        let grants: [(unit: String, bu: String?)]
    }

    static let people: [Person] = [
        Person(base: "hq_reader", capability: "reader", grants: [("HQ", nil)]),
        Person(base: "emea_reader", capability: "reader", grants: [("EMEA", nil)]),
        Person(base: "de_reader", capability: "reader", grants: [("DE", nil)]),
        Person(base: "de_carrier_reader", capability: "reader", grants: [("DE", "CARRIER")]),
        Person(base: "emea_editor", capability: "editor", grants: [("EMEA", nil)]),
        Person(base: "fr_editor", capability: "editor", grants: [("FR", nil)]),
        Person(base: "emea_ent_editor", capability: "editor", grants: [("EMEA", "ENT")]),
        Person(base: "mixed_editor", capability: "editor", grants: [("APAC", "CARRIER"), ("DE", nil)]),
        Person(base: "apac_approver", capability: "approver", grants: [("APAC", nil)]),
        Person(base: "emea_admin", capability: "admin", grants: [("EMEA", nil)]),
        Person(base: "hq_admin", capability: "admin", grants: [("HQ", nil)]),
        Person(base: "de_bi", capability: "bi", grants: [("DE", nil)]),
    ]

    /// The units below (and including) each unit.
    static let subtree: [String: Set<String>] = [
        "HQ": ["HQ", "EMEA", "APAC", "DE", "FR", "CN", "JP"],
        "EMEA": ["EMEA", "DE", "FR"], "APAC": ["APAC", "CN", "JP"],
        "DE": ["DE"], "FR": ["FR"], "CN": ["CN"], "JP": ["JP"],
    ]

    struct Row: Hashable { let unit: String; let bu: String? }

    static let rows: [Row] = subtree["HQ"]!.sorted().flatMap { unit in
        [Row(unit: unit, bu: nil)] + TenancyFixture.businessUnits.map { Row(unit: unit, bu: $0) }
    }

    static func canRead(_ person: Person, _ row: Row) -> Bool {
        person.grants.contains { grant in
            subtree[grant.unit]!.contains(row.unit) && (grant.bu == nil || row.bu == nil || grant.bu == row.bu)
        }
    }

    static func canWrite(_ person: Person, _ row: Row) -> Bool {
        ["editor", "admin"].contains(person.capability) && person.grants.contains { grant in
            subtree[grant.unit]!.contains(row.unit) && (grant.bu == nil || grant.bu == row.bu)
        }
    }

    /// Creates the tenant table, its rows and the people; returns row ids by row.
    static func setUp(_ fixture: TenancyFixture) async throws -> [Row: Int64] {
        let admin = try await fixture.database.connect()
        try await admin.executeScript(unsafeSQL: """
            SET ROLE mtl_owner;
            CREATE TABLE mi.probe (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                unit_id bigint NOT NULL REFERENCES org.unit (id),
                bu_id bigint REFERENCES org.business_unit (id),
                amount integer NOT NULL DEFAULT 0
            );
            SELECT org.secure_tenant_table('mi.probe', bu_column => 'bu_id');
            CREATE VIEW reporting.probe WITH (security_invoker = true) AS SELECT id, unit_id, bu_id, amount FROM mi.probe;
            GRANT SELECT ON reporting.probe TO mtl_bi;
            RESET ROLE;
            """)
        var ids: [Row: Int64] = [:]
        for row in rows {
            ids[row] = try await admin.fetchValue("""
                INSERT INTO mi.probe (unit_id, bu_id)
                SELECT u.id, (SELECT b.id FROM org.business_unit b WHERE b.code = \(row.bu)) FROM org.unit u WHERE u.code = \(row.unit)
                RETURNING id
                """, as: Int64.self)
        }
        await admin.close()
        for person in people {
            let name = try await fixture.createUser(person.base, person.capability, unit: person.grants[0].unit, bu: person.grants[0].bu)
            for grant in person.grants.dropFirst() { try await fixture.grant(name, unit: grant.unit, bu: grant.bu) }
        }
        return ids
    }

    @Test("each person reads exactly the rows of their subtree and BU")
    func reads() async throws {
        try await withTenancy { fixture in
            let ids = try await Self.setUp(fixture)
            for person in Self.people where person.capability != "bi" {
                let connection = try await fixture.connect(as: fixture.role(person.base))
                let seen: Set<Int64> = Set(try await connection.fetchAll("SELECT id FROM mi.probe", as: (Int64).self).map { $0 })
                let expected = Set(Self.rows.filter { Self.canRead(person, $0) }.map { ids[$0]! })
                #expect(seen == expected, "\(person.base) sees \(seen.count) rows, expected \(expected.count)")
                #expect(!expected.isEmpty)
                await connection.close()
            }
        }
    }

    @Test("writes outside one's scope fail with 42501 or touch nothing, and change nothing")
    func writes() async throws {
        try await withTenancy { fixture in
            let ids = try await Self.setUp(fixture)
            let unitIds = try await Self.unitIds(fixture)
            let buIds = try await Self.buIds(fixture)
            for person in Self.people where person.capability != "bi" {
                let connection = try await fixture.connect(as: fixture.role(person.base))
                for row in Self.rows {
                    let allowed = Self.canWrite(person, row)
                    // Insert.
                    do {
                        try await connection.execute("INSERT INTO mi.probe (unit_id, bu_id, amount) VALUES (\(unitIds[row.unit]!), \(row.bu.map { buIds[$0]! }), 1)")
                        #expect(allowed, "\(person.base) inserted into \(row)")
                    } catch let error as PGError {
                        #expect(!allowed, "\(person.base) could not insert into \(row): \(error)")
                        #expect(error.sqlState == "42501", "\(error)")
                    }
                    // Update.
                    do {
                        let updated = try await connection.execute("UPDATE mi.probe SET amount = amount + 1 WHERE id = \(ids[row]!)")
                        #expect(updated == (allowed ? 1 : 0), "\(person.base) updated \(updated) of \(row)")
                    } catch let error as PGError {
                        #expect(person.capability == "reader" || person.capability == "approver", "\(person.base): \(error)")
                        #expect(error.sqlState == "42501", "\(error)")
                    }
                    // Moving a row of one's own out of scope is refused too.
                    if allowed, let outside = Self.rows.first(where: { !Self.canWrite(person, $0) }) {
                        await #expect(throws: PGError.self) {
                            try await connection.execute("UPDATE mi.probe SET unit_id = \(unitIds[outside.unit]!), bu_id = \(outside.bu.map { buIds[$0]! }) WHERE id = \(ids[row]!)")
                        }
                    }
                }
                await connection.close()
            }
            // As the superuser: each seeded row was changed exactly by those allowed to.
            let admin = try await fixture.database.connect()
            for row in Self.rows {
                let amount = try await admin.fetchValue("SELECT amount FROM mi.probe WHERE id = \(ids[row]!)", as: Int32.self)
                let writers = Self.people.filter { $0.capability != "bi" && Self.canWrite($0, row) }.count
                #expect(amount == Int32(writers), "\(row) has amount \(amount ?? -1), expected \(writers)")
                let inserted = try await admin.fetchValue("""
                    SELECT count(*) FROM mi.probe WHERE unit_id = \(unitIds[row.unit]!) AND bu_id IS NOT DISTINCT FROM \(row.bu.map { buIds[$0]! }) AND amount = 1 AND id > \(ids.values.max()!)
                    """, as: Int64.self)
                #expect(inserted == Int64(writers))
            }
            await admin.close()
        }
    }

    @Test("a BI user reads its scope through reporting views, and cannot read or write the base tables")
    func businessIntelligence() async throws {
        try await withTenancy { fixture in
            let ids = try await Self.setUp(fixture)
            let person = Self.people.first { $0.capability == "bi" }!
            let connection = try await fixture.connect(as: fixture.role(person.base))
            let seen: Set<Int64> = Set(try await connection.fetchAll("SELECT id FROM reporting.probe", as: (Int64).self).map { $0 })
            #expect(seen == Set(Self.rows.filter { Self.canRead(person, $0) }.map { ids[$0]! }))
            let units = try await connection.fetchAll("SELECT unit_code FROM reporting.dim_unit ORDER BY unit_code", as: (String).self)
            #expect(units.contains("DE") && units.contains("HQ"))
            for statement: SQL in ["SELECT count(*) FROM mi.probe", "SELECT count(*) FROM org.unit",
                                   "SELECT count(*) FROM org.grant", "SELECT count(*) FROM audit.event",
                                   "SELECT count(*) FROM audit.row_change", "SELECT count(*) FROM audit.change",
                                   "SELECT audit.row_image(1, '(1)')",
                                   "INSERT INTO mi.probe (unit_id) VALUES (1)", "DELETE FROM reporting.probe",
                                   "UPDATE reporting.probe SET amount = 5"] {
                do {
                    try await connection.execute(statement)
                    Issue.record("a BI user ran \(statement)")
                } catch let error as PGError {
                    // 42501 (no privilege) or 25006 (BI sessions are read-only).
                    #expect(["42501", "25006"].contains(error.sqlState), "\(statement): \(error)")
                }
            }
            await connection.close()
        }
    }

    static func unitIds(_ fixture: TenancyFixture) async throws -> [String: Int64] {
        let admin = try await fixture.database.connect()
        let pairs = try await admin.fetchAll("SELECT code, id FROM org.unit", as: (String, Int64).self)
        await admin.close()
        return Dictionary(uniqueKeysWithValues: pairs)
    }

    static func buIds(_ fixture: TenancyFixture) async throws -> [String: Int64] {
        let admin = try await fixture.database.connect()
        let pairs = try await admin.fetchAll("SELECT code, id FROM org.business_unit", as: (String, Int64).self)
        await admin.close()
        return Dictionary(uniqueKeysWithValues: pairs)
    }
}
