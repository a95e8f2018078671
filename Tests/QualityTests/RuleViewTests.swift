import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// Each registered rule's view finds what breaks the rule and nothing else: a subject on each
/// side of the rule's line (written as the superuser, triggers off, with the dates needed).
@Suite("quality rules find their violations")
struct RuleViewTests {
    @Test("DG's and MM's rules: each view returns exactly the subjects that break it, and the check opens one finding each")
    func views() async throws {
        try await withTenancy { fixture in
            let de = try await fixture.id(ofUnit: "DE")
            let db = try await fixture.database.connect()
            let carrier = try #require(try await db.fetchValue("SELECT id FROM org.business_unit WHERE code = 'CARRIER'", as: Int64.self))
            // The last quarter closed in DE's clock and the quarter after it, for the MSP rules.
            let closed = try #require(try await db.fetchValue("SELECT org.fiscal_quarter_closed_before(now(), 'Europe/Berlin')", as: String.self))
            let year = try #require(Int(closed.dropFirst(2).prefix(4))), quarter = try #require(Int(closed.suffix(1)))
            try await db.execute("SET session_replication_role = replica")
            let statements: [SQL] = [
                // The year's framework plans one company-tier activity and holds two (and one
                // cancelled); the year before planned five and held none.
                """
                INSERT INTO mm.framework (id, fiscal_year, state, company_events_planned) OVERRIDING SYSTEM VALUE
                VALUES (100, \(year), 'published', 1), (99, \(year - 1), 'superseded', 5)
                """,
                "INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (100, 100, 'C', 'Concept')",
                """
                INSERT INTO mm.segment (id, unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon) OVERRIDING SYSTEM VALUE
                VALUES (100, \(de), \(carrier), 'DERAIL', 'DE rail', 'Rail', 'Operator', 'FRMCS', 'H1'),
                       (101, \(de), \(carrier), 'DEPORT', 'DE ports', 'Ports', 'Operator', 'FRMCS', 'H1'),
                       (102, \(de), \(carrier), 'DEGRID', 'DE grid', 'Energy', 'Operator', 'FRMCS', 'H1')
                """,
                // MSP 101 has an approved review of the closed quarter, 102 a submitted one, 103 none.
                """
                INSERT INTO mm.msp (id, segment_id, unit_id, bu_id, fiscal_year, owner_role, goals, gtm_strategy, value_proposition, state) OVERRIDING SYSTEM VALUE
                VALUES (101, 100, \(de), \(carrier), \(year), 'x', 'g', 's', 'v', 'active'),
                       (102, 101, \(de), \(carrier), \(year), 'x', 'g', 's', 'v', 'active'),
                       (103, 102, \(de), \(carrier), \(year), 'x', 'g', 's', 'v', 'active'),
                       (104, 100, \(de), \(carrier), \(year + 1), 'x', 'g', 's', 'v', 'active')
                """,
                // Reviews: 111 approved on track; 112 submitted; 113 approved off track, nothing
                // planned next; 114 approved off track with a next plan; 115 no plan.
                """
                INSERT INTO mm.quarterly_review (id, msp_id, fiscal_year, quarter, unit_id, bu_id, currency, pipeline_target, pipeline_created,
                    lead_target, leads, qualified_leads, opportunities, activities_planned, activities_done, budget, spend, sla_breaches,
                    status, gaps, next_fiscal_year, next_quarter, state, requested_by) OVERRIDING SYSTEM VALUE
                VALUES (111, 101, \(year), \(quarter), \(de), \(carrier), 'EUR', 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 'on_track', '{}', 2100, 1, 'approved', 'x'),
                       (112, 102, \(year), \(quarter), \(de), \(carrier), 'EUR', 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 'on_track', '{}', 2100, 1, 'submitted', 'x'),
                       (113, 101, 2001, 1, \(de), \(carrier), 'EUR', 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 'off_track', '{}', 2001, 2, 'approved', 'x'),
                       (114, 101, 2001, 2, \(de), \(carrier), 'EUR', 1, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 'off_track', '{}', 2001, 3, 'approved', 'x'),
                       (115, 101, 2001, 3, \(de), \(carrier), 'EUR', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'no_plan', '{}', 2001, 4, 'submitted', 'x')
                """,
                """
                INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, budget, currency, unit_id, bu_id)
                VALUES (101, 2001, 3, 1, 1, 'EUR', \(de), \(carrier))
                """,
                // Programme 121: approved 40 days ago, not started, spent 600 of 1000, no leads.
                // Programme 122: approved 5 days ago, running, spent 100 of 1000, one lead.
                """
                INSERT INTO dg.programme (id, unit_id, bu_id, name, tier, fiscal_year, msp_id, segment_id, concept_package_id, currency,
                                          starts_on, ends_on, state) OVERRIDING SYSTEM VALUE
                VALUES (121, \(de), \(carrier), 'Idle', 'customer_group', \(year), 101, 100, 100, 'EUR', '2026-01-01', '2027-12-31', 'approved'),
                       (122, \(de), \(carrier), 'Busy', 'customer_group', \(year), 101, 100, 100, 'EUR', '2026-01-01', '2027-12-31', 'running'),
                       (123, org.hq(), \(carrier), 'Flagship', 'company', \(year), NULL, NULL, 100, 'EUR', '2026-01-01', '2027-12-31', 'running')
                """,
                """
                INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, state) OVERRIDING SYSTEM VALUE
                VALUES (134, 123, org.hq(), \(carrier), 'Summit A', 'summit', current_date + 10, current_date + 11, 0, 'planned'),
                       (135, 123, org.hq(), \(carrier), 'Summit B', 'summit', current_date + 20, current_date + 21, 0, 'planned'),
                       (136, 123, org.hq(), \(carrier), 'Summit C', 'summit', current_date + 30, current_date + 31, 0, 'cancelled')
                """,
                """
                INSERT INTO dg.budget (id, programme_id, unit_id, bu_id, kind, amount, currency, state) OVERRIDING SYSTEM VALUE
                VALUES (121, 121, \(de), \(carrier), 'initial', 1000, 'EUR', 'approved'), (122, 122, \(de), \(carrier), 'initial', 1000, 'EUR', 'approved')
                """,
                """
                INSERT INTO approval.request (id, kind, subject_id, unit_id, bu_id, title, submitted_by, state, closed_at) OVERRIDING SYSTEM VALUE
                VALUES (121, 'budget', 121, \(de), \(carrier), 'b', 'x', 'approved', now() - interval '40 days'),
                       (122, 'budget', 122, \(de), \(carrier), 'b', 'x', 'approved', now() - interval '5 days')
                """,
                // Activities: 131 done 20 days ago without leads; 132 done 3 days ago without; 133
                // done 20 days ago with a lead.
                """
                INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, actual_cost, state) OVERRIDING SYSTEM VALUE
                VALUES (131, 121, \(de), \(carrier), 'Quiet summit', 'summit', current_date - 21, current_date - 20, 600, 600, 'done'),
                       (132, 121, \(de), \(carrier), 'Fresh webinar', 'webinar', current_date - 3, current_date - 3, 0, 0, 'done'),
                       (133, 122, \(de), \(carrier), 'Good workshop', 'workshop', current_date - 21, current_date - 20, 100, 100, 'done')
                """,
                // Leads: 141 from 133; 142 qualified 10 days ago; 143 qualified yesterday; 144 handed
                // off, overdue; 145 handed off, not yet due; all but 141 complete enough.
                """
                INSERT INTO dg.lead (id, unit_id, bu_id, activity_id, channel, company, contact_name, contact_title, email, phone, industry, need,
                                     state, state_changed_at, handed_to, handed_to_kind, handed_off_at, sla_due_at) OVERRIDING SYSTEM VALUE
                VALUES (141, \(de), \(carrier), 133, NULL, 'Sparse', 'A', NULL, NULL, NULL, NULL, NULL, 'new', now(), NULL, NULL, NULL, NULL),
                       (142, \(de), \(carrier), NULL, 'web', 'Waiting', 'B', 't', 'b@x.example', '1', 'Rail', 'n', 'qualified', now() - interval '10 days', NULL, NULL, NULL, NULL),
                       (143, \(de), \(carrier), NULL, 'web', 'Fresh', 'C', 't', 'c@x.example', '1', 'Rail', 'n', 'qualified', now() - interval '1 day', NULL, NULL, NULL, NULL),
                       (144, \(de), \(carrier), NULL, 'web', 'Overdue', 'D', 't', 'd@x.example', '1', 'Rail', 'n', 'handed_off', now() - interval '9 days',
                        'Sales DE', 'sales_team', now() - interval '9 days', now() - interval '4 days'),
                       (145, \(de), \(carrier), NULL, 'web', 'On time', 'E', 't', 'e@x.example', '1', 'Rail', 'n', 'handed_off', now() - interval '1 day',
                        'Sales DE', 'sales_team', now() - interval '1 day', now() + interval '4 days')
                """,
            ]
            for statement in statements { try await db.execute(statement) }
            try await db.execute("SET session_replication_role = DEFAULT")

            let expected: [String: [Int64]] = [
                "dg.activity_without_leads": [131],
                "dg.qualified_not_handed_off": [142],
                "dg.handoff_past_sla": [144],
                "dg.programme_spent_without_leads": [121],
                "dg.budget_approved_not_started": [121],
                "dg.lead_incomplete": [141],
                "dg.company_events_over_plan": [100],
                "mm.msp_without_review": [102, 103],
                "mm.off_track_without_actions": [113],
                "mm.quarter_without_plan": [115],
            ]
            // DG's and MM's rules here; each later module tests its own (InsightTests for mi).
            let rules = try await db.fetchAll("""
                SELECT code, owner_schema::text, violations_view::text FROM mqa.rule WHERE owner_schema IN ('dg', 'mm') ORDER BY code
                """, as: (String, String, String).self)
            #expect(Set(rules.map(\.0)) == Set(expected.keys), "a rule without a case here")
            for (code, schema, view) in rules {
                let found = try await db.fetchAll(SQL(unsafeRaw: "SELECT subject_id FROM \(schema).\(view) ORDER BY subject_id"), as: Int64.self)
                #expect(found == expected[code], "\(code): \(found)")
            }
            let results = try await QualityCheck.run(on: db)
            let ours = results.filter { ["dg", "mm"].contains($0.ruleCode.rawValue.split(separator: ".").first.map(String.init)) }
            #expect(ours.count == expected.count && results.allSatisfy { $0.opened == $0.violations })
            #expect(try await db.fetchValue("SELECT count(*) FROM mqa.finding WHERE state = 'open'", as: Int64.self)
                    == Int64(expected.values.map(\.count).reduce(0, +)))
            await db.close()
        }
    }
}
