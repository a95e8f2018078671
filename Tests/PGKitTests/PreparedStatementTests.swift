import Foundation
import PGKit
import Testing
import TestSupport

@Suite("Prepared statements")
struct PreparedStatementTests {
    static func preparedCount(_ db: PGConnection) async throws -> Int64? {
        try await db.fetchValue("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'pgkit_%'", as: Int64.self)
    }

    @Test("a statement marked prepared is prepared once per connection and run with each call's values, NULLs included")
    func preparedOnce() async throws {
        try await withTestDatabase(migrated: false) { database in
            let db = try await database.connect()
            func pick(_ id: Int64?, _ names: [String]) -> SQL {
                SQL("SELECT coalesce(\(id), -1), cardinality(\(names))::int").prepared
            }
            #expect(try await db.fetchOne(pick(7, ["a", "b"]), as: (Int64, Int32).self).map { [$0.0, Int64($0.1)] } == [7, 2])
            #expect(try await db.fetchOne(pick(nil, []), as: (Int64, Int32).self).map { [$0.0, Int64($0.1)] } == [-1, 0])
            #expect(try await db.fetchOne(pick(42, ["c"]), as: (Int64, Int32).self).map { [$0.0, Int64($0.1)] } == [42, 1])
            #expect(try await Self.preparedCount(db) == 1, "three calls, one prepared statement")
            // Unmarked statements are not prepared.
            _ = try await db.fetchValue("SELECT \(Int64(1)) + 1", as: Int64.self)
            #expect(try await Self.preparedCount(db) == 1)
            await db.close()
        }
    }

    @Test("prepared statements as configured: unnamed never prepares, named and auto (on a direct connection) prepare once")
    func configured() async throws {
        try await withTestDatabase(migrated: false) { database in
            for (mode, expected) in [(PGConnectionConfig.PreparedStatements.unnamed, Int64(0)), (.named, 1), (.auto, 1)] {
                var config = database.config
                config.preparedStatements = mode
                let db = try await PGConnection.connect(config, logger: quietLogger("pgkit"))
                for value in [Int64(1), 2, 3] {
                    #expect(try await db.fetchValue(SQL("SELECT \(value) + 1").prepared, as: Int64.self) == value + 1)
                }
                #expect(try await Self.preparedCount(db) == expected, "\(mode)")
                await db.close()
            }
        }
    }

    @Test("a prepared statement the server forgot is prepared again outside a transaction; inside one the error surfaces")
    func forgotten() async throws {
        try await withTestDatabase(migrated: false) { database in
            let db = try await database.connect()
            let next: SQL = SQL("SELECT \(Int64(1)) + 1").prepared
            #expect(try await db.fetchValue(next, as: Int64.self) == 2)
            try await db.execute("DEALLOCATE ALL")
            #expect(try await db.fetchValue(next, as: Int64.self) == 2, "prepared again")
            #expect(try await Self.preparedCount(db) == 1)

            try await db.execute("DEALLOCATE ALL")
            await expectRefusal("26000", "does not exist") {
                try await db.transaction { db in _ = try await db.fetchValue(next, as: Int64.self) }
            }
            #expect(try await db.fetchValue(next, as: Int64.self) == 2, "prepared again after the failed transaction")
            await db.close()
        }
    }

    @Test("a failing prepared statement reports the server's error with its SQL, and nothing is cached")
    func failing() async throws {
        try await withTestDatabase(migrated: false) { database in
            let db = try await database.connect()
            let error = await expectRefusal("42P01", "no_such_table") {
                _ = try await db.query(SQL("SELECT * FROM no_such_table WHERE id = \(Int64(1))").prepared)
            }
            #expect(error?.sql?.contains("no_such_table") == true)
            #expect(try await Self.preparedCount(db) == 0)
            await db.close()
        }
    }
}
