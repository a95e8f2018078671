import Foundation
import Logging
import PGKit

extension Bench {
    /// COPY of a 7-column CSV: PGKit streaming the file's bytes vs `psql \copy`.
    static func copyIn(config: PGConnectionConfig, uri: String, rows: Int, work: URL, logger: Logger) async throws -> Result {
        let csv = work.appending(path: "copy.csv")
        try writeCSV(csv, rows: rows)
        let conn = try await PGConnection.connect(config, logger: logger)
        try await conn.query("""
            CREATE UNLOGGED TABLE copy_target (id bigint, unit int, amount numeric(14,2), label text,
                                               at timestamptz, active boolean, code text)
            """)
        let columns = "copy_target (id, unit, amount, label, at, active, code)"
        // Warm-up, then one measured run each, alternating, best of two.
        var psql = Double.infinity, pgkit = Double.infinity
        for _ in 0..<2 {
            try await conn.query("TRUNCATE copy_target")
            psql = min(psql, try await measure {
                try runTool(["psql", uri, "-v", "ON_ERROR_STOP=1", "-c", "\\copy \(columns) FROM '\(csv.path)' (FORMAT csv)"])
            })
            try await conn.query("TRUNCATE copy_target")
            pgkit = min(pgkit, try await measure {
                let copied = try await conn.copyIn("COPY \(unsafeRaw: columns) FROM STDIN (FORMAT csv)", from: FileChunks(url: csv))
                guard copied == rows else { throw BenchError("copied \(copied) of \(rows) rows") }
            })
        }
        await conn.close()
        return Result(name: "COPY \(rows) rows x 7 cols", pgkit: rate(rows, pgkit), baseline: "psql \\copy: " + rate(rows, psql),
                      ratio: psql / pgkit, goal: 0.9)
    }

    static func writeCSV(_ url: URL, rows: Int) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        for id in 1...rows {
            buffer += "\(id),\(id % 97),\(id % 100_000).\(id % 100),\"label, \(id)\",2026-11-\(10 + id % 18) 08:\(10 + id % 50):00+00,\(id % 3 == 0 ? "t" : "f"),C\(id % 1000)\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
    }

    /// Single-row INSERTs in one transaction: one round trip each vs one pipeline.
    static func inserts(config: PGConnectionConfig, count: Int, logger: Logger) async throws -> Result {
        let conn = try await PGConnection.connect(config, logger: logger)
        try await conn.query("CREATE UNLOGGED TABLE insert_target (id bigint PRIMARY KEY, label text, amount numeric(14,2))")
        let statements: [SQL] = (1...count).map { id in
            "INSERT INTO insert_target VALUES (\(id), \("row \(id)"), \(Decimal(id) / 100))"
        }
        let oneByOne = try await measure {
            try await conn.transaction { conn in
                for statement in statements { try await conn.execute(statement) }
            }
        }
        try await conn.query("TRUNCATE insert_target")
        let pipelined = try await measure {
            let outcomes = try await conn.transaction { conn in try await conn.pipeline(statements) }
            guard outcomes.allSatisfy({ $0.result != nil }) else { throw BenchError("a pipelined insert failed") }
        }
        await conn.close()
        return Result(name: "\(count) INSERTs, 1 transaction", pgkit: "pipeline: " + rate(count, pipelined),
                      baseline: "one at a time: " + rate(count, oneByOne), ratio: oneByOne / pipelined, goal: 5)
    }

