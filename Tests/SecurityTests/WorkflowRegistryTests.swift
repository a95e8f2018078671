import PGKit
import Testing
import TestSupport

/// The workflow registries (approval kinds, state machines and their transitions) are the
/// migrations' alone: nobody, not even an HQ admin, registers a kind whose functions the approval
/// triggers would then run as the owner, or adds a transition that skips a review. BI logins read
/// the reporting schema only, so not these either.
@Suite("workflow registries")
struct WorkflowRegistryTests {
    @Test("people and BI logins read the registries and write none of them; an unregistered kind is refused")
    func registries() async throws {
        try await withTenancy { fixture in
            let hqAdmin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let deEditor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let bi = try await fixture.createUser("bi_all", "bi", unit: "HQ")
            let asBI = try await fixture.connect(as: bi)
            for table in ["approval.kind", "org.state_transition", "org.state_machine"] {
                await expectRefusal("42501", "permission denied for schema") { _ = try await asBI.query(SQL(unsafeRaw: "SELECT * FROM \(table)")) }
            }
            await asBI.close()
            for name in [hqAdmin, deEditor] {
                let db = try await fixture.connect(as: name)
                let kinds = try await db.fetchValue("SELECT count(*) FROM approval.kind", as: Int64.self)
                let transitions = try await db.fetchValue("SELECT count(*) FROM org.state_transition", as: Int64.self)
                #expect(kinds == 5 && (transitions ?? 0) > 20, "\(name) reads the registries")
                for statement: SQL in [
                    "INSERT INTO approval.kind (kind, owner_schema, description, outcome_function) VALUES ('x', 'org', 'x', 'create_user')",
                    "UPDATE approval.kind SET outcome_function = 'create_user' WHERE kind = 'msp'",
                    "DELETE FROM approval.kind WHERE kind = 'budget'",
                    "INSERT INTO org.state_transition VALUES ('msp', 'draft', 'active', false, 'skip the review')",
                    "UPDATE org.state_transition SET automatic = false WHERE machine = 'msp' AND to_state = 'approved'",
                    "INSERT INTO org.state_machine VALUES ('x', 'org', 'org.unit')",
                ] {
                    let error = await expectRefusal("42501", "permission denied", { try await db.execute(statement) })
                    #expect(error?.detail == nil, "\(name): \(String(describing: error))")
                }
                await db.close()
            }
            // A request of a kind nobody registered is refused by the foreign key, before any trigger runs its functions.
            let asEditor = try await fixture.connect(as: deEditor)
            let de = try await fixture.id(ofUnit: "DE")
            await expectRefusal("23503", "request_kind") {
                try await asEditor.execute("INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('x', 1, \(de), 'x')")
            }
            await asEditor.close()
        }
    }
}
