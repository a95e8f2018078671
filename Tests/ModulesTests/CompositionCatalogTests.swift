import Demand
import MTLCore
import MTLModules
import Market
import PGKit
import Quality
import Scheduler
import Testing
import TestSupport

/// The composition root's lists and every module's typed states are the database's: each Swift
/// list is pinned to its registry table, state machine or CHECK, so neither side changes alone.
@Suite("modules pinned to the database")
struct CompositionCatalogTests {
    @Test("approval kinds: Swift's list is approval.kind, and each kind's functions exist in its module's schema")
    func approvalKinds() async throws {
        try await withTestConnection { db in
            let registered = try await db.fetchAll(
                "SELECT kind, owner_schema::text, subject_function::text, outcome_function::text FROM approval.kind ORDER BY kind",
                as: (String, String, String?, String?).self)
            #expect(Set(registered.map(\.0)) == Set(Modules.approvalKinds.map(\.rawValue)))
            #expect(Modules.approvalKinds.count == Set(Modules.approvalKinds).count, "a kind declared twice")
            for (kind, schema, subject, outcome) in registered {
                let subjectName = try #require(subject, "\(kind) has no subject function")
                let outcomeName = try #require(outcome, "\(kind) has no outcome function")
                // The subject is read as the caller (RLS hides what they cannot see).
                let subjectFunction = try await db.fetchOne("""
                    SELECT p.prosecdef, pg_get_function_result(p.oid) FROM pg_proc p
                    WHERE p.pronamespace = \(schema)::regnamespace AND p.proname = \(subjectName)
                      AND p.proargtypes = '20'::oidvector
                    """, as: (Bool, String).self)
                #expect(subjectFunction?.0 == false, "\(schema).\(subjectName)(bigint) must exist and run as the caller")
                #expect(subjectFunction?.1 == "TABLE(state text, unit_id bigint, bu_id bigint)", "\(String(describing: subjectFunction))")
                // The outcome makes automatic state changes: the owner's, executable by nobody else.
                let outcomeFunction = try await db.fetchOne("""
                    SELECT p.prosecdef, pg_get_function_result(p.oid),
                           has_function_privilege('mtl_editor', p.oid, 'EXECUTE') OR has_function_privilege('mtl_approver', p.oid, 'EXECUTE')
                           OR has_function_privilege('mtl_bi', p.oid, 'EXECUTE') OR has_function_privilege('mtl_scheduler', p.oid, 'EXECUTE')
                    FROM pg_proc p
                    WHERE p.pronamespace = \(schema)::regnamespace AND p.proname = \(outcomeName)
                      AND p.proargtypes = '20 25'::oidvector
                    """, as: (Bool, String, Bool).self)
                #expect(outcomeFunction?.0 == true && outcomeFunction?.1 == "void", "\(schema).\(outcomeName)(bigint, text)")
                #expect(outcomeFunction?.2 == false, "people may run \(schema).\(outcomeName) by hand")
            }
        }
    }

    @Test("job kinds: the workers' registry is scheduler.job_kind, and each enqueue check exists in its module's schema")
    func jobKinds() async throws {
        try await withTestConnection { db in
            let registered = try await db.fetchAll(
                "SELECT kind, owner_schema::text, enqueue_check::text FROM scheduler.job_kind ORDER BY kind", as: (String, String, String?).self)
            #expect(registered.map(\.0) == Modules.jobKinds.names)
            for case let (kind, schema, check?) in registered {
                let found = try await db.fetchValue("""
                    SELECT count(*) FROM pg_proc p WHERE p.pronamespace = \(schema)::regnamespace AND p.proname = \(check)
                      AND p.proargtypes = '3802 19'::oidvector AND p.prorettype = 'jsonb'::regtype
                    """, as: Int64.self)
                #expect(found == 1, "\(kind): \(schema).\(check)(jsonb, name) RETURNS jsonb")
            }
        }
    }

