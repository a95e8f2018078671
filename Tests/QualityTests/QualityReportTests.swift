import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// `mtl report quality`: the findings a person can see, counted per rule and per unit.
@Suite("the quality report")
struct QualityReportTests {
    @Test("counts per rule and per unit, within the reader's scope")
    func counts() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await FindingLifecycleTests.incompleteLead(fixture, company: "A")
            _ = try await FindingLifecycleTests.incompleteLead(fixture, company: "B")
            _ = try await QualityCheck.run(on: admin)
            let de = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let first = try #require(try await Finding.list(on: de).first?.id)
            _ = try await Finding.acknowledge(id: first, on: de)
            let byRule = try await QualityReport.figures(by: .rule, on: de)
            #expect(byRule.count == 1 && byRule.first?.key == "dg.lead_incomplete" && byRule.first?.severity == "info")
            #expect(byRule.first?.open == 1 && byRule.first?.acknowledged == 1 && byRule.first?.oldestOpenDays == 0)
            #expect(try await QualityReport.figures(by: .unit, unit: "EMEA", on: admin).map(\.key) == ["DE"])
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await QualityReport.figures(by: .rule, on: fr).isEmpty)
            for connection in [admin, de, fr] { await connection.close() }
        }
    }
}
