import LocalPostgres
import PGKit
import Testing
import TestSupport

@Suite("Connection pool")
struct PoolTests {
    @Test("an exhausted pool makes callers wait, then time out")
    func exhaustion() async throws {
        try await withTestDatabase(migrated: false) { db in
            // A generous timeout while a waiter is served: a busy machine must not fail the test.
            let pool = PGPool(config: db.config, options: .init(maxConnections: 2, acquireTimeout: .seconds(60)), logger: quietLogger("pool"))
            let first = try await pool.acquire()
            let second = try await pool.acquire()
            // A waiter is served when a connection comes back.
            async let waited = pool.acquire()
            while pool.statistics.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
            await pool.release(first)
            let third = try await waited
            #expect(pool.statistics.leased == 2)
            await pool.release(second)
            await pool.release(third)
            #expect(pool.statistics == (open: 2, idle: 2, leased: 0, waiting: 0))
            await pool.close()

            // Nobody gives one back: the next caller times out with a clear error.
            let short = PGPool(config: db.config, options: .init(maxConnections: 1, acquireTimeout: .milliseconds(200)), logger: quietLogger("pool"))
            let held = try await short.acquire()
            let error = try await #require(throws: PGError.self) { try await short.acquire() }
            #expect(error.kind == .poolTimeout)
            #expect(short.statistics.waiting == 0)
            await short.release(held)
            await short.close()
        }
    }

    @Test("a cancelled waiter leaves the pool consistent")
    func cancelledWaiter() async throws {
        try await withTestDatabase(migrated: false) { db in
            let pool = PGPool(config: db.config, options: .init(maxConnections: 1, acquireTimeout: .seconds(30)), logger: quietLogger("pool"))
            let held = try await pool.acquire()
            let waiter = Task { try await pool.acquire() }
            try await Task.sleep(for: .milliseconds(50))
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(pool.statistics.waiting == 0)
            await pool.release(held)
            let again = try await pool.withConnection { try await $0.fetchValue("SELECT 1", as: Int.self) }
            #expect(again == 1)
            #expect(pool.statistics == (open: 1, idle: 1, leased: 0, waiting: 0))
            await pool.close()
        }
    }

    @Test("a connection returned inside a transaction is rolled back before reuse")
    func returnedOnlyIdle() async throws {
        try await withTestDatabase(migrated: false) { db in
            let pool = PGPool(config: db.config, options: .init(maxConnections: 1), logger: quietLogger("pool"))
            try await pool.query("CREATE TABLE t (v int)")
            try await pool.withConnection { conn in
                try await conn.query("BEGIN")
                try await conn.execute("INSERT INTO t VALUES (1)")
            }
            let state = try await pool.withConnection { conn in await conn.transactionState }
            #expect(state == .idle)
            #expect(try await pool.withConnection { try await $0.fetchValue("SELECT count(*) FROM t", as: Int.self) } == 0)
            await pool.close()
        }
    }

    @Test("a broken connection is replaced, and the pool recovers after a server restart")
    func recovery() async throws {
        let cluster = try LocalPostgres.start(logger: quietLogger("local"))
        defer { cluster.stop() }
        let pool = PGPool(config: cluster.config(), options: .init(maxConnections: 2, acquireTimeout: .seconds(5)), logger: quietLogger("pool"))
        // A connection killed from the server side is discarded.
        let pid = try await pool.withConnection { conn in await conn.backendPID }
        let admin = try await PGConnection.connect(cluster.config(), logger: quietLogger("admin"))
        try await admin.query("SELECT pg_terminate_backend(\(pid))")
        await admin.close()
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await pool.withConnection { try await $0.fetchValue("SELECT 1", as: Int.self) } == 1)

        cluster.stopServer()
        await #expect(throws: PGError.self) { try await pool.query("SELECT 1") }
        try cluster.startServer()
        let value = try await pool.withConnection { try await $0.fetchValue("SELECT 42", as: Int.self) }
        #expect(value == 42)
        await pool.close()
        #expect(pool.statistics.open == 0)
    }

    @Test("close drains: it waits for leased connections and refuses new requests")
    func drain() async throws {
        try await withTestDatabase(migrated: false) { db in
            let pool = PGPool(config: db.config, options: .init(maxConnections: 2), logger: quietLogger("pool"))
            let leased = try await pool.acquire()
            let closing = Task { await pool.close() }
            try await Task.sleep(for: .milliseconds(50))
            let error = try await #require(throws: PGError.self) { try await pool.acquire() }
            #expect(error.kind == .poolClosed)
            await pool.release(leased)
            await closing.value
            #expect(pool.statistics.open == 0)
        }
    }
}
