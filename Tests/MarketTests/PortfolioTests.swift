import Foundation
import PGKit
import Testing
import TestSupport

/// Portfolio math (mm.portfolio) against examples computed by hand.
@Suite("portfolio")
struct PortfolioTests {
    struct Row: PGRecord, Equatable, CustomStringConvertible {
        var code: String
        var complete: Bool
        var attractiveness: Decimal?
        var capability: Decimal?
        var overall: Decimal?
        var rank: Int64?
        var quadrant: String?

        /// A row as computed by hand; numbers as decimal strings (Swift's Decimal literals go through Double).
        init(_ code: String, _ attractiveness: String?, _ capability: String?, _ overall: String?, _ rank: Int64?, _ quadrant: String?) {
            self.code = code
            complete = attractiveness != nil
            self.attractiveness = attractiveness.flatMap { Decimal(string: $0) }
            self.capability = capability.flatMap { Decimal(string: $0) }
            self.overall = overall.flatMap { Decimal(string: $0) }
            self.rank = rank
            self.quadrant = quadrant
        }

        init(row: PGRow) throws {
            (code, complete, attractiveness, capability, overall, rank, quadrant)
                = try row.decode((String, Bool, Decimal?, Decimal?, Decimal?, Int64?, String?).self)
        }

        var description: String { "\(code) \(String(describing: attractiveness)) \(String(describing: capability)) \(String(describing: overall)) #\(String(describing: rank)) \(quadrant ?? "-")" }
    }

    /// Scores a segment for FY2027: `scores` maps factor codes to 1–5.
    static func score(_ connection: PGConnection, _ segment: Int64, _ scores: [String: Int16]) async throws {
        for (factor, score) in scores {
            try await connection.execute("""
                INSERT INTO mm.segment_score (segment_id, fiscal_year, factor_code, score) VALUES (\(segment), 2027, \(factor), \(score))
                """)
        }
    }

    @Test("weighted scores, rank within the unit and quadrants, with set weights and with equal default weights")
    func handComputed() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let asAdmin = try await fixture.connect(as: admin)
            let asEditor = try await fixture.connect(as: editor)

            // CARRIER FY2027: attractiveness 0.5 size + 0.3 growth + 0.2 profitability;
            // capability 0.6 share + 0.4 competitiveness (+ 0 customer relationship).
            let weights: [(String, String)] = [("market_size", "0.5"), ("market_growth", "0.3"), ("profitability", "0.2"),
                                               ("market_share", "0.6"), ("competitiveness", "0.4"), ("customer_relationship", "0")]
            // Weights that do not sum to 1 are refused at commit, as a whole.
            await expectRefusal("23514", "sum to 0.900, not 1") {
                try await asAdmin.transaction { db in
                    for (factor, weight) in weights {
                        let adjusted = factor == "market_size" ? "0.4" : weight
                        try await db.execute("""
                            INSERT INTO mm.factor_weight (bu_id, fiscal_year, factor_code, weight)
                            SELECT id, 2027, \(factor), \(adjusted)::numeric FROM org.business_unit WHERE code = 'CARRIER'
                            """)
                    }
                }
            }
            #expect(try await asAdmin.fetchValue("SELECT count(*) FROM mm.factor_weight", as: Int64.self) == 0)
            try await asAdmin.transaction { db in
                for (factor, weight) in weights {
                    try await db.execute("""
                        INSERT INTO mm.factor_weight (bu_id, fiscal_year, factor_code, weight)
                        SELECT id, 2027, \(factor), \(weight)::numeric FROM org.business_unit WHERE code = 'CARRIER'
                        """)
                }
            }
            // Editors do not set weights (HQ reference data).
            await expectRefusal("42501", "permission denied") {
                try await asEditor.execute("UPDATE mm.factor_weight SET weight = 1")
            }

