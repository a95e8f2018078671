import PGKit
import Testing
import TestSupport

/// The MSP state machine and its decision review, enforced when SQL is run directly.
@Suite("MSP life cycle")
struct MSPLifecycleTests {
    @Test("every allowed transition, through submission, rejection, revision, approval, activation and closing")
    func allowedTransitions() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let approver = try await fixture.createUser("emea_approver", "approver", unit: "EMEA")
            let asEditor = try await fixture.connect(as: editor)
            let asApprover = try await fixture.connect(as: approver)
            let segment = try await MarketSQL.segment(asEditor, unit: "DE", code: "RAIL")
            let msp = try await MarketSQL.msp(asEditor, segment: segment, unit: "DE", owner: editor)
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "draft")

            // Submitting needs content and a quarterly plan.
            await expectRefusal("23514", "incomplete") { try await MarketSQL.setState(asEditor, msp: msp, "submitted") }
            try await asEditor.execute("UPDATE mm.msp SET goals = 'g', gtm_strategy = 's', value_proposition = 'v' WHERE id = \(msp)")
            await expectRefusal("23514", "no quarterly plan") { try await MarketSQL.setState(asEditor, msp: msp, "submitted") }
            try await MarketSQL.complete(asEditor, msp: msp)

            // draft → submitted opens a request scoped like the plan.
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            let first = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))
            let scope = try await asEditor.fetchOne("""
                SELECT u.code, b.code, r.submitted_by::text FROM approval.request r JOIN org.unit u ON u.id = r.unit_id
                JOIN org.business_unit b ON b.id = r.bu_id WHERE r.id = \(first)
                """, as: (String, String, String).self)
            #expect(scope?.0 == "DE" && scope?.1 == "CARRIER" && scope?.2 == editor)
            // Under review nothing changes, and the decision is not the editor's to make.
            await expectRefusal("23514", "only a draft") {
                try await asEditor.execute("UPDATE mm.msp SET goals = 'other' WHERE id = \(msp)")
            }
            await expectRefusal("23514", "cannot change now") {
                try await asEditor.execute("UPDATE mm.msp_quarter SET budget = 1 WHERE msp_id = \(msp)")
            }
            await expectRefusal("42501", "by hand") { try await MarketSQL.setState(asEditor, msp: msp, "approved") }

            // submitted → rejected (with a reason) → draft → submitted → approved (with conditions).
            try await MarketSQL.decide(asApprover, request: first, "rejected", comment: "No partner plan")
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "rejected")
            let revise = await expectRefusal("23514", "only a draft") {
                try await asEditor.execute("UPDATE mm.msp SET goals = 'better' WHERE id = \(msp)")
            }
            #expect(revise?.hint?.contains("mtl msp revise") == true)
            try await MarketSQL.setState(asEditor, msp: msp, "draft")
            try await asEditor.execute("UPDATE mm.msp SET gtm_strategy = 'Direct, with Partner A and Partner B' WHERE id = \(msp)")
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            let second = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))
            #expect(second != first)
            try await MarketSQL.decide(asApprover, request: second, "approved", comment: "Report partner progress monthly")
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "approved")

            // approved → active → closed; quarterly plans change while approved or active only.
            try await asEditor.execute("UPDATE mm.msp_quarter SET budget = 60000 WHERE msp_id = \(msp)")
            try await MarketSQL.setState(asEditor, msp: msp, "active")
            try await MarketSQL.setState(asEditor, msp: msp, "closed")
            await expectRefusal("23514", "cannot change now") {
                try await asEditor.execute("UPDATE mm.msp_quarter SET budget = 1 WHERE msp_id = \(msp)")
            }

            // Every decision is kept.
            let decisions = try await asEditor.fetchAll("""
                SELECT d.decision, d.comment, d.decided_by::text FROM approval.decision d JOIN approval.request r ON r.id = d.request_id
                WHERE r.kind = 'msp' AND r.subject_id = \(msp) ORDER BY d.id
                """, as: (String, String?, String).self)
            #expect(decisions.map(\.0) == ["rejected", "approved"])
            #expect(decisions.map(\.1) == ["No partner plan", "Report partner progress monthly"])
            #expect(decisions.allSatisfy { $0.2 == approver })
            // The state history is in the audit trail.
            let states = try await fixture.database.connect()
            let history = try await states.fetchAll("""
                SELECT new_row->>'state' FROM audit.event WHERE table_name = 'mm.msp' AND operation = 'UPDATE'
                  AND new_row->>'state' IS DISTINCT FROM old_row->>'state' ORDER BY id
                """, as: (String).self).map { $0 }
            #expect(history == ["submitted", "rejected", "draft", "submitted", "approved", "active", "closed"])
            for connection in [asEditor, asApprover, states] { await connection.close() }
        }
    }

    @Test("disallowed transitions fail with the allowed ones in the hint; withdrawing returns to draft")
    func disallowedTransitions() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let asEditor = try await fixture.connect(as: editor)
            let segment = try await MarketSQL.segment(asEditor, unit: "DE", code: "RAIL")
            let msp = try await MarketSQL.msp(asEditor, segment: segment, unit: "DE", owner: editor)
            try await MarketSQL.complete(asEditor, msp: msp)
            for target in ["approved", "active", "closed", "rejected"] {
                let error = await expectRefusal("23514", "invalid msp state change: draft → \(target)") {
                    try await MarketSQL.setState(asEditor, msp: msp, target)
                }
                #expect(error?.hint?.contains("submitted (mtl msp submit)") == true, "\(String(describing: error?.hint))")
            }
            await expectRefusal("23514", "invalid msp state change: draft → archived") {
                try await MarketSQL.setState(asEditor, msp: msp, "archived")
            }
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            for target in ["active", "closed"] {
                await expectRefusal("23514", "invalid msp state change: submitted → \(target)") {
                    try await MarketSQL.setState(asEditor, msp: msp, target)
                }
            }
            // The editor cannot send it back to draft by hand, but may withdraw the request.
            await expectRefusal("42501", "by hand") { try await MarketSQL.setState(asEditor, msp: msp, "draft") }
            let request = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))
            try await asEditor.execute("SELECT approval.withdraw(\(request))")
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "draft")
            // What a plan is about never changes.
            await expectRefusal("23514", "do not change") {
                try await asEditor.execute("UPDATE mm.msp SET fiscal_year = 2028 WHERE id = \(msp)")
            }
            // A quarter outside the plan's year is refused.
            await expectRefusal("23514", "not in MSP") {
                try await asEditor.execute("INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter) VALUES (\(msp), 2028, 1)")
            }
            let label = try await asEditor.fetchValue("SELECT fiscal_quarter FROM mm.msp_quarter WHERE msp_id = \(msp)", as: String.self)
            #expect(label == "FY2027-Q1")
            await asEditor.close()
        }
    }
}
