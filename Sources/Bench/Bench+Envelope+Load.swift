import Foundation
import PGKit

extension Bench {
    /// The envelope's data, generated as the superuser with triggers off (setup, not
    /// measurement): an MSP per country, BU and fiscal year (2025, 2026), planned for every
    /// quarter, each served by one programme; activities and leads from 1 January 2025 to a month
    /// ago; then the audit events (`generateAuditEvents`).
    static func loadEnvelope(_ admin: PGConnection, size: EnvelopeSize) async throws {
        let days = try require(try await admin.fetchValue("SELECT (current_date - 30 - date '2025-01-01')::integer", as: Int32.self), "days")
        let firstLead = try require(try await admin.fetchValue("SELECT coalesce(max(id), 0) + 1 FROM dg.lead", as: Int64.self), "first lead")
        try await admin.execute("SET session_replication_role = replica")
        say("  generating the MSPs, \(size.activities) activities and \(size.leads) leads …")
        try await admin.executeScript(unsafeSQL: """
            INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (1, 2026, 'published');
            INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'C', 'Concept');
            INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
            SELECT u.id, b.id, 'RAIL-' || b.code, 'Rail operators, ' || b.name, 'Rail', 'Operators', 'Networks', 'H1'
            FROM org.unit u, org.business_unit b WHERE u.kind = 'country';
            INSERT INTO mm.msp (segment_id, unit_id, bu_id, fiscal_year, owner_role, state)
            SELECT s.id, s.unit_id, s.bu_id, y, 'bench_env_hq', 'active' FROM mm.segment s, generate_series(2025, 2026) y;
            INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency, unit_id, bu_id)
            SELECT m.id, m.fiscal_year, q, 5000000, 10000, 400000, u.currency, m.unit_id, m.bu_id
            FROM mm.msp m JOIN org.unit u ON u.id = m.unit_id, generate_series(1, 4) q;
            INSERT INTO dg.programme (unit_id, bu_id, concept_package_id, name, tier, fiscal_year, msp_id, segment_id, currency,
                                      starts_on, ends_on, state, lead_target, pipeline_target)
            SELECT m.unit_id, m.bu_id, 1, u.code || ' ' || b.code || ' FY' || m.fiscal_year, 'customer_group', m.fiscal_year, m.id, m.segment_id,
                   u.currency, make_date(m.fiscal_year, 1, 1), make_date(m.fiscal_year, 12, 31), 'running', 40000, 20000000
            FROM mm.msp m JOIN org.unit u ON u.id = m.unit_id JOIN org.business_unit b ON b.id = m.bu_id;
            """)
        try await generateDemand(admin, activities: size.activities, leads: size.leads, from: "2025-01-01", days: Int(days), leadLag: 14)
        try await generateAuditEvents(admin, events: size.auditEvents, firstLead: firstLead)
        try await admin.execute("SET session_replication_role = DEFAULT")
    }

    /// `events` audit events for the generated leads (ids from `firstLead`), as the audit trail
    /// would have recorded them: each lead's INSERT image, a day's leads of a unit and BU in one
    /// change (one import statement); then the rest as single-row UPDATEs (old and new images, a
    /// change each, as people's state changes are), every lead updated in turn, each update two
    /// days after the one before. In month partitions made for them first.
    static func generateAuditEvents(_ admin: PGConnection, events: Int, firstLead: Int64) async throws {
        try await admin.execute("""
            SELECT audit.create_month_partition('audit.change', m::date), audit.create_month_partition('audit.row_change', m::date)
            FROM generate_series(date '2025-01-01', date_trunc('month', now()), interval '1 month') m
            """)
        let shape = try require(try await admin.fetchValue("SELECT audit.shape_of('dg.lead'::regclass)", as: Int64.self), "dg.lead's shape")
        let leads = try require(try await admin.fetchValue("SELECT count(*) FROM dg.lead WHERE id >= \(firstLead)", as: Int64.self), "leads")
        var next = try require(try await admin.fetchValue("SELECT coalesce(max(id), 0) FROM audit.change", as: Int64.self), "last change")
        let columns: SQL = "audit.change (id, tx_time, clock_time, actor, acting_role, table_name, operation, tx_id, unit_id, bu_id, shape_id)"

        say("  audit: \(leads) INSERT images …")
        try await admin.execute("CREATE TEMP TABLE bench_import_change (id bigint, tx_time timestamptz, day date, unit_id bigint, bu_id bigint)")
        try await admin.execute("""
            INSERT INTO bench_import_change
            SELECT \(next) + row_number() OVER (ORDER BY day, unit_id, bu_id) AS id, (day + time '09:00') AT TIME ZONE 'UTC' AS tx_time,
                   day, unit_id, bu_id
            FROM (SELECT DISTINCT created_at::date AS day, unit_id, bu_id FROM dg.lead WHERE id >= \(firstLead)) d
            """)
        try await admin.execute("""
            INSERT INTO \(columns) OVERRIDING SYSTEM VALUE
            SELECT id, tx_time, tx_time, 'bench_env_editor', NULL, 'dg.lead', 'INSERT', id::text::xid8, unit_id, bu_id, \(shape)
            FROM bench_import_change
            """)
        try await admin.execute("""
            INSERT INTO audit.row_change (change_id, tx_time, unit_id, bu_id, row_key, new_row)
            SELECT b.id, b.tx_time, l.unit_id, l.bu_id, jsonb_build_object('id', l.id), l::text
            FROM dg.lead l JOIN bench_import_change b ON b.day = l.created_at::date AND b.unit_id = l.unit_id AND b.bu_id = l.bu_id
            WHERE l.id >= \(firstLead)
            """)
        next = try require(try await admin.fetchValue("SELECT max(id) FROM bench_import_change", as: Int64.self), "import changes")
        try await admin.execute("DROP TABLE bench_import_change")

        var remaining = Int64(events) - leads, round: Int32 = 1
        while remaining > 0 {
            let count = min(leads, remaining)
            say("  audit: \(count) UPDATEs (round \(round)) …")
            // The same leads, times and change ids for both statements.
            let chosen: SQL = """
                FROM dg.lead l
                CROSS JOIN LATERAL (SELECT least(l.created_at + make_interval(days => 2 * \(round), mins => (l.id % 600)::integer),
                                                 now() - interval '1 minute') AS tx_time) t
                WHERE l.id >= \(firstLead) AND l.id < \(firstLead + count)
                """
            let changeId: SQL = "\(next) + 1 + (l.id - \(firstLead))"
            try await admin.execute("""
                INSERT INTO \(columns) OVERRIDING SYSTEM VALUE
                SELECT \(changeId), t.tx_time, t.tx_time, 'bench_env_de', NULL, 'dg.lead', 'UPDATE', (\(changeId))::text::xid8,
                       l.unit_id, l.bu_id, \(shape)
                """ + " " + chosen)
            try await admin.execute("""
                INSERT INTO audit.row_change (change_id, tx_time, unit_id, bu_id, row_key, old_row, new_row)
                SELECT \(changeId), t.tx_time, l.unit_id, l.bu_id, jsonb_build_object('id', l.id), l::text, l::text
                """ + " " + chosen)
            next += count
            remaining -= count
            round += 1
        }
        try await admin.execute("SELECT setval(pg_get_serial_sequence('audit.change', 'id'), \(next))")
    }
}
