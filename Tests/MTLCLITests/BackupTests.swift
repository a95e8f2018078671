import Foundation
import LocalPostgres
import PGKit
import Testing
import TestSupport

/// `mtl db backup` and `mtl db restore` through the binary, into a new cluster: the roles first,
/// the database with its privileges, then the security check; the same rows, policies and grants.
@Suite("backup and restore")
struct BackupTests {
    static let counts: SQL = """
        SELECT string_agg(format('%s=%s', t, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %s', t), false, true, '')))[1]), ' ' ORDER BY t)
        FROM unnest(ARRAY['org.unit', 'org.grant', 'org.user_account', 'mm.segment', 'dg.lead', 'audit.event', 'mi.topic', 'sce.material']) t
        """
    static let security: SQL = """
        SELECT (SELECT count(*) FROM pg_policy)::text || ' policies, ' ||
               (SELECT count(*) FROM information_schema.role_table_grants WHERE grantee LIKE 'mtl\\_%')::text || ' grants, ' ||
               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relforcerowsecurity)::text || ' forced'
        """

    @Test("a backup restored into a new cluster has the same rows, policies and grants, and passes mtl db check")
    func backupAndRestore() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            var result = try TenancyCLITests.mtl(fixture, as: editor, ["segment", "add", "DE/RAIL", "--bu", "CARRIER", "--name", "Rail", "--industry", "Transport",
                                                                       "--customer-type", "Operator", "--solution-line", "Rail comms", "--horizon", "H1"])
            #expect(result.status == 0, "\(result.stderr)")
            let folder = FileManager.default.temporaryDirectory.appending(path: "mtl-backup-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            result = try MTLProcess.run(["db", "backup", folder.path, "--database", fixture.database.config.conninfo])
            #expect(result.status == 0 && result.stdout.contains("backed up"), "\(result.stdout) \(result.stderr)")
            // A second backup into the same folder is refused; a damaged file is found.
            result = try MTLProcess.run(["db", "backup", folder.path, "--database", fixture.database.config.conninfo])
            #expect(result.status == 1 && result.stderr.contains("is not empty"), "\(result.stderr)")

            let target = try LocalPostgres.start(logger: quietLogger("mtl.localpostgres"))
            defer { target.stop() }
            result = try MTLProcess.run(["db", "restore", folder.path, "--database", target.config().conninfo])
            #expect(result.status == 0 && result.stdout.contains("every security invariant holds"), "\(result.stdout) \(result.stderr)")
            let original = try await fixture.database.connect()
            let restored = try await PGConnection.connect(target.config(database: fixture.database.name), logger: quietLogger("pgkit"))
            #expect(try await restored.fetchValue(Self.counts, as: String.self) == (try await original.fetchValue(Self.counts, as: String.self)))
            #expect(try await restored.fetchValue(Self.security, as: String.self) == (try await original.fetchValue(Self.security, as: String.self)))
            // The person logs in on the new cluster with the same password and sees the same rows.
            let person = try await PGConnection.connect(target.tcpConfig(database: fixture.database.name).user(editor, password: TenancyFixture.password),
                                                        logger: quietLogger("pgkit"))
            #expect(try await person.fetchValue("SELECT count(*) FROM mm.segment", as: Int64.self) == 1)
            for db in [original, restored, person] { await db.close() }
            // Restoring again is refused (the database exists); a changed file fails its checksum.
            result = try MTLProcess.run(["db", "restore", folder.path, "--database", target.config().conninfo])
            #expect(result.status == 1 && result.stderr.contains("exists already"), "\(result.stderr)")
            let handle = try FileHandle(forWritingTo: folder.appending(path: "roles.sql"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("-- changed\n".utf8))
            try handle.close()
            result = try MTLProcess.run(["db", "restore", folder.path, "--database", target.config().conninfo])
            #expect(result.status == 1 && result.stderr.contains("does not match its checksum"), "\(result.stderr)")
        }
    }
}
