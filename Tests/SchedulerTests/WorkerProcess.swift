import Foundation
import PGKit
import Testing
import TestSupport

/// A real `mtl scheduler run` process, its log in a file.
final class WorkerProcess: @unchecked Sendable {
    static let binary = MTLProcess.binary

    let process = Process()
    let log: URL
    let id: String

    /// Starts a worker logging in with `database` (a scheduler login's connection string).
    init(database: String, id: String, arguments: [String] = []) throws {
        self.id = id
        log = FileManager.default.temporaryDirectory.appending(path: "mtl-worker-\(id)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["scheduler", "run", "--database", database, "--worker-id", id, "--log-level", "debug"] + arguments
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("PG") { environment[key] = nil }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit (at most `limit`); its exit status, or nil if it is still running.
    func waitForExit(limit: Duration = .seconds(60)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops it for good (SIGKILL) if it still runs; for cleanup.
    func stop() async {
        if process.isRunning { signal(SIGKILL) }
        _ = await waitForExit(limit: .seconds(10))
        try? FileManager.default.removeItem(at: log)
    }
}

/// Waits until `condition` holds, checking every 100 ms, for at most `limit` (a bound so that a
/// broken worker fails the test instead of hanging it; never a speed expectation).
func eventually(_ what: String, limit: Duration = .seconds(120), sourceLocation: SourceLocation = #_sourceLocation,
                _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("gave up waiting: \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
}

extension PGConnection {
    /// How many jobs are in each state.
    func jobStates() async throws -> [String: Int64] {
        var states: [String: Int64] = [:]
        for (state, count) in try await fetchAll("SELECT state, count(*) FROM scheduler.job GROUP BY state", as: (String, Int64).self) {
            states[state] = count
        }
        return states
    }

    /// Enqueues `count` probe jobs with the given JSON arguments; returns their ids.
    func enqueueProbes(_ count: Int, args: String = "{}", maxAttempts: Int32 = 5) async throws -> [Int64] {
        var ids: [Int64] = []
        for (id) in try await fetchAll("""
            SELECT scheduler.enqueue('scheduler.probe', \(args)::jsonb, 'default', 0::smallint, now(), \(maxAttempts))
            FROM generate_series(1, \(Int32(count)))
            """, as: (Int64).self) {
            ids.append(id)
        }
        return ids
    }
}
