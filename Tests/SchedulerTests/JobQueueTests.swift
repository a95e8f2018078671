import Foundation
import PGKit
import Testing
import TestSupport

/// The job queue's SQL (V0015) against a real server, as the scheduler role: enqueue with unique
/// keys, claims that never overlap, guarded finishing, retries with backoff, rescue, prune.
@Suite("job queue")
struct JobQueueTests {
    /// Connections acting as the scheduler role (row-level security applies to it).
    static func withScheduler(_ count: Int = 1, _ body: ([PGConnection]) async throws -> Void) async throws {
        try await withTestDatabase { database in
            var connections: [PGConnection] = []
            for _ in 0..<count {
                let connection = try await database.connect()
                try await connection.execute("SET ROLE mtl_scheduler")
                connections.append(connection)
            }
            do {
                try await body(connections)
            } catch {
                for connection in connections { await connection.close() }
                throw error
            }
            for connection in connections { await connection.close() }
        }
    }

    static func enqueue(_ db: PGConnection, _ kind: String = "test.noop", key: String? = nil, forever: Bool = false,
                        maxAttempts: Int32 = 5, priority: Int16 = 0) async throws -> Int64? {
        try await db.fetchValue("""
            SELECT scheduler.enqueue(\(kind), '{"n": 1}', 'default', \(priority), now(), \(maxAttempts), \(key), \(forever))
            """, as: Int64?.self) ?? nil
    }

    static func claim(_ db: PGConnection, worker: String, batch: Int32 = 10) async throws -> [(Int64, Int32)] {
        try await db.fetchAll("SELECT id, attempt FROM scheduler.claim(\(worker), ARRAY['default'], \(batch))", as: (Int64, Int32).self)
    }

    @Test("a unique key makes a second enqueue a no-op while the first is live, or ever when unique_forever")
    func uniqueKeys() async throws {
        try await Self.withScheduler { connections in
            let db = connections[0]
            let first = try #require(try await Self.enqueue(db, key: "k"))
            #expect(try await Self.enqueue(db, key: "k") == nil)
            #expect(try await Self.enqueue(db, "test.other", key: "k") != nil, "keys are per kind")
            let claimed = try await Self.claim(db, worker: "w1", batch: 1)
            #expect(claimed.map(\.0) == [first])
            #expect(try await Self.enqueue(db, key: "k") == nil, "running is live")
            #expect(try await db.fetchValue("SELECT scheduler.complete(\(first), 'w1', 1)", as: Bool.self) == true)
            #expect(try await Self.enqueue(db, key: "k") != nil, "a final job frees its key")

            let review = try #require(try await Self.enqueue(db, "msp.quarterly_review", key: "msp-1:FY2027-Q1", forever: true))
            try await db.execute("UPDATE scheduler.job SET state = 'cancelled', finalized_at = now() WHERE id = \(review)")
            #expect(try await Self.enqueue(db, "msp.quarterly_review", key: "msp-1:FY2027-Q1", forever: true) == nil, "never twice")
        }
    }

    @Test("concurrent claims never take the same job, and due jobs go by priority then time")
    func claims() async throws {
        try await Self.withScheduler(2) { connections in
            let (a, b) = (connections[0], connections[1])
            for _ in 0..<200 { _ = try await Self.enqueue(a) }
            let urgent = try #require(try await Self.enqueue(a, priority: -1))
            try await a.execute("SELECT scheduler.enqueue('test.later', '{}', 'default', 0::smallint, now() + interval '1 hour')")
            try await a.execute("BEGIN")
            let first = try await Self.claim(a, worker: "a", batch: 50)
            // While a's claim is uncommitted, b skips the rows a holds.
            let second = try await Self.claim(b, worker: "b", batch: 500)
            try await a.execute("COMMIT")
            #expect(first.first?.0 == urgent)
            #expect(first.count == 50 && second.count == 151)
            #expect(Set(first.map(\.0)).isDisjoint(with: Set(second.map(\.0))))
            #expect(try await Self.claim(b, worker: "b").isEmpty, "the job due in an hour is not claimed")
            #expect(try await a.fetchValue("SELECT count(*) FROM scheduler.job WHERE state = 'running' AND attempt = 1", as: Int64.self) == 201)
        }
    }

    @Test("a claim after a position takes the jobs that sort after it; one from the front still finds those before it")
    func claimsAfterAPosition() async throws {
        try await Self.withScheduler { connections in
            let db = connections[0]
            var ids: [Int64] = []
            for _ in 0..<30 { ids.append(try #require(try await Self.enqueue(db))) }
            let first = try await Self.claim(db, worker: "w", batch: 10)
            #expect(first.map(\.0).sorted() == Array(ids[0..<10]))
            let (priority, runAt) = try #require(try await db.fetchOne(
                "SELECT priority, run_at FROM scheduler.job WHERE id = \(ids[9])", as: (Int16, Date).self))
            // A job that sorts before the position: a higher priority, enqueued during the backlog.
            let urgent = try #require(try await Self.enqueue(db, priority: -1))
            let after = try await db.fetchAll("""
                SELECT id FROM scheduler.claim('w', ARRAY['default'], 10, \(priority), \(runAt), \(ids[9]))
                """, as: (Int64).self)
            #expect(after.sorted() == Array(ids[10..<20]), "exactly the next ten in order: none skipped, none before the position")
            let front = try await Self.claim(db, worker: "w", batch: 1)
            #expect(front.map(\.0) == [urgent], "a claim from the front finds the job before the position")
        }
    }

