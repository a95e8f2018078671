import Foundation
import Logging
import PGKit
import MTLModules
import Scheduler
import Testing
import TestSupport

/// The job kinds every worker runs, fired by their schedules and run by a Worker logged in as a
/// scheduler role: what they need, the role may do.
@Suite("standard job kinds")
struct StandardKindsTests {
    @Test("the review, SLA check, prune, insight review and certification check schedules fire and their jobs complete as the scheduler role")
    func standardKinds() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            // A hand-off past its SLA, and a job finished long ago.
            try await owner.execute("""
                INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name, state, handed_to, handed_to_kind, handed_off_at, sla_due_at)
                SELECT u.id, b.id, 'web', 'Late Ltd', 'Ann Late', 'handed_off', 'Sales', 'sales_team', now() - interval '9 days', now() - interval '2 days'
                FROM org.unit u, org.business_unit b WHERE u.code = 'DE' AND b.code = 'CARRIER'
                """)
            try await owner.execute("""
                INSERT INTO scheduler.job (kind, state, finalized_at) VALUES ('scheduler.noop', 'completed', now() - interval '30 days')
                """)
            // An expired certification (written with triggers and foreign keys off).
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("""
                INSERT INTO sce.certification (seller_id, unit_id, exam_id, result_id, role_code, granted_on, expires_on)
                SELECT 1, u.id, 1, 1, 'account_manager', current_date - 400, current_date - 35 FROM org.unit u WHERE u.code = 'DE'
                """)
            try await owner.execute("SET session_replication_role = DEFAULT")
            let login = fixture.config(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let worker = try await PGConnection.connect(login, logger: quietLogger("pgkit"))
            var jobs: [Int64] = []
            for schedule in ["msp.quarterly_review:emea", "lead.sla_check", "jobs.prune", "insight.review_check", "enablement.cert_check"] {
                jobs.append(try #require(try await worker.fetchValue("SELECT scheduler.run_now(\(schedule))", as: Int64.self)))
            }
            let pool = PGPool(config: login, options: PGPool.Options(maxConnections: 5), logger: quietLogger("pgkit"))
            let service = Worker(configuration: WorkerConfiguration(workerId: "standard", concurrency: 3, pollInterval: .milliseconds(100)),
                                 pool: pool, listenerConfig: login, registry: Modules.jobKinds, logger: quietLogger("worker"))
            let running = Task { try await service.run() }
            try await eventually("five jobs finished", limit: .seconds(30)) {
                try await owner.fetchValue("SELECT count(*) FROM scheduler.job WHERE id = ANY (\(jobs)) AND state IN ('completed', 'retryable', 'discarded')",
                                           as: Int64.self) == 5
            }
            let states = try await owner.fetchAll("SELECT kind, state, errors::text FROM scheduler.job WHERE id = ANY (\(jobs)) ORDER BY id",
                                                  as: (String, String, String).self)
            #expect(states.allSatisfy { $0.1 == "completed" }, "\(states)")
            #expect(try await owner.fetchValue("SELECT count(*) FROM dg.lead_sla_flag", as: Int64.self) == 1)
            #expect(try await owner.fetchValue("SELECT kind FROM sce.cert_flag", as: String.self) == "expired")
            #expect(try await owner.fetchValue("SELECT count(*) FROM scheduler.job WHERE finalized_at < now() - interval '20 days'", as: Int64.self) == 0)
            // The review job reviewed the last closed quarter in EMEA's time zone (no active MSPs here).
            #expect(try await owner.fetchValue("SELECT mm.quarter_to_review('EMEA', now())", as: String.self)
                    == (try await owner.fetchValue("SELECT org.fiscal_quarter_label(((now() AT TIME ZONE 'Europe/Berlin')::date - interval '3 months')::date)", as: String.self)))
            service.requestStop()
            try await running.value
            await pool.close()
            await worker.close()
            await owner.close()
        }
    }
}
