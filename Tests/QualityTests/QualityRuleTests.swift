import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// Rules are data: HQ admins set their parameters (of the defaults' type) and enable or disable
/// them; nobody else changes them, and nobody changes what their module registered.
@Suite("quality rules")
struct QualityRuleTests {
    @Test("a parameter set by an HQ admin is what the rule's view uses; back to the default with reset")
    func parameters() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await FindingLifecycleTests.incompleteLead(fixture)
            let code = QualityRuleCode("dg.lead_incomplete")
            #expect(try await QualityRule.require(code: code, on: admin).parameters == #"{"threshold": 2.5}"#)
            var run = try FindingLifecycleTests.result(try await QualityCheck.run(rule: code, on: admin), code.rawValue)
            #expect(run.violations == 1)
            // Completeness 0 is not below 0.
            let updated = try await QualityRule.set(code, parameter: "threshold", value: "0", on: admin)
            #expect(updated.parameters == #"{"threshold": 0}"# && updated.defaults == #"{"threshold": 2.5}"#)
            run = try FindingLifecycleTests.result(try await QualityCheck.run(rule: code, on: admin), code.rawValue)
            #expect(run.violations == 0 && run.resolved == 1)
            await #expect(throws: QualityError.parameterType(code, parameter: "threshold", expected: #"{"threshold": 2.5}"#)) {
                _ = try await QualityRule.set(code, parameter: "threshold", value: "high", on: admin)
            }
            await #expect(throws: QualityError.unknownParameter(code, parameter: "days", known: ["threshold"])) {
                _ = try await QualityRule.set(code, parameter: "days", value: "3", on: admin)
            }
            #expect(try await QualityRule.set(code, parameter: "threshold", value: nil, on: admin).parameters == #"{"threshold": 2.5}"#)
            await admin.close()
        }
    }

    @Test("a disabled rule is not checked and its findings stay; enabled again, it runs")
    func enableDisable() async throws {
        try await withTenancy { fixture in
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            let code = QualityRuleCode("dg.lead_incomplete")
            #expect(try await QualityRule.setEnabled(code, false, on: admin).enabled == false)
            _ = try await FindingLifecycleTests.incompleteLead(fixture)
            #expect(try await QualityCheck.run(on: admin).contains { $0.ruleCode == code } == false)
            #expect(try await Finding.list(rule: code, on: admin).isEmpty)
            #expect(try await QualityRule.setEnabled(code, true, on: admin).enabled)
            #expect(try FindingLifecycleTests.result(try await QualityCheck.run(on: admin), code.rawValue).opened == 1)
            await admin.close()
        }
    }

    @Test("a region admin, an editor and a BI login change no rule; an HQ admin changes only enabled and settings")
    func whoChangesRules() async throws {
        try await withTenancy { fixture in
            let code = QualityRuleCode("dg.lead_incomplete")
            let region = try await fixture.connect(as: try await fixture.createUser("emea_admin", "admin", unit: "EMEA"))
            await #expect(throws: CoreError.outOfScope("only HQ admins change quality rules")) {
                _ = try await QualityRule.setEnabled(code, false, on: region)
            }
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            await #expect(throws: CoreError.notPermitted("only HQ admins change quality rules")) {
                _ = try await QualityRule.set(code, parameter: "threshold", value: "1", on: editor)
            }
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_de", "bi", unit: "DE"))
            await expectRefusal("42501", "permission denied for schema mqa") { _ = try await bi.execute("SELECT count(*) FROM mqa.rule") }
            await expectRefusal("42501", "permission denied for schema mqa") { _ = try await bi.execute("SELECT count(*) FROM mqa.finding") }
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            for statement: SQL in ["UPDATE mqa.rule SET severity = 'info' WHERE code = 'dg.lead_incomplete'",
                                   "UPDATE mqa.rule SET violations_view = 'lead' WHERE code = 'dg.lead_incomplete'",
                                   "DELETE FROM mqa.rule WHERE code = 'dg.lead_incomplete'",
                                   "INSERT INTO mqa.rule (code, owner_schema, title, severity, violations_view) VALUES ('dg.x', 'dg', 'x', 'info', 'lead')"] {
                await expectRefusal("42501", "permission denied") { _ = try await admin.execute(statement) }
            }
            // Settings of a parameter the rule does not have are refused by the table itself.
            await expectRefusal("23514", "rule_settings_fit") {
                _ = try await admin.execute("UPDATE mqa.rule SET settings = '{\"days\": 3}' WHERE code = 'dg.lead_incomplete'")
            }
            for connection in [region, editor, bi, admin] { await connection.close() }
        }
    }

    @Test("the check's job kind is asked for by HQ admins only, with a known rule or none")
    func enqueueCheck() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            let hq = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let region = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            #expect(try await owner.fetchValue("SELECT mqa.check_quality_job('{\"rule\": \"dg.lead_incomplete\"}', \(hq))::text", as: String.self)
                    == #"{"rule": "dg.lead_incomplete"}"#)
            await expectRefusal("42501", "may not ask for quality checks") {
                _ = try await owner.execute("SELECT mqa.check_quality_job('{}', \(region))")
            }
            await expectRefusal("22023", "unknown quality rule") {
                _ = try await owner.execute("SELECT mqa.check_quality_job('{\"rule\": \"dg.nope\"}', \(hq))")
            }
            await expectRefusal("22023", "takes the argument rule") {
                _ = try await owner.execute("SELECT mqa.check_quality_job('{\"unit\": \"DE\"}', \(hq))")
            }
            await owner.close()
        }
    }
}
