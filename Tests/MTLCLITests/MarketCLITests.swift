import Foundation
import PGKit
import Testing
import TestSupport

/// The framework, segment, msp and approvals commands, run as people would, against a real server.
@Suite("mtl framework, segment, msp, approvals")
struct MarketCLITests {
    static func mtl(_ fixture: TenancyFixture, as user: String, _ arguments: [String]) throws -> MTLProcess.Output {
        try TenancyCLITests.mtl(fixture, as: user, arguments)
    }

    static func json(_ output: MTLProcess.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    @Test("a framework from draft to published by two people; four-eyes; JSON and CSV")
    func framework() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let approver = try await fixture.createUser("hq_approver", "approver", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            for arguments in [["framework", "create", "FY2027", "--concept-limit", "2"],
                              ["framework", "theme", "add", "FY2027", "CLOUD", "--name", "Cloud first", "--statement", "All in"],
                              ["framework", "concept", "add", "FY2027", "HYBRID", "--name", "Hybrid cloud", "--theme", "CLOUD"],
                              ["framework", "concept", "add", "FY2027", "EDGE", "--name", "Edge"]] {
                let result = try Self.mtl(fixture, as: admin, arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
            var result = try Self.mtl(fixture, as: admin, ["framework", "concept", "add", "FY2027", "MORE", "--name", "One too many"])
            #expect(result.status == 1 && result.stderr.contains("already has 2 concept packages"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["framework", "theme", "add", "FY2027", "MINE", "--name", "Mine"])
            #expect(result.status == 1 && result.stderr.contains("only HQ admins"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["framework", "show", "FY27"])
            #expect(result.status == 64, "\(result.stderr)")

            result = try Self.mtl(fixture, as: admin, ["framework", "submit", "FY2027"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: approver, ["approvals", "list", "--pending", "--format", "json"])
            let inbox = try #require(try Self.json(result) as? [[String: Any]])
            #expect(inbox.count == 1 && inbox[0]["kind"] as? String == "framework" && inbox[0]["can_decide"] as? Bool == true, "\(inbox)")
            let id = try #require(inbox[0]["id"] as? Int)
            result = try Self.mtl(fixture, as: admin, ["approvals", "approve", String(id)])
            #expect(result.status == 1 && result.stderr.contains("four-eyes"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: approver, ["approvals", "reject", String(id), "--reason", ""])
            #expect(result.status == 64, "\(result.stderr)")
            result = try Self.mtl(fixture, as: approver, ["approvals", "approve", String(id), "--comment", "Go"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["framework", "publish", "FY2027"])
            #expect(result.status == 0, "\(result.stderr)")

            // Everybody reads the framework and its decisions.
            result = try Self.mtl(fixture, as: editor, ["framework", "show", "FY2027", "--format", "json"])
            let shown = try #require(try Self.json(result) as? [String: Any])
            #expect((shown["framework"] as? [String: Any])?["state"] as? String == "published")
            #expect((shown["framework"] as? [String: Any])?["fiscal_year"] as? String == "FY2027")
            let decisions = try #require(shown["decisions"] as? [[String: Any]])
            #expect(decisions.first?["decided_by"] as? String == approver && decisions.first?["comment"] as? String == "Go")
            result = try Self.mtl(fixture, as: editor, ["framework", "concept", "list", "FY2027", "--format", "csv"])
            #expect(result.stdout.hasPrefix("code,name,theme,scenario,description\r\n") && result.stdout.contains("HYBRID,Hybrid cloud,CLOUD,,"),
                    "\(result.stdout)")
        }
    }

    @Test("segments scored and ranked; an MSP planned, rejected, revised and approved, all from the CLI")
    func segmentsAndPlans() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let approver = try await fixture.createUser("emea_approver", "approver", unit: "EMEA")
            let outsider = try await fixture.createUser("apac_approver", "approver", unit: "APAC")
            var result = try Self.mtl(fixture, as: editor, ["segment", "add", "DE/RAIL", "--bu", "CARRIER", "--name", "Rail",
                                                            "--industry", "Transport", "--customer-type", "Operator",
                                                            "--solution-line", "FRMCS", "--horizon", "H2"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "add", "RAIL", "--bu", "CARRIER", "--name", "x", "--industry", "x",
                                                        "--customer-type", "x", "--solution-line", "x", "--horizon", "H2"])
            #expect(result.status == 64 && result.stderr.contains("DE/RAIL"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "score", "DE/RAIL", "--year", "FY2027", "market_size=9"])
            #expect(result.status == 1 && result.stderr.contains("out of range"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "score", "DE/RAIL", "--year", "FY2027", "market_size=4", "market_growth=4",
                                                        "profitability=4", "market_share=2", "competitiveness=2", "customer_relationship=2"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "rank", "--year", "FY2027", "--format", "json"])
            let ranked = try #require(try Self.json(result) as? [[String: Any]])
            #expect(ranked.first?["quadrant"] as? String == "selective" && ranked.first?["rank"] as? Int == 1, "\(ranked)")

            result = try Self.mtl(fixture, as: editor, ["segment", "gap", "set", "DE/RAIL", "FY2027-Q2", "--revenue-target", "1000",
                                                        "--revenue", "900", "--share", "120"])
            #expect(result.status == 1 && result.stderr.contains("percentage"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "gap", "set", "DE/RAIL", "FY2027-Q2", "--revenue-target", "1000",
                                                        "--revenue", "900", "--actions", "Workshops, two"])
            #expect(result.status == 0 && result.stdout.contains("revenue gap -100"), "\(result.stdout) \(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["segment", "gap", "list", "--format", "csv"])
            #expect(result.stdout.hasPrefix("segment,quarter,currency,revenue_target,revenue,revenue_gap,"), "\(result.stdout)")
            // Without --currency the amounts are in DE's currency (before issue 15: USD, whatever the unit).
            #expect(result.stdout.contains("DE/RAIL,FY2027-Q2,EUR,1000,900,-100,,,,,,,\"Workshops, two\"\r\n"), "\(result.stdout)")

            result = try Self.mtl(fixture, as: editor, ["msp", "create", "DE/RAIL", "--year", "FY2027", "--owner", editor,
                                                        "--goals", "Two pilots", "--gtm", "Direct", "--value-proposition", "One network"])
            #expect(result.status == 0, "\(result.stderr)")
            let id = try #require(result.stdout.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })
            result = try Self.mtl(fixture, as: editor, ["msp", "submit", id])
            #expect(result.status == 1 && result.stderr.contains("no quarterly plan"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["msp", "quarter", "set", id, "FY2028-Q1", "--lead-target", "10"])
            #expect(result.status == 1 && result.stderr.contains("not in MSP"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["msp", "quarter", "set", id, "FY2027-Q2", "--pipeline-target", "1500000.50",
                                                        "--lead-target", "40", "--budget", "60000", "--currency", "EUR"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["msp", "submit", id])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["msp", "update", id, "--goals", "Three pilots"])
            #expect(result.status == 1 && result.stderr.contains("only a draft"), "\(result.stderr)")

            result = try Self.mtl(fixture, as: approver, ["approvals", "list", "--pending", "--kind", "msp", "--format", "csv"])
            let row = try #require(result.stdout.split(separator: "\r\n").dropFirst().first)
            #expect(result.stdout.hasPrefix("can_decide,id,kind,title,scope,submitted_by"), "\(result.stdout)")
            let request = String(row.split(separator: ",")[1])
            result = try Self.mtl(fixture, as: outsider, ["approvals", "approve", request])
            #expect(result.status == 1 && result.stderr.contains("no approval request"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: approver, ["approvals", "reject", request, "--reason", "No partner"])
            #expect(result.status == 0, "\(result.stderr)")
            for arguments in [["msp", "revise", id], ["msp", "update", id, "--goals", "Three pilots"], ["msp", "submit", id]] {
                result = try Self.mtl(fixture, as: editor, arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
            result = try Self.mtl(fixture, as: approver, ["approvals", "list", "--pending", "--format", "json"])
            let second = try #require((try Self.json(result) as? [[String: Any]])?.first?["id"] as? Int)
            result = try Self.mtl(fixture, as: approver, ["approvals", "approve", String(second), "--comment", "Monthly report"])
            #expect(result.status == 0, "\(result.stderr)")

            result = try Self.mtl(fixture, as: editor, ["msp", "show", id, "--format", "json"])
            let shown = try #require(try Self.json(result) as? [String: Any])
            let msp = try #require(shown["msp"] as? [String: Any])
            #expect(msp["state"] as? String == "approved" && msp["goals"] as? String == "Three pilots")
            let quarters = try #require(shown["quarters"] as? [[String: Any]])
            #expect(quarters.first?["fiscal_quarter"] as? String == "FY2027-Q2" && quarters.first?["currency"] as? String == "EUR")
            #expect((quarters.first?["pipeline_target"] as? NSNumber)?.decimalValue == Decimal(string: "1500000.5"))
            let reviews = try #require(shown["reviews"] as? [[String: Any]])
            #expect(reviews.map { $0["state"] as? String } == ["rejected", "approved"])
            #expect(reviews.map { $0["comment"] as? String } == ["No partner", "Monthly report"])
            result = try Self.mtl(fixture, as: editor, ["msp", "activate", id])
            #expect(result.status == 0 && result.stdout.contains("is active"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["msp", "submit", id])
            #expect(result.status == 1 && result.stderr.contains("invalid msp state change: active → submitted"), "\(result.stderr)")
        }
    }
}
