import PGKit
import Testing
import TestSupport

/// Rows written by people start where their life cycle starts, and what the database stamps
/// (who, when, state changes) people cannot set: a lead cannot be born accepted with a pipeline
/// and a date in 2001, a programme cannot be born running, a framework cannot be born published.
@Suite("system columns and first states")
struct SystemColumnTests {
    static let peopleRoles = ["mtl_reader", "mtl_editor", "mtl_approver", "mtl_admin", "mtl_bi"]

    @Test("no person's role may write a system column, or insert the state of a table with a state machine, anywhere")
    func catalog() async throws {
        try await withTestConnection { connection in
            let systemColumns = try #require(try await connection.fetchValue("SELECT org.system_column_names()", as: [String].self))
            // People's group roles: every capability's but the scheduler's (modules' too, such as mtl_seller).
            let peopleRoles = try await connection.fetchAll("SELECT group_role::text FROM org.capability WHERE code <> 'scheduler' ORDER BY 1", as: String.self)
            #expect(Set(peopleRoles).isSuperset(of: Self.peopleRoles))
            let writable = try await connection.fetchAll("""
                SELECT n.nspname || '.' || c.relname || '.' || a.attname || ' (' || r || ' ' || p || ')'
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                CROSS JOIN unnest(\(peopleRoles)::text[]) r CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE']) p
                WHERE c.relkind = 'r' AND n.nspname IN ('org', 'mi', 'mm', 'dg', 'sce', 'mqa', 'approval', 'audit', 'scheduler')
                  AND (a.attname = ANY (\(systemColumns)::text[]) OR a.attidentity <> ''
                       OR (p = 'INSERT' AND a.attname = 'state'
                           AND EXISTS (SELECT FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                                       WHERE t.tgrelid = c.oid AND f.proname = 'enforce_transition')))
                  AND has_column_privilege(r, c.oid, a.attnum, p)
                ORDER BY 1
                """, as: (String).self)
            #expect(writable.isEmpty, "people may write: \(writable)")
            // The check itself sees the machines' tables.
            let machines = try await connection.fetchAll("""
                SELECT DISTINCT t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                WHERE f.proname = 'enforce_transition' ORDER BY 1
                """, as: (String).self)
            let subjects = try await connection.fetchAll("SELECT subject FROM org.state_machine ORDER BY 1", as: String.self)
            #expect(machines.count >= 6 && machines == subjects, "\(machines) against org.state_machine's \(subjects)")
        }
    }

