import Demand
import Foundation
import PGKit
import Testing
import TestSupport

/// Leads: quality and classification, duplicates, the life cycle and the hand-off SLA.
@Suite("leads")
struct LeadTests {
    static func insert(_ connection: PGConnection, unit: String = "DE", company: String, contact: String, email: String?,
                       keyPerson: Bool = false, extra: SQL = "") async throws -> Int64 {
        try #require(try await connection.fetchValue("""
            INSERT INTO dg.lead (unit_id, bu_id, channel, company, contact_name, email, key_person)
            SELECT u.id, b.id, 'web', \(company), \(contact), \(email), \(keyPerson)
            FROM org.unit u, org.business_unit b WHERE u.code = \(unit) AND b.code = 'CARRIER'
            RETURNING id
            """, as: Int64.self))
    }

    @Test("quality score and classification, computed by the database, against hand-computed examples")
    func scoring() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            // Everything known: completeness 5; 0.4·4 + 0.3·5 + 0.3·5 = 4.6; a key person: an opportunity.
            let full = try await Self.insert(editor, company: "DB Netz", contact: "Anna Berg", email: "anna@db.example", keyPerson: true)
            try await editor.execute("""
                UPDATE dg.lead SET contact_title = 'CTO', phone = '+49 30 1234', industry = 'Rail', need = 'FRMCS pilot',
                       project_approved = true, budget_this_year = true, budget_in_price_band = false, kpi_tied = true,
                       customer_quality = 4, informant_quality = 5 WHERE id = \(full)
                """)
            // Only the email known: completeness 5·1/9 = 0.56; 0.4·2 + 0.3·1 + 0.3·0.56 = 1.268 → 1.27; not a key person: a lead.
            let thin = try await Self.insert(editor, company: "Port of Hamburg", contact: "Jan Ott", email: "jan@port.example")
            try await editor.execute("UPDATE dg.lead SET customer_quality = 2, informant_quality = 1 WHERE id = \(thin)")
            let rows = try await editor.fetchAll("""
                SELECT completeness::text, quality_score::text, classification FROM dg.lead ORDER BY id
                """, as: (String, String, String).self)
            #expect(rows.map(\.0) == ["5.00", "0.56"] && rows.map(\.1) == ["4.60", "1.27"] && rows.map(\.2) == ["opportunity", "lead"], "\(rows)")
            await expectRefusal("23514", "lead_customer_quality") {
                try await editor.execute("UPDATE dg.lead SET customer_quality = 6 WHERE id = \(thin)")
            }
            await expectRefusal("428C9", "can only be updated to DEFAULT") { try await editor.execute("UPDATE dg.lead SET classification = 'opportunity'") }
            await editor.close()
        }
    }

    @Test("no silent duplicates within a unit: same email, or same company and contact")
    func duplicates() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            _ = try await Self.insert(editor, company: "DB Netz", contact: "Anna Berg", email: "anna@db.example")
            let byEmail = await expectRefusal("23505", "lead_email_once") {
                _ = try await Self.insert(editor, company: "Deutsche Bahn", contact: "A. Berg", email: "anna@db.example")
            }
            #expect(byEmail != nil)
            await expectRefusal("23505", "lead_contact_once") {
                _ = try await Self.insert(editor, company: "db netz", contact: "ANNA BERG", email: nil)
            }
            await expectRefusal("23514", "lead_email") {
                _ = try await Self.insert(editor, company: "X", contact: "Y", email: "Anna@DB.example")
            }
            // Another unit may know the same person.
            _ = try await Self.insert(editor, unit: "FR", company: "DB Netz", contact: "Anna Berg", email: "anna@db.example")
            #expect(try await editor.fetchValue("SELECT count(*) FROM dg.lead", as: Int64.self) == 2)
            await editor.close()
        }
    }

    @Test("life cycle: qualify, hand off with an SLA, accept or reject with a reason; breaches are queryable")
    func lifecycleAndSLA() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.connect(as: try await fixture.createUser("de_editor", "editor", unit: "DE"))
            let admin = try await fixture.connect(as: try await fixture.createUser("hq_admin", "admin", unit: "HQ"))
            try await admin.execute("UPDATE dg.lead_setting SET acceptance_sla_days = 3")
            var leads: [Int64] = []
            for n in 1...3 {
                leads.append(try await Self.insert(editor, company: "Company \(n)", contact: "Contact \(n)", email: "c\(n)@x.example"))
            }
            await expectRefusal("23514", "invalid lead state change: new → handed_off") {
                try await editor.execute("UPDATE dg.lead SET state = 'handed_off', handed_to = 'Team', handed_to_kind = 'sales_team' WHERE id = \(leads[0])")
            }
            for lead in leads {
                try await editor.execute("UPDATE dg.lead SET state = 'qualifying' WHERE id = \(lead)")
                try await editor.execute("UPDATE dg.lead SET state = 'qualified' WHERE id = \(lead)")
                await expectRefusal("23514", "lead_handoff") { try await editor.execute("UPDATE dg.lead SET state = 'handed_off' WHERE id = \(lead)") }
                try await editor.execute("UPDATE dg.lead SET state = 'handed_off', handed_to = 'Rail sales DE', handed_to_kind = 'sales_team' WHERE id = \(lead)")
            }
            let sla = try await editor.fetchValue("SELECT (sla_due_at - handed_off_at)::text FROM dg.lead WHERE id = \(leads[0])", as: String.self)
            #expect(sla == "3 days")
            #expect(try await editor.fetchValue("SELECT count(*) FROM dg.lead_sla_breach", as: Int64.self) == 0)

            // Lead 1 and 2 were handed off four days ago (moved back in time as the superuser).
            let superuser = try await fixture.database.connect()
            try await superuser.execute("""
                UPDATE dg.lead SET handed_off_at = now() - interval '4 days', sla_due_at = now() - interval '1 day'
                WHERE id IN (\(leads[0]), \(leads[1]))
                """)
            await superuser.close()
            // Lead 1 is accepted late with a pipeline value; lead 3 rejected in time, with a reason.
            try await editor.execute("UPDATE dg.lead SET state = 'accepted' WHERE id = \(leads[0])")
            try await editor.execute("UPDATE dg.lead SET pipeline_value = 250000 WHERE id = \(leads[0])")
            await expectRefusal("23514", "lead_rejection_reason") { try await editor.execute("UPDATE dg.lead SET state = 'rejected' WHERE id = \(leads[2])") }
            await expectRefusal("23514", "only an accepted lead") { try await editor.execute("UPDATE dg.lead SET pipeline_value = 1 WHERE id = \(leads[2])") }
            try await editor.execute("UPDATE dg.lead SET state = 'rejected', rejection_reason = 'No budget' WHERE id = \(leads[2])")
            let breaches = try await editor.fetchAll("SELECT lead_id, state FROM dg.lead_sla_breach ORDER BY lead_id", as: (Int64, String).self)
            #expect(breaches.map(\.0) == [leads[0], leads[1]] && breaches.map(\.1) == ["accepted", "handed_off"], "\(breaches)")
            // The summary counts them once each, by region (bench --only envelope found the earlier
            // per-region lookup slow in the square of the leads).
            let summary = try await PipelineSummary.byRegion(on: admin)
            #expect(summary.map { [$0.region, "\($0.leads)", "\($0.qualified)", "\($0.handedOff)", "\($0.accepted)", "\($0.slaBreaches)", $0.pipeline] }
                    == [["EMEA", "3", "3", "3", "1", "2", "250000.00 EUR"]], "\(summary)")
            // Rejected leads can be recycled and qualified again.
            try await editor.execute("UPDATE dg.lead SET state = 'recycled' WHERE id = \(leads[2])")
            try await editor.execute("UPDATE dg.lead SET state = 'qualifying' WHERE id = \(leads[2])")
            // Another country sees none of it.
            let fr = try await fixture.connect(as: try await fixture.createUser("fr_reader", "reader", unit: "FR"))
            #expect(try await fr.fetchValue("SELECT count(*) FROM dg.lead_sla_breach", as: Int64.self) == 0)
            #expect(try await PipelineSummary.byRegion(on: fr).isEmpty)
            for connection in [editor, admin, fr] { await connection.close() }
        }
    }
}
