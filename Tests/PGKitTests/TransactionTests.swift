import PGKit
import Testing
import TestSupport

@Suite("Transactions")
struct TransactionTests {
    struct Boom: Error {}

    @Test("commit on success, rollback on throw")
    func commitAndRollback() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (v int)")
            try await conn.transaction { try await $0.execute("INSERT INTO t VALUES (1)") }
            await #expect(throws: Boom.self) {
                try await conn.transaction { conn in
                    try await conn.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            #expect(try await conn.fetchAll("SELECT v FROM t", as: (Int).self) == [1])
            #expect(await conn.transactionState == .idle)
        }
    }

    @Test("a failed savepoint rolls back to itself and keeps the outer transaction")
    func savepoints() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (v int PRIMARY KEY)")
            try await conn.transaction { conn in
                try await conn.execute("INSERT INTO t VALUES (1)")
                await #expect(throws: PGError.self) {
                    try await conn.savepoint { conn in
                        try await conn.execute("INSERT INTO t VALUES (2)")
                        try await conn.execute("INSERT INTO t VALUES (1)")  // duplicate key
                    }
                }
                try await conn.savepoint { try await $0.execute("INSERT INTO t VALUES (3)") }
                try await conn.execute("INSERT INTO t VALUES (4)")
            }
            #expect(try await conn.fetchAll("SELECT v FROM t ORDER BY v", as: (Int).self) == [1, 3, 4])
        }
    }

    @Test("isolation level, read-only and SET LOCAL apply to the transaction only")
    func settings() async throws {
        try await withTestConnection(migrated: false) { conn in
            let level = try await conn.transaction(isolation: .serializable) { conn in
                try await conn.fetchValue("SHOW transaction_isolation", as: String.self)
            }
            #expect(level == "serializable")
            let error = try await #require(throws: PGError.self) {
                try await conn.transaction(readOnly: true) { try await $0.execute("CREATE TABLE x (v int)") }
            }
            #expect(error.sqlState == "25006")
            let inside = try await conn.transaction { conn in
                try await conn.setLocal("application_name", "it's local")
                return try await conn.fetchValue("SHOW application_name", as: String.self)
            }
            #expect(inside == "it's local")
            #expect(try await conn.fetchValue("SHOW application_name", as: String.self) == "mtl")
            try await conn.transaction { conn in
                try await conn.setLocalRole("pg_read_all_data")
                #expect(try await conn.fetchValue("SELECT current_user::text", as: String.self) == "pg_read_all_data")
            }
            #expect(try await conn.fetchValue("SELECT current_user::text", as: String.self) == "postgres")
        }
    }

    @Test("serialization failures are recognised")
    func serializationFailure() async throws {
        try await withTestDatabase(migrated: false) { db in
            let a = try await db.connect(), b = try await db.connect()
            try await a.query("CREATE TABLE c (id int PRIMARY KEY, n int)")
            try await a.execute("INSERT INTO c VALUES (1, 0)")
            try await a.query("BEGIN ISOLATION LEVEL REPEATABLE READ")
            try await b.query("BEGIN ISOLATION LEVEL REPEATABLE READ")
            _ = try await a.query("SELECT n FROM c")
            _ = try await b.query("SELECT n FROM c")
            try await a.execute("UPDATE c SET n = n + 1")
            try await a.query("COMMIT")
            let error = try await #require(throws: PGError.self) { try await b.execute("UPDATE c SET n = n + 1") }
            #expect(error.isSerializationFailure && error.isTransient)
            try await b.query("ROLLBACK")
            await a.close(); await b.close()
        }
    }
}