    @Test("batch completion: every job whose guard holds is completed and returned; the others are left as they are")
    func batchCompletion() async throws {
        try await Self.withScheduler(2) { connections in
            let (a, b) = (connections[0], connections[1])
            for _ in 0..<6 { _ = try await Self.enqueue(a) }
            let mine = try await Self.claim(a, worker: "w1", batch: 4).map(\.0).sorted()
            let theirs = try await Self.claim(b, worker: "w2", batch: 2).map(\.0).sorted()
            // mine[1] was cancelled meanwhile; mine[2] is given with the wrong attempt; theirs[0] is another worker's.
            try await a.execute("UPDATE scheduler.job SET state = 'cancelled', finalized_at = now(), heartbeat_at = NULL WHERE id = \(mine[1])")
            let ids = mine + [theirs[0]]
            let attempts: [Int32] = [1, 1, 2, 1, 1]
            let completed = try await a.fetchAll("SELECT scheduler.complete_many('w1', \(ids), \(attempts))", as: (Int64).self)
            #expect(completed.sorted() == [mine[0], mine[3]])
            let states = try await a.fetchAll("SELECT id, state FROM scheduler.job ORDER BY id", as: (Int64, String).self)
            #expect(states.map(\.1) == ["completed", "cancelled", "running", "completed", "running", "running"],
                    "\(states)")
            #expect(try await a.fetchValue("SELECT count(*) FROM scheduler.job WHERE state = 'completed' AND heartbeat_at IS NULL AND finalized_at IS NOT NULL",
                                           as: Int64.self) == 2)
            #expect(try await a.fetchAll("SELECT scheduler.complete_many('w1', \(ids), \(attempts))", as: (Int64).self).isEmpty,
                    "completing twice completes nothing")
        }
    }

    @Test("a claim carries completions: each under its guard, returned first as completed, then the jobs claimed; arrays must pair up")
    func claimCarriesCompletions() async throws {
        try await Self.withScheduler(2) { connections in
            let (a, b) = (connections[0], connections[1])
            for _ in 0..<8 { _ = try await Self.enqueue(a) }
            let mine = try await Self.claim(a, worker: "w1", batch: 3).map(\.0).sorted()
            let theirs = try await Self.claim(b, worker: "w2", batch: 1).map(\.0)
            // mine[2] is given with the wrong attempt; theirs[0] is another worker's.
            let ids = mine + theirs
            let attempts: [Int32] = [1, 1, 2, 1]
            let rows = try await a.fetchAll("""
                SELECT id, state FROM scheduler.claim('w1', ARRAY['default'], 2, NULL, NULL, NULL, \(ids), \(attempts))
                """, as: (Int64, String).self)
            #expect(rows.map(\.1) == ["completed", "completed", "running", "running"], "\(rows)")
            #expect(Set(rows.prefix(2).map(\.0)) == Set(mine.prefix(2)))
            #expect(rows.suffix(2).map(\.0) == [theirs[0] + 1, theirs[0] + 2], "the next two due, in order")
            let states = try await a.fetchAll("SELECT id, state, worker_id FROM scheduler.job ORDER BY id", as: (Int64, String, String?).self)
            #expect(states.map(\.1) == ["completed", "completed", "running", "running", "running", "running", "available", "available"], "\(states)")
            #expect(states[3].2 == "w2", "another worker's job is left alone")
            await expectRefusal("22023", "claim: 1 completed ids but 2 attempts") {
                _ = try await a.query("SELECT * FROM scheduler.claim('w1', ARRAY['default'], 1, NULL, NULL, NULL, ARRAY[\(mine[2])], ARRAY[1, 2])")
            }
            #expect(try await a.fetchValue("SELECT count(*) FROM scheduler.job WHERE state = 'available'", as: Int64.self) == 2,
                    "a refused claim claims nothing")
        }
    }

    @Test("finishing is guarded by worker and attempt; failures retry with backoff, then discard with every error")
    func failures() async throws {
        try await Self.withScheduler { connections in
            let db = connections[0]
            let id = try #require(try await Self.enqueue(db, maxAttempts: 2))
            _ = try await Self.claim(db, worker: "w1")
            #expect(try await db.fetchValue("SELECT scheduler.complete(\(id), 'w2', 1)", as: Bool.self) == false, "another worker")
            #expect(try await db.fetchValue("SELECT scheduler.fail(\(id), 'w1', 1, 'boom 1')", as: String.self) == "retryable")
            #expect(try await db.fetchValue("SELECT scheduler.complete(\(id), 'w1', 1)", as: Bool.self) == false, "that attempt is over")
            let delay = try #require(try await db.fetchValue("SELECT extract(epoch FROM run_at - (errors->-1->>'at')::timestamptz)::float8 FROM scheduler.job WHERE id = \(id)", as: Double.self))
            // Measured from the failure's own time (the same transaction's now()), not the clock later.
            #expect(delay >= 1.5 && delay <= 2.5, "2^1 s ± 25 %: \(delay)")
            // Not claimed before its retry time. The retry time is moved out of reach first: a
            // loaded machine can take the 1.5 s of the backoff between two statements.
            try await db.execute("UPDATE scheduler.job SET run_at = now() + interval '1 hour' WHERE id = \(id)")
            #expect(try await Self.claim(db, worker: "w1").isEmpty, "not before its retry time")
            try await db.execute("UPDATE scheduler.job SET run_at = now() WHERE id = \(id)")
            #expect(try await Self.claim(db, worker: "w2").map(\.1) == [2])
            #expect(try await db.fetchValue("SELECT scheduler.fail(\(id), 'w2', 2, 'boom 2')", as: String.self) == "discarded")
            let errors = try await db.fetchAll("""
                SELECT (e ->> 'attempt')::int, e ->> 'message' FROM scheduler.job, jsonb_array_elements(errors) e WHERE id = \(id)
                """, as: (Int32, String).self)
            #expect(errors.map(\.0) == [1, 2] && errors.map(\.1) == ["boom 1", "boom 2"])
            #expect(try await db.fetchValue("SELECT finalized_at IS NOT NULL FROM scheduler.job WHERE id = \(id)", as: Bool.self) == true)
        }
    }

    @Test("a silent worker's jobs are rescued; heartbeats tell a worker which jobs are still its own")
    func rescue() async throws {
        try await Self.withScheduler { connections in
            let db = connections[0]
            let kept = try #require(try await Self.enqueue(db))
            let lost = try #require(try await Self.enqueue(db))
            _ = try await Self.claim(db, worker: "w1")
            try await db.execute("UPDATE scheduler.job SET heartbeat_at = now() - interval '10 minutes' WHERE id = \(lost)")
            #expect(try await db.fetchValue("SELECT scheduler.rescue(interval '1 minute')", as: Int32.self) == 1)
            var alive: [Int64] = []
            for id in try await db.fetchAll("SELECT scheduler.heartbeat('w1', ARRAY[\(kept), \(lost)])", as: (Int64).self) { alive.append(id) }
            #expect(alive == [kept])
            let row = try #require(try await db.fetchOne("SELECT state, errors -> 0 ->> 'message' FROM scheduler.job WHERE id = \(lost)", as: (String, String).self))
            #expect(row.0 == "retryable" && row.1 == "worker w1 stopped heartbeating")
            #expect(try await db.fetchValue("SELECT scheduler.complete(\(lost), 'w1', 1)", as: Bool.self) == false, "not finished twice")
        }
    }

    @Test("prune deletes finished jobs older than the age, and nothing live")
    func prune() async throws {
        try await Self.withScheduler { connections in
            let db = connections[0]
            for _ in 0..<4 { _ = try await Self.enqueue(db) }
            let claimed = try await Self.claim(db, worker: "w", batch: 3)
            for (id, attempt) in claimed { _ = try await db.query("SELECT scheduler.complete(\(id), 'w', \(attempt))") }
            try await db.execute("UPDATE scheduler.job SET finalized_at = now() - interval '8 days' WHERE id = \(claimed[0].0)")
            try await db.execute("UPDATE scheduler.job SET finalized_at = now() - interval '8 days', state = 'available' WHERE id = \(claimed[2].0)")
            #expect(try await db.fetchValue("SELECT scheduler.prune(interval '7 days')", as: Int32.self) == 1)
            #expect(try await db.fetchValue("SELECT count(*) FROM scheduler.job", as: Int64.self) == 3)
        }
    }

    @Test("people enqueue through the function only, and only kinds open to them; they cannot read or change the queue")
    func privileges() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            // Since issue 15 a person enqueues only kinds registered for people (none of test.*).
            await expectRefusal("42501", "run by the scheduler only") { _ = try await editor.fetchValue("SELECT scheduler.enqueue('test.noop')", as: Int64.self) }
            await expectRefusal("42501", "permission denied") { _ = try await editor.query("SELECT * FROM scheduler.job") }
            await expectRefusal("42501", "permission denied") { _ = try await editor.query("SELECT * FROM scheduler.claim('x', ARRAY['default'], 1)") }
            await editor.close()
        }
    }
}
