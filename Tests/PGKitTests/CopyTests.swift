import PGKit
import Testing
import TestSupport

@Suite("COPY")
struct CopyTests {
    /// Rows produced lazily, so nothing holds the whole data set.
    struct GeneratedRows: AsyncSequence, Sendable {
        let count: Int
        let badLine: Int?
        struct AsyncIterator: AsyncIteratorProtocol {
            var line = 0
            let count: Int
            let badLine: Int?
            mutating func next() async -> [String?]? {
                guard line < count else { return nil }
                line += 1
                if line == badLine { return [String(line), "not-a-number", nil] }
                return [String(line), String(line * 2), line % 10 == 0 ? nil : "name\t\(line)\nwith \\ escapes\r"]
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(count: count, badLine: badLine) }
    }

    @Test("COPY FROM STDIN of 100k rows, escaped, with NULLs")
    func copyHundredThousand() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (id int PRIMARY KEY, twice bigint NOT NULL, label text)")
            let copied = try await conn.copyIn("COPY t (id, twice, label) FROM STDIN", rows: GeneratedRows(count: 100_000, badLine: nil))
            #expect(copied == 100_000)
            let (count, sum, nulls) = try #require(try await conn.fetchOne(
                "SELECT count(*), sum(twice)::bigint, count(*) FILTER (WHERE label IS NULL) FROM t", as: (Int, Int, Int).self))
            #expect(count == 100_000 && sum == 100_000 * 100_001 && nulls == 10_000)
            #expect(try await conn.fetchValue("SELECT label FROM t WHERE id = 7", as: String.self) == "name\t7\nwith \\ escapes\r")
        }
    }

    @Test("a bad row at line N reports N and inserts nothing")
    func badRow() async throws {
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (id int PRIMARY KEY, twice bigint NOT NULL, label text)")
            let error = try await #require(throws: PGError.self) {
                try await conn.copyIn("COPY t FROM STDIN", rows: GeneratedRows(count: 5_000, badLine: 4_321))
            }
            #expect(error.copyLine == 4_321)
            #expect(error.sqlState == "22P02")
            #expect(try await conn.fetchValue("SELECT count(*) FROM t", as: Int.self) == 0)
            #expect(await conn.transactionState == .idle)
        }
    }

    @Test("COPY FROM STDIN of CSV bytes, and an error thrown by the source aborts it")
    func copyBytes() async throws {
        struct SourceFailed: Error {}
        try await withTestConnection(migrated: false) { conn in
            try await conn.query("CREATE TABLE t (id int, label text)")
            let chunks = AsyncStream<[UInt8]> { continuation in
                continuation.yield(Array("1,\"a, quoted\nnewline\"\n2,".utf8))
                continuation.yield(Array("plain\n".utf8))
                continuation.finish()
            }
            #expect(try await conn.copyIn("COPY t FROM STDIN (FORMAT csv)", from: chunks) == 2)
            #expect(try await conn.fetchValue("SELECT label FROM t WHERE id = 1", as: String.self) == "a, quoted\nnewline")

            let failing = AsyncThrowingStream<[UInt8], Error> { continuation in
                continuation.yield(Array("3,x\n".utf8))
                continuation.finish(throwing: SourceFailed())
            }
            await #expect(throws: SourceFailed.self) { try await conn.copyIn("COPY t FROM STDIN (FORMAT csv)", from: failing) }
            #expect(try await conn.fetchValue("SELECT count(*) FROM t", as: Int.self) == 2)
        }
    }

    @Test("COPY TO STDOUT streams the output in chunks")
    func copyOut() async throws {
        try await withTestConnection(migrated: false) { conn in
            var bytes: [UInt8] = []
            var chunks = 0
            for try await chunk in try await conn.copyOut("COPY (SELECT g, 'row ' || g FROM generate_series(1, 20000) g) TO STDOUT") {
                bytes += chunk
                chunks += 1
            }
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 20_000)
            #expect(lines.last == "20000\trow 20000")
            #expect(chunks > 1)
            #expect(try await conn.fetchValue("SELECT 1", as: Int.self) == 1)
            await #expect(throws: PGError.self) { try await conn.copyIn("COPY nope FROM STDIN", from: AsyncStream<[UInt8]> { $0.finish() }) }
        }
    }
}
