import Foundation
import PGKit
import Schema
import Testing
import TestSupport

@Suite("Migrations")
struct MigratorTests {
    let embedded = try! MigrationSet.embedded()

    func migrator(_ set: MigrationSet) -> Migrator { Migrator(migrations: set, logger: quietLogger("schema")) }

    /// The embedded migrations plus some of a test's own (on a migrated test database).
    func withExtra(_ files: [(String, String)]) throws -> MigrationSet {
        try MigrationSet(embedded.all + files.map { try Migration(path: $0.0, sql: $0.1) })
    }

    @Test("the SQL under sql/ is embedded in the binary, byte for byte")
    func embeddedMatchesFiles() throws {
        let fromDisk = try MigrationSet.directory(packageRoot.appending(path: "sql"))
        #expect(embedded.all.map(\.path) == fromDisk.all.map(\.path))
        #expect(embedded.all.map(\.checksum) == fromDisk.all.map(\.checksum))
        #expect(embedded.versioned.first?.path == "migrations/V0001__roles_and_schemas.sql")
    }

    @Test("fresh apply creates the roles and schemas, owned by mtl_owner; a re-run is a no-op")
    func freshApply() async throws {
        try await withTestConnection(migrated: false) { conn in
            let applied = try await migrator(embedded).migrate(on: conn)
            let thenApplied: Set<String> = Set(embedded.versioned.flatMap(\.thenApply))
            var expected: [String] = []
            for migration in embedded.versioned { expected += [migration.id] + migration.thenApply }
            expected += embedded.repeatable.map(\.id).filter { !thenApplied.contains($0) }
            #expect(applied == expected)
            let owners = try await conn.fetchAll("""
                SELECT nspname::text, pg_get_userbyid(nspowner)::text FROM pg_namespace
                WHERE nspname IN ('org','mi','mm','dg','sce','mqa','approval','audit','scheduler','reporting') ORDER BY 1
                """, as: (String, String).self)
            #expect(owners.count == 10)
            #expect(owners.allSatisfy { $0.1 == "mtl_owner" })
            let roles = try await conn.fetchAll(
                "SELECT rolname::text, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname LIKE 'mtl\\_%' ORDER BY 1",
                as: (String, Bool, Bool, Bool).self)
            // The owner, mtl_login (V0036) and one group role per capability (the core's and the modules').
            let groups = try await conn.fetchAll("SELECT group_role::text FROM org.capability", as: String.self)
            #expect(roles.map(\.0) == (["mtl_owner", "mtl_login"] + groups).sorted())
            #expect(Set(groups).isSuperset(of: ["mtl_admin", "mtl_approver", "mtl_bi", "mtl_editor", "mtl_reader", "mtl_scheduler"]))
            #expect(roles.allSatisfy { !$0.1 && !$0.2 && !$0.3 })
            #expect(try await migrator(embedded).migrate(on: conn).isEmpty)
            let states = try await migrator(embedded).status(on: conn)
            #expect(states.allSatisfy { $0.state == .applied })
        }
    }

    @Test("an applied file that was edited is refused, naming the file, and nothing is applied")
    func editedFileRefused() async throws {
        try await withTestConnection { conn in
            try await migrator(withExtra([("migrations/V0101__one.sql", "CREATE TABLE mm.one (v int);")])).migrate(on: conn)
            #expect(try await conn.fetchValue("SELECT tableowner::text FROM pg_tables WHERE tablename = 'one'", as: String.self) == "mtl_owner")
            let set = try withExtra([("migrations/V0101__one.sql", "CREATE TABLE mm.one (v bigint);"),
                                     ("migrations/V0102__two.sql", "CREATE TABLE mm.two (v int);")])
            let error = try await #require(throws: MigrationError.self) { try await migrator(set).migrate(on: conn) }
            #expect(error == .changedAfterApply(["migrations/V0101__one.sql"]))
            #expect(error.description.contains("sql/migrations/V0101__one.sql"))
            #expect(try await conn.fetchValue("SELECT to_regclass('mm.two') IS NULL", as: Bool.self) == true)
            #expect(try await migrator(set).status(on: conn).filter { $0.id.hasPrefix("V01") }.map(\.state) == [.changed, .pending])
        }
    }

