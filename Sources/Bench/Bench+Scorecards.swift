import Foundation
import Logging
import MTLCore
import PGKit
import Quality
import Schema

extension Bench {
    /// The scorecards at scale (issue 18): `leads` leads and `activities` activities across the
    /// bench's organisation, over two fiscal years; the materialized aggregates' full and
    /// concurrent refresh; the scorecard query as a country's BI login beside the owner's
    /// equivalent, to whom no row-level security applies (goal: at most 1.3× its time); and the
    /// p50/p95 of the scorecard views read by that BI login (goal: p95 under 500 ms).
    static func scorecards(admin config: PGConnectionConfig, leads: Int, activities: Int, repeats: Int, logger: Logger) async throws -> [Result] {
        let setup = try await PGConnection.connect(config, logger: logger)
        try await setup.query("DROP DATABASE IF EXISTS mtl_bench_scorecards WITH (FORCE)")
        try await setup.query("CREATE DATABASE mtl_bench_scorecards")
        await setup.close()
        let database = config.database("mtl_bench_scorecards")
        let admin = try await PGConnection.connect(database, logger: logger)
        defer { Task { await admin.close() } }
        try await Migrator(migrations: try MigrationSet.embedded(), logger: logger).migrate(on: admin)
        try await makeOrganisation(admin)

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
        let types = ["summit", "exhibition", "workshop", "seminar", "webinar", "digital_campaign", "customer_visit", "roadshow"]
        try await admin.execute("""
            INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, actual_cost, invited, attended, state)
            SELECT p.id, p.unit_id, p.bu_id, 'Activity ' || g, (\(types))[1 + g % \(Int64(types.count))],
                   date '2025-04-01' + (g % 720)::integer, date '2025-04-01' + (g % 720)::integer, 1000 + g % 50000, 900 + g % 50000, 20 + g % 200, 10 + g % 150,
                   CASE WHEN g % 10 = 0 THEN 'cancelled' WHEN g % 3 = 0 THEN 'planned' ELSE 'done' END
            FROM generate_series(1, \(Int64(activities))) g
            JOIN LATERAL (SELECT p.* FROM dg.programme p ORDER BY p.id OFFSET (g % (SELECT count(*) FROM dg.programme)) LIMIT 1) p ON true
            """)
        try await admin.execute("""
            INSERT INTO dg.lead (unit_id, bu_id, activity_id, channel, company, contact_name, industry, key_person, state,
                                 handed_to, handed_to_kind, handed_off_at, sla_due_at, responded_at, rejection_reason, pipeline_value, currency, created_at)
            SELECT a.unit_id, a.bu_id, CASE WHEN g % 5 = 0 THEN NULL ELSE a.id END, CASE WHEN g % 5 = 0 THEN 'web' END,
                   'Company ' || g, 'Contact ' || g, (ARRAY['Rail', 'Ports', 'Energy', 'Telecom', 'Public sector'])[1 + g % 5], g % 4 = 0,
                   s.state, CASE WHEN s.handed THEN 'Sales' END, CASE WHEN s.handed THEN 'sales_team' END,
                   CASE WHEN s.handed THEN a.ends_on + 3 END, CASE WHEN s.handed THEN a.ends_on + 8 END,
                   CASE WHEN s.state IN ('accepted', 'rejected') THEN a.ends_on + (5 + g % 6)::integer END,
                   CASE WHEN s.state = 'rejected' THEN 'No budget this year' END,
                   CASE WHEN s.state = 'accepted' THEN 10000 + g % 90000 END, CASE WHEN s.state = 'accepted' THEN p.currency END,
                   a.ends_on + (g % 30) * interval '1 day'
            FROM generate_series(1, \(Int64(leads))) g
            JOIN dg.activity a ON a.id = 1 + g % \(Int64(activities))
            JOIN dg.programme p ON p.id = a.programme_id
            CROSS JOIN LATERAL (SELECT (ARRAY['new', 'qualifying', 'qualified', 'handed_off', 'accepted', 'rejected'])[1 + g % 6] AS state) s0
            CROSS JOIN LATERAL (SELECT s0.state, s0.state IN ('handed_off', 'accepted', 'rejected') AS handed) s
            """)
        try await admin.execute("SET session_replication_role = DEFAULT")
        try await admin.execute("ANALYZE")

        say("  refreshing the scorecards, full and concurrently …")
        let full = try await measure { _ = try await admin.query("SELECT * FROM mqa.refresh_scorecards(false)") }
        let concurrent = try await measure { _ = try await admin.query("SELECT * FROM mqa.refresh_scorecards(true)") }
        try await admin.execute("ANALYZE reporting_private.scorecard_activity")
        try await admin.execute("ANALYZE reporting_private.scorecard_lead")

        let bi = "bench_bi_de"
        try await admin.execute("DROP ROLE IF EXISTS \(identifier: bi)")
        let verifier = try await admin.encryptPassword("bench", user: bi)
        try await admin.execute("SELECT org.create_user(\(bi), 'bi', 'DE', NULL, \(verifier))")
        let person = try await PGConnection.connect(database.user(bi, password: "bench"), logger: logger)
        defer { Task { await person.close(); } }
        // The quarter with the most leads, by country, in EUR (rates for the other currencies).
        try await admin.execute("""
            INSERT INTO org.fx_rate (currency, to_currency, fiscal_year, quarter, rate)
            SELECT c, 'EUR', y, q, 1.1 FROM unnest(ARRAY['USD', 'CNY', 'GBP', 'JPY', 'AUD', 'INR', 'BRL', 'MXN', 'ARS', 'CLP', 'CAD', 'ZAR',
                                                        'AED', 'SAR', 'EGP', 'NGN', 'BMD']) c, generate_series(2025, 2028) y, generate_series(1, 4) q
            ON CONFLICT DO NOTHING
            """)
        let busiest = try await admin.fetchOne("""
            SELECT fiscal_year, quarter FROM reporting_private.scorecard_lead GROUP BY 1, 2 ORDER BY sum(leads) DESC LIMIT 1
            """, as: (Int32, Int16).self)
        let (year, quarter) = (FiscalYear(Int(busiest?.0 ?? 2027)), Int(busiest?.1 ?? 1))
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
        let sorted = viewTimes.sorted()
        let p50 = sorted[sorted.count / 2], p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
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
