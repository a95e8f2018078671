import PGKit
import Testing
import TestSupport

/// Triggers run before row-level security refuses a row, and SECURITY DEFINER functions see
/// every row: either could tell a person about another scope. Each attack here is what a DE user
/// could type in psql against FR's data; each must be refused (42501, as RLS refuses) without a
/// word of FR's data in the error. The catalog tests make sure that every tenant table with a
/// BEFORE trigger, and every SECURITY DEFINER function people may call, has an attack here.
@Suite("nothing from another scope in any answer")
struct OutOfScopeTests {
    typealias ID = OutOfScopeWorld.ID
    typealias Attacks = @Sendable (OutOfScopeWorld) -> [(person: OutOfScopeWorld.Person, sql: SQL)]

    /// Tenant tables with BEFORE row triggers, each with the attacks that reach those triggers.
    static let tableAttacks: [String: Attacks] = [
        "dg.activity": { w in [
            // The attack: FR's programme, FR's unit, far over budget.
            (.editor, "INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) VALUES (\(ID.frProgramme), \(w.fr), \(w.carrier), 'x', 'webinar', '2026-05-01', '2026-05-01', 999999999)"),
            // FR's programme, DE's unit.
            (.editor, "INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) VALUES (\(ID.frProgramme), \(w.de), \(w.carrier), 'x', 'webinar', '2026-05-01', '2026-05-01', 999999999)"),
            // DE's programme, FR's unit.
            (.editor, "INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) VALUES (\(ID.deProgramme), \(w.fr), \(w.carrier), 'x', 'webinar', '2026-05-01', '2026-05-01', 999999999)"),
        ] },
        "dg.activity_asset": { _ in [
            (.editor, "INSERT INTO dg.activity_asset (activity_id, asset_id) VALUES (\(ID.frActivity), \(ID.frAsset))"),
        ] },
        "dg.budget": { _ in [
            (.editor, "INSERT INTO dg.budget (programme_id, amount) VALUES (\(ID.frProgramme), 999999999)"),
        ] },
        "dg.programme": { w in [
            (.editor, "INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, starts_on, ends_on) VALUES (\(w.fr), \(w.carrier), 'x', 'customer_group', 2027, \(ID.frActiveMSP), \(ID.concept), '2026-04-01', '2027-03-31')"),
            (.editor, "INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, concept_package_id, starts_on, ends_on) VALUES (\(w.fr), \(w.carrier), 'x', 'company', 2027, \(ID.concept), '2026-04-01', '2027-03-31')"),
            (.editor, "INSERT INTO dg.programme (unit_id, bu_id, name, tier, fiscal_year, msp_id, concept_package_id, starts_on, ends_on) VALUES (\(w.de), \(w.carrier), 'x', 'customer_group', 2027, \(ID.frActiveMSP), \(ID.concept), '2026-04-01', '2027-03-31')"),
        ] },
        "dg.lead": { w in [
            // A DE lead that claims FR's activity.
            (.editor, "INSERT INTO dg.lead (unit_id, bu_id, activity_id, company, contact_name) VALUES (\(w.de), \(w.carrier), \(ID.frActivity), 'x', 'y')"),
            (.editor, "INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name) VALUES (\(w.fr), \(w.carrier), 'web', 'x', 'y')"),
        ] },
        "mm.segment": { w in [
            (.editor, "INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon) VALUES (\(w.fr), \(w.carrier), 'X', 'x', 'x', 'x', 'x', 'H1')"),
        ] },
        "mm.segment_score": { _ in [
            (.editor, "INSERT INTO mm.segment_score (segment_id, fiscal_year, factor_code, score) VALUES (\(ID.frSegment), 2027, 'market_size', 5)"),
        ] },
        "mm.segment_gap": { _ in [
            (.editor, "INSERT INTO mm.segment_gap (segment_id, fiscal_year, quarter, revenue_target) VALUES (\(ID.frSegment), 2027, 1, 1)"),
        ] },
        "mm.msp": { w in [
            (.editor, "INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role) VALUES (\(ID.frSegment), \(w.de), 2027, \(w.deEditor))"),
            (.editor, "INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role) VALUES (\(ID.deSegment), \(w.fr), 2027, \(w.deEditor))"),
        ] },
        "mm.msp_quarter": { _ in [
            (.editor, "INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter) VALUES (\(ID.frActiveMSP), 2027, 2)"),
            (.editor, "INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter) VALUES (\(ID.frSubmittedMSP), 2028, 2)"),
        ] },
        "approval.request": { w in [
            // The state oracle: an active MSP said "no submitted msp", a submitted one RLS's error.
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('msp', \(ID.frActiveMSP), \(w.de), 'x')"),
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('msp', \(ID.frSubmittedMSP), \(w.de), 'x')"),
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('budget', \(ID.frBudget), \(w.de), 'x')"),
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('quarterly_review', \(ID.frReview), \(w.de), 'x')"),
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('framework', \(ID.framework), \(w.de), 'x')"),
        ] },
        "dg.touchpoint": { _ in [
            // FR's lead with DE's activity, FR's lead with FR's, and a lead that does not exist.
            (.editor, "INSERT INTO dg.touchpoint (lead_id, activity_id, touched_at) VALUES (\(ID.frLead), \(ID.deActivity), now())"),
            (.editor, "INSERT INTO dg.touchpoint (lead_id, activity_id, touched_at) VALUES (\(ID.frLead), \(ID.frActivity), now())"),
            (.editor, "INSERT INTO dg.touchpoint (lead_id, activity_id, touched_at) VALUES (\(ID.frLead + 1000), \(ID.deActivity), now())"),
        ] },
        "mqa.waiver": { w in [
            // FR's open finding (one waiver already waits), its resolved one, and one that does not
            // exist: the same refusal for each, whatever the unit named.
            (.editor, "INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(ID.frFinding), 'x')"),
            (.editor, "INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(ID.frResolvedFinding), 'x')"),
            (.editor, "INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(ID.frFinding + 1000), 'x')"),
            (.editor, "INSERT INTO mqa.waiver (finding_id, unit_id, reason) VALUES (\(ID.frFinding), \(w.de), 'x')"),
            (.admin, "INSERT INTO mqa.waiver (finding_id, reason) VALUES (\(ID.frFinding), 'x')"),
            // A waiver's request names its own subject: not FR's waiver from DE.
            (.editor, "INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('finding_waiver', \(ID.frWaiver), \(w.de), 'x')"),
        ] },
        "mi.topic": { w in [
            // A DE topic about FR's segment, FR's lead or FR's unit; a topic in FR.
            (.editor, "INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, segment_id, due_on) VALUES (\(w.de), \(w.carrier), 2027, 'x', 'y', 'segment', \(ID.frSegment), '2027-01-31')"),
            (.editor, "INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, lead_id, due_on) VALUES (\(w.de), \(w.carrier), 2027, 'x', 'y', 'project', \(ID.frLead), '2027-01-31')"),
            (.editor, "INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, subject_unit_id, due_on) VALUES (\(w.de), \(w.carrier), 2027, 'x', 'y', 'region', \(w.fr), '2027-01-31')"),
            (.editor, "INSERT INTO mi.topic (unit_id, bu_id, fiscal_year, title, question, scenario, industry, due_on) VALUES (\(w.fr), \(w.carrier), 2027, 'x', 'y', 'industry_trend', 'Rail', '2027-01-31')"),
        ] },
        "mi.topic_role": { w in [
            // FR's topic, and one that does not exist: the same refusal.
            (.editor, "INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(ID.frTopic), 'evaluator', \(w.deEditor))"),
            (.editor, "INSERT INTO mi.topic_role (topic_id, role, person) VALUES (\(ID.frTopic + 1000), 'evaluator', \(w.deEditor))"),
        ] },
        "mi.topic_stage": { _ in [
            (.editor, "INSERT INTO mi.topic_stage (topic_id, stage_id) SELECT \(ID.frTopic), min(id) FROM mi.business_stage"),
        ] },
        "mi.insight": { w in [
            // A DE insight answering FR's topic; an insight in FR's unit.
            (.editor, "INSERT INTO mi.insight (unit_id, bu_id, topic_id, kind, title, summary) VALUES (\(w.de), \(w.carrier), \(ID.frTopic), 'market', 'x', 'y')"),
            (.editor, "INSERT INTO mi.insight (unit_id, bu_id, kind, title, summary, sharing) VALUES (\(w.fr), \(w.carrier), 'market', 'x', 'y', 'region')"),
        ] },
        "mi.evaluation": { _ in [
            // FR's delivered topic, its topic in research, and one that does not exist.
            (.editor, "INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(ID.frDeliveredTopic), 5, 'x')"),
            (.editor, "INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(ID.frTopic), 5, 'x')"),
            (.editor, "INSERT INTO mi.evaluation (topic_id, usefulness, decision) VALUES (\(ID.frTopic + 1000), 5, 'x')"),
        ] },
        "mi.observation": { _ in [
            (.editor, "INSERT INTO mi.observation (topic_id, item_id, method, note) SELECT \(ID.frTopic), min(id), 'interview', 'x' FROM mi.data_item"),
        ] },
        "mi.market_size": { _ in [
            (.editor, "INSERT INTO mi.market_size (segment_id, fiscal_year, currency, tam, sam, som, growth_rate, source) VALUES (\(ID.frSegment), 2027, 'EUR', 3, 2, 1, 0.1, 'x')"),
        ] },
        "mi.battlecard": { w in [
            (.editor, "INSERT INTO mi.battlecard (competitor_id, segment_id, owner) VALUES (\(ID.competitor), \(ID.frSegment), \(w.deEditor))"),
        ] },
        "mi.lead_competitor": { _ in [
            (.editor, "INSERT INTO mi.lead_competitor (lead_id, competitor_id, outcome) VALUES (\(ID.frLead), \(ID.competitor), 'lost')"),
        ] },
        "mi.voice": { w in [
            (.editor, "INSERT INTO mi.voice (unit_id, bu_id, customer, channel, sentiment, verbatim, heard_on) VALUES (\(w.fr), \(w.carrier), 'x', 'visit', 1, 'y', current_date)"),
            (.editor, "INSERT INTO mi.voice (unit_id, bu_id, segment_id, customer, channel, sentiment, verbatim, heard_on) VALUES (\(w.de), \(w.carrier), \(ID.frSegment), 'x', 'visit', 1, 'y', current_date)"),
        ] },
        "mi.contribution": { w in [
            (.editor, "INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(ID.frTopic), \(w.de), 'x')"),
            (.editor, "INSERT INTO mi.contribution (topic_id, provider_unit_id, description) VALUES (\(ID.frTopic + 1000), \(w.de), 'x')"),
        ] },
        "mi.insight_use": { _ in [
            // FR's insight for DE's MSP; DE's insight for FR's MSP and FR's programme.
            (.editor, "INSERT INTO mi.insight_use (insight_id, used_for, subject_id) VALUES (\(ID.frInsight), 'msp', \(ID.deMSP))"),
            (.editor, "INSERT INTO mi.insight_use (insight_id, used_for, subject_id) VALUES (\(ID.deInsight), 'msp', \(ID.frActiveMSP))"),
            (.editor, "INSERT INTO mi.insight_use (insight_id, used_for, subject_id) VALUES (\(ID.deInsight), 'programme', \(ID.frProgramme))"),
        ] },
        "dg.lead_import": { w in [
            (.editor, "INSERT INTO dg.lead_import (unit_id, bu_id, file_name, sha256, rows_read, rows_imported, rows_rejected) VALUES (\(w.fr), \(w.carrier), 'x', repeat('b', 64), 1, 1, 0)"),
        ] },
        "sce.seller": { w in [
            (.editor, "INSERT INTO sce.seller (unit_id, bu_id, name, role_code) VALUES (\(w.fr), \(w.carrier), 'x', 'account_manager')"),
        ] },
        "sce.material": { w in [
            (.editor, "INSERT INTO sce.material (unit_id, bu_id, title, kind, uri) VALUES (\(w.fr), \(w.carrier), 'x', 'slides', 'https://x.example')"),
            // DE's material built on FR's, on FR's asset, as a case of FR's lead, for FR's segment.
            (.editor, "INSERT INTO sce.material (unit_id, bu_id, title, kind, uri, parent_id) VALUES (\(w.de), \(w.carrier), 'x', 'slides', 'https://x.example', \(ID.frMaterial))"),
            // (Assets are read by everyone, V0013: FR's is refused in words, EnablementTests; one
            // that does not exist as RLS refuses.)
            (.editor, "INSERT INTO sce.material (unit_id, bu_id, title, kind, dg_asset_id) VALUES (\(w.de), \(w.carrier), 'x', 'slides', \(ID.frAsset + 1000))"),
            (.editor, "INSERT INTO sce.material (unit_id, bu_id, title, kind, uri, case_lead_id) VALUES (\(w.de), \(w.carrier), 'x', 'success_case', 'https://x.example', \(ID.frLead))"),
            (.editor, "INSERT INTO sce.material (unit_id, bu_id, title, kind, uri, segment_ids) VALUES (\(w.de), \(w.carrier), 'x', 'slides', 'https://x.example', ARRAY[\(ID.frSegment)]::bigint[])"),
        ] },
        "sce.material_version": { _ in [
            (.editor, "INSERT INTO sce.material_version (material_id, major, change_note) VALUES (\(ID.frMaterial), 9, 'x')"),
            (.editor, "INSERT INTO sce.material_version (material_id, major, change_note) VALUES (\(ID.hqMaterial), 9, 'x')"),
        ] },
        "sce.kit": { w in [
            (.editor, "INSERT INTO sce.kit (unit_id, bu_id, code, title, scenario) VALUES (\(w.fr), \(w.carrier), 'X', 'x', 'summit')"),
        ] },
        "sce.kit_item": { _ in [
            (.editor, "INSERT INTO sce.kit_item (kit_id, position, step, tool) VALUES (\(ID.frKit), 1, 'x', 'x')"),
        ] },
        "sce.material_use": { _ in [
            (.editor, "INSERT INTO sce.material_use (material_id, version_id) VALUES (\(ID.frMaterial), \(ID.frMaterialVersion))"),
            (.editor, "INSERT INTO sce.material_use (material_id, version_id, lead_id) VALUES (\(ID.hqMaterial), \(ID.hqMaterialVersion), \(ID.frLead))"),
            (.editor, "INSERT INTO sce.material_use (material_id, version_id, activity_id) VALUES (\(ID.hqMaterial), \(ID.hqMaterialVersion), \(ID.frActivity))"),
            (.editor, "INSERT INTO sce.material_use (material_id, version_id, seller_id) VALUES (\(ID.hqMaterial), \(ID.hqMaterialVersion), \(ID.frSeller))"),
        ] },
        "sce.rating": { _ in [
            (.editor, "INSERT INTO sce.rating (material_id, version_id, score) VALUES (\(ID.frMaterial), \(ID.frMaterialVersion), 1)"),
            (.editor, "INSERT INTO sce.rating (material_id, version_id, score, seller_id) VALUES (\(ID.hqMaterial), \(ID.hqMaterialVersion), 1, \(ID.frSeller))"),
        ] },
        "sce.programme": { w in [
            (.editor, "INSERT INTO sce.programme (unit_id, bu_id, title, starts_on, ends_on) VALUES (\(w.fr), \(w.carrier), 'x', '2027-01-01', '2027-01-02')"),
            (.editor, "INSERT INTO sce.programme (unit_id, bu_id, title, segment_id, starts_on, ends_on) VALUES (\(w.de), \(w.carrier), 'x', \(ID.frSegment), '2027-01-01', '2027-01-02')"),
            (.editor, "INSERT INTO sce.programme (unit_id, bu_id, title, lead_id, starts_on, ends_on) VALUES (\(w.de), \(w.carrier), 'x', \(ID.frLead), '2027-01-01', '2027-01-02')"),
        ] },
        "sce.session": { _ in [
            (.editor, "INSERT INTO sce.session (programme_id, title, channel, held_on) VALUES (\(ID.frEnablementProgramme), 'x', 'online', '2027-01-01')"),
        ] },
        "sce.attendance": { _ in [
            (.editor, "INSERT INTO sce.attendance (session_id) VALUES (\(ID.frSession))"),
            (.editor, "INSERT INTO sce.attendance (session_id, seller_id) VALUES (\(ID.frSession), \(ID.frSeller))"),
        ] },
        "sce.exam": { w in [
            (.editor, "INSERT INTO sce.exam (unit_id, bu_id, code, title, role_code, pass_mark) VALUES (\(w.fr), \(w.carrier), 'X', 'x', 'account_manager', 50)"),
            (.editor, "INSERT INTO sce.exam (unit_id, bu_id, code, title, role_code, pass_mark, material_id) VALUES (\(w.de), \(w.carrier), 'X', 'x', 'account_manager', 50, \(ID.frMaterial))"),
        ] },
        "sce.exam_result": { _ in [
            (.editor, "INSERT INTO sce.exam_result (exam_id, score) VALUES (\(ID.frExam), 100)"),
            (.editor, "INSERT INTO sce.exam_result (exam_id, score, seller_id) VALUES (\(ID.frExam), 100, \(ID.frSeller))"),
        ] },
        "approval.decision": { _ in [
            // The other oracle: "approval request 4 is already approved".
            (.approver, "INSERT INTO approval.decision (request_id, decision) VALUES (\(ID.frDecidedRequest), 'approved')"),
            (.approver, "INSERT INTO approval.decision (request_id, decision) VALUES (\(ID.frPendingRequest), 'approved')"),
            (.approver, "INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(ID.frReviewRequest), 'rejected', 'no')"),
        ] },
    ]

