import Market
import MTLCore
import PGKit
import Testing
import TestSupport

/// A framework's plan: how many company-tier activities the year holds (the quality rule
/// dg.company_events_over_plan reads it), changed only in a draft, by HQ admins, carried to the
/// year made from it.
@Suite("framework plan")
struct FrameworkPlanTests {
    @Test("plan in a draft; copied to the next year; refused once submitted, to a region's admin, and below zero")
    func companyEventPlan() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            _ = try await Framework.create(try FiscalYear(parsing: "FY2027"), from: nil, conceptLimit: nil, on: admin)
            let fy2027 = try FiscalYear(parsing: "FY2027"), fy2028 = try FiscalYear(parsing: "FY2028")
            var planned = try await Framework.plan(fy2027, conceptLimit: 8, companyEvents: .count(6), on: admin)
            #expect(planned.companyEventsPlanned == 6 && planned.conceptLimit == 8)
            planned = try await Framework.plan(fy2027, companyEvents: .keep, on: admin)
            #expect(planned.companyEventsPlanned == 6 && planned.conceptLimit == 8, "keep changes nothing")
            await #expect(throws: MarketError.invalidCompanyEventPlan(-1)) {
                try await Framework.plan(fy2027, companyEvents: .count(-1), on: admin)
            }
            let next = try await Framework.create(fy2028, from: fy2027, conceptLimit: nil, on: admin)
            #expect(next.companyEventsPlanned == 6, "a year made from another starts with its plan")
            #expect(try await Framework.plan(fy2028, companyEvents: .none, on: admin).companyEventsPlanned == nil)

            let regionAdmin = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            await #expect(throws: (any Error).self) { try await Framework.plan(fy2027, companyEvents: .count(1), on: regionAdmin) }
            #expect(try await Framework.require(fy2027, on: admin).companyEventsPlanned == 6)

            let owner = try await fixture.database.connect()
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("UPDATE mm.framework SET state = 'published' WHERE fiscal_year = 2027")
            try await owner.execute("SET session_replication_role = DEFAULT")
            await expectRefusal("23514", "changes only in a draft") {
                try await admin.execute("UPDATE mm.framework SET company_events_planned = 9 WHERE fiscal_year = 2027")
            }
            await owner.close()
            await regionAdmin.close()
            await admin.close()
        }
    }
}
