import Foundation
import LocalPostgres
import PGKit
import Testing
import TestSupport

/// The audit trail by month (V0038): events land in their month's partition, the daily job's
/// function makes months ahead, and `mtl audit archive` takes months past the retention out into
/// dump files, dropping nothing that is not dumped, read back and recorded.
@Suite("audit partitions and archives")
struct AuditArchiveTests {
    @Test("events in their month, months made ahead by the scheduler only, an old month archived, listed, restorable, and gone from the database")
    func archive() async throws {
        try await withTenancy { fixture in
            let superuser = fixture.database.config.conninfo
            let db = try await fixture.database.connect()
            let hqAdmin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let deAdmin = try await fixture.createUser("de_admin", "admin", unit: "DE")
            let frAdmin = try await fixture.createUser("fr_admin", "admin", unit: "FR")
            let worker = try await fixture.createUser("worker", "scheduler", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")

            // A new event is in this month's partition, not the default one.
            let partition = try await db.fetchValue("SELECT tableoid::regclass::text FROM audit.change ORDER BY id DESC LIMIT 1", as: String.self)
            let thisMonth = try await db.fetchValue(#"SELECT to_char(now() AT TIME ZONE 'UTC', '"audit.change_y"YYYY"m"MM')"#, as: String.self)
            #expect(partition != nil && partition == thisMonth)
            #expect(try await db.fetchValue("SELECT count(*) FROM audit.change_default", as: Int64.self) == 0)

            // Months ahead: the scheduler's job makes them; an editor may not.
            let asWorker = try await fixture.connect(as: worker)
            #expect(try await asWorker.fetchValue("SELECT audit.make_partitions()", as: Int32.self) == 0, "made by the migration already")
            try await db.execute("UPDATE audit.partition_setting SET months_ahead = 5")
            #expect(try await asWorker.fetchValue("SELECT audit.make_partitions()", as: Int32.self) == 4, "two more months of two tables")
            #expect(try await asWorker.fetchValue("SELECT audit.detach_expired()", as: Int32.self) == 0, "no retention set")
            await asWorker.close()
            let asEditor = try await fixture.connect(as: editor)
            await expectRefusal("42501", "permission denied") { _ = try await asEditor.query("SELECT audit.make_partitions()") }
            await expectRefusal("42501", "permission denied") { _ = try await asEditor.query("SELECT audit.detach_expired()") }
            await expectRefusal("42501", "permission denied") { _ = try await asEditor.query("SELECT count(*) FROM audit.change_default") }
            await asEditor.close()
            // A partition is append-only even for the superuser, read directly.
            await expectRefusal("42501", "append-only") { try await db.execute("DELETE FROM \(unsafeRaw: thisMonth ?? "audit.change_default")") }

            // An old month: DE events of January 2025 (written around the triggers, as only a superuser can).
            // (Partitions belong to mtl_owner: made as it, like the job and the migration do.)
            try await db.execute("SET ROLE mtl_owner")
            #expect(try await db.fetchValue("SELECT audit.create_month_partition('audit.change', '2025-01-01')", as: Bool.self) == true)
            #expect(try await db.fetchValue("SELECT audit.create_month_partition('audit.row_change', '2025-01-01')", as: Bool.self) == true)
            try await db.execute("RESET ROLE")
            try await db.executeScript(unsafeSQL: """
                SET session_replication_role = replica;
                WITH c AS (
                    INSERT INTO audit.change (tx_time, clock_time, actor, table_name, operation, tx_id, unit_id, shape_id)
                    SELECT '2025-01-15 10:00+00', '2025-01-15 10:00+00', 'old_actor', 'dg.lead', 'INSERT', '1'::xid8, u.id,
                           (SELECT min(id) FROM audit.row_shape)
                    FROM org.unit u WHERE u.code = 'DE' RETURNING id, tx_time, unit_id)
                INSERT INTO audit.row_change (change_id, tx_time, unit_id, row_key, new_row)
                SELECT c.id, c.tx_time, c.unit_id, jsonb_build_object('id', k), NULL FROM c, generate_series(1, 2) k;
                RESET session_replication_role;
                """)
            let oldEvents = "SELECT count(*) FROM audit.event WHERE actor = 'old_actor'"
            for (admin, expected) in [(deAdmin, Int64(2)), (frAdmin, 0), (hqAdmin, 2)] {
                let connection = try await fixture.connect(as: admin)
                #expect(try await connection.fetchValue(SQL(stringLiteral: oldEvents), as: Int64.self) == expected, "\(admin)")
                await connection.close()
            }
            let others = "SELECT count(*) FROM audit.event WHERE table_name NOT IN ('audit.archive', 'audit.partition_setting')"
            let eventsBefore = try #require(try await db.fetchValue(SQL(stringLiteral: others), as: Int64.self))

            let folder = try makeTemporaryDirectory("mtl-audit-archive")
            defer { try? FileManager.default.removeItem(at: folder) }
            // Without a retention nothing leaves.
            var result = try MTLProcess.run(["audit", "archive", folder.path, "--database", superuser])
            #expect(result.status == 0 && result.stdout.contains("no retention is set"), "\(result.stdout)\(result.stderr)")
            // A person may not archive.
            result = try MTLProcess.run(["audit", "archive", folder.path, "--retention-months", "12", "--database", fixture.config(as: hqAdmin).conninfo])
            #expect(result.status != 0, "\(result.stdout)")
            #expect(try await db.fetchValue("SELECT retention_months FROM audit.partition_setting", as: Int32?.self) == .some(nil))

            result = try MTLProcess.run(["audit", "archive", folder.path, "--retention-months", "12", "--database", superuser])
            #expect(result.status == 0 && result.stdout.contains("2025-01: archived"), "\(result.stdout)\(result.stderr)")
            let dump = folder.appending(path: "audit-2025-01.dump")
            #expect(FileManager.default.fileExists(atPath: dump.path))
            let recorded = try await db.fetchOne("SELECT state, changes, rows, file, bytes, sha256 FROM audit.archive WHERE month = '2025-01-01'",
                                                 as: (String, Int64, Int64, String, Int64, String).self)
            #expect(recorded?.0 == "archived" && recorded?.1 == 1 && recorded?.2 == 2 && recorded?.3 == dump.path)
            let bytes = try FileManager.default.attributesOfItem(atPath: dump.path)[.size] as? Int
            #expect(recorded?.4 == bytes.map(Int64.init))
            #expect(try await db.fetchValue("SELECT to_regclass('audit_archive.row_change_y2025m01') IS NULL AND to_regclass('audit.row_change_y2025m01') IS NULL",
                                            as: Bool.self) == true)
            // Gone from the database, and only that: every other event is still there.
            #expect(try await db.fetchValue(SQL(stringLiteral: oldEvents), as: Int64.self) == 0)
            #expect(try await db.fetchValue(SQL(stringLiteral: others), as: Int64.self) == eventsBefore - 2)
            // The archiving is itself audited: the settings changed (months ahead, the retention), the month detached, then archived.
            let trail = try await db.fetchValue(
                "SELECT string_agg(table_name || ' ' || operation, ', ' ORDER BY id) FROM audit.event WHERE table_name IN ('audit.archive', 'audit.partition_setting')",
                as: String.self)
            #expect(trail == "audit.partition_setting UPDATE, audit.partition_setting UPDATE, audit.archive INSERT, audit.archive UPDATE", "\(trail ?? "")")
            // The dump restores: its two tables, its rows.
            let restoredName = fixture.database.name + "_restored"
            try await db.execute("CREATE DATABASE \(identifier: restoredName)")
            let restored = try await PGConnection.connect(fixture.database.config.database(restoredName), logger: quietLogger("pgkit"))
            try await restored.execute("CREATE SCHEMA audit_archive")
            let log = folder.appending(path: "restore.log")
            let status = try LocalPostgres.spawnAndWait(["/usr/bin/env", "pg_restore", "--no-owner", "--no-acl", "--section=pre-data", "--section=data",
                                                         "--dbname=\(fixture.database.config.database(restoredName).conninfo)", dump.path],
                                                        environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"], outputPath: log.path)
            #expect(status == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            #expect(try await restored.fetchValue("SELECT count(*) FROM audit_archive.row_change_y2025m01", as: Int64.self) == 2)
            #expect(try await restored.fetchValue("SELECT count(*) FROM audit_archive.change_y2025m01", as: Int64.self) == 1)
            await restored.close()
            try await db.execute("DROP DATABASE \(identifier: restoredName)")

            // Listed for HQ admins, not for a country's.
            result = try MTLProcess.run(["audit", "archives", "--format", "csv", "--database", fixture.config(as: hqAdmin).conninfo])
            #expect(result.status == 0 && result.stdout.contains("2025-01,archived,1,2,\(dump.path)"), "\(result.stdout)\(result.stderr)")
            result = try MTLProcess.run(["audit", "archives", "--database", fixture.config(as: deAdmin).conninfo])
            #expect(result.status == 0 && result.stdout.contains("no month"), "\(result.stdout)\(result.stderr)")
            // Nothing is dropped that is not detached, nor without a dump's particulars.
            await expectRefusal("55000", "not detached") {
                _ = try await db.query("SELECT audit.drop_archived('2024-01-01', 'x.dump', 1, repeat('a', 64))")
            }
            // Run again: nothing more to do.
            result = try MTLProcess.run(["audit", "archive", folder.path, "--database", superuser])
            #expect(result.status == 0 && result.stdout.contains("nothing to archive"), "\(result.stdout)\(result.stderr)")
            await db.close()
        }
    }
}