    /// SECURITY DEFINER functions people may call, each with attacks from DE on FR (or on what
    /// only the scheduler does). A function listed with no attack says why in `harmless`.
    static let functionAttacks: [String: Attacks] = [
        "org.create_user": { _ in [(.admin, "SELECT org.create_user('intruder_x', 'editor', 'FR')")] },
        "org.disable_user": { w in [(.admin, "SELECT org.disable_user(\(w.frEditor))")] },
        "org.enable_user": { w in [(.admin, "SELECT org.enable_user(\(w.frEditor))")] },
        "scheduler.enqueue": { _ in [
            (.editor, "SELECT scheduler.enqueue('msp.quarterly_review', '{\"quarter\":\"FY2027-Q1\",\"unit\":\"FR\"}')"),
            (.admin, "SELECT scheduler.enqueue('msp.quarterly_review', '{\"quarter\":\"FY2027-Q1\",\"unit\":\"FR\"}')"),
            (.admin, "SELECT scheduler.enqueue('msp.quarterly_review', '{\"quarter\":\"FY2027-Q1\",\"unit\":\"DE\"}')"),
            (.editor, "SELECT scheduler.enqueue('jobs.prune', '{\"retention\":\"0 seconds\"}')"),
            (.editor, "SELECT scheduler.enqueue('lead.sla_check')"),
            (.approver, "SELECT scheduler.enqueue('scheduler.probe')"),
        ] },
        "scheduler.run_now": { _ in [(.admin, "SELECT scheduler.run_now('msp.quarterly_review:emea')")] },
        "mm.run_quarterly_review": { _ in [(.admin, "SELECT mm.run_quarterly_review('FY2027-Q1', 'FR')")] },
        "approval.withdraw": { _ in [(.editor, "SELECT approval.withdraw(\(ID.frPendingRequest))")] },
        "mqa.refresh_scorecards": { _ in [(.admin, "SELECT * FROM mqa.refresh_scorecards()"), (.admin, "SELECT * FROM mqa.refresh_scorecards(false)")] },
        "mqa.run_checks": { _ in [(.admin, "SELECT * FROM mqa.run_checks()"), (.admin, "SELECT * FROM mqa.run_checks('dg.lead_incomplete')")] },
    ]