    @Test("a failing file is rolled back whole and the error names the file and line")
    func failingFile() async throws {
        try await withTestConnection { conn in
            let set = try withExtra([
                ("migrations/V0101__good.sql", "CREATE TABLE mm.good (v int);"),
                ("migrations/V0102__bad.sql", "CREATE TABLE mm.half (v int);\nINSERT INTO mm.half VALUES (1);\nSELECT nonsense FROM nowhere;\n"),
            ])
            let error = try await #require(throws: MigrationError.self) { try await migrator(set).migrate(on: conn) }
            #expect(error.description.contains("sql/migrations/V0102__bad.sql"))
            #expect(error.description.contains("line 3"))
            #expect(try await conn.fetchValue("SELECT to_regclass('mm.half') IS NULL", as: Bool.self) == true)
            #expect(try await conn.fetchValue("SELECT to_regclass('mm.good') IS NOT NULL", as: Bool.self) == true)
        }
    }

    @Test("repeatable files run after versioned ones and again when they change")
    func repeatable() async throws {
        try await withTestConnection { conn in
            let table = ("migrations/V0101__t.sql", "CREATE TABLE mm.t (v int);")
            try await migrator(withExtra([("repeatable/R__view.sql", "CREATE OR REPLACE VIEW mm.v AS SELECT count(*) + 1 AS n FROM mm.t;"), table])).migrate(on: conn)
            let changed = try withExtra([table, ("repeatable/R__view.sql", "CREATE OR REPLACE VIEW mm.v AS SELECT count(*) + 2 AS n FROM mm.t;")])
            #expect(try await migrator(changed).status(on: conn).first { $0.id == "R__view" }?.state == .outdated)
            #expect(try await migrator(changed).migrate(on: conn) == ["R__view"])
            #expect(try await conn.fetchValue("SELECT n FROM mm.v", as: Int.self) == 2)
        }
    }

    @Test("a versioned file's mtl:then-apply brings a repeatable file current right after it, once; an unknown name is refused")
    func thenApply() async throws {
        try await withTestConnection { conn in
            let function = ("repeatable/R__f.sql", "CREATE OR REPLACE FUNCTION mm.f() RETURNS int LANGUAGE sql RETURN 7;")
            let names = ("migrations/V0101__needs_f_next.sql", "-- mtl:then-apply R__f\nCREATE TABLE mm.t (v int);")
            // Without the line above, this file would run before R__f and fail.
            let uses = ("migrations/V0102__uses_f.sql", "INSERT INTO mm.t SELECT mm.f();")
            let applied = try await migrator(withExtra([function, names, uses])).migrate(on: conn)
            #expect(applied == ["V0101", "R__f", "V0102"])
            let value = try await conn.fetchValue("SELECT v FROM mm.t", as: Int.self)
            #expect(value == 7)
        }
        let unknown = try Migration(path: "migrations/V0001__a.sql", sql: "-- mtl:then-apply R__nothing\nSELECT 1;")
        #expect(throws: MigrationError.unknownThenApply("migrations/V0001__a.sql", "R__nothing")) { try MigrationSet([unknown]) }
    }

    @Test("bad file names and duplicate versions are refused with the file named")
    func badNames() throws {
        #expect(throws: MigrationError.badFileName("migrations/0001_x.sql")) { try Migration(path: "migrations/0001_x.sql", sql: "") }
        let a = try Migration(path: "migrations/V0003__a.sql", sql: "")
        let b = try Migration(path: "migrations/V3__b.sql", sql: "")
        #expect(throws: MigrationError.duplicateVersion("migrations/V3__b.sql", "migrations/V0003__a.sql")) { try MigrationSet([a, b]) }
    }

    @Test("two migrators at once both succeed and each file is applied once (a repeatable a later file names again, once more)")
    func concurrent() async throws {
        try await withTestDatabase(migrated: false) { db in
            let one = try await db.connect(), two = try await db.connect()
            async let first = migrator(embedded).migrate(on: one)
            async let second = migrator(embedded).migrate(on: two)
            let (a, b) = try await (first, second)
            // A repeatable file that a versioned one names is run again with it, even when current (V0038).
            let namedAgain = Set(embedded.versioned.dropFirst().flatMap(\.thenApply))
            #expect(Set(a).intersection(b).isSubset(of: namedAgain), "\(Set(a).intersection(b))")
            #expect(Set(a.filter { $0.hasPrefix("V") }).isDisjoint(with: b))
            #expect(Set(a).union(b) == Set(embedded.all.map(\.id)))
            #expect(try await one.fetchValue("SELECT count(*) FROM mtl_meta.migration", as: Int.self) == embedded.all.count)
            await one.close(); await two.close()
        }
    }
}
