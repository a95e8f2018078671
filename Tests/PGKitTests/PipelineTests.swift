import PGKit
import Testing
import TestSupport

@Suite("Pipeline mode")
struct PipelineTests {
    @Test("a failing middle statement: earlier succeed, it fails, later ones are aborted")
    func failingMiddle() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (v int PRIMARY KEY)")
            let outcomes = try await conn.pipeline([
                "INSERT INTO t VALUES (\(1))",
                "SELECT v FROM t",
                "INSERT INTO t VALUES (\(1))",
                "INSERT INTO t VALUES (\(3))",
                "SELECT 1",
            ])
            #expect(outcomes.count == 5)
            #expect(outcomes[0].result?.affectedRows == 1)
            #expect(outcomes[1].result?.count == 1)
            #expect(outcomes[2].error?.isUniqueViolation == true)
            #expect(outcomes[3].isAborted && outcomes[4].isAborted)
            // One implicit transaction: the failure rolled back the first insert too.
            #expect(try await conn.fetchValue("SELECT count(*) FROM t", as: Int.self) == 0)
            #expect(await conn.transactionState == .idle)
        }
    }

    @Test("thousands of statements in one pipeline, results in order")
    func many() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (v int PRIMARY KEY, label text)")
            let statements: [SQL] = (1...20_000).map { "INSERT INTO t VALUES (\($0), \("label \($0)"))" }
            let outcomes = try await conn.transaction { try await $0.pipeline(statements) }
            #expect(outcomes.allSatisfy { $0.result?.affectedRows == 1 })
            #expect(try await conn.fetchValue("SELECT count(*) FROM t", as: Int.self) == 20_000)
            let selects: [SQL] = (1...500).map { "SELECT label FROM t WHERE v = \($0)" }
            let labels = try await conn.pipeline(selects).map { try $0.result?.first?.decode(String.self, at: 0) }
            #expect(labels == (1...500).map { "label \($0)" })
        }
    }
}
