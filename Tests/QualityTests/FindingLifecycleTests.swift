import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// The check keeps findings as violations come and go: one per rule and subject, opened,
/// resolved when the violation is gone, reopened when it comes back, and written only when
/// something about it changed.
@Suite("quality findings follow their violations")
struct FindingLifecycleTests {
    /// An HQ admin's connection (the check is theirs and the scheduler's); the admin is created
    /// the first time.
    static func hqAdmin(_ fixture: TenancyFixture) async throws -> PGConnection {
        let owner = try await fixture.database.connect()
        let exists = try await owner.fetchValue("SELECT count(*) FROM pg_roles WHERE rolname = \(fixture.role("hq_admin"))", as: Int64.self)
        await owner.close()
        if exists == 0 { try await fixture.createUser("hq_admin", "admin", unit: "HQ") }
        return try await fixture.connect(as: fixture.role("hq_admin"))
    }

    /// A DE lead with nothing but its name and channel: completeness 0, below the default 2.5.
    static func incompleteLead(_ fixture: TenancyFixture, company: String = "Bahn Werke") async throws -> Int64 {
        let owner = try await fixture.database.connect()
        defer { Task { await owner.close() } }
        let de = try await fixture.id(ofUnit: "DE")
        return try #require(try await owner.fetchValue("""
            INSERT INTO dg.lead (unit_id, channel, company, contact_name) VALUES (\(de), 'web', \(company), 'Anna Schmidt') RETURNING id
            """, as: Int64.self))
    }

    static func result(_ results: [QualityCheck], _ code: String) throws -> QualityCheck {
        try #require(results.first { $0.ruleCode.rawValue == code }, "no result for \(code)")
    }

    @Test("opened once, untouched while unchanged, resolved when gone, reopened when back")
    func lifecycle() async throws {
        try await withTenancy { fixture in
            let admin = try await Self.hqAdmin(fixture)
            let owner = try await fixture.database.connect()
            let lead = try await Self.incompleteLead(fixture)
            let rule = QualityRuleCode("dg.lead_incomplete")

            var run = try Self.result(try await QualityCheck.run(on: admin), rule.rawValue)
            #expect(run.violations == 1 && run.opened == 1 && run.reopened == 0 && run.resolved == 0)
            let findings = try await Finding.list(rule: rule, on: admin)
            let finding = try #require(findings.first)
            #expect(findings.count == 1 && finding.subjectKind == "lead" && finding.subjectId == lead && finding.unit == "DE")
            #expect(finding.state == .open && finding.timesOpened == 1 && finding.details.contains("Bahn Werke"))

            // Checked again with nothing changed: the finding is not written (no audit event).
            let events = { try await owner.fetchValue("SELECT count(*) FROM audit.event WHERE table_name = 'mqa.finding'", as: Int64.self) }
            let before = try await events()
            run = try Self.result(try await QualityCheck.run(rule: rule, on: admin), rule.rawValue)
            #expect(run.violations == 1 && run.opened == 0 && run.reopened == 0 && run.resolved == 0)
            #expect(try await events() == before)

            // Completed: the violation is gone and the finding resolves itself.
            try await owner.execute("""
                UPDATE dg.lead SET contact_title = 'CTO', email = 'anna@bahn.example', phone = '+49 30 1', industry = 'Rail', need = 'Capacity'
                WHERE id = \(lead)
                """)
            run = try Self.result(try await QualityCheck.run(rule: rule, on: admin), rule.rawValue)
            #expect(run.violations == 0 && run.resolved == 1)
            #expect(try await Finding.require(id: finding.id, on: admin).state == .resolved)

            // Incomplete again: the same finding reopens, counted.
            try await owner.execute("UPDATE dg.lead SET contact_title = NULL, email = NULL, phone = NULL WHERE id = \(lead)")
            run = try Self.result(try await QualityCheck.run(rule: rule, on: admin), rule.rawValue)
            #expect(run.violations == 1 && run.opened == 0 && run.reopened == 1)
            let reopened = try await Finding.require(id: finding.id, on: admin)
            #expect(reopened.state == .open && reopened.timesOpened == 2)
            #expect(try await Finding.list(rule: rule, on: admin).count == 1, "one finding per rule and subject")
            await owner.close()
            await admin.close()
        }
    }

    @Test("the subject's editors acknowledge and resolve; another country's editor sees nothing; a reader may not")
    func workedOnInScope() async throws {
        try await withTenancy { fixture in
            let admin = try await Self.hqAdmin(fixture)
            _ = try await Self.incompleteLead(fixture)
            _ = try await QualityCheck.run(rule: QualityRuleCode("dg.lead_incomplete"), on: admin)
            let id = try #require(try await Finding.list(on: admin).first?.id)

            let fr = try await fixture.connect(as: try await fixture.createUser("fr_editor", "editor", unit: "FR"))
            #expect(try await Finding.list(on: fr).isEmpty)
            await #expect(throws: QualityError.noFinding(id)) { _ = try await Finding.acknowledge(id: id, on: fr) }
            // By direct SQL: nothing to update, nothing said.
            #expect(try await fr.execute("UPDATE mqa.finding SET state = 'acknowledged' WHERE id = \(id)") == 0)

            let reader = try await fixture.connect(as: try await fixture.createUser("de_reader", "reader", unit: "DE"))
            #expect(try await Finding.list(on: reader).count == 1)
            await #expect(throws: CoreError.notPermitted("only editors and admins work on findings")) {
                _ = try await Finding.acknowledge(id: id, on: reader)
            }

            let de = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let acknowledged = try await Finding.acknowledge(id: id, on: de)
            #expect(acknowledged.state == .acknowledged && acknowledged.stateChangedBy == fixture.role("de_editor"))
            await #expect(throws: QualityError.findingNotInState(id, state: .acknowledged, expected: [.open])) {
                _ = try await Finding.acknowledge(id: id, on: de)
            }
            #expect(try await Finding.resolve(id: id, on: de).state == .resolved)
            for connection in [admin, fr, reader, de] { await connection.close() }
        }
    }

    @Test("people change a finding's state only: not its details, not to waived or open, and they neither add nor delete findings")
    func onlyTheCheckWrites() async throws {
        try await withTenancy { fixture in
            let admin = try await Self.hqAdmin(fixture)
            let lead = try await Self.incompleteLead(fixture)
            _ = try await QualityCheck.run(on: admin)
            let id = try #require(try await Finding.list(on: admin).first?.id)
            let de = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let unit = try await fixture.id(ofUnit: "DE")
            await expectRefusal("42501", "permission denied") { try await de.execute("UPDATE mqa.finding SET details = '{}' WHERE id = \(id)") }
            await expectRefusal("42501", "cannot be made waived by hand") { try await de.execute("UPDATE mqa.finding SET state = 'waived' WHERE id = \(id)") }
            await expectRefusal("42501", "permission denied") {
                try await de.execute("""
                    INSERT INTO mqa.finding (rule_code, subject_kind, subject_id, unit_id, details)
                    VALUES ('dg.lead_incomplete', 'lead', \(lead + 1), \(unit), '{}')
                    """)
            }
            await expectRefusal("42501", "permission denied") { try await de.execute("DELETE FROM mqa.finding WHERE id = \(id)") }
            _ = try await Finding.resolve(id: id, on: de)
            await expectRefusal("42501", "cannot be made open by hand") { try await de.execute("UPDATE mqa.finding SET state = 'open' WHERE id = \(id)") }
            await admin.close()
            await de.close()
        }
    }

    @Test("only the scheduler and HQ admins run the check; a region admin and an editor are refused")
    func whoChecks() async throws {
        try await withTenancy { fixture in
            for (name, capability, unit) in [("emea_admin", "admin", "EMEA"), ("de_editor", "editor", "DE"), ("hq_reader", "reader", "HQ")] {
                let db = try await fixture.connect(as: try await fixture.createUser(name, capability, unit: unit))
                await #expect(throws: QualityError.checkNotPermitted, "\(name)") { _ = try await QualityCheck.run(on: db) }
                await db.close()
            }
        }
    }
}
