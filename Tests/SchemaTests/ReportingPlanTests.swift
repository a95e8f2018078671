import Foundation
import PGKit
import Testing
import TestSupport

/// Small queries must look small to the planner: a reporting view read by a BI login on
/// demo-sized data costs less than `jit_above_cost`, so no view pays JIT compilation (before
/// issue 15, never-analysed tables made 6 rows of fct_segment_portfolio cost 1.7 million, and
/// 2.3 s, nearly all JIT). Costs, not times: the planner's own estimate, which decides JIT.
@Suite("reporting views plan small")
struct ReportingPlanTests {
    /// What EXPLAIN (FORMAT JSON) says, as far as this test reads it.
    struct Explained: Codable, Sendable {
        struct Node: Codable, Sendable {
            let totalCost: Double
            enum CodingKeys: String, CodingKey { case totalCost = "Total Cost" }
        }
        let plan: Node
        enum CodingKeys: String, CodingKey { case plan = "Plan" }
    }

    @Test("every reporting view, read by a BI login on demo-sized data, costs less than jit_above_cost")
    func noJIT() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            // Demo-sized: a few thousand leads, as `mtl lead import` would leave them.
            try await owner.execute("""
                INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name)
                SELECT u.id, b.id, 'web', 'Company ' || g, 'Contact ' || g
                FROM org.unit u, org.business_unit b, generate_series(1, 5000) g WHERE u.code = 'DE' AND b.code = 'CARRIER'
                """)
            // What autovacuum does after those changes (V0020 lowered its threshold for small tables).
            try await owner.execute("ANALYZE")
            let views = try await owner.fetchAll("""
                SELECT c.relname::text FROM pg_class c WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind = 'v' ORDER BY 1
                """, as: (String).self)
            #expect(views.count >= 10, "\(views)")
            let limit = try #require(try await owner.fetchValue("SELECT current_setting('jit_above_cost')::float8", as: Double.self))
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_plan", "bi", unit: "EMEA"))
            for view in views {
                let plan = try #require(try await bi.fetchValue("EXPLAIN (FORMAT JSON) SELECT * FROM reporting.\(identifier: view)",
                                                                as: PGJSON<[Explained]>.self))
                let cost = try #require(plan.value.first?.plan.totalCost)
                #expect(cost < limit, "reporting.\(view) costs \(cost), over jit_above_cost \(limit): it would be JIT-compiled")
            }
            await bi.close()
            await owner.close()
        }
    }
}
