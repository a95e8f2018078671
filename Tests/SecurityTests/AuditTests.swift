import Foundation
import MTLCore
import PGKit
import Testing
import TestSupport

@Suite("audit trail")
struct AuditTests {
    @Test("an update records the old and new row, the key, the actor and the transaction")
    func updateIsRecorded() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            let connection = try await fixture.connect(as: admin)
            try await OrgUnit.addCountry(code: "IT", region: "EMEA", name: nil, on: connection)
            let unit = try await OrgUnit.require(code: "IT", on: connection)
            try await OrgUnit.setActive(code: "IT", false, on: connection)

            let events = try await AuditEvent.fetch(.init(table: "unit", unit: "IT"), on: connection)
            #expect(events.map(\.operation) == ["UPDATE", "INSERT"])
            let update = try #require(events.first)
            #expect(update.actor == admin && update.table == "org.unit" && update.unit == "IT")
            #expect(update.key == #"{"id": \#(unit.id)}"#)
            let old = try JSONSerialization.jsonObject(with: Data(update.oldRow!.utf8)) as? [String: Any]
            let new = try JSONSerialization.jsonObject(with: Data(update.newRow!.utf8)) as? [String: Any]
            #expect(old?["active"] as? Bool == true && new?["active"] as? Bool == false)
            #expect(old?["name"] as? String == "Italy")
            #expect(events[1].oldRow == nil && events[1].newRow != nil)
            #expect(update.transactionId != events[1].transactionId)
            await connection.close()
        }
    }

    @Test("UPDATE, DELETE, TRUNCATE and direct INSERT of audit.event and of every table behind it fail, even for the superuser")
    func appendOnly() async throws {
        try await withTenancy { fixture in
            try await fixture.createUser("someone", "reader", unit: "DE")
            let superuser = try await fixture.database.connect()
            let count = try await superuser.fetchValue("SELECT count(*) FROM audit.event", as: Int64.self)
            #expect((count ?? 0) > 0)
            let statements: [(SQL, String)] = [
                ("UPDATE audit.event SET actor = 'nobody'", "view"), ("DELETE FROM audit.event", "view"),
                ("TRUNCATE audit.event", "not a table"),
                ("INSERT INTO audit.event (tx_time, clock_time, actor, table_name, operation, row_key, unit_id, tx_id) VALUES (now(), now(), 'x', 'x', 'INSERT', '{}', 1, '1')", "view"),
                ("UPDATE audit.change SET actor = 'nobody'", "append-only"), ("DELETE FROM audit.change", "append-only"),
                ("TRUNCATE audit.change", "append-only"),
                ("INSERT INTO audit.change (tx_time, clock_time, actor, table_name, operation, tx_id, unit_id, shape_id) SELECT now(), now(), 'x', 'x', 'INSERT', '1', 1, min(id) FROM audit.row_shape", "append-only"),
                ("UPDATE audit.row_change SET new_row = NULL", "append-only"), ("DELETE FROM audit.row_change", "append-only"),
                ("TRUNCATE audit.row_change", "append-only"),
                ("INSERT INTO audit.row_change (change_id, unit_id, row_key) VALUES (1, 1, '{}')", "append-only"),
                ("UPDATE audit.row_shape SET columns = '{}', types = '{}'", "append-only"), ("DELETE FROM audit.row_shape", "append-only"),
                ("TRUNCATE audit.row_shape", "foreign key"), ("TRUNCATE audit.row_shape CASCADE", "append-only"),
            ]
            for (statement, expected) in statements {
                await #expect(throws: PGError.self, "\(statement)") { try await superuser.execute(statement) }
                do { try await superuser.execute(statement) } catch let error as PGError {
                    #expect(error.message.contains(expected), "\(statement): \(error)")
                }
            }
            #expect(try await superuser.fetchValue("SELECT count(*) FROM audit.event", as: Int64.self) == count)
            await superuser.close()
        }
    }

    @Test("audit events are read within one's scope: a region admin sees its region's, an HQ admin all")
    func scopedReading() async throws {
        try await withTenancy { fixture in
            let emea = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            let hq = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let reader = try await fixture.createUser("de_reader", "reader", unit: "DE")
            try await fixture.createUser("cn_editor", "editor", unit: "CN")

            let asEMEA = try await fixture.connect(as: emea)
            let emeaUnits = Set(try await AuditEvent.fetch(.init(limit: 1000), on: asEMEA).compactMap(\.unit))
            #expect(!emeaUnits.isEmpty && emeaUnits.isSubset(of: ["EMEA", "DE", "FR"]), "\(emeaUnits)")
            await asEMEA.close()

            let asHQ = try await fixture.connect(as: hq)
            let hqUnits = Set(try await AuditEvent.fetch(.init(limit: 1000), on: asHQ).compactMap(\.unit))
            #expect(hqUnits.isSuperset(of: ["HQ", "EMEA", "APAC", "DE", "CN"]), "\(hqUnits)")
            let byActor = try await AuditEvent.fetch(.init(actor: "nobody"), on: asHQ)
            #expect(byActor.isEmpty)
            let recent = try await AuditEvent.fetch(.init(since: .age(minutes: 60), limit: 3), on: asHQ)
            #expect(recent.count == 3)
            await asHQ.close()

            let asReader = try await fixture.connect(as: reader)
            await #expect(throws: PGError.self) { try await AuditEvent.fetch(.init(), on: asReader) }
            await asReader.close()
        }
    }
}