    /// SECURITY DEFINER functions people may call that need no attack, and why.
    static let harmless: [String: String] = [
        "mm.quarter_to_review": "returns a fiscal quarter label from the public calendar and unit tree",
        "audit.row_image": "decodes the row text it is given through a table's row type; reads only audit.row_shape, which admins read anyway",
        "sce.has_used": "answers only whether the caller's own seller record used a version: false for anyone else's",
        "sce.person_of_unit": "answers whether a person's home unit is at or below a unit only for a unit the caller's grants cover (false for any other; tested in EnablementTests)",
    ]

    /// approval.withdraw answers "no pending request N submitted by you" for every request that is
    /// not the caller's, whatever its state: the same words for FR's as for a missing one.
    static let otherAllowedStates: [String: Set<String>] = ["approval.withdraw": ["P0002"]]

    @Test("every attack from DE on FR is refused as RLS refuses, and tells nothing of FR")
    func attacks() async throws {
        try await withTenancy { fixture in
            let world = try await OutOfScopeWorld.make(fixture)
            for (_, attacks) in Self.tableAttacks.sorted(by: { $0.key < $1.key }) {
                for attack in attacks(world) {
                    try await world.expectRefusedBlind(attack.sql, as: world.role(attack.person))
                }
            }
            for (function, attacks) in Self.functionAttacks.sorted(by: { $0.key < $1.key }) {
                for attack in attacks(world) {
                    try await world.expectRefusedBlind(attack.sql, as: world.role(attack.person),
                                                       alsoAllowed: Self.otherAllowedStates[function] ?? [])
                }
            }
            // Updates and deletes of FR's rows touch nothing (RLS hides them before any trigger).
            let editor = try await fixture.connect(as: world.deEditor)
            for statement: SQL in ["UPDATE dg.activity SET planned_cost = 999999999 WHERE id = \(ID.frActivity)",
                                   "UPDATE mm.msp SET state = 'closed' WHERE id = \(ID.frActiveMSP)",
                                   "UPDATE mm.msp_quarter SET budget = 1 WHERE msp_id = \(ID.frActiveMSP)",
                                   "UPDATE dg.lead SET state = 'qualifying' WHERE id = \(ID.frLead)",
                                   "DELETE FROM dg.activity WHERE id = \(ID.frActivity)",
                                   "DELETE FROM mm.msp_quarter WHERE msp_id = \(ID.frActiveMSP)",
                                   "UPDATE mqa.finding SET state = 'acknowledged' WHERE id = \(ID.frFinding)",
                                   "UPDATE mqa.finding SET state = 'open' WHERE id = \(ID.frResolvedFinding)",
                                   "UPDATE sce.material SET title = 'x' WHERE id IN (\(ID.frMaterial), \(ID.hqMaterial))",
                                   "UPDATE sce.seller SET login = NULL WHERE id = \(ID.frSeller)",
                                   "DELETE FROM sce.kit WHERE id = \(ID.frKit)",
                                   "UPDATE sce.exam SET pass_mark = 0 WHERE id = \(ID.frExam)"] {
                #expect(try await editor.execute(statement) == 0, "\(statement)")
            }
            await editor.close()
            // Nothing was written anywhere for DE's attempts.
            let admin = try await fixture.database.connect()
            #expect(try await admin.fetchValue("SELECT count(*) FROM dg.activity", as: Int64.self) == 2)
            #expect(try await admin.fetchValue("SELECT count(*) FROM scheduler.job WHERE kind <> 'scheduler.noop'", as: Int64.self) == 0)
            #expect(try await admin.fetchValue("SELECT count(*) FROM approval.decision", as: Int64.self) == 1)
            await admin.close()
        }
    }

