import PGKit
import Testing
import TestSupport

/// The generic approval mechanism's rules, enforced by the database when SQL is run directly.
@Suite("approvals")
struct ApprovalTests {
    /// Every real kind must match a submitted subject (MSPs, frameworks, budgets, reviews); these
    /// tests of the mechanism itself use a kind without a subject check, added to the test's
    /// database only.
    static func allowTestKind(_ fixture: TenancyFixture) async throws {
        let owner = try await fixture.database.connect()
        try await owner.execute("""
            INSERT INTO approval.kind (kind, owner_schema, description) VALUES ('test', 'approval', 'The mechanism''s tests.')
            """)
        await owner.close()
    }

    /// Submits a request on `unit` as `connection`'s user; returns its id.
    static func submit(_ connection: PGConnection, unit: Int64, subject: Int64 = 1, kind: String = "test") async throws -> Int64 {
        let id = try await connection.fetchValue("""
            INSERT INTO approval.request (kind, subject_id, unit_id, title)
            VALUES (\(kind), \(subject), \(unit), 'Plan') RETURNING id
            """, as: Int64.self)
        return try #require(id)
    }

    static func decide(_ connection: PGConnection, _ request: Int64, _ decision: String, comment: String? = nil) async throws {
        try await connection.execute("INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(request), \(decision), \(comment))")
    }

    @Test("four-eyes: the submitter never decides, even as an admin; another approver does, once")
    func fourEyes() async throws {
        try await withTenancy { fixture in
            try await Self.allowTestKind(fixture)
            let admin = try await fixture.createUser("de_admin", "admin", unit: "DE")
            let approver = try await fixture.createUser("emea_approver", "approver", unit: "EMEA")
            let de = try await fixture.id(ofUnit: "DE")
            let asAdmin = try await fixture.connect(as: admin)
            let request = try await Self.submit(asAdmin, unit: de)
            // submitted_by is the login role; nobody may name another.
            let forged = try await #require(throws: PGError.self) {
                try await asAdmin.execute("INSERT INTO approval.request (kind, subject_id, unit_id, title, submitted_by) VALUES ('test', 9, \(de), 'x', 'someone_else')")
            }
            #expect(forged.sqlState == "42501")
            #expect(try await asAdmin.fetchValue("SELECT submitted_by::text FROM approval.request WHERE id = \(request)", as: String.self) == admin)
            let error = try await #require(throws: PGError.self) { try await Self.decide(asAdmin, request, "approved") }
            #expect(error.sqlState == "42501" && error.message.contains("four-eyes"), "\(error)")

            let asApprover = try await fixture.connect(as: approver)
            try await Self.decide(asApprover, request, "approved", comment: "within budget")
            let state = try await asApprover.fetchOne("SELECT state, closed_at IS NOT NULL FROM approval.request WHERE id = \(request)", as: (String, Bool).self)
            #expect(state?.0 == "approved" && state?.1 == true)
            let again = try await #require(throws: PGError.self) { try await Self.decide(asApprover, request, "rejected", comment: "changed my mind") }
            #expect(again.message.contains("already approved") || again.isUniqueViolation, "\(again)")
            await asAdmin.close()
            await asApprover.close()
        }
    }

    @Test("approvers decide only within their scope; a rejection needs a reason; nobody edits requests or decisions")
    func scopeAndRules() async throws {
        try await withTenancy { fixture in
            try await Self.allowTestKind(fixture)
            let editor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let apacApprover = try await fixture.createUser("apac_approver", "approver", unit: "APAC")
            let emeaApprover = try await fixture.createUser("emea_approver", "approver", unit: "EMEA")
            let reader = try await fixture.createUser("fr_reader", "reader", unit: "FR")
            let fr = try await fixture.id(ofUnit: "FR"), cn = try await fixture.id(ofUnit: "CN")
            let asEditor = try await fixture.connect(as: editor)
            let request = try await Self.submit(asEditor, unit: fr)
            // Not in CN, and only one pending request per subject.
            await #expect(throws: PGError.self) { try await Self.submit(asEditor, unit: cn, subject: 2) }
            let duplicate = try await #require(throws: PGError.self) { try await Self.submit(asEditor, unit: fr) }
            #expect(duplicate.isUniqueViolation)
            // The editor cannot approve (no privilege) nor change the state.
            await #expect(throws: PGError.self) { try await Self.decide(asEditor, request, "approved") }

            let asAPAC = try await fixture.connect(as: apacApprover)
            #expect(try await asAPAC.fetchValue("SELECT count(*) FROM approval.request", as: Int64.self) == 0)
            let outside = try await #require(throws: PGError.self) { try await Self.decide(asAPAC, request, "approved") }
            #expect(outside.sqlState == "42501", "\(outside)")

            let asEMEA = try await fixture.connect(as: emeaApprover)
            let noReason = try await #require(throws: PGError.self) { try await Self.decide(asEMEA, request, "rejected") }
            #expect(noReason.constraintName == "rejection_needs_reason", "\(noReason)")
            try await Self.decide(asEMEA, request, "rejected", comment: "no pipeline target")
            for statement: SQL in ["UPDATE approval.decision SET decision = 'approved'", "DELETE FROM approval.decision",
                                   "UPDATE approval.request SET state = 'approved'", "DELETE FROM approval.request"] {
                for connection in [asEMEA, asEditor] {
                    let error = try await #require(throws: PGError.self) { try await connection.execute(statement) }
                    #expect(error.sqlState == "42501", "\(statement): \(error)")
                }
            }
            // A reader of FR sees the request and its decision.
            let asReader = try await fixture.connect(as: reader)
            let seen = try await asReader.fetchOne("""
                SELECT r.state, d.decided_by::text, d.comment FROM approval.request r JOIN approval.decision d ON d.request_id = r.id
                """, as: (String, String, String?).self)
            #expect(seen?.0 == "rejected" && seen?.1 == emeaApprover && seen?.2 == "no pipeline target")
            // After a rejection the subject can be submitted again; the submitter may withdraw it.
            let second = try await Self.submit(asEditor, unit: fr)
            await #expect(throws: PGError.self) { try await asEMEA.execute("SELECT approval.withdraw(\(second))") }
            try await asEditor.execute("SELECT approval.withdraw(\(second))")
            #expect(try await asEditor.fetchValue("SELECT state FROM approval.request WHERE id = \(second)", as: String.self) == "withdrawn")
            for connection in [asEditor, asAPAC, asEMEA, asReader] { await connection.close() }
        }
    }
}