            let a = try await MarketSQL.segment(asEditor, unit: "DE", code: "A")
            let b = try await MarketSQL.segment(asEditor, unit: "DE", code: "B")
            let c = try await MarketSQL.segment(asEditor, unit: "DE", code: "C")
            let d = try await MarketSQL.segment(asEditor, unit: "DE", code: "D")
            let e = try await MarketSQL.segment(asEditor, unit: "DE", bu: "ENT", code: "E")
            // A: 0.5·5 + 0.3·4 + 0.2·3 = 4.3;  0.6·2 + 0.4·3 = 2.4;  overall 3.35 → selective
            try await Self.score(asEditor, a, ["market_size": 5, "market_growth": 4, "profitability": 3, "market_share": 2, "competitiveness": 3])
            // B: 0.5·2 + 0.3·2 + 0.2·3 = 2.2;  0.6·4 + 0.4·5 = 4.4;  overall 3.3 → maintain
            try await Self.score(asEditor, b, ["market_size": 2, "market_growth": 2, "profitability": 3, "market_share": 4, "competitiveness": 5])
            // C: all 5 → 5, 5 → invest_grow, first (ranked by attractiveness + capability: C 10, A 6.7, B 6.6, E 6)
            try await Self.score(asEditor, c, ["market_size": 5, "market_growth": 5, "profitability": 5, "market_share": 5,
                                               "competitiveness": 5, "customer_relationship": 1])
            // D: competitiveness missing → not ranked
            try await Self.score(asEditor, d, ["market_size": 1, "market_growth": 1, "profitability": 1, "market_share": 1])
            // E (ENT, no weights set): equal thirds; all 3 → exactly 3 and 3 → invest_grow (not 2.9999 → harvest)
            try await Self.score(asEditor, e, ["market_size": 3, "market_growth": 3, "profitability": 3, "market_share": 3,
                                               "competitiveness": 3, "customer_relationship": 3])
            await expectRefusal("23514", "score_range") {
                try await asEditor.execute("UPDATE mm.segment_score SET score = 6 WHERE segment_id = \(a) AND factor_code = 'market_size'")
            }

            let rows = try await asEditor.fetchAll("""
                SELECT code, complete, attractiveness, capability, overall, rank, quadrant
                FROM mm.portfolio WHERE fiscal_year = 2027 ORDER BY rank NULLS LAST, code
                """, as: Row.self)
            #expect(rows == [
                Row("C", "5", "5", "5", 1, "invest_grow"),
                Row("A", "4.3", "2.4", "3.35", 2, "selective"),
                Row("B", "2.2", "4.4", "3.3", 3, "maintain"),
                Row("E", "3", "3", "3", 4, "invest_grow"),
                Row("D", nil, nil, nil, nil, nil),
            ], "\(rows)")
            // Low on both axes: harvest.
            try await asEditor.execute("INSERT INTO mm.segment_score (segment_id, fiscal_year, factor_code, score) VALUES (\(d), 2027, 'competitiveness', 2)")
            let harvest = try await asEditor.fetchOne("SELECT capability, quadrant, rank FROM mm.portfolio WHERE segment_id = \(d)",
                                                      as: (Decimal?, String?, Int64?).self)
            // D: 1, and 0.6·1 + 0.4·2 = 1.4
            #expect(harvest?.0 == Decimal(string: "1.4") && harvest?.1 == "harvest" && harvest?.2 == 5)

            // A segment's scores follow its unit and BU: the editor cannot score outside them.
            let fr = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let asFR = try await fixture.connect(as: fr)
            #expect(try await asFR.fetchValue("SELECT count(*) FROM mm.portfolio", as: Int64.self) == 0)
            await expectRefusal("42501", "no segment") {
                try await asFR.execute("INSERT INTO mm.segment_score (segment_id, fiscal_year, factor_code, score) VALUES (\(a), 2028, 'market_size', 1)")
            }
            for connection in [asAdmin, asEditor, asFR] { await connection.close() }
        }
    }

    @Test("performance gap per segment and quarter: actual minus target")
    func gaps() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let asEditor = try await fixture.connect(as: editor)
            let segment = try await MarketSQL.segment(asEditor, unit: "DE", code: "RAIL")
            try await asEditor.execute("""
                INSERT INTO mm.segment_gap (segment_id, fiscal_year, quarter, revenue_target, revenue_actual, pipeline_target,
                                            pipeline_actual, share_target, share_actual, improvement_actions)
                VALUES (\(segment), 2027, 2, 1000000, 850000.50, 3000000, 3200000, 25, 22.5, 'Two more partner workshops')
                """)
            let gap = try await asEditor.fetchOne("""
                SELECT fiscal_quarter, revenue_gap, pipeline_gap, share_gap, improvement_actions FROM mm.segment_gap_summary
                """, as: (String, Decimal?, Decimal?, Decimal?, String).self)
            #expect(gap?.0 == "FY2027-Q2")
            #expect(gap?.1 == Decimal(string: "-149999.50") && gap?.2 == 200000 && gap?.3 == Decimal(string: "-2.5"))
            #expect(gap?.4 == "Two more partner workshops")
            await asEditor.close()
        }
    }
}
