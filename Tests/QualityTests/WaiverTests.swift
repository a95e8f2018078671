import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// A finding is waived only through an approved waiver: asked for with a reason by the finding's
/// editors, decided by an approver other than the one who asked (four-eyes).
@Suite("waivers of quality findings")
struct WaiverTests {
    /// A DE finding of dg.lead_incomplete, opened by the check; its id.
    static func openFinding(_ fixture: TenancyFixture) async throws -> Int64 {
        let admin = try await FindingLifecycleTests.hqAdmin(fixture)
        _ = try await FindingLifecycleTests.incompleteLead(fixture)
        _ = try await QualityCheck.run(rule: QualityRuleCode("dg.lead_incomplete"), on: admin)
        let id = try #require(try await Finding.list(on: admin).first?.id)
        await admin.close()
        return id
    }

    @Test("asked with a reason, approved by another person, the finding is waived with the reason; the check then leaves it waived until the violation is gone")
    func fourEyes() async throws {
        try await withTenancy { fixture in
            let id = try await Self.openFinding(fixture)
            // An approver who also edits DE asks; they may not decide their own request.
            let asker = try await fixture.createUser("de_lead", "approver", unit: "DE")
            let owner = try await fixture.database.connect()
            try await owner.execute("GRANT mtl_editor TO \(identifier: asker)")
            let de = try await fixture.connect(as: asker)
            let waiver = try await Waiver.request(finding: id, reason: "Trade fair lists arrive in March", on: de)
            #expect(waiver.state == .submitted && waiver.findingId == id)
            let request = try #require(waiver.requestId)
            await #expect(throws: QualityError.waiverWaiting(id)) { _ = try await Waiver.request(finding: id, reason: "again", on: de) }
            await expectRefusal("42501", "four-eyes") { _ = try await ApprovalRequest.approve(id: request, conditions: nil, on: de) }
            #expect(try await Finding.require(id: id, on: de).state == .open)

            let approver = try await fixture.connect(as: try await fixture.createUser("emea_approver", "approver", unit: "EMEA"))
            let decided = try await ApprovalRequest.approve(id: request, conditions: nil, on: approver)
            #expect(decided.state == .approved)
            let waived = try await Finding.require(id: id, on: de)
            #expect(waived.state == .waived && waived.waiverReason == "Trade fair lists arrive in March")
            #expect(try await Waiver.list(finding: id, on: de).map(\.state) == [.approved])

            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await QualityCheck.run(on: admin)
            #expect(try await Finding.require(id: id, on: de).state == .waived, "still violating: stays waived")
            try await owner.execute("DELETE FROM dg.lead")
            _ = try await QualityCheck.run(on: admin)
            #expect(try await Finding.require(id: id, on: de).state == .resolved, "the violation is gone")
            for connection in [de, approver, admin, owner] { await connection.close() }
        }
    }

    @Test("a rejected waiver leaves the finding open; a resolved finding is not waived; an empty reason is refused")
    func refusals() async throws {
        try await withTenancy { fixture in
            let id = try await Self.openFinding(fixture)
            let de = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let approver = try await fixture.connect(as: try await fixture.createUser("de_approver", "approver", unit: "DE"))
            await #expect(throws: QualityError.waiverNeedsReason) { _ = try await Waiver.request(finding: id, reason: "  ", on: de) }
            let waiver = try await Waiver.request(finding: id, reason: "not now", on: de)
            _ = try await ApprovalRequest.reject(id: try #require(waiver.requestId), reason: "fix it", on: approver)
            #expect(try await Finding.require(id: id, on: de).state == .open)
            #expect(try await Waiver.list(finding: id, on: de).map(\.state) == [.rejected])
            _ = try await Finding.resolve(id: id, on: de)
            await #expect(throws: QualityError.findingNotInState(id, state: .resolved, expected: [.open, .acknowledged])) {
                _ = try await Waiver.request(finding: id, reason: "late", on: de)
            }
            // By direct SQL the trigger says the same, after the scope check.
            await expectRefusal("23514", "only an open or acknowledged finding is waived") {
                try await de.execute("INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(id), 'late')")
            }
            await de.close()
            await approver.close()
        }
    }

    @Test("another country's editor cannot waive, see, or learn anything of a DE finding by direct SQL")
    func outOfScope() async throws {
        try await withTenancy { fixture in
            let id = try await Self.openFinding(fixture)
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            await #expect(throws: QualityError.noFinding(id)) { _ = try await Waiver.request(finding: id, reason: "x", on: fr) }
            // The same refusal for a finding that exists elsewhere and one that does not exist.
            let there = await expectRefusal("42501", "row-level security") {
                try await fr.execute("INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(id), 'x')")
            }
            let nowhere = await expectRefusal("42501", "row-level security") {
                try await fr.execute("INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(id + 1000), 'x')")
            }
            #expect(there?.message == nowhere?.message && there?.hint == nowhere?.hint && there?.detail == nowhere?.detail)
            #expect(!(there?.description.contains("Bahn") ?? true))
            // Naming the unit and state itself does not help: those columns are the database's.
            let de = try await fixture.id(ofUnit: "DE")
            await expectRefusal("42501", "permission denied") {
                try await fr.execute("INSERT INTO mqa.waiver (finding_id, unit_id, reason) VALUES (\(id), \(de), 'x')")
            }
            #expect(try await fr.fetchValue("SELECT count(*) FROM mqa.waiver", as: Int64.self) == 0)
            #expect(try await fr.fetchValue("SELECT count(*) FROM mqa.finding_list", as: Int64.self) == 0)
            #expect(try await fr.fetchValue("SELECT count(*) FROM dg.quality_lead_incomplete", as: Int64.self) == 0)
            await fr.close()
        }
    }
}
