import PGKit
import Testing
import TestSupport

/// FR's data, which people of DE must learn nothing about, and DE's own, which they may use.
///
/// Written as the superuser with triggers off (`session_replication_role = replica`), so the
/// world is exactly as listed whatever the rules under test say. FR's rows carry values that
/// appear nowhere else (``secrets``): an error that shows one has told DE about FR.
struct OutOfScopeWorld {
    let fixture: TenancyFixture
    let de: Int64, fr: Int64, hq: Int64, carrier: Int64
    /// DE's people, and FR's editor (the owner of FR's MSP).
    let deEditor: String, deApprover: String, deAdmin: String, deReader: String, deBI: String, frEditor: String

    /// The DE people who attack.
    enum Person: Sendable { case editor, approver, admin }

    func role(_ person: Person) -> String {
        switch person {
        case .editor: deEditor
        case .approver: deApprover
        case .admin: deAdmin
        }
    }

    /// Fixed ids, so that an attack names FR's rows as a guessing intruder would.
    enum ID {
        static let framework: Int64 = 900, concept: Int64 = 900
        static let deSegment: Int64 = 901, frSegment: Int64 = 902
        static let deMSP: Int64 = 911, frActiveMSP: Int64 = 912, frSubmittedMSP: Int64 = 913
        static let deProgramme: Int64 = 921, frProgramme: Int64 = 922
        static let deBudget: Int64 = 931, frBudget: Int64 = 932
        static let deActivity: Int64 = 941, frActivity: Int64 = 942
        static let frAsset: Int64 = 951
        static let frLead: Int64 = 961
        static let frPendingRequest: Int64 = 971, frDecidedRequest: Int64 = 972, frReviewRequest: Int64 = 974
        static let frReview: Int64 = 981
        static let frImport: Int64 = 991
        static let frFinding: Int64 = 995, frResolvedFinding: Int64 = 996, frWaiver: Int64 = 997
        static let frTopic: Int64 = 1001, frDeliveredTopic: Int64 = 1002, frInsight: Int64 = 1011, deInsight: Int64 = 1012
        static let competitor: Int64 = 1021
        static let frSeller: Int64 = 1101, deSeller: Int64 = 1102
        static let frMaterial: Int64 = 1111, frMaterialVersion: Int64 = 1112, hqMaterial: Int64 = 1113, hqMaterialVersion: Int64 = 1114
        static let frKit: Int64 = 1121, frEnablementProgramme: Int64 = 1131, frSession: Int64 = 1132, frExam: Int64 = 1141
    }

    /// Values only FR's rows hold.
    static let secrets = ["FR Secret", "FRSECRET", "77777", "7654321", "31415", "frsecret@"]

