import Foundation
import PGKit
import Testing
import TestSupport

@Suite("Queries and SQL interpolation")
struct QueryTests {
    @Test("interpolated values become bound parameters")
    func bindsValues() {
        let name = "x'; DROP TABLE t; --"
        let query: SQL = "SELECT * FROM t WHERE name = \(name) AND id = \(42)"
        #expect(query.text == "SELECT * FROM t WHERE name = $1 AND id = $2")
        #expect(query.bindCount == 2)
        #expect(!query.description.contains("DROP"))
        #expect(!query.description.contains("42"))
    }

    @Test("fragments renumber their parameters when composed")
    func composesFragments() {
        let first: SQL = "a = \(1)"
        let second: SQL = "b = \(2)"
        let joined = SQL.join([first, second, "c = \(3)"], separator: " AND ")
        let query: SQL = "SELECT \(4) WHERE \(joined)"
        #expect(query.text == "SELECT $1 WHERE a = $2 AND b = $3 AND c = $4")
        let (_, binds) = query.render()
        #expect(binds.map(\.bytes) == [4, 1, 2, 3].map { Int($0).pgBind.bytes })
    }

    @Test("identifiers are quoted, raw text only through unsafeRaw")
    func quotesIdentifiers() {
        let table = "weird \"name\""
        let query: SQL = "SELECT * FROM \(identifier: table), \(qualified: "org", "unit") \(unsafeRaw: "LIMIT 1")"
        #expect(query.text == #"SELECT * FROM "weird ""name""", "org"."unit" LIMIT 1"#)
        #expect(query.bindCount == 0)
    }

    @Test("injection attempts round-trip as data")
    func injectionRoundTrips() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (id int PRIMARY KEY, name text)")
            let attacks = ["'; DROP TABLE t; --", "\" OR 1=1 --", "$1", "\\'", "Robert'); DELETE FROM t;--", "\u{0}".replacingOccurrences(of: "\u{0}", with: "nul?")]
            for (index, attack) in attacks.enumerated() {
                try await conn.execute("INSERT INTO t VALUES (\(index), \(attack))")
            }
            let names = try await conn.fetchAll("SELECT name FROM t ORDER BY id", as: (String).self)
            #expect(names == attacks)
            let table = "t\"; DROP TABLE t; --"
            await #expect(throws: PGError.self) { try await conn.query("SELECT * FROM \(identifier: table)") }
            #expect(try await conn.fetchValue("SELECT count(*) FROM t", as: Int.self) == attacks.count)
        }
    }

    @Test("a type mismatch names the column, its type and the Swift type")
    func typeMismatch() async throws {
        try await withTestConnection(migrated: false) { conn in
            let row = try #require(try await conn.query("SELECT 'abc'::text AS code, NULL::int AS missing").first)
            let error = try #require(throws: PGError.self) { try row.decode(Int.self, named: "code") }
            #expect(error.message.contains("\"code\""))
            #expect(error.message.contains("text"))
            #expect(error.message.contains("Int"))
            let nullError = try #require(throws: PGError.self) { try row.decode(Int.self, at: 1) }
            #expect(nullError.message.contains("NULL"))
            #expect(try row.decode(Int?.self, at: 1) == nil)
        }
    }

    @Test("a unique violation reports SQLSTATE 23505 and the constraint, without the values")
    func uniqueViolation() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE u (email text CONSTRAINT u_email_key UNIQUE)")
            try await conn.execute("INSERT INTO u VALUES (\("secret@example.com"))")
            let error = try await #require(throws: PGError.self) {
                try await conn.execute("INSERT INTO u VALUES (\("secret@example.com"))")
            }
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.constraintName == "u_email_key")
            #expect(error.tableName == "u")
            #expect(!error.description.contains("secret@example.com"))
            #expect(error.detail?.contains("secret@example.com") == true)
        }
    }

    @Test("records and tuples decode rows")
    func records() async throws {
        struct Item: PGRecord, Equatable {
            var id: Int
            var label: String?
            init(id: Int, label: String?) { self.id = id; self.label = label }
            init(row: PGRow) throws { (id, label) = try row.decode((Int, String?).self) }
        }
        try await withTestConnection(migrated: false) { conn in
            let items = try await conn.fetchAll("SELECT * FROM (VALUES (1, 'a'), (2, NULL)) v(id, label) ORDER BY id", as: Item.self)
            #expect(items == [Item(id: 1, label: "a"), Item(id: 2, label: nil)])
            let one = try await conn.fetchOne("SELECT 1 WHERE false", as: Item.self)
            #expect(one == nil)
            await #expect(throws: PGError.self) { try await conn.fetchAll("SELECT 1, 2, 3", as: (Int, Int).self) }
        }
    }

    @Test("the streaming fetch yields every row in order and frees the connection")
    func streaming() async throws {
        try await withTestConnection(migrated: false) { conn in
            var count = 0
            var sum = 0
            for try await row in try await conn.stream("SELECT g FROM generate_series(1, \(50_000)) g") {
                sum += try row.decode(Int.self, at: 0)
                count += 1
            }
            #expect(count == 50_000)
            #expect(sum == 50_000 * 50_001 / 2)
            #expect(try await conn.fetchValue("SELECT 1", as: Int.self) == 1)

            // A stream dropped early must not leave the connection stuck.
            do {
                var iterator = try await conn.stream("SELECT g FROM generate_series(1, 1000000) g").makeAsyncIterator()
                _ = try await iterator.next()
                await #expect(throws: PGError.self) { try await conn.query("SELECT 1") }
            }
            var usable = false
            for _ in 0..<50 where !usable {
                try await Task.sleep(for: .milliseconds(50))
                usable = (try? await conn.fetchValue("SELECT 2", as: Int.self)) == 2
            }
            #expect(usable)
        }
    }

    @Test("notices go to the logger, and errors carry hint and context")
    func errorFields() async throws {
        try await withTestConnection(migrated: false) { conn in
            let error = try await #require(throws: PGError.self) {
                try await conn.executeScript(unsafeSQL: "DO $$ BEGIN RAISE EXCEPTION 'boom' USING HINT = 'try again', ERRCODE = 'P0001'; END $$")
            }
            #expect(error.sqlState == "P0001")
            #expect(error.hint == "try again")
            #expect(error.context?.contains("PL/pgSQL") == true)
            #expect(error.debugDescription.contains("HINT: try again"))
        }
    }

    @Test("a task that prefers the connection's executor runs its statements there")
    func taskExecutorPreference() async throws {
        try await withTestConnection(migrated: false) { conn in
            let values = try await withTaskExecutorPreference(conn.taskExecutor) {
                var values: [Int] = []
                for index in 1...100 {
                    values.append(try await conn.fetchValue("SELECT \(index) * 2", as: Int.self) ?? 0)
                }
                return values
            }
            #expect(values == (1...100).map { $0 * 2 })
        }
    }
}
