import PGKit
import Testing
import TestSupport

/// Guards for every table, including those later migrations add: none may slip through without
/// forced row-level security, policies, privileges kept from PUBLIC, and the audit triggers.
@Suite("row-level security coverage")
struct RLSCoverageTests {
    static let domainSchemas = ["org", "mi", "mm", "dg", "sce", "mqa", "approval", "audit", "scheduler", "reporting"]

    struct Table: PGRecord, CustomStringConvertible {
        let name: String
        let rowSecurity: Bool
        let forced: Bool
        let owner: String
        let policies: [String]
        let auditTriggers: Int64
        let publicPrivileges: Bool
        let hasUnitColumn: Bool
        let scopedPolicies: Int64

        init(row: PGRow) throws {
            (name, rowSecurity, forced, owner, policies, auditTriggers, publicPrivileges, hasUnitColumn, scopedPolicies)
                = try row.decode((String, Bool, Bool, String, [String], Int64, Bool, Bool, Int64).self)
        }

        var description: String { name }
    }

    static func tables(_ connection: PGConnection) async throws -> [Table] {
        try await connection.fetchAll("""
            SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relowner::regrole::text,
                   ARRAY(SELECT p.polname::text FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY 1),
                   (SELECT count(*) FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                    WHERE t.tgrelid = c.oid AND f.proname = 'capture' AND f.pronamespace = 'audit'::regnamespace),
                   EXISTS (SELECT FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE a.grantee = 0),
                   EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'unit_id' AND NOT a.attisdropped),
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid
                    AND pg_get_expr(coalesce(p.polqual, p.polwithcheck), c.oid) LIKE '%visible_units%')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (\(domainSchemas)) AND NOT c.relispartition
            ORDER BY 1
            """)
    }

    @Test("every partition (the audit trail's months) is reached through its parent only: RLS forced, no policies, no grants, append-only")
    func partitionsAreClosed() async throws {
        try await withTestConnection { connection in
            let partitions = try await connection.fetchAll("""
                SELECT n.nspname || '.' || c.relname, c.relrowsecurity AND c.relforcerowsecurity,
                       (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid),
                       EXISTS (SELECT FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE a.grantee <> c.relowner),
                       EXISTS (SELECT FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'append_only')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND c.relispartition AND n.nspname = ANY (\(Self.domainSchemas))
                ORDER BY 1
                """, as: (String, Bool, Int64, Bool, Bool).self)
            // The default partitions and this month and three ahead, of both tables.
            #expect(partitions.count >= 10, "\(partitions.map(\.0))")
            for (name, forced, policies, granted, appendOnly) in partitions {
                #expect(name.hasPrefix("audit.change_") || name.hasPrefix("audit.row_change_"), "\(name)")
                #expect(forced && policies == 0 && !granted && appendOnly, "\(name): forced \(forced), policies \(policies), granted \(granted), append-only \(appendOnly)")
            }
        }
    }

    @Test("every table in the domain schemas has RLS enabled and forced, policies for people, audit triggers, and nothing for PUBLIC")
    func everyTableIsSecured() async throws {
        try await withTestConnection { connection in
            let tables = try await Self.tables(connection)
            #expect(tables.count >= 6, "found \(tables)")
            for table in tables {
                #expect(table.rowSecurity && table.forced, "\(table.name): row-level security must be enabled and forced")
                #expect(table.owner == "mtl_owner", "\(table.name) belongs to \(table.owner), not mtl_owner")
                #expect(table.policies.contains { $0 != "owner_all" }, "\(table.name) has no policy for people: \(table.policies)")
                #expect(!table.publicPrivileges, "\(table.name) grants privileges to PUBLIC")
                // The audit trail itself, and the scheduler's operational state: every claim,
                // heartbeat and firing would be an event; jobs keep their own error history
                // (V0015, V0016). Schedules themselves are audited.
                if !["audit.change", "audit.row_change", "audit.row_shape", "scheduler.job", "scheduler.firing", "scheduler.probe"].contains(table.name) {
                    #expect(table.auditTriggers == 3, "\(table.name) has \(table.auditTriggers) audit triggers, expected 3 (call org.secure_tenant_table or audit.track)")
                }
                // Tenant-owned tables (those with a unit) scope their policies by the grants.
                if table.hasUnitColumn {
                    #expect(table.scopedPolicies >= 1, "\(table.name) has a unit_id but no policy scoped by org.visible_units*()")
                }
            }
        }
    }

    @Test("the check notices a table that slipped through")
    func noticesUnsecuredTable() async throws {
        try await withTestConnection { connection in
            try await connection.executeScript(unsafeSQL: """
                SET ROLE mtl_owner;
                CREATE TABLE mi.forgotten (id bigint PRIMARY KEY, unit_id bigint);
                RESET ROLE;
                """)
            let forgotten = try await Self.tables(connection).first { $0.name == "mi.forgotten" }
            #expect(forgotten != nil)
            #expect(forgotten?.forced == false && forgotten?.policies.isEmpty == true && forgotten?.auditTriggers == 0)
        }
    }

    @Test("group roles cannot log in or bypass RLS; people's roles are plain")
    func roles() async throws {
        try await withTenancy { fixture in
            let connection = try await fixture.database.connect()
            let person = try await fixture.createUser("plain", "admin", unit: "HQ")
            let flags = try await connection.fetchAll("""
                SELECT rolname::text, rolcanlogin, rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication
                FROM pg_roles WHERE rolname IN ('mtl_owner', 'mtl_reader', 'mtl_editor', 'mtl_approver', 'mtl_admin', 'mtl_bi', 'mtl_scheduler', \(person))
                ORDER BY 1
                """, as: (String, Bool, Bool).self)
            #expect(flags.count == 8)
            for (name, canLogin, privileged) in flags {
                #expect(canLogin == (name == person), "\(name) login: \(canLogin)")
                // mtl_owner has CREATEROLE for org.create_user; no other role has any of these.
                #expect(privileged == (name == "mtl_owner"), "\(name) is privileged")
            }
            let ownerMembers = try await connection.fetchAll("""
                SELECT m.rolname::text FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member
                WHERE a.roleid = 'mtl_owner'::regrole AND NOT m.rolsuper
                """, as: (String).self)
            #expect(!ownerMembers.contains(person))
            await connection.close()
        }
    }
}
