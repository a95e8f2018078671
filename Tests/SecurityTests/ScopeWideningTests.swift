import PGKit
import Testing
import TestSupport

/// Nobody can give themselves more than their grants: not through org.grant, roles, policies,
/// the audit trail, settings or the SECURITY DEFINER functions.
@Suite("no widening of one's own scope")
struct ScopeWideningTests {
    /// Runs `statement` as `connection` and expects SQLSTATE 42501 (insufficient privilege).
    static func expectDenied(_ statement: SQL, on connection: PGConnection, _ who: String,
                             sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await connection.execute(statement)
            Issue.record("\(who) ran \(statement)", sourceLocation: sourceLocation)
        } catch let error as PGError {
            #expect(error.sqlState == "42501", "\(who): \(statement): \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }

    @Test("an editor cannot grant, switch roles, change policies or write the audit trail")
    func editor() async throws {
        try await withTenancy { fixture in
            let name = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let hq = try await fixture.id(ofUnit: "HQ")
            let connection = try await fixture.connect(as: name)
            for statement: SQL in [
                "INSERT INTO org.grant (role_name, unit_id) VALUES (\(name), \(hq))",
                "UPDATE org.grant SET unit_id = \(hq)",
                "DELETE FROM org.grant",
                "SET ROLE mtl_owner", "SET ROLE mtl_admin", "SET ROLE postgres",
                "ALTER TABLE org.grant DISABLE ROW LEVEL SECURITY",
                "ALTER TABLE org.grant NO FORCE ROW LEVEL SECURITY",
                "DROP POLICY read_own ON org.grant",
                "CREATE POLICY mine ON org.grant FOR SELECT USING (true)",
                "ALTER POLICY read_own ON org.grant USING (true)",
                "SELECT count(*) FROM audit.event", "SELECT count(*) FROM audit.change", "SELECT count(*) FROM audit.row_change",
                "SELECT count(*) FROM audit.row_shape",
                "INSERT INTO audit.row_change (change_id, unit_id, row_key) VALUES (1, 1, '{}')",
                "INSERT INTO audit.row_shape (table_schema, table_name, columns, types) VALUES ('dg', 'lead', '{x}', '{int}')",
                "UPDATE audit.change SET actor = 'x'", "DELETE FROM audit.row_change", "TRUNCATE audit.row_shape",
                "SELECT audit.shape_of('dg.lead'::regclass)", "SELECT audit.row_image(1, '(1)')",
                "INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES ('XX1', 'x', 'region', \(hq), 'UTC')",
                "INSERT INTO org.business_unit (code, name) VALUES ('XBU', 'x')",
                "UPDATE org.fiscal_calendar SET start_month = 4",
                "SELECT org.create_user('intruder', 'admin', 'HQ')",
                "SELECT org.admin_units_of(current_user)",
                "SELECT org.secure_tenant_table('org.unit')",
                "CREATE TEMP TABLE fake (id int PRIMARY KEY)",
            ] where !"\(statement)".hasPrefix("CREATE TEMP") {
                await Self.expectDenied(statement, on: connection, name)
            }
            // audit.event is a view: PostgreSQL says it cannot be written before it checks privileges.
            for statement: SQL in [
                "INSERT INTO audit.event (tx_time, clock_time, actor, table_name, operation, row_key, unit_id, tx_id) VALUES (now(), now(), 'x', 'x', 'INSERT', '{}', 1, '1')",
                "UPDATE audit.event SET actor = 'x'", "DELETE FROM audit.event", "TRUNCATE audit.event",
            ] {
                do {
                    try await connection.execute(statement)
                    Issue.record("\(name) ran \(statement)")
                } catch let error as PGError {
                    #expect(["42501", "55000", "42809"].contains(error.sqlState), "\(statement): \(error)")
                }
            }
            // A trigger of one's own cannot forge audit events either.
            try await connection.execute("CREATE TEMP TABLE fake (id int PRIMARY KEY)")
            await Self.expectDenied("""
                CREATE TRIGGER forge AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id')
                """, on: connection, name)
            // Nothing changed.
            let grants = try await connection.fetchAll("SELECT u.code FROM org.grant g JOIN org.unit u ON u.id = g.unit_id", as: (String).self)
            #expect(grants == ["DE"])
            await connection.close()
        }
    }

    @Test("an admin manages only the units it covers, and cannot grant itself more")
    func admin() async throws {
        try await withTenancy { fixture in
            let name = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            let hqAdmin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let cnEditor = try await fixture.createUser("cn_editor", "editor", unit: "CN")
            let hq = try await fixture.id(ofUnit: "HQ"), apac = try await fixture.id(ofUnit: "APAC"), de = try await fixture.id(ofUnit: "DE")
            let connection = try await fixture.connect(as: name)
            for statement: SQL in [
                "INSERT INTO org.grant (role_name, unit_id) VALUES (\(name), \(hq))",
                "INSERT INTO org.grant (role_name, unit_id) VALUES (\(name), \(apac))",
                "INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES ('NEWREG', 'x', 'region', \(hq), 'UTC')",
                "SELECT org.create_user(\(fixture.role("apac_person")), 'reader', 'APAC')",
                "SELECT org.create_user(\(fixture.role("hq_person")), 'admin', 'HQ')",
                "SELECT org.disable_user(\(hqAdmin))",
                "SELECT org.disable_user(\(cnEditor))",
                "SET ROLE \(identifier: hqAdmin)",
            ] {
                await Self.expectDenied(statement, on: connection, name)
            }
            // Within EMEA it may.
            try await connection.execute("INSERT INTO org.grant (role_name, unit_id) VALUES (\(cnEditor), \(de))")
            try await connection.execute("SELECT org.create_user(\(fixture.role("fr_person")), 'editor', 'FR')")
            try await connection.execute("SELECT org.disable_user(\(fixture.role("fr_person")))")
            // Its own scope is unchanged.
            let units = try await connection.fetchValue("SELECT org.visible_units()", as: [Int64].self) ?? []
            #expect(Set(units) == Set([try await fixture.id(ofUnit: "EMEA"), de, try await fixture.id(ofUnit: "FR")]))
            await connection.close()
        }
    }

    @Test("settings change nothing about what a role sees")
    func settings() async throws {
        try await withTenancy { fixture in
            let name = try await fixture.createUser("fr_reader", "reader", unit: "FR")
            let connection = try await fixture.connect(as: name)
            let before = try await connection.fetchValue("SELECT org.visible_units()", as: [Int64].self)
            let grantsBefore = try await connection.fetchValue("SELECT count(*) FROM org.grant", as: Int64.self)
            try await connection.execute("SET app.unit = 'HQ'")
            try await connection.execute("SET app.tenant_id = '1'")
            try await connection.execute("SET app.role = 'mtl_admin'")
            try await connection.execute("SELECT set_config('app.anything', 'everything', false)")
            try await connection.execute("SET search_path = pg_temp, public, org")
            #expect(try await connection.fetchValue("SELECT org.visible_units()", as: [Int64].self) == before)
            #expect(try await connection.fetchValue("SELECT count(*) FROM org.grant", as: Int64.self) == grantsBefore)
            #expect(before == [try await fixture.id(ofUnit: "FR")])
            await connection.close()
        }
    }
}
