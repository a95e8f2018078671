import Foundation
import LocalPostgres
import PGKit
import Schema
import Testing
import TestSupport

/// `mtl db check`'s invariants (SecurityCheck): none broken on a migrated database; each kind of
/// breakage found; and a real restore onto a new cluster without the roles, which migrates as
/// "up to date", is found out.
@Suite("security check")
struct SecurityCheckTests {
    @Test("a migrated database holds every invariant")
    func healthy() async throws {
        try await withTestConnection { db in
            let violations = try await SecurityCheck.run(on: db)
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test("each broken invariant is listed with what to do")
    func broken() async throws {
        try await withTenancy { fixture in
            let bi = try await fixture.createUser("hand_bi", "bi", unit: "DE")
            let db = try await fixture.database.connect()
            try await db.executeScript(unsafeSQL: """
                ALTER TABLE dg.lead NO FORCE ROW LEVEL SECURITY;
                DROP POLICY read_in_scope ON mm.segment;
                ALTER TABLE mm.segment OWNER TO postgres;
                ALTER ROLE "\(bi)" RESET ALL;
                GRANT TEMPORARY ON DATABASE "\(fixture.database.name)" TO mtl_bi;
                GRANT CONNECT ON DATABASE "\(fixture.database.name)" TO PUBLIC;
                SET ROLE mtl_owner;
                CREATE FUNCTION mm.sloppy() RETURNS int LANGUAGE sql SECURITY DEFINER RETURN 1;
                RESET ROLE;
                """)
            let found = try await SecurityCheck.run(on: db).map { "\($0.check) \($0.object): \($0.problem)" }
            for expected in ["rls dg.lead: not forced", "table_owner mm.segment: belongs to postgres, not mtl_owner",
                             "bi_login \(bi): lacks default_transaction_read_only=on, idle_in_transaction_session_timeout=5min, statement_timeout=60s",
                             "database \(fixture.database.name): BI logins may create temporary tables",
                             "database \(fixture.database.name): PUBLIC may CONNECT",
                             "definer_function mm.sloppy(): has no fixed search_path, PUBLIC may execute it"] {
                #expect(found.contains(expected), "missing \(expected) in \(found)")
            }
            #expect(found.contains { $0.hasPrefix("policies mm.segment") } == false, "mm.segment keeps owner_all and the write policies: \(found)")
            try await db.executeScript(unsafeSQL: """
                DROP POLICY insert_in_scope ON mm.segment; DROP POLICY update_in_scope ON mm.segment; DROP POLICY delete_in_scope ON mm.segment;
                DROP POLICY owner_all ON mm.segment;
                """)
            #expect(try await SecurityCheck.run(on: db).contains { $0.check == "policies" && $0.object == "mm.segment" && $0.problem.contains("no policies") })
            await db.close()
        }
    }

    @Test("a dump restored onto a new cluster without the roles first is found out")
    func restoreWithoutRoles() async throws {
        let source = try #require(try await TestServer.shared.cluster(), "needs the tests' own cluster")
        try await withTestDatabase { database in
            let work = FileManager.default.temporaryDirectory.appending(path: "mtl-restore-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            let dump = work.appending(path: "mtl.dump").path
            let bin = try ServerBinaries.find().directory
            try runTool([bin.appending(path: "pg_dump").path, "-Fc", "-f", dump, source.uri(database: database.name)])
            // A new cluster, as on a new machine: no mtl roles.
            let target = try LocalPostgres.start(logger: quietLogger("restore"))
            defer { target.stop() }
            let admin = try await PGConnection.connect(target.config(), logger: quietLogger("pgkit"))
            try await admin.execute("CREATE DATABASE restored")
            await admin.close()
            // pg_restore reports the roles it could not find and goes on; the data is there.
            _ = try? runTool([bin.appending(path: "pg_restore").path, "-d", target.uri(database: "restored"), dump])
            let restored = try await PGConnection.connect(target.config(database: "restored"), logger: quietLogger("pgkit"))
            let status = try await Migrator(migrations: try MigrationSet.embedded(), logger: quietLogger("mtl.schema")).status(on: restored)
            #expect(status.allSatisfy { $0.state == .applied }, "the migrations table says up to date")
            let violations = try await SecurityCheck.run(on: restored)
            #expect(violations.contains { $0.check == "group_role" && $0.problem.hasPrefix("missing") }, "\(violations)")
            #expect(violations.first?.fix.contains("pg_dumpall --roles-only") == true)
            // Roles made afterwards do not bring the policies or the owners back.
            try await restored.executeScript(unsafeSQL: """
                CREATE ROLE mtl_owner NOLOGIN CREATEROLE; CREATE ROLE mtl_reader NOLOGIN; CREATE ROLE mtl_editor NOLOGIN IN ROLE mtl_reader;
                CREATE ROLE mtl_approver NOLOGIN IN ROLE mtl_reader; CREATE ROLE mtl_admin NOLOGIN IN ROLE mtl_editor, mtl_approver;
                CREATE ROLE mtl_bi NOLOGIN; CREATE ROLE mtl_scheduler NOLOGIN;
                """)
            let later = try await SecurityCheck.run(on: restored)
            #expect(later.contains { $0.check == "table_owner" && $0.object == "dg.lead" }, "\(later)")
            #expect(later.contains { $0.check == "policies" && $0.object == "dg.lead" && $0.problem.contains("no policies") }, "\(later)")
            await restored.close()
        }
    }

    /// Runs a tool with its output in a file; throws with that output when it fails.
    func runTool(_ arguments: [String]) throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "mtl-tool-\(UUID().uuidString).out").path
        defer { unlink(output) }
        let status = try LocalPostgres.spawnAndWait(arguments, environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"], outputPath: output)
        guard status == 0 else {
            throw PGError(.client, "\(arguments[0]) failed (\(status)): \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")")
        }
    }
}
