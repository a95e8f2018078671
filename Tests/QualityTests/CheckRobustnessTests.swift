import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// What an attacker with a login tried against the check and the waivers (issue 18's own attack
/// round): nobody can hold the check up, a bad setting fails one rule only, and an approved waiver
/// waives only the finding it was asked about.
@Suite("the check and waivers hold up")
struct CheckRobustnessTests {
    @Test("a reader holding an advisory lock, or an editor locking their own finding, does not hold the check up; the locked finding waits for the next check")
    func nobodyHoldsTheCheck() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            let lead = try await FindingLifecycleTests.incompleteLead(fixture)
            let code = QualityRuleCode("dg.lead_incomplete")
            _ = try await QualityCheck.run(rule: code, on: admin)
            let id = try #require(try await Finding.list(on: admin).first?.id)

            let reader = try await fixture.connect(as: try await fixture.createUser("de_reader", "reader", unit: "DE"))
            _ = try await reader.execute("SELECT pg_advisory_lock(hashtext('mqa.run_checks'))")
            let other = try await fixture.connect(as: fixture.role("de_reader"))
            await expectRefusal("42501", "permission denied") {
                try await other.transaction { _ = try await $0.execute("LOCK TABLE mqa.rule IN SHARE UPDATE EXCLUSIVE MODE") }
            }
            await other.close()
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            _ = try await editor.execute("BEGIN")
            _ = try await editor.execute("SELECT id FROM mqa.finding WHERE id = \(id) FOR UPDATE")

            // The violation goes; the check runs to the end and leaves the locked finding alone.
            let owner = try await fixture.database.connect()
            try await owner.execute("""
                UPDATE dg.lead SET contact_title = 'CTO', email = 'a@b.example', phone = '1', industry = 'Rail', need = 'n' WHERE id = \(lead)
                """)
            var run = try FindingLifecycleTests.result(try await QualityCheck.run(on: admin), code.rawValue)
            #expect(run.violations == 0 && run.resolved == 0 && run.failure == nil)
            #expect(try await Finding.require(id: id, on: admin).state == .open)
            _ = try await editor.execute("COMMIT")
            run = try FindingLifecycleTests.result(try await QualityCheck.run(on: admin), code.rawValue)
            #expect(run.resolved == 1)
            for connection in [admin, reader, editor, owner] { await connection.close() }
        }
    }

    @Test("a setting a rule's view cannot use fails that rule only, and says so")
    func oneRuleFails() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await FindingLifecycleTests.incompleteLead(fixture)
            _ = try await QualityRule.set(QualityRuleCode("dg.activity_without_leads"), parameter: "days", value: "1e12", on: admin)
            let results = try await QualityCheck.run(on: admin)
            let failed = try FindingLifecycleTests.result(results, "dg.activity_without_leads")
            #expect(failed.failure?.contains("out of range") == true && failed.violations == nil, "\(failed)")
            #expect(results.filter { $0.failure != nil }.count == 1)
            #expect(try FindingLifecycleTests.result(results, "dg.lead_incomplete").opened == 1)
            await admin.close()
        }
    }

    /// A DE lead of the ENT BU, incomplete; the check opens its finding; an editor of DE asks to
    /// waive it. Returns the lead, the finding and the approval request.
    static func askedWaiver(_ fixture: TenancyFixture, _ admin: PGConnection) async throws -> (lead: Int64, finding: Int64, request: Int64) {
        let owner = try await fixture.database.connect()
        let de = try await fixture.id(ofUnit: "DE")
        let lead = try #require(try await owner.fetchValue("""
            INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name)
            SELECT \(de), id, 'web', 'Werk', 'Jo' FROM org.business_unit WHERE code = 'ENT' RETURNING id
            """, as: Int64.self))
        await owner.close()
        _ = try await QualityCheck.run(rule: QualityRuleCode("dg.lead_incomplete"), on: admin)
        let finding = try #require(try await Finding.list(on: admin).first?.id)
        let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
        let waiver = try await Waiver.request(finding: finding, reason: "later", on: editor)
        await editor.close()
        return (lead, finding, try #require(waiver.requestId))
    }

    @Test("an approved waiver does not waive a finding that moved to another BU since it was asked for")
    func movedFinding() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            let (lead, finding, request) = try await Self.askedWaiver(fixture, admin)
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE dg.lead SET bu_id = (SELECT id FROM org.business_unit WHERE code = 'CARRIER') WHERE id = \(lead)")
            _ = try await QualityCheck.run(on: admin)
            #expect(try await Finding.require(id: finding, on: admin).bu == "CARRIER")
            let approver = try await fixture.connect(as: try await fixture.createUser("de_ent_approver", "approver", unit: "DE", bu: "ENT"))
            _ = try await ApprovalRequest.approve(id: request, conditions: nil, on: approver)
            #expect(try await Finding.require(id: finding, on: admin).state == .open, "ENT's approver decided for a CARRIER finding")
            for connection in [admin, owner, approver] { await connection.close() }
        }
    }

    @Test("an approved waiver does not waive a finding that was resolved and came back since it was asked for")
    func reopenedFinding() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            let (lead, finding, request) = try await Self.askedWaiver(fixture, admin)
            let owner = try await fixture.database.connect()
            try await owner.execute("""
                UPDATE dg.lead SET contact_title = 'CTO', email = 'a@b.example', phone = '1', industry = 'Rail', need = 'n' WHERE id = \(lead)
                """)
            _ = try await QualityCheck.run(on: admin)
            try await owner.execute("UPDATE dg.lead SET contact_title = NULL, email = NULL, phone = NULL WHERE id = \(lead)")
            _ = try await QualityCheck.run(on: admin)
            #expect(try await Finding.require(id: finding, on: admin).timesOpened == 2)
            let approver = try await fixture.connect(as: try await fixture.createUser("de_approver", "approver", unit: "DE"))
            _ = try await ApprovalRequest.approve(id: request, conditions: nil, on: approver)
            #expect(try await Finding.require(id: finding, on: admin).state == .open)
            for connection in [admin, owner, approver] { await connection.close() }
        }
    }
}