    @Test("a lead written directly starts new, undated and without pipeline; its stamps and state changes are the database's")
    func leads() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let de = try await fixture.id(ofUnit: "DE")
            // The attack: accepted, 5,000,000 of pipeline, created in 2001.
            for statement: SQL in [
                "INSERT INTO dg.lead (unit_id, channel, company, contact_name, state) VALUES (\(de), 'web', 'A', 'a', 'accepted')",
                "INSERT INTO dg.lead (unit_id, channel, company, contact_name, created_at) VALUES (\(de), 'web', 'A', 'a', '2001-01-01')",
                "INSERT INTO dg.lead (unit_id, channel, company, contact_name, created_by) VALUES (\(de), 'web', 'A', 'a', 'someone_else')",
                "INSERT INTO dg.lead (unit_id, channel, company, contact_name, state_changed_at) VALUES (\(de), 'web', 'A', 'a', now())",
                "INSERT INTO dg.lead (id, unit_id, channel, company, contact_name) OVERRIDING SYSTEM VALUE VALUES (1, \(de), 'web', 'A', 'a')",
            ] {
                await expectRefusal("42501", "permission denied for table lead") { try await editor.execute(statement) }
            }
            await expectRefusal("23514", "violates check constraint") {
                try await editor.execute("INSERT INTO dg.lead (unit_id, channel, company, contact_name, pipeline_value) VALUES (\(de), 'web', 'A', 'a', 5000000)")
            }
            let id = try #require(try await editor.fetchValue("""
                INSERT INTO dg.lead (unit_id, channel, company, contact_name) VALUES (\(de), 'web', 'A', 'a') RETURNING id
                """, as: Int64.self))
            let (state, createdBy, recent) = try #require(try await editor.fetchOne("""
                SELECT state, created_by::text, created_at > now() - interval '1 minute' FROM dg.lead WHERE id = \(id)
                """, as: (String, String, Bool).self))
            #expect(state == "new" && createdBy == fixture.role("de_editor") && recent)
            for statement: SQL in ["UPDATE dg.lead SET created_at = '2001-01-01' WHERE id = \(id)",
                                   "UPDATE dg.lead SET state_changed_by = 'x' WHERE id = \(id)",
                                   "UPDATE dg.lead SET handed_off_at = now(), sla_due_at = now() + interval '90 days' WHERE id = \(id)"] {
                await expectRefusal("42501", "permission denied for table lead") { try await editor.execute(statement) }
            }
            // The life cycle still moves, through its states.
            await expectRefusal("23514", "invalid lead state change") { try await editor.execute("UPDATE dg.lead SET state = 'accepted' WHERE id = \(id)") }
            try await editor.execute("UPDATE dg.lead SET state = 'qualifying' WHERE id = \(id)")
            await editor.close()
        }
    }

    @Test("a lead names an activity of its unit or above that its writer can see")
    func leadSources() async throws {
        try await withTenancy { fixture in
            let emeaEditor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            let (de, emea) = (try await fixture.id(ofUnit: "DE"), try await fixture.id(ofUnit: "EMEA"))
            let owner = try await fixture.database.connect()
            try await owner.executeScript(unsafeSQL: """
                SET session_replication_role = replica;
                INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2027, 'published');
                INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'C');
                INSERT INTO dg.programme (id, unit_id, bu_id, name, tier, fiscal_year, concept_package_id, starts_on, ends_on, state, currency) OVERRIDING SYSTEM VALUE
                SELECT 1, \(emea), b.id, 'EMEA programme', 'company', 2027, 1, '2026-04-01', '2027-03-31', 'running', 'EUR' FROM org.business_unit b WHERE b.code = 'CARRIER';
                INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on) OVERRIDING SYSTEM VALUE
                SELECT 1, 1, \(emea), bu_id, 'EMEA summit', 'summit', date '2026-05-01', date '2026-05-01' FROM dg.programme WHERE id = 1
                UNION ALL SELECT 2, 1, \(de), bu_id, 'DE workshop', 'workshop', date '2026-05-01', date '2026-05-01' FROM dg.programme WHERE id = 1;
                SET session_replication_role = DEFAULT;
                """)
            // A DE lead of the regional summit: fine. An EMEA lead of DE's workshop: not its unit's.
            try await emeaEditor.execute("INSERT INTO dg.lead (unit_id, activity_id, company, contact_name) VALUES (\(de), 1, 'A', 'a')")
            await expectRefusal("23514", "belongs to the activity's unit or a unit below it") {
                try await emeaEditor.execute("INSERT INTO dg.lead (unit_id, activity_id, company, contact_name) VALUES (\(emea), 2, 'B', 'b')")
            }
            // DE works on that lead, though it cannot see EMEA's summit: only a changed source is checked.
            let deEditor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            #expect(try await deEditor.execute("UPDATE dg.lead SET state = 'qualifying' WHERE company = 'A'") == 1)
            await expectRefusal("42501", "row-level security") {
                try await deEditor.execute("UPDATE dg.lead SET activity_id = 1 WHERE company = 'A' AND activity_id IS NULL")
                try await deEditor.execute("INSERT INTO dg.lead (unit_id, activity_id, company, contact_name) VALUES (\(de), 1, 'D', 'd')")
            }
            await deEditor.close()
            // Nor by an update, in bulk.
            try await emeaEditor.execute("INSERT INTO dg.lead (unit_id, channel, company, contact_name) VALUES (\(emea), 'web', 'C', 'c')")
            await expectRefusal("23514", "belongs to the activity's unit") {
                try await emeaEditor.execute("UPDATE dg.lead SET activity_id = 2, channel = NULL WHERE company = 'C'")
            }
            await emeaEditor.close()
            await owner.close()
        }
    }

    @Test("a programme is not born running, nor a framework published")
    func firstStates() async throws {
        try await withTenancy { fixture in
            let hqAdmin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            await expectRefusal("42501", "permission denied for table framework") {
                try await hqAdmin.execute("INSERT INTO mm.framework (fiscal_year, state) VALUES (2030, 'published')")
            }
            await expectRefusal("42501", "permission denied for table framework") {
                try await hqAdmin.execute("INSERT INTO mm.framework (fiscal_year, published_at) VALUES (2030, now())")
            }
            await expectRefusal("42501", "permission denied for table programme") {
                try await hqAdmin.execute("""
                    INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, concept_package_id, starts_on, ends_on, state)
                    SELECT org.hq(), b.id, 'x', 'company', 2027, 1, '2026-04-01', '2027-03-31', 'running' FROM org.business_unit b LIMIT 1
                    """)
            }
            // A programme's segment is its MSP's, not a person's to set.
            await expectRefusal("42501", "permission denied for table programme") {
                try await hqAdmin.execute("UPDATE dg.programme SET segment_id = 1")
            }
            let id = try #require(try await hqAdmin.fetchValue("INSERT INTO mm.framework (fiscal_year) VALUES (2030) RETURNING id", as: Int64.self))
            #expect(try await hqAdmin.fetchValue("SELECT state FROM mm.framework WHERE id = \(id)", as: String.self) == "draft")
            await hqAdmin.close()
        }
    }
}
