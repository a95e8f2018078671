import Foundation
import PGKit
import Testing
import TestSupport

@Suite("Cancellation")
struct CancellationTests {
    @Test("cancelling the task cancels pg_sleep(30) on the server")
    func cancelSleep() async throws {
        try await withTestDatabase(migrated: false) { db in
            let conn = try await db.connect()
            let pid = await conn.backendPID
            let started = ContinuousClock.now
            let sleeper = Task { try await conn.query("SELECT pg_sleep(30)") }
            try await Task.sleep(for: .milliseconds(300))
            sleeper.cancel()
            await #expect(throws: CancellationError.self) { try await sleeper.value }
            let elapsed = ContinuousClock.now - started
            // Structural check: the sleep did not run its course (it would take 30 s).
            #expect(elapsed < .seconds(10), "took \(elapsed)")
            // The server stopped the statement: the backend is idle, not still sleeping.
            let observer = try await db.connect()
            let state = try await observer.fetchValue("SELECT state FROM pg_stat_activity WHERE pid = \(pid)", as: String.self)
            #expect(state == "idle")
            // And the connection is usable again.
            #expect(try await conn.fetchValue("SELECT 5", as: Int.self) == 5)
            await conn.close()
            await observer.close()
        }
    }
}
