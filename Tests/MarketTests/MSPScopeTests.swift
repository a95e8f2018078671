import PGKit
import Testing
import TestSupport

/// Row-level security on MSPs across countries, regions and BUs, and approvers' scope.
@Suite("MSP scope")
struct MSPScopeTests {
    @Test("each person sees and writes the MSPs of their units and BUs only")
    func visibility() async throws {
        try await withTenancy { fixture in
            let de = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let fr = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let cn = try await fixture.createUser("cn_editor", "editor", unit: "CN")
            let emea = try await fixture.createUser("emea_reader", "reader", unit: "EMEA")
            let deCarrier = try await fixture.createUser("de_carrier_editor", "editor", unit: "DE", bu: "CARRIER")
            let hq = try await fixture.createUser("hq_reader", "reader", unit: "HQ")
            var plans: [String: Int64] = [:]
            for (person, unit, bu) in [(de, "DE", "CARRIER"), (de, "DE", "ENT"), (fr, "FR", "CARRIER"), (cn, "CN", "CARRIER")] {
                let connection = try await fixture.connect(as: person)
                let segment = try await MarketSQL.segment(connection, unit: unit, bu: bu, code: "S-" + bu)
                plans["\(unit)/\(bu)"] = try await MarketSQL.msp(connection, segment: segment, unit: unit, owner: person)
                await connection.close()
            }
            let expected: [(String, Set<String>)] = [
                (de, ["DE/CARRIER", "DE/ENT"]), (fr, ["FR/CARRIER"]), (cn, ["CN/CARRIER"]),
                (emea, ["DE/CARRIER", "DE/ENT", "FR/CARRIER"]), (deCarrier, ["DE/CARRIER"]),
                (hq, ["DE/CARRIER", "DE/ENT", "FR/CARRIER", "CN/CARRIER"]),
            ]
            for (person, keys) in expected {
                let connection = try await fixture.connect(as: person)
                let rows = try await connection.fetchAll("SELECT id FROM mm.msp ORDER BY id", as: (Int64).self)
                var ids: [Int64] = []
                for id in rows { ids.append(id) }
                let wanted: [Int64] = keys.compactMap { plans[$0] }.sorted()
                #expect(ids == wanted, "\(person)")
                await connection.close()
            }
            // BI tools read the reporting views under the same rules.
            let bi = try await fixture.createUser("emea_bi", "bi", unit: "EMEA")
            let asBI = try await fixture.connect(as: bi)
            let reported = try await asBI.fetchValue("SELECT count(*) FROM reporting.dim_msp", as: Int64.self)
            #expect(reported == 3)
            await expectRefusal("42501", "permission denied for schema mm") { _ = try await asBI.execute("SELECT * FROM mm.msp") }
            await asBI.close()
            // Writing outside: invisible rows are not updated; new rows outside are refused.
            let asDE = try await fixture.connect(as: de)
            #expect(try await asDE.execute("UPDATE mm.msp SET goals = 'x' WHERE id = \(plans["FR/CARRIER"]!)") == 0)
            #expect(try await asDE.execute("DELETE FROM mm.msp_quarter") == 0)
            let frSegment = try #require(try await fixture.database.connect().fetchValue(
                "SELECT segment_id FROM mm.msp WHERE id = \(plans["FR/CARRIER"]!)", as: Int64.self))
            await expectRefusal("42501", "no segment") { _ = try await MarketSQL.msp(asDE, segment: frSegment, unit: "FR", owner: de, year: 2028) }
            // A plan belongs to its segment's unit or below: not to a sibling country.
            let deSegment = try #require(try await asDE.fetchValue("SELECT segment_id FROM mm.msp WHERE id = \(plans["DE/CARRIER"]!)", as: Int64.self))
            // For the DE editor, FR is outside its scope, which is checked first (issue 15); an
            // editor who covers both countries meets the rule itself.
            await expectRefusal("42501", "row-level security") { _ = try await MarketSQL.msp(asDE, segment: deSegment, unit: "FR", owner: de, year: 2028) }
            let asEMEAEditor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            await expectRefusal("23514", "unit or a unit below it") { _ = try await MarketSQL.msp(asEMEAEditor, segment: deSegment, unit: "FR", owner: de, year: 2028) }
            await asEMEAEditor.close()
            // The BU-limited editor cannot write the other BU's plan.
            let asDECarrier = try await fixture.connect(as: deCarrier)
            #expect(try await asDECarrier.execute("UPDATE mm.msp SET goals = 'x' WHERE id = \(plans["DE/ENT"]!)") == 0)
            #expect(try await asDECarrier.execute("UPDATE mm.msp SET goals = 'x' WHERE id = \(plans["DE/CARRIER"]!)") == 1)
            // A region's plan for a country's segment is refused (the plan's unit must be at or below the segment's).
            await asDE.close()
            await asDECarrier.close()
        }
    }

    @Test("approvers decide MSPs only within their scope; requests cannot be forged for another unit")
    func approverScope() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let deEditor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let outsiders = [
                try await fixture.createUser("apac_approver", "approver", unit: "APAC"),
                try await fixture.createUser("de_approver", "approver", unit: "DE"),
                try await fixture.createUser("emea_ent_approver", "approver", unit: "EMEA", bu: "ENT"),
            ]
            let insider = try await fixture.createUser("emea_carrier_approver", "approver", unit: "EMEA", bu: "CARRIER")
            let asEditor = try await fixture.connect(as: editor)
            let segment = try await MarketSQL.segment(asEditor, unit: "FR", code: "PORTS")
            let msp = try await MarketSQL.msp(asEditor, segment: segment, unit: "FR", owner: editor)
            try await MarketSQL.complete(asEditor, msp: msp)

            // A request for an MSP that is not submitted cannot be opened by hand.
            await expectRefusal("23514", "no submitted msp") {
                try await asEditor.execute("INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('msp', \(msp), (SELECT id FROM org.unit WHERE code = 'FR'), 'x')")
            }
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            let request = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))
            // The DE editor cannot open a request for FR's MSP labelled as DE's (the unit is the subject's).
            let asDE = try await fixture.connect(as: deEditor)
            try await asEditor.execute("SELECT approval.withdraw(\(request))")
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            let current = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))
            try await asEditor.execute("SELECT approval.withdraw(\(current))")
            // Outside the DE editor's scope, the MSP's state is not told (it was, before issue 15):
            // the refusal is RLS's, whatever state the MSP is in.
            await expectRefusal("42501", "row-level security") {
                try await asDE.execute("INSERT INTO approval.request (kind, subject_id, unit_id, title) VALUES ('msp', \(msp), (SELECT id FROM org.unit WHERE code = 'DE'), 'x')")
            }
            try await MarketSQL.setState(asEditor, msp: msp, "submitted")
            let live = try #require(try await MarketSQL.pendingRequest(asEditor, kind: "msp", subject: msp))

            for outsider in outsiders {
                let connection = try await fixture.connect(as: outsider)
                let canDecide = try await connection.fetchValue("SELECT can_decide FROM approval.inbox WHERE id = \(live)", as: Bool.self)
                #expect(canDecide != true, "\(outsider)")
                await expectRefusal("42501", "row-level security") { try await MarketSQL.decide(connection, request: live, "approved") }
                await connection.close()
            }
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "submitted")
            let asInsider = try await fixture.connect(as: insider)
            #expect(try await asInsider.fetchValue("SELECT can_decide FROM approval.inbox WHERE id = \(live)", as: Bool.self) == true)
            #expect(try await asEditor.fetchValue("SELECT can_decide FROM approval.inbox WHERE id = \(live)", as: Bool.self) == false)
            try await MarketSQL.decide(asInsider, request: live, "approved", comment: "Keep the port budget flat")
            #expect(try await MarketSQL.state(asEditor, msp: msp) == "approved")
            for connection in [asEditor, asDE, asInsider] { await connection.close() }
        }
    }
}
