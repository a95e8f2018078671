import Demand
import Foundation
import Logging
import Market
import MTLCore
import PGKit
import Quality

extension Bench {
    /// How big the envelope is (issue 21): the defaults are the demo organisation at ten
    /// million leads, a million activities and fifty million audit events.
    struct EnvelopeSize {
        var leads: Int
        var activities: Int
        var auditEvents: Int
        /// Leads in each of the two import files (into the empty table, then at size).
        var importRows: Int
        /// Runs of each query and its baseline (fewer when they are slow: see `envelopeQueries`).
        var samples: Int
    }

    /// The envelope: the organisation of `makeOrganisation` with an MSP per country, BU and fiscal
    /// year, a programme serving each, `size.activities` activities, `size.leads` leads and
    /// `size.auditEvents` audit events over two years, generated with triggers off; then, at that
    /// size: the lead import's rows/s beside the same import into the empty table earlier in the
    /// run; lead list, lead summary, the scorecard and the audit log, p50/p95, as a country admin
    /// (DE) and an HQ admin, each beside the same call by the superuser (no row-level security);
    /// the quarterly review of every MSP; VACUUM and ANALYZE of the big tables; the scorecards'
    /// refresh; and the tables' and indexes' sizes.
    static func envelope(admin config: PGConnectionConfig, size: EnvelopeSize, work: URL, logger: Logger) async throws -> [Result] {
        let mtl = try mtlBinary()
        let (database, admin) = try await organisationDatabase("mtl_bench_envelope", admin: config, logger: logger)
        let people = [("bench_env_editor", "editor", "DE"), ("bench_env_de", "admin", "DE"), ("bench_env_hq", "admin", "HQ")]
        for (name, capability, unit) in people {
            try await createPerson(name, capability, in: unit, on: admin)
        }
        let editor = try psqlTarget(database.user("bench_env_editor", password: "bench"))

        // The import into the empty table: the baseline of the import at size.
        let early = work.appending(path: "envelope-early.csv"), late = work.appending(path: "envelope-late.csv")
        defer { try? FileManager.default.removeItem(at: early); try? FileManager.default.removeItem(at: late) }
        try writeLeads(early, rows: size.importRows)
        try writeLeads(late, rows: size.importRows, first: size.importRows + 1)
        say("  mtl lead import of \(size.importRows) leads into the empty table …")
        let (emptySeconds, emptyMemory) = try await importLeads(mtl: mtl, file: early, person: editor, work: work)

        let loadSeconds = try await measure { try await loadEnvelope(admin, size: size) }
        let leadCount = try require(try await admin.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self), "lead count")
        let eventCount = try require(try await admin.fetchValue("SELECT count(*) FROM audit.row_change", as: Int64.self), "event count")
        say(String(format: "  loaded in %.0f s: %d leads, %d audit events", loadSeconds, leadCount, eventCount))

        say("  VACUUM and ANALYZE …")
        var maintenance: [(String, Double)] = []
        for (statement, table) in [("VACUUM", "dg.lead"), ("ANALYZE", "dg.lead"), ("VACUUM", "audit.row_change"), ("ANALYZE", "audit.row_change"),
                                   ("VACUUM", "audit.change"), ("ANALYZE", "audit.change")] {
            let seconds = try await measure { try await admin.execute("\(unsafeRaw: statement) \(unsafeRaw: table)") }
            maintenance.append(("\(statement) \(table)", seconds))
        }
        try await admin.execute("VACUUM ANALYZE")
        say("  refreshing the scorecards …")
        let refreshSeconds = try await measure { _ = try await admin.query("SELECT * FROM mqa.refresh_scorecards(false)") }

        say("  mtl lead import of \(size.importRows) leads at size …")
        let (fullSeconds, fullMemory) = try await importLeads(mtl: mtl, file: late, person: editor, work: work)

        var results = [
            Result(name: "lead import \(size.importRows) rows into \(leadCount) leads, \(eventCount) audit events",
                   pgkit: "at size: " + rate(size.importRows, fullSeconds) + String(format: ", %.1f MB", Double(fullMemory) / 1024),
                   baseline: "into the empty table: " + rate(size.importRows, emptySeconds) + String(format: ", %.1f MB", Double(emptyMemory) / 1024),
                   ratio: emptySeconds / fullSeconds, goal: nil),
        ]
        results += try await envelopeQueries(admin: admin, database: database, samples: size.samples, logger: logger)

        say("  quarterly review of every MSP …")
        let hq = try await PGConnection.connect(database.user("bench_env_hq", password: "bench"), logger: logger)
        let msps = try require(try await admin.fetchValue("SELECT count(*) FROM mm.msp WHERE state = 'active' AND fiscal_year = 2026", as: Int64.self))
        var reviews = 0
        let reviewSeconds = try await measure { reviews = try await QuarterlyReview.run(quarter: "FY2026-Q3", unit: nil, on: hq).count }
        await hq.close()
        guard reviews == msps, reviews > 0 else { throw BenchError("the review made \(reviews) reviews for \(msps) active MSPs") }
        results.append(Result(name: "quarterly review FY2026-Q3 of all \(msps) MSPs (mm.run_quarterly_review as an HQ admin)",
                              pgkit: String(format: "%.2f s (%.0f ms an MSP)", reviewSeconds, reviewSeconds * 1000 / Double(msps)),
                              baseline: "-", ratio: .nan, goal: nil))
        results.append(Result(name: "scorecard refresh (mqa.refresh_scorecards, full)", pgkit: String(format: "%.1f s", refreshSeconds),
                              baseline: "-", ratio: .nan, goal: nil))
        for (what, seconds) in maintenance {
            results.append(Result(name: what + " (after the load)", pgkit: String(format: "%.1f s", seconds), baseline: "-", ratio: .nan, goal: nil))
        }
        for size in try await relationSizes(admin) {
            results.append(Result(name: "size of \(size.name)", pgkit: size.text, baseline: "-", ratio: .nan, goal: nil))
        }
        await admin.close()
        let cleanup = try await PGConnection.connect(config, logger: logger)
        try await cleanup.query("DROP DATABASE mtl_bench_envelope WITH (FORCE)")
        for (name, _, _) in people { try await cleanup.execute("DROP ROLE IF EXISTS \(identifier: name)") }
        await cleanup.close()
        return results
    }
}
