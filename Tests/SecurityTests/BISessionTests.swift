import PGKit
import Testing
import TestSupport

/// The limits of BI sessions hold for every BI login, not only on paper: PostgreSQL applies role
/// settings to the role that logs in, never to members of a group role, so they are set on each
/// BI login (org.create_user, and V0020 for logins made before); TEMPORARY is a privilege, taken
/// from the group.
@Suite("BI sessions")
struct BISessionTests {
    @Test("a BI login's session is read-only, times out after 60 s, and cannot create temporary tables")
    func limits() async throws {
        try await withTenancy { fixture in
            let bi = try await fixture.connect(as: try await fixture.createUser("emea_bi", "bi", unit: "EMEA"))
            #expect(try await bi.fetchValue("SHOW statement_timeout", as: String.self) == "1min")
            #expect(try await bi.fetchValue("SHOW default_transaction_read_only", as: String.self) == "on")
            #expect(try await bi.fetchValue("SHOW idle_in_transaction_session_timeout", as: String.self) == "5min")
            await expectRefusal("25006", "read-only transaction") { try await bi.execute("CREATE TEMP TABLE t (id int)") }
            // Read-only is a session default a BI tool may lift; what holds whatever it sets are
            // the privileges: SELECT only, and no temporary tables.
            try await bi.execute("SET default_transaction_read_only = off")
            await expectRefusal("42501", "permission denied to create temporary tables") {
                try await bi.execute("CREATE TEMP TABLE t (id int)")
            }
            await expectRefusal("42501", "permission denied") { try await bi.execute("DELETE FROM reporting.fct_lead") }
            try await bi.execute("RESET default_transaction_read_only")
            #expect(try await bi.fetchValue("SHOW transaction_read_only", as: String.self) == "on")
            // What BI reads still works.
            #expect(try await bi.fetchValue("SELECT count(*) FROM reporting.dim_unit", as: Int64.self) ?? 0 > 0)
            await bi.close()
        }
    }

    @Test("a BI login made by hand, before the settings existed, gets them from the migration's function; the check finds one without")
    func existingLogins() async throws {
        try await withTenancy { fixture in
            let name = try await fixture.createUser("old_bi", "bi", unit: "DE")
            let admin = try await fixture.database.connect()
            try await admin.execute("ALTER ROLE \(identifier: name) RESET ALL")
            let bare = try await fixture.connect(as: name)
            #expect(try await bare.fetchValue("SHOW statement_timeout", as: String.self) == "0")
            await bare.close()
            // What V0020 runs for every BI account.
            try await admin.execute("SET ROLE mtl_owner")
            try await admin.execute("SELECT org.apply_bi_login_settings(\(name))")
            try await admin.execute("RESET ROLE")
            let fixed = try await fixture.connect(as: name)
            #expect(try await fixed.fetchValue("SHOW statement_timeout", as: String.self) == "1min")
            #expect(try await fixed.fetchValue("SHOW default_transaction_read_only", as: String.self) == "on")
            await fixed.close()
            await admin.close()
        }
    }
}