    /// Point SELECTs by primary key on 4 connections: PGKit (a pool of 4) vs pgbench with the same query.
    static func pointSelects(config: PGConnectionConfig, uri: String, seconds: Int, work: URL, logger: Logger) async throws -> [Result] {
        let conn = try await PGConnection.connect(config, logger: logger)
        try await conn.query("CREATE TABLE kv (id int PRIMARY KEY, v text NOT NULL)")
        try await conn.query("INSERT INTO kv SELECT g, md5(g::text) FROM generate_series(1, 100000) g")
        try await conn.query("VACUUM ANALYZE kv")
        await conn.close()

        let script = work.appending(path: "point.sql")
        try "\\set id random(1, 100000)\nSELECT v FROM kv WHERE id = :id;\n".write(to: script, atomically: true, encoding: .utf8)
        let pgbenchOutput = work.appending(path: "pgbench.out")
        try runTool(["pgbench", "-n", "-M", "extended", "-c", "4", "-j", "4", "-T", "\(seconds)", "-f", script.path, uri], stdout: pgbenchOutput)
        let report = try String(contentsOf: pgbenchOutput, encoding: .utf8)
        guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let tps = Double(line.dropFirst(6).prefix { $0.isNumber || $0 == "." }) else {
            throw BenchError("cannot read pgbench's tps from: \(report)")
        }

        let pool = PGPool(config: config, options: .init(maxConnections: 4), logger: logger)
        let pooled = try await hammer(seconds: seconds) { id in
            try await pool.withConnection { conn in try await conn.fetchValue("SELECT v FROM kv WHERE id = \(id)", as: String.self) }
        }
        await pool.close()
        var connections: [PGConnection] = []
        for _ in 0..<4 { connections.append(try await PGConnection.connect(config, logger: logger)) }
        let direct = try await hammer(seconds: seconds, connections: connections) { conn, id in
            try await conn.fetchValue("SELECT v FROM kv WHERE id = \(id)", as: String.self)
        }
        let preferred = try await hammer(seconds: seconds, connections: connections, preferring: { $0.taskExecutor }) { conn, id in
            try await conn.fetchValue("SELECT v FROM kv WHERE id = \(id)", as: String.self)
        }
        for conn in connections { await conn.close() }
        let baseline = String(format: "pgbench -M extended: %.0f tps", tps)
        return [
            Result(name: "point SELECT, 4 connections, \(seconds) s", pgkit: String(format: "pool: %.0f queries/s", pooled),
                   baseline: baseline, ratio: pooled / tps, goal: 0.8),
            Result(name: "point SELECT, 4 connections, \(seconds) s", pgkit: String(format: "own connections: %.0f queries/s", direct),
                   baseline: baseline, ratio: direct / tps, goal: 0.8),
            Result(name: "point SELECT, 4 connections, \(seconds) s", pgkit: String(format: "own conn., task on its thread: %.0f q/s", preferred),
                   baseline: baseline, ratio: preferred / tps, goal: 0.8),
        ]
    }

    /// Queries per second of 4 tasks each running `query` with random keys until the time is up.
    static func hammer(seconds: Int, _ query: @escaping @Sendable (Int32) async throws -> String?) async throws -> Double {
        try await hammer(seconds: seconds, connections: [Int](0..<4)) { _, id in try await query(id) }
    }

    static func hammer<C: Sendable>(seconds: Int, connections: [C], preferring executor: (@Sendable (C) -> any TaskExecutor)? = nil,
                                    _ query: @escaping @Sendable (C, Int32) async throws -> String?) async throws -> Double {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let started = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for connection in connections {
                group.addTask(executorPreference: executor?(connection)) {
                    var done = 0
                    var generator = SystemRandomNumberGenerator()
                    while ContinuousClock.now < deadline {
                        guard try await query(connection, Int32.random(in: 1...100_000, using: &generator)) != nil else {
                            throw BenchError("a point select found no row")
                        }
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Fetch and decode a 5-column result: all at once, and streamed, vs psql COPY TO STDOUT > /dev/null.
    static func fetch(config: PGConnectionConfig, uri: String, rows: Int, logger: Logger) async throws -> [Result] {
        let query = "SELECT g::bigint AS id, 'name ' || g AS name, (g % 1000)::numeric(10,2) AS amount, "
            + "timestamptz '2026-01-01' + g * interval '1 second' AS at, g % 2 = 0 AS even FROM generate_series(1, \(rows)) g"
        let conn = try await PGConnection.connect(config, logger: logger)
        let psql = try await measure {
            try runTool(["psql", uri, "-v", "ON_ERROR_STOP=1", "-c", "COPY (\(query)) TO STDOUT"])
        }
        var checksum = 0
        let all = try await measure {
            let result = try await conn.query(SQL(unsafeRaw: query))
            for row in result {
                let (id, name, _, _, even) = try row.decode((Int, String, Decimal, Date, Bool).self)
                checksum &+= id &+ name.utf8.count &+ (even ? 1 : 0)
            }
        }
        let streamed = try await measure {
            for try await row in try await conn.stream(SQL(unsafeRaw: query)) {
                let (id, name, _, _, even) = try row.decode((Int, String, Decimal, Date, Bool).self)
                checksum &+= id &+ name.utf8.count &+ (even ? 1 : 0)
            }
        }
        await conn.close()
        if checksum == 42 { say("") }  // keeps the decoding from being optimised away
        let baseline = "psql COPY TO STDOUT: " + rate(rows, psql)
        return [
            Result(name: "fetch+decode \(rows) rows x 5 cols", pgkit: "whole result: " + rate(rows, all), baseline: baseline, ratio: psql / all, goal: nil),
            Result(name: "fetch+decode \(rows) rows x 5 cols", pgkit: "streamed: " + rate(rows, streamed), baseline: baseline, ratio: psql / streamed, goal: nil),
        ]
    }
}

/// A file read in 64 KiB chunks, for COPY FROM STDIN.
struct FileChunks: AsyncSequence {
    let url: URL
    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        mutating func next() async throws -> [UInt8]? {
            guard let handle, let data = try handle.read(upToCount: 1 << 16), !data.isEmpty else {
                try handle?.close()
                return nil
            }
            return [UInt8](data)
        }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: try? FileHandle(forReadingFrom: url)) }
}
