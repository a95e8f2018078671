import PGKit
import Schema
import Testing
import TestSupport

/// The audit trail stores each row's image as the text of its row, once per statement what is
/// common (V0026): audit.event must give back exactly what to_jsonb(row) gave, whatever the writer's
/// session settings, through later changes of the table, and each statement's parts in the scope
/// of the rows they describe.
@Suite("audit images and changes")
struct AuditImageTests {
    @Test("an image reads back as to_jsonb(row) exactly: quotes, commas, backslashes, brackets, new lines, empty text and NULL, under odd session settings")
    func exactImages() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE")
            // The writer's session writes dates, intervals and floats its own way; the images must not care.
            try await db.execute("SET DateStyle = 'SQL, DMY'")
            try await db.execute("SET IntervalStyle = 'sql_standard'")
            try await db.execute("SET extra_float_digits = -3")
            try await db.execute("SET TimeZone = 'Asia/Kathmandu'")
            let id = try #require(try await db.fetchValue("""
                INSERT INTO dg.lead (unit_id, channel, company, contact_name, email, need, contact_title, phone, sla_due_at)
                VALUES (\(de), 'web', 'Quote "Co", (Ltd)', 'Chloé Müller', 'chloe@example.com',
                        \("a \"b\", c\\d (e)\nnext line\t\\\\ end"), '', NULL, '2027-02-03 04:05:06.789+01')
                RETURNING id
                """, as: Int64.self))
            try await db.execute("UPDATE dg.lead SET need = '\\', phone = '()' WHERE id = \(id)")
            for setting in ["DateStyle", "IntervalStyle", "extra_float_digits", "TimeZone"] {
                try await db.execute(SQL(unsafeRaw: "RESET \(setting)"))
            }
            let rows = try await db.fetchAll("""
                SELECT e.operation, e.new_row = to_jsonb(l), e.new_row ->> 'need', e.new_row ->> 'contact_title', (e.new_row -> 'phone')::text
                FROM audit.event e JOIN dg.lead l ON l.id = \(id)
                WHERE e.table_name = 'dg.lead' AND e.row_key = jsonb_build_object('id', \(id)) ORDER BY e.id
                """, as: (String, Bool, String, String?, String).self)
            #expect(rows.map(\.0) == ["INSERT", "UPDATE"])
            #expect(rows[1].1, "the update's new image is the row as it is")
            #expect(rows[0].2 == "a \"b\", c\\d (e)\nnext line\t\\\\ end" && rows[0].3 == "" && rows[0].4 == "null")
            #expect(rows[1].2 == "\\" && rows[1].4 == "\"()\"")
            let old = try await db.fetchValue("""
                SELECT old_row ->> 'need' FROM audit.event WHERE table_name = 'dg.lead' AND operation = 'UPDATE' AND row_key = jsonb_build_object('id', \(id))
                """, as: String.self)
            #expect(old == "a \"b\", c\\d (e)\nnext line\t\\\\ end")
            // The record parser used for older shapes undoes record_out's quoting.
            let fields = try await db.fetchValue(#"""
                SELECT audit.record_fields(ROW('a "b", c\d (e)', '', NULL::text, '\', '()', 'plain', E'x\ny')::text)
                       = ARRAY['a "b", c\d (e)', '', NULL, '\', '()', 'plain', E'x\ny']
                """#, as: Bool.self)
            #expect(fields == true)
            await db.close()
        }
    }

    @Test("events captured before a table changed read as they were written: with the old columns and their types")
    func olderShapes() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE")
            // The migrator made the shape of every audited table, so writers add none.
            #expect(try await db.fetchValue("""
                SELECT count(*) FROM (SELECT DISTINCT tgrelid FROM pg_trigger WHERE tgfoid = 'audit.capture'::regproc) t
                WHERE NOT EXISTS (SELECT FROM audit.row_shape s JOIN pg_class c ON c.relname = s.table_name AND c.oid = t.tgrelid
                                  WHERE s.images = 'record')
                """, as: Int64.self) == 0, "every audited table has its shape before anything writes it")
            try await db.execute("SET ROLE mtl_owner")
            try await db.execute("CREATE TABLE mm.shape_probe (id int PRIMARY KEY, unit_id bigint NOT NULL, a text, b numeric, c boolean, d jsonb)")
            try await db.execute("SELECT audit.track('mm.shape_probe', 'unit_id')")
            try await db.execute("INSERT INTO mm.shape_probe VALUES (1, \(de), 'x, \"y\"', 2.50, true, '{\"k\": [1, \"two\"]}')")
            let before = try await db.fetchValue("SELECT to_jsonb(p)::text FROM mm.shape_probe p", as: String.self)
            try await db.execute("ALTER TABLE mm.shape_probe DROP COLUMN a, ALTER COLUMN b TYPE text, ADD COLUMN e date")
            try await db.execute("INSERT INTO mm.shape_probe VALUES (2, \(de), 3, false, NULL, '2027-01-31')")
            try await db.execute("RESET ROLE")
            let images = try await db.fetchAll("""
                SELECT new_row::text FROM audit.event WHERE table_name = 'mm.shape_probe' ORDER BY id
                """, as: String.self)
            #expect(images.first == before, "\(images)")
            #expect(images.last == #"{"b": "3", "c": false, "d": null, "e": "2027-01-31", "id": 2, "unit_id": \#(de)}"#)
            #expect(try await db.fetchValue("SELECT count(*) FROM audit.row_shape WHERE table_name = 'shape_probe'", as: Int64.self) == 2)
            await db.close()
        }
    }

    @Test("one statement over two units makes one change per unit; each admin reads only its own, parts and rows alike")
    func changesPerUnit() async throws {
        try await withTenancy { fixture in
            let deAdmin = try await fixture.createUser("de_admin", "admin", unit: "DE")
            let hqAdmin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let db = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE"), cn = try await fixture.id(ofUnit: "CN")
            let mark = try await db.fetchValue("SELECT coalesce(max(id), 0) FROM audit.change", as: Int64.self) ?? 0
            try await db.execute("""
                INSERT INTO dg.lead (unit_id, channel, company, contact_name) VALUES
                    (\(de), 'web', 'Secret DE', 'Ann'), (\(cn), 'web', 'Secret CN', 'Bo'), (\(cn), 'web', 'Secret CN 2', 'Cy')
                """)
            let parts = try await db.fetchAll("""
                SELECT c.unit_id, count(r.*) FROM audit.change c JOIN audit.row_change r ON r.change_id = c.id
                WHERE c.table_name = 'dg.lead' AND c.id > \(mark)
                GROUP BY c.unit_id ORDER BY c.unit_id
                """, as: (Int64, Int64).self)
            #expect(parts.map(\.0) == [de, cn].sorted() && parts.map(\.1) == (de < cn ? [1, 2] : [2, 1]))
            await db.close()

            let germany = try await fixture.connect(as: deAdmin)
            for table in ["audit.change", "audit.row_change", "audit.event"] {
                let units = try await germany.fetchAll(SQL(unsafeRaw: "SELECT DISTINCT unit_id FROM \(table) WHERE unit_id = \(cn)"), as: Int64.self)
                #expect(units.isEmpty, "a DE admin reads CN's rows of \(table)")
            }
            #expect(try await germany.fetchValue("SELECT count(*) FROM audit.event WHERE new_row ->> 'company' = 'Secret DE'", as: Int64.self) == 1)
            #expect(try await germany.fetchValue("SELECT count(*) FROM audit.event WHERE new_row ->> 'company' LIKE 'Secret CN%'", as: Int64.self) == 0)
            await germany.close()
            let headquarters = try await fixture.connect(as: hqAdmin)
            #expect(try await headquarters.fetchValue("SELECT count(*) FROM audit.event WHERE new_row ->> 'company' LIKE 'Secret%'", as: Int64.self) == 3)
            await headquarters.close()
        }
    }

    @Test("events captured before V0026 read the same after it, ids and order kept; new ones follow")
    func eventsBeforeTheSplit() async throws {
        try await withTestConnection(migrated: false) { conn in
            let all = try MigrationSet.embedded()
            let before = try MigrationSet(all.versioned.filter { $0.version! < 26 })
            try await Migrator(migrations: before, logger: quietLogger("schema")).migrate(on: conn)
            try await conn.execute("INSERT INTO org.business_unit (code, name) VALUES ('OLD', 'Old \"one\", (x)')")
            try await conn.execute("UPDATE org.business_unit SET name = 'Renamed' WHERE code = 'OLD'")
            let old = try await conn.fetchAll("""
                SELECT id, operation, row_key::text, coalesce(old_row::text, '-'), coalesce(new_row::text, '-'), actor::text, tx_id::text
                FROM audit.event ORDER BY id
                """, as: (Int64, String, String, String, String, String, String).self)
            #expect(old.count >= 2)
            try await Migrator(migrations: all, logger: quietLogger("schema")).migrate(on: conn)
            let now = try await conn.fetchAll("""
                SELECT id, operation, row_key::text, coalesce(old_row::text, '-'), coalesce(new_row::text, '-'), actor::text, tx_id::text
                FROM audit.event WHERE id <= \(old.last!.0) ORDER BY id
                """, as: (Int64, String, String, String, String, String, String).self)
            #expect(now.count == old.count)
            #expect(zip(old, now).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 && $0.3 == $1.3 && $0.4 == $1.4 && $0.5 == $1.5 && $0.6 == $1.6 })
            try await conn.execute("UPDATE org.business_unit SET name = 'Again' WHERE code = 'OLD'")
            let last = try await conn.fetchOne("SELECT id, new_row ->> 'name', old_row ->> 'name' FROM audit.event ORDER BY id DESC LIMIT 1",
                                               as: (Int64, String, String).self)
            #expect(last?.0 ?? 0 > old.last!.0 && last?.1 == "Again" && last?.2 == "Renamed")
        }
    }
}