    @Test("quality rules: Swift's list is mqa.rule, and each rule's view is in its module's schema, runs as the reader and has the violations' shape")
    func qualityRules() async throws {
        try await withTestConnection { db in
            let registered = try await db.fetchAll(
                "SELECT code, owner_schema::text, violations_view::text FROM mqa.rule ORDER BY code", as: (String, String, String).self)
            #expect(Set(registered.map(\.0)) == Set(Modules.qualityRules.map(\.rawValue)))
            #expect(Modules.qualityRules.count == Set(Modules.qualityRules).count, "a rule declared twice")
            for (code, schema, view) in registered {
                let shape = try await db.fetchAll("""
                    SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                    WHERE c.relnamespace = \(schema)::regnamespace AND c.relname = \(view) AND c.relkind = 'v' AND a.attnum > 0
                    ORDER BY a.attnum
                    """, as: (String, String).self)
                #expect(shape.map { "\($0.0) \($0.1)" } == ["subject_kind text", "subject_id bigint", "unit_id bigint", "bu_id bigint", "details jsonb"],
                        "\(code): \(schema).\(view) is \(shape)")
                let invoker = try await db.fetchValue("""
                    SELECT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false) FROM pg_class c
                    WHERE c.relnamespace = \(schema)::regnamespace AND c.relname = \(view)
                    """, as: Bool.self)
                #expect(invoker == true, "\(code): \(schema).\(view) must be security_invoker")
            }
        }
    }

    @Test("capabilities: Swift's list is org.capability; each module's group role exists, never logs in, connects, and inherits no core group")
    func capabilities() async throws {
        try await withTestConnection { db in
            let registered = try await db.fetchAll("""
                SELECT c.code, c.owner_schema::text, coalesce(r.rolcanlogin, true), pg_has_role(c.group_role, 'mtl_login', 'MEMBER'),
                       EXISTS (SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                               WHERE m.member = r.oid AND g.rolname IN ('mtl_reader', 'mtl_editor', 'mtl_approver', 'mtl_admin', 'mtl_bi', 'mtl_scheduler'))
                FROM org.capability c LEFT JOIN pg_roles r ON r.rolname = c.group_role
                ORDER BY c.position, c.code
                """, as: (String, String, Bool, Bool, Bool).self)
            #expect(registered.map(\.0) == Modules.capabilities.map(\.rawValue))
            for (code, schema, canLogin, connects, inherits) in registered where schema != "org" {
                #expect(!canLogin && connects && !inherits, "\(code): login \(canLogin), connects \(connects), inherits a core group \(inherits)")
            }
        }
    }

    @Test("state machines: each governs its table through org.enforce_transition, over the states of its CHECK and its Swift enum")
    func stateMachines() async throws {
        try await withTestConnection { db in
            let swift = Dictionary(uniqueKeysWithValues: Modules.stateMachines.map { ($0.name, $0.states) })
            let machines = try await db.fetchAll("SELECT machine, subject FROM org.state_machine ORDER BY machine", as: (String, String).self)
            #expect(Set(machines.map(\.0)) == Set(swift.keys))
            for (machine, table) in machines {
                let trigger = try await db.fetchValue("""
                    SELECT count(*) FROM pg_trigger t
                    WHERE t.tgrelid = \(table)::regclass AND t.tgfoid = 'org.enforce_transition'::regproc
                      AND encode(t.tgargs, 'escape') = \(machine + "\\000")
                    """, as: Int64.self)
                #expect(trigger == 1, "\(table) has no org.enforce_transition('\(machine)') trigger")
                let states = try await Catalog.machineStates(machine, db)
                let check = try await Catalog.checkValues(of: "\(table.split(separator: ".").last!)_state", on: table, db)
                #expect(states == check, "\(machine): transitions over \(states.sorted()), CHECK allows \(check.sorted())")
                #expect(swift[machine] == check, "\(machine): Swift has \(swift[machine]?.sorted() ?? []), the CHECK \(check.sorted())")
            }
        }
    }

    @Test("the other typed states, decisions, tiers and types are their CHECKs")
    func otherStates() async throws {
        try await withTestConnection { db in
            let pins: [(String, String, Set<String>)] = [
                ("request_state", "approval.request", Set(ApprovalRequest.State.allCases.map(\.rawValue))),
                ("decision_kind", "approval.decision", Set(ApprovalRequest.Decision.allCases.map(\.rawValue))),
                ("review_state", "mm.quarterly_review", Set(QuarterlyReview.State.allCases.map(\.rawValue))),
                ("asset_state", "dg.asset", Set(Asset.State.allCases.map(\.rawValue))),
                ("activity_state", "dg.activity", Set(Activity.State.allCases.map(\.rawValue))),
                ("budget_state", "dg.budget", Set(Budget.State.allCases.map(\.rawValue))),
                ("programme_tier", "dg.programme", Set(Programme.tiers)),
                ("activity_type", "dg.activity", Set(Activity.types)),
                ("asset_type", "dg.asset", Set(Asset.types)),
                ("rule_severity", "mqa.rule", Set(Finding.Severity.allCases.map(\.rawValue))),
                ("waiver_state", "mqa.waiver", Set(Waiver.State.allCases.map(\.rawValue))),
            ]
            for (constraint, table, swift) in pins {
                let check = try await Catalog.checkValues(of: constraint, on: table, db)
                #expect(swift == check, "\(table) \(constraint): Swift \(swift.sorted()), CHECK \(check.sorted())")
            }
        }
    }
}
