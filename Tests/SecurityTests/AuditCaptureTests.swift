import PGKit
import Testing
import TestSupport

/// What audit.capture records for one-column and composite keys, on insert, update and delete:
/// the key, the unit and BU, the full old and new images (checked against the rows themselves).
@Suite("audit capture")
struct AuditCaptureTests {
    @Test("insert, update and delete of a one-key tenant row and a composite-key reference row record exact events")
    func events() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE")
            let hq = try await fixture.id(ofUnit: "HQ")
            let id = try #require(try await db.fetchValue("""
                INSERT INTO dg.lead (unit_id, channel, company, contact_name, email) VALUES (\(de), 'web', 'Audit Co', 'Ann', 'ann@audit.example')
                RETURNING id
                """, as: Int64.self))
            let image = try await db.fetchValue("SELECT to_jsonb(l)::text FROM dg.lead l WHERE id = \(id)", as: String.self)
            try await db.execute("UPDATE dg.lead SET need = 'audit me' WHERE id = \(id)")
            let updated = try await db.fetchValue("SELECT to_jsonb(l)::text FROM dg.lead l WHERE id = \(id)", as: String.self)
            try await db.execute("DELETE FROM dg.lead WHERE id = \(id)")
            let events = try await db.fetchAll("""
                SELECT operation, row_key::text, unit_id, coalesce(old_row::text, '-'), coalesce(new_row::text, '-')
                FROM audit.event WHERE table_name = 'dg.lead' AND row_key = jsonb_build_object('id', \(id)) ORDER BY id
                """, as: (String, String, Int64, String, String).self)
            #expect(events.map(\.0) == ["INSERT", "UPDATE", "DELETE"])
            #expect(events.allSatisfy { $0.1 == "{\"id\": \(id)}" && $0.2 == de })
            #expect(events[0].3 == "-" && events[0].4 == image)
            #expect(events[1].3 == image && events[1].4 == updated)
            #expect(events[2].3 == updated && events[2].4 == "-")

            try await db.execute("INSERT INTO org.state_transition VALUES ('lead', 'x', 'y', false, 'test')")
            try await db.execute("UPDATE org.state_transition SET how = 'test 2' WHERE machine = 'lead' AND from_state = 'x'")
            try await db.execute("DELETE FROM org.state_transition WHERE machine = 'lead' AND from_state = 'x'")
            let reference = try await db.fetchAll("""
                SELECT operation, row_key::text, unit_id, coalesce(old_row ->> 'how', '-'), coalesce(new_row ->> 'how', '-')
                FROM audit.event WHERE table_name = 'org.state_transition' AND row_key ->> 'from_state' = 'x' ORDER BY id
                """, as: (String, String, Int64, String, String).self)
            #expect(reference.map(\.0) == ["INSERT", "UPDATE", "DELETE"])
            #expect(reference.allSatisfy { $0.1 == #"{"machine": "lead", "to_state": "y", "from_state": "x"}"# && $0.2 == hq }, "\(reference)")
            #expect(reference.map(\.3) == ["-", "test", "test 2"] && reference.map(\.4) == ["test", "test 2", "-"])
            await db.close()
        }
    }
}
