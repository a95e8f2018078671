import Foundation
import Logging
import MTLCore
import PGKit
import Quality

extension Bench {
    /// The scorecards at scale (issue 18): `leads` leads and `activities` activities across the
    /// bench's organisation, over two fiscal years; the materialized aggregates' full and
    /// concurrent refresh; the scorecard query as a country's BI login beside the owner's
    /// equivalent, to whom no row-level security applies (goal: at most 1.3× its time); and the
    /// p50/p95 of the scorecard views read by that BI login (goal: p95 under 500 ms).
    static func scorecards(admin config: PGConnectionConfig, leads: Int, activities: Int, repeats: Int, logger: Logger) async throws -> [Result] {
        let (database, admin) = try await organisationDatabase("mtl_bench_scorecards", admin: config, logger: logger)
        defer { Task { await admin.close() } }

        // The load is setup, not the measurement: triggers off (as the superuser), then ANALYZE.
        say("  generating \(activities) activities and \(leads) leads …")
        try await admin.execute("SET session_replication_role = replica")
        try await admin.execute("INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2027, 'published')")
        try await admin.execute("INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'Concept')")
        // A company-tier programme per country and BU (the tier needs no MSP), in the unit's currency.
        try await admin.execute("""
            INSERT INTO dg.programme (unit_id, bu_id, concept_package_id, name, tier, fiscal_year, currency, starts_on, ends_on, state, lead_target, pipeline_target)
            SELECT u.id, b.id, 1, u.code || ' ' || b.code, 'company', 2027, u.currency, '2025-01-01', '2027-12-31', 'running', 1000, 1000000
            FROM org.unit u, org.business_unit b WHERE u.kind = 'country'
            """)
        try await generateDemand(admin, activities: activities, leads: leads, from: "2025-04-01", days: 720)
        try await admin.execute("SET session_replication_role = DEFAULT")
        try await admin.execute("ANALYZE")

        say("  refreshing the scorecards, full and concurrently …")
        let full = try await measure { _ = try await admin.query("SELECT * FROM mqa.refresh_scorecards(false)") }
        let concurrent = try await measure { _ = try await admin.query("SELECT * FROM mqa.refresh_scorecards(true)") }
        try await admin.execute("ANALYZE reporting_private.scorecard_activity")
        try await admin.execute("ANALYZE reporting_private.scorecard_lead")

        let bi = "bench_bi_de"
        try await createPerson(bi, "bi", in: "DE", on: admin)
        let person = try await PGConnection.connect(database.user(bi, password: "bench"), logger: logger)
        defer { Task { await person.close(); } }
        let (year, quarter) = try await busiestQuarterInEUR(admin)
        let asBI = try await Scorecard.figures(year: year, quarter: quarter, unit: "DE", by: .country, currency: "EUR", on: person)
        let asOwner = try await Scorecard.figures(year: year, quarter: quarter, unit: "DE", by: .country, currency: "EUR", on: admin)
        guard asBI == asOwner, !asBI.isEmpty else { throw BenchError("the BI login's scorecard differs from the owner's: \(asBI.count) vs \(asOwner.count) rows") }
        var biTimes: [Double] = [], ownerTimes: [Double] = []
        for _ in 0..<repeats {
            biTimes.append(try await measure { _ = try await Scorecard.figures(year: year, quarter: quarter, unit: "DE", by: .country, currency: "EUR", on: person) })
            ownerTimes.append(try await measure { _ = try await Scorecard.figures(year: year, quarter: quarter, unit: "DE", by: .country, currency: "EUR", on: admin) })
        }
        // The views as a BI tool reads them: one quarter of each, and the dictionary.
        var viewTimes: [Double] = []
        for _ in 0..<max(repeats, 5) {
            for view in ["fct_scorecard_activity", "fct_scorecard_lead", "fct_scorecard_restatement"] {
                viewTimes.append(try await measure {
                    _ = try await person.query("SELECT * FROM reporting.\(identifier: view) WHERE fiscal_year = \(year.sqlValue) AND quarter = \(Int16(quarter))")
                })
            }
        }
        try await admin.execute("DROP ROLE \(identifier: bi)")
        let (p50, p95) = percentiles(viewTimes)
        let (biTime, ownerTime) = (median(biTimes), median(ownerTimes))
        say(String(format: "  scorecards: %d leads, %d activities; refresh full %.2f s, concurrent %.2f s; scorecard as DE BI %.1f ms, as owner %.1f ms; views p50 %.1f ms, p95 %.1f ms",
                   leads, activities, full, concurrent, biTime * 1000, ownerTime * 1000, p50 * 1000, p95 * 1000))
        return [
            Result(name: "scorecard refresh, \(leads) leads / \(activities) activities", pgkit: String(format: "concurrent: %.2f s", concurrent),
                   baseline: String(format: "full (blocks readers): %.2f s", full), ratio: full / concurrent, goal: nil),
            Result(name: "scorecard \(year)-Q\(quarter) by country, DE (RLS and the views' scope)", pgkit: String(format: "DE BI login: %.1f ms", biTime * 1000),
                   baseline: String(format: "owner, no RLS: %.1f ms", ownerTime * 1000), ratio: ownerTime / biTime, goal: 1 / 1.3),
            Result(name: "scorecard views as a BI login (p50 / p95 of \(viewTimes.count) reads)",
                   pgkit: String(format: "p50 %.1f ms, p95 %.1f ms", p50 * 1000, p95 * 1000),
                   baseline: "goal: p95 under 500 ms", ratio: 0.5 / p95, goal: 1),
        ]
    }
}