    static func make(_ fixture: TenancyFixture) async throws -> OutOfScopeWorld {
        let deEditor = try await fixture.createUser("de_editor", "editor", unit: "DE")
        let deApprover = try await fixture.createUser("de_approver", "approver", unit: "DE")
        let deAdmin = try await fixture.createUser("de_admin", "admin", unit: "DE")
        let deReader = try await fixture.createUser("de_reader", "reader", unit: "DE")
        let deBI = try await fixture.createUser("de_bi", "bi", unit: "DE")
        let frEditor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
        let de = try await fixture.id(ofUnit: "DE"), fr = try await fixture.id(ofUnit: "FR"), hq = try await fixture.id(ofUnit: "HQ")
        let admin = try await fixture.database.connect()
        let carrier = try #require(try await admin.fetchValue("SELECT id FROM org.business_unit WHERE code = 'CARRIER'", as: Int64.self))
        try await admin.execute("SET session_replication_role = replica")
        let statements: [SQL] = [
            "INSERT INTO mm.framework (id, fiscal_year, state) OVERRIDING SYSTEM VALUE VALUES (\(ID.framework), 2027, 'published')",
            "INSERT INTO mm.concept_package (id, framework_id, code, name) OVERRIDING SYSTEM VALUE VALUES (\(ID.concept), \(ID.framework), 'C', 'Concept')",
            """
            INSERT INTO mm.segment (id, unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.deSegment), \(de), \(carrier), 'DERAIL', 'DE rail', 'Rail', 'Operator', 'FRMCS', 'H1'),
                   (\(ID.frSegment), \(fr), \(carrier), 'FRSECRET', 'FR Secret Segment', 'FR Secret industry', 'Operator', 'Fibre', 'H1')
            """,
            """
            INSERT INTO mm.msp (id, segment_id, unit_id, bu_id, fiscal_year, owner_role, goals, gtm_strategy, value_proposition, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.deMSP), \(ID.deSegment), \(de), \(carrier), 2027, \(deEditor), 'g', 's', 'v', 'active'),
                   (\(ID.frActiveMSP), \(ID.frSegment), \(fr), \(carrier), 2027, \(frEditor), 'FR Secret goals', 's', 'v', 'active'),
                   (\(ID.frSubmittedMSP), \(ID.frSegment), \(fr), \(carrier), 2028, \(frEditor), 'FR Secret goals', 's', 'v', 'submitted')
            """,
            """
            INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, budget, currency, unit_id, bu_id)
            VALUES (\(ID.frActiveMSP), 2027, 1, 7654321, 77777, 'EUR', \(fr), \(carrier))
            """,
            """
            INSERT INTO dg.programme (id, unit_id, bu_id, name, tier, fiscal_year, msp_id, segment_id, concept_package_id, currency,
                                      starts_on, ends_on, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.deProgramme), \(de), \(carrier), 'DE programme', 'customer_group', 2027, \(ID.deMSP), \(ID.deSegment), \(ID.concept), 'EUR',
                    '2026-04-01', '2027-03-31', 'running'),
                   (\(ID.frProgramme), \(fr), \(carrier), 'FR Secret Programme', 'customer_group', 2027, \(ID.frActiveMSP), \(ID.frSegment), \(ID.concept), 'EUR',
                    '2026-04-01', '2027-03-31', 'running')
            """,
            """
            INSERT INTO dg.budget (id, programme_id, unit_id, bu_id, kind, amount, currency, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.deBudget), \(ID.deProgramme), \(de), \(carrier), 'initial', 100000, 'EUR', 'approved'),
                   (\(ID.frBudget), \(ID.frProgramme), \(fr), \(carrier), 'initial', 77777, 'EUR', 'approved')
            """,
            """
            INSERT INTO dg.activity (id, programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.deActivity), \(ID.deProgramme), \(de), \(carrier), 'DE webinar', 'webinar', '2026-05-01', '2026-05-01', 1000),
                   (\(ID.frActivity), \(ID.frProgramme), \(fr), \(carrier), 'FR Secret Summit', 'summit', '2026-05-01', '2026-05-02', 31415)
            """,
            """
            INSERT INTO dg.asset (id, unit_id, bu_id, type, title, language, uri, owner_role, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frAsset), \(fr), \(carrier), 'slides', 'FR deck', 'fr', 'https://example.org/fr', \(frEditor), 'published')
            """,
            """
            INSERT INTO dg.lead (id, unit_id, bu_id, activity_id, company, contact_name, email, state, pipeline_value, currency) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frLead), \(fr), \(carrier), \(ID.frActivity), 'FR Secret Customer', 'FR Secret Contact', 'frsecret@example.org', 'new', NULL, NULL)
            """,
            """
            INSERT INTO dg.lead_import (id, unit_id, bu_id, file_name, sha256, rows_read, rows_imported, rows_rejected) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frImport), \(fr), \(carrier), 'FR Secret file.csv', repeat('a', 64), 1, 1, 0)
            """,
            """
            INSERT INTO mm.quarterly_review (id, msp_id, fiscal_year, quarter, unit_id, bu_id, currency, pipeline_target, pipeline_created,
                lead_target, leads, qualified_leads, opportunities, activities_planned, activities_done, budget, spend, sla_breaches,
                status, gaps, next_fiscal_year, next_quarter, draft_plan, state, requested_by) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frReview), \(ID.frActiveMSP), 2027, 1, \(fr), \(carrier), 'EUR', 7654321, 77777, 1, 1, 1, 1, 1, 1, 77777, 31415, 0,
                    'at_risk', ARRAY['FR Secret gap'], 2027, 2, NULL, 'submitted', 'x')
            """,
            """
            INSERT INTO approval.request (id, kind, subject_id, unit_id, bu_id, title, submitted_by, state, closed_at) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frPendingRequest), 'msp', \(ID.frSubmittedMSP), \(fr), \(carrier), 'FR Secret MSP request', \(frEditor), 'pending', NULL),
                   (\(ID.frDecidedRequest), 'budget', \(ID.frBudget), \(fr), \(carrier), 'FR Secret budget request', \(frEditor), 'approved', now()),
                   (\(ID.frReviewRequest), 'quarterly_review', \(ID.frReview), \(fr), \(carrier), 'FR Secret review', 'x', 'pending', NULL)
            """,
            """
            INSERT INTO approval.decision (request_id, decision, unit_id, bu_id, decided_by)
            VALUES (\(ID.frDecidedRequest), 'approved', \(fr), \(carrier), 'x')
            """,
            """
            INSERT INTO mqa.finding (id, rule_code, subject_kind, subject_id, unit_id, bu_id, details, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frFinding), 'dg.lead_incomplete', 'lead', \(ID.frLead), \(fr), \(carrier), '{"company": "FR Secret Customer"}', 'open'),
                   (\(ID.frResolvedFinding), 'dg.handoff_past_sla', 'lead', \(ID.frLead), \(fr), \(carrier), '{"company": "FR Secret Customer"}', 'resolved')
            """,
            """
            INSERT INTO mqa.waiver (id, finding_id, unit_id, bu_id, reason, finding_occurrence, requested_by) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frWaiver), \(ID.frFinding), \(fr), \(carrier), 'FR Secret reason', 1, \(frEditor))
            """,
            // FR's insight topics (one researched, one delivered) and an insight of FR's own.
            """
            INSERT INTO mi.topic (id, unit_id, bu_id, fiscal_year, title, question, scenario, segment_id, due_on, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frTopic), \(fr), \(carrier), 2027, 'FR Secret topic', 'FR Secret question', 'segment', \(ID.frSegment), '2027-01-31', 'in_research'),
                   (\(ID.frDeliveredTopic), \(fr), \(carrier), 2027, 'FR Secret topic 2', 'FR Secret question', 'segment', \(ID.frSegment), '2027-01-31', 'delivered')
            """,
            """
            INSERT INTO mi.topic_role (topic_id, unit_id, bu_id, role, person)
            VALUES (\(ID.frTopic), \(fr), \(carrier), 'researcher', \(frEditor)), (\(ID.frDeliveredTopic), \(fr), \(carrier), 'researcher', \(frEditor))
            """,
            """
            INSERT INTO mi.insight (id, unit_id, bu_id, topic_id, kind, title, summary, sharing) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frInsight), \(fr), \(carrier), \(ID.frDeliveredTopic), 'market', 'FR Secret insight', 'FR Secret summary', 'unit'),
                   (\(ID.deInsight), \(de), \(carrier), NULL, 'market', 'DE insight', 'DE summary', 'unit')
            """,
            "INSERT INTO mi.competitor (id, code, name) OVERRIDING SYSTEM VALUE VALUES (\(ID.competitor), 'ACME', 'Acme Networks')",
            // Enablement: FR's seller, material, kit, programme, session and exam; DE's editor is a
            // seller too (so that attacks reach past "not a seller"); HQ's published material.
            """
            INSERT INTO sce.seller (id, unit_id, bu_id, name, email, role_code, login) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frSeller), \(fr), \(carrier), 'FR Secret seller', 'frsecret@example.org', 'account_manager', \(frEditor)),
                   (\(ID.deSeller), \(de), \(carrier), 'DE seller', NULL, 'account_manager', \(deEditor))
            """,
            """
            INSERT INTO sce.material (id, unit_id, bu_id, title, summary, kind, uri, tier, state) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frMaterial), \(fr), \(carrier), 'FR Secret deck', 'FR Secret summary', 'slides', 'https://frsecret.example', 'customised', 'published'),
                   (\(ID.hqMaterial), \(hq), NULL, 'HQ keynote', '', 'slides', 'https://hq.example', 'global', 'published')
            """,
            """
            INSERT INTO sce.material_version (id, material_id, unit_id, bu_id, major, minor, change_note) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frMaterialVersion), \(ID.frMaterial), \(fr), \(carrier), 1, 0, 'FR Secret note'),
                   (\(ID.hqMaterialVersion), \(ID.hqMaterial), \(hq), NULL, 1, 0, 'First version')
            """,
            "INSERT INTO sce.kit (id, unit_id, bu_id, code, title, scenario) OVERRIDING SYSTEM VALUE VALUES (\(ID.frKit), \(fr), \(carrier), 'FRSECRET', 'FR Secret kit', 'summit')",
            """
            INSERT INTO sce.programme (id, unit_id, bu_id, title, starts_on, ends_on) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frEnablementProgramme), \(fr), \(carrier), 'FR Secret programme', '2027-01-01', '2027-03-31')
            """,
            """
            INSERT INTO sce.session (id, programme_id, unit_id, bu_id, title, channel, held_on) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frSession), \(ID.frEnablementProgramme), \(fr), \(carrier), 'FR Secret session', 'classroom', '2027-01-15')
            """,
            """
            INSERT INTO sce.exam (id, unit_id, bu_id, code, title, role_code, material_id, pass_mark) OVERRIDING SYSTEM VALUE
            VALUES (\(ID.frExam), \(fr), \(carrier), 'FRSECRET', 'FR Secret exam', 'account_manager', \(ID.frMaterial), 70)
            """,
        ]
        for statement in statements { try await admin.execute(statement) }
        try await admin.execute("SET session_replication_role = DEFAULT")
        await admin.close()
        return OutOfScopeWorld(fixture: fixture, de: de, fr: fr, hq: hq, carrier: carrier, deEditor: deEditor, deApprover: deApprover,
                               deAdmin: deAdmin, deReader: deReader, deBI: deBI, frEditor: frEditor)
    }

    /// Runs `statement` as `person`: it must be refused with 42501 (or, where `alsoAllowed`
    /// says so, another SQLSTATE), and no secret of FR may appear in the message, detail, hint or
    /// context.
    func expectRefusedBlind(_ statement: SQL, as person: String, alsoAllowed: Set<String> = [],
                            sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let connection = try await fixture.connect(as: person)
        do {
            try await connection.execute(statement)
            Issue.record("\(person) ran \(statement)", sourceLocation: sourceLocation)
        } catch let error as PGError {
            #expect(error.sqlState == "42501" || alsoAllowed.contains(error.sqlState ?? ""),
                    "\(statement): \(error.debugDescription)", sourceLocation: sourceLocation)
            let text = [error.message, error.detail, error.hint, error.context].compactMap { $0 }.joined(separator: " | ")
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(statement) told \(person) \(secret): \(text)", sourceLocation: sourceLocation)
            }
        }
        await connection.close()
    }
}