    @Test("every tenant table with a BEFORE trigger has attacks above")
    func everyGuardedTableIsAttacked() async throws {
        try await withTestConnection { connection in
            let tables = try await connection.fetchAll("""
                SELECT DISTINCT n.nspname || '.' || c.relname
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND (t.tgtype & 2) <> 0 AND (t.tgtype & 1) <> 0
                  AND c.relrowsecurity
                  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'unit_id' AND NOT a.attisdropped)
                  AND n.nspname <> 'audit'
                ORDER BY 1
                """, as: (String).self)
            #expect(tables.count >= 10, "\(tables)")
            let writable = try await connection.fetchAll("""
                SELECT t FROM unnest(\(tables)::text[]) t
                WHERE has_any_column_privilege('mtl_editor', t, 'INSERT') OR has_any_column_privilege('mtl_approver', t, 'INSERT')
                """, as: (String).self)
            for table in writable {
                #expect(Self.tableAttacks[table] != nil, "\(table) has BEFORE triggers that people's writes reach, and no attack in OutOfScopeTests")
            }
        }
    }

    @Test("every SECURITY DEFINER function people may call has attacks above, or a reason it is harmless")
    func everyDefinerFunctionIsAttacked() async throws {
        try await withTestConnection { connection in
            let functions = try await connection.fetchAll("""
                SELECT DISTINCT n.nspname || '.' || p.proname
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prosecdef AND p.prorettype <> 'trigger'::regtype
                  AND n.nspname IN ('org', 'mi', 'mm', 'dg', 'sce', 'mqa', 'approval', 'audit', 'scheduler', 'reporting')
                  AND EXISTS (SELECT FROM unnest(ARRAY['mtl_reader', 'mtl_editor', 'mtl_approver', 'mtl_admin', 'mtl_bi', 'mtl_seller']) r
                              WHERE has_function_privilege(r, p.oid, 'EXECUTE'))
                ORDER BY 1
                """, as: (String).self)
            #expect(functions.contains("scheduler.enqueue"))
            for function in functions {
                #expect(Self.functionAttacks[function] != nil || Self.harmless[function] != nil,
                        "\(function) is SECURITY DEFINER and people may call it, but OutOfScopeTests has no attack on it")
            }
        }
    }

    @Test("a SECURITY DEFINER trigger on a tenant table fires after an invoker's scope guard")
    func definerTriggersAreGuarded() async throws {
        try await withTestConnection { connection in
            // For each tenant table with a SECURITY DEFINER BEFORE row trigger: is the first
            // BEFORE row trigger (triggers fire in name order) an invoker's one?
            let rows = try await connection.fetchAll("""
                WITH before AS (
                    SELECT n.nspname || '.' || c.relname AS tab, t.tgname, f.prosecdef,
                           row_number() OVER (PARTITION BY c.oid ORDER BY t.tgname) AS position
                    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    JOIN pg_proc f ON f.oid = t.tgfoid
                    WHERE NOT t.tgisinternal AND (t.tgtype & 2) <> 0 AND (t.tgtype & 1) <> 0 AND c.relrowsecurity
                      AND n.nspname <> 'audit'
                )
                SELECT b.tab, f.tgname, f.prosecdef FROM before b JOIN before f ON f.tab = b.tab AND f.position = 1
                WHERE b.prosecdef
                """, as: (String, String, Bool).self)
            #expect(!rows.isEmpty, "approval.decision has one")
            for (table, first, firstIsDefiner) in rows {
                #expect(!firstIsDefiner, "\(table): its first BEFORE trigger \(first) is SECURITY DEFINER")
            }
        }
    }
}
