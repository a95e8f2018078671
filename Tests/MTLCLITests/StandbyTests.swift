import Foundation
import LocalPostgres
import PGKit
import Schema
import Testing
import TestSupport

/// A real hot standby (pg_basebackup -R, streaming) of a cluster of the test's own: read
/// commands and BI work on it, a write command fails at once saying where to go, and a worker
/// refuses to start against it.
@Suite("a hot standby")
struct StandbyTests {
    @Test("reads and BI on the standby, a write refused with a clear message, a worker that will not start")
    func standby() async throws {
        let primary = try LocalPostgres.start(logger: quietLogger("mtl.localpostgres"))
        defer { primary.stop() }
        let admin = try await PGConnection.connect(primary.config(), logger: quietLogger("pgkit"))
        try await admin.query("CREATE DATABASE mtl_standby")
        await admin.close()
        let database = TestDatabase(name: "mtl_standby", config: primary.config(database: "mtl_standby"))
        let owner = try await database.connect()
        try await Migrator(migrations: try MigrationSet.embedded(), logger: quietLogger("mtl.schema")).migrate(on: owner)
        try await owner.execute("SELECT org.secure_database()")
        let fixture = try await TenancyFixture(database: database)
        let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
        let bi = try await fixture.createUser("de_bi", "bi", unit: "DE")
        let worker = try await fixture.createUser("worker", "scheduler", unit: "HQ")
        let onPrimary = { (user: String, arguments: [String]) throws -> MTLProcess.Output in
            try MTLProcess.run(arguments + ["--database", fixture.config(as: user).conninfo])
        }
        var result = try onPrimary(editor, ["segment", "add", "DE/RAIL", "--bu", "CARRIER", "--name", "Rail operators", "--industry", "Transport",
                                            "--customer-type", "Operator", "--solution-line", "Railway communication", "--horizon", "H1"])
        #expect(result.status == 0, "\(result.stderr)")
        try await owner.execute("""
            INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name, email)
            SELECT u.id, b.id, 'web', 'Deutsche Bahn', 'Anna Weber', 'anna@db.example' FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER'
            """)
        let standby = try primary.startStandby(logger: quietLogger("mtl.localpostgres"))
        defer { standby.stop() }
        // Caught up: the standby has replayed what the primary wrote.
        let target = try #require(try await owner.fetchValue("SELECT pg_current_wal_lsn()::text", as: String.self))
        let replica = try await PGConnection.connect(standby.config(database: "mtl_standby"), logger: quietLogger("pgkit"))
        var caughtUp = false
        for _ in 0..<600 where !caughtUp {
            caughtUp = try await replica.fetchValue("SELECT coalesce(pg_last_wal_replay_lsn() >= \(target)::pg_lsn, false)", as: Bool.self) == true
            if !caughtUp { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(caughtUp, "the standby replayed the primary's writes")
        #expect(try await replica.fetchValue("SELECT pg_is_in_recovery()", as: Bool.self) == true)
        await replica.close()
        let standbyConfig = { (user: String) in
            PGConnectionConfig(host: standby.socketDirectory, port: standby.port, user: user, password: TenancyFixture.password, database: "mtl_standby")
        }
        let onStandby = { (user: String, arguments: [String]) throws -> MTLProcess.Output in
            try MTLProcess.run(arguments + ["--database", standbyConfig(user).conninfo])
        }
        // Read commands work, the lead export too (no temporary table on a read path).
        for arguments in [["segment", "list"], ["lead", "list"], ["lead", "export", "--format", "csv"],
                          ["lead", "summary"], ["lead", "breaches"], ["org", "list"], ["bu", "list"], ["framework", "list"], ["msp", "list"],
                          ["programme", "list"], ["activity", "list"], ["asset", "list"], ["approvals", "list"], ["review", "list"],
                          ["insight", "topic", "list"], ["insight", "list"], ["insight", "credits"], ["competitor", "list"],
                          ["material", "list"], ["material", "find", "summit"], ["kit", "list"], ["seller", "list"], ["cert", "list"],
                          ["readiness"], ["quality", "findings"], ["quality", "rules", "list"], ["report", "quality"],
                          ["report", "attribution"], ["report", "scorecard", "--year", "FY2027"]] {
            result = try onStandby(editor, arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try onStandby(editor, ["lead", "list"]).stdout.contains("Deutsche Bahn"))
        // BI reads the reporting views there, the same rows as on the primary.
        let biOnStandby = try await PGConnection.connect(standbyConfig(bi), logger: quietLogger("pgkit"))
        #expect(try await biOnStandby.fetchValue("SELECT count(*) FROM reporting.fct_lead", as: Int64.self) == 1)
        await biOnStandby.close()
        // A write fails at once and says where to go.
        result = try onStandby(editor, ["segment", "add", "DE/PORTS", "--bu", "CARRIER", "--name", "Ports", "--industry", "Logistics",
                                        "--customer-type", "Port", "--solution-line", "Private 5G", "--horizon", "H3"])
        #expect(result.status == 1 && result.stderr.contains("read-only transaction") && result.stderr.contains("against the primary"), "\(result.stderr)")
        // A worker refuses to start, with a clear message and a non-zero exit.
        result = try onStandby(worker, ["scheduler", "run"])
        #expect(result.status == 1 && result.stderr.contains("hot standby"), "\(result.stderr)")
        await owner.close()
    }
}
