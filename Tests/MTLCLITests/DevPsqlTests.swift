import Foundation
import Testing
import TestSupport

/// `mtl dev psql` passes psql's own options through: `-U` logs in as that user, never silently
/// as the superuser (issue 15: a user who believed they were bi_emea deleted a lead as postgres).
@Suite("mtl dev psql")
struct DevPsqlTests {
    @Test("-U logs in as the named user; without it psql is the superuser and says so")
    func userPassesThrough() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-dev-psql-\(UUID().uuidString.prefix(8))")
        let environment = ["MTL_DEV_DIR": directory.path]
        defer {
            _ = try? MTLProcess.run(["dev", "down"], environment: environment)
            try? FileManager.default.removeItem(at: directory)
        }
        // The server `dev up` leaves running would hold a pipe open for ever: its output goes to a file.
        let log = directory.appendingPathExtension("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let up = Process()
        up.executableURL = MTLProcess.binary
        up.arguments = ["dev", "up"]
        up.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = try FileHandle(forWritingTo: log)
        up.standardOutput = output
        up.standardError = output
        up.standardInput = FileHandle.nullDevice
        try up.run()
        up.waitUntilExit()
        try output.close()
        #expect(up.terminationStatus == 0, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let create = try MTLProcess.run(["dev", "psql", "-q", "-c", "CREATE ROLE bi_psql_probe LOGIN"], environment: environment)
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stderr.contains("connected as the superuser postgres"), "\(create.stderr)")
        for arguments in [["-U", "bi_psql_probe"], ["-Ubi_psql_probe"], ["--username=bi_psql_probe"]] {
            let asBI = try MTLProcess.run(["dev", "psql"] + arguments + ["-Atc", "SELECT current_user"], environment: environment)
            #expect(asBI.status == 0, "\(asBI.stderr)")
            #expect(asBI.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "bi_psql_probe", "\(arguments): \(asBI.stdout)")
            #expect(!asBI.stderr.contains("superuser"), "\(asBI.stderr)")
        }
        let asSuperuser = try MTLProcess.run(["dev", "psql", "-Atc", "SELECT current_user"], environment: environment)
        #expect(asSuperuser.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "postgres")
        #expect(asSuperuser.stderr.contains("use -U NAME to log in as a person"), "\(asSuperuser.stderr)")
    }
}
