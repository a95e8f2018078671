import Foundation
import MTLCore
import PGKit

extension Bench {
    /// Generates `activities` activities over the programmes already in `dg.programme` (round
    /// robin, by id) and `leads` leads over those activities, as the superuser in a session with
    /// `session_replication_role = replica` (the load is a benchmark's setup, not what it
    /// measures: no triggers, no audit). Activities end on one of `days` days from `from`; a
    /// lead is created up to 29 days after its activity (`leadLag`). A fifth of the leads come
    /// from a channel instead of an activity; states go round the six, with hand-offs, answers
    /// and pipeline values to match. Companies are `Account n` and contacts `Person n`, so a
    /// generated lead never collides with one of `writeLeads`' files.
    ///
    /// Activity ids must start at 1 (a fresh database): leads pick theirs as `1 + n % activities`.
    static func generateDemand(_ admin: PGConnection, activities: Int, leads: Int, from: String, days: Int,
                               leadLag: Int = 30) async throws {
        let types = ["summit", "exhibition", "workshop", "seminar", "webinar", "digital_campaign", "customer_visit", "roadshow"]
        try await admin.execute("""
            INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, actual_cost, invited, attended, state)
            SELECT p.id, p.unit_id, p.bu_id, 'Activity ' || g, (\(types))[1 + g % \(Int64(types.count))],
                   \(from)::date + (g % \(Int64(days)))::integer, \(from)::date + (g % \(Int64(days)))::integer,
                   1000 + g % 50000, 900 + g % 50000, 20 + g % 200, 10 + g % 150,
                   CASE WHEN g % 10 = 0 THEN 'cancelled' WHEN g % 3 = 0 THEN 'planned' ELSE 'done' END
            FROM generate_series(1, \(Int64(activities))) g
            CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM dg.programme) all_programmes
            JOIN dg.programme p ON p.id = all_programmes.ids[1 + g % cardinality(all_programmes.ids)]
            """)
        try await admin.execute("""
            INSERT INTO dg.lead (unit_id, bu_id, activity_id, channel, company, contact_name, industry, key_person, state,
                                 handed_to, handed_to_kind, handed_off_at, sla_due_at, responded_at, rejection_reason, pipeline_value, currency, created_at)
            SELECT a.unit_id, a.bu_id, CASE WHEN g % 5 = 0 THEN NULL ELSE a.id END, CASE WHEN g % 5 = 0 THEN 'web' END,
                   'Account ' || g, 'Person ' || g, (ARRAY['Rail', 'Ports', 'Energy', 'Telecom', 'Public sector'])[1 + g % 5], g % 4 = 0,
                   s.state, CASE WHEN s.handed THEN 'Sales' END, CASE WHEN s.handed THEN 'sales_team' END,
                   CASE WHEN s.handed THEN a.ends_on + 3 END, CASE WHEN s.handed THEN a.ends_on + 8 END,
                   CASE WHEN s.state IN ('accepted', 'rejected') THEN a.ends_on + (5 + g % 6)::integer END,
                   CASE WHEN s.state = 'rejected' THEN 'No budget this year' END,
                   CASE WHEN s.state = 'accepted' THEN 10000 + g % 90000 END, CASE WHEN s.state = 'accepted' THEN p.currency END,
                   a.ends_on + (g % \(Int64(leadLag))) * interval '1 day'
            FROM generate_series(1, \(Int64(leads))) g
            JOIN dg.activity a ON a.id = 1 + g % \(Int64(activities))
            JOIN dg.programme p ON p.id = a.programme_id
            CROSS JOIN LATERAL (SELECT (ARRAY['new', 'qualifying', 'qualified', 'handed_off', 'accepted', 'rejected'])[1 + g % 6] AS state) s0
            CROSS JOIN LATERAL (SELECT s0.state, s0.state IN ('handed_off', 'accepted', 'rejected') AS handed) s
            """)
    }

    /// Rates into EUR for every other currency of the organisation (1.1, every quarter of 2025–2028)
    /// and the fiscal quarter with the most leads in the scorecards: what the scorecard is read for.
    static func busiestQuarterInEUR(_ admin: PGConnection) async throws -> (FiscalYear, Int) {
        try await admin.execute("""
            INSERT INTO org.fx_rate (currency, to_currency, fiscal_year, quarter, rate)
            SELECT c, 'EUR', y, q, 1.1 FROM unnest(ARRAY['USD', 'CNY', 'GBP', 'JPY', 'AUD', 'INR', 'BRL', 'MXN', 'ARS', 'CLP', 'CAD', 'ZAR',
                                                        'AED', 'SAR', 'EGP', 'NGN', 'BMD']) c, generate_series(2025, 2028) y, generate_series(1, 4) q
            ON CONFLICT DO NOTHING
            """)
        let busiest = try await admin.fetchOne("""
            SELECT fiscal_year, quarter FROM reporting_private.scorecard_lead GROUP BY 1, 2 ORDER BY sum(leads) DESC LIMIT 1
            """, as: (Int32, Int16).self)
        return (FiscalYear(Int(busiest?.0 ?? 2027)), Int(busiest?.1 ?? 1))
    }
}
