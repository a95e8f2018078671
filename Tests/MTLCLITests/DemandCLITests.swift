import Foundation
import PGKit
import Testing
import TestSupport

/// The programme, activity, asset and lead commands, run as people would, against a real server.
@Suite("mtl programme, activity, asset, lead")
struct DemandCLITests {
    static func mtl(_ fixture: TenancyFixture, as user: String, _ arguments: [String]) throws -> MTLProcess.Output {
        try TenancyCLITests.mtl(fixture, as: user, arguments)
    }

    static func expectSuccess(_ fixture: TenancyFixture, as user: String, _ arguments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> MTLProcess.Output {
        let result = try mtl(fixture, as: user, arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// The number that follows `prefix` in `text`.
    static func id(in text: String, after prefix: String) throws -> String {
        let rest = try #require(text.range(of: prefix).map { text[$0.upperBound...] })
        return String(rest.prefix(while: \.isNumber))
    }

    /// The first request waiting in an approver's inbox.
    static func pendingRequest(_ fixture: TenancyFixture, _ approver: String) throws -> Int {
        let result = try expectSuccess(fixture, as: approver, ["approvals", "list", "--pending", "--format", "json"])
        let inbox = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return try #require(inbox.first?["id"] as? Int)
    }

    @Test("a company-tier programme: budget approved by HQ, activities held to it, assets used")
    func programme() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let approver = try await fixture.createUser("hq_approver", "approver", unit: "HQ")
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            // FY2027 runs April 2026 to March 2027 (programmes run within their fiscal year).
            let owner = try await fixture.database.connect()
            try await owner.execute("UPDATE org.fiscal_calendar SET start_month = 4, named_by = 'end'")
            await owner.close()
            for arguments in [["framework", "create", "FY2027"],
                              ["framework", "theme", "add", "FY2027", "CLOUD", "--name", "Cloud first", "--statement", "All in"],
                              ["framework", "concept", "add", "FY2027", "HYBRID", "--name", "Hybrid cloud", "--theme", "CLOUD"],
                              ["framework", "submit", "FY2027"]] {
                _ = try Self.expectSuccess(fixture, as: admin, arguments)
            }
            var result = try Self.mtl(fixture, as: admin, ["programme", "create", "Summit", "--tier", "company", "--unit", "HQ", "--bu", "CARRIER",
                                                            "--year", "FY2027", "--concept", "HYBRID", "--starts", "2026-09-01", "--ends", "2026-09-03"])
            #expect(result.status == 1 && result.stderr.contains("must follow a concept package of the published FY2027 framework"), "\(result.stderr)")
            _ = try Self.expectSuccess(fixture, as: approver, ["approvals", "approve", String(try Self.pendingRequest(fixture, approver))])
            _ = try Self.expectSuccess(fixture, as: admin, ["framework", "publish", "FY2027"])

            result = try Self.mtl(fixture, as: editor, ["programme", "create", "Mine", "--tier", "company", "--unit", "DE", "--bu", "CARRIER",
                                                        "--year", "FY2027", "--concept", "HYBRID", "--starts", "2026-09-01", "--ends", "2026-09-03"])
            #expect(result.status == 1 && result.stderr.contains("company-tier programmes are owned by HQ"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["programme", "create", "Summit", "--tier", "region", "--unit", "HQ", "--bu", "CARRIER",
                                                       "--year", "FY2027", "--concept", "HYBRID", "--starts", "2026-09-01", "--ends", "2026-09-03"])
            #expect(result.status == 64 && result.stderr.contains("serves an MSP"), "\(result.stderr)")
            result = try Self.expectSuccess(fixture, as: admin, ["programme", "create", "Summit", "--tier", "company", "--unit", "HQ", "--bu", "CARRIER",
                                                                 "--year", "FY2027", "--concept", "HYBRID", "--starts", "2026-09-01", "--ends", "2026-09-03",
                                                                 "--currency", "EUR", "--lead-target", "100"])
            #expect(result.stdout.contains(": Summit (company, HQ/CARRIER, FY2027, planned)"), "\(result.stdout)")
            // Refused inserts used up identity values: take the id from the message.
            let id = try Self.id(in: result.stdout, after: "created programme ")
            // The same name again in HQ for FY2027 is refused; one made by mistake is cancelled.
            result = try Self.mtl(fixture, as: admin, ["programme", "create", "summit", "--tier", "company", "--unit", "HQ", "--bu", "CARRIER",
                                                       "--year", "FY2027", "--concept", "HYBRID", "--starts", "2026-09-01", "--ends", "2026-09-03"])
            #expect(result.status == 1 && result.stderr.contains("already a programme named summit"), "\(result.stderr)")
            result = try Self.expectSuccess(fixture, as: admin, ["programme", "create", "Summit by mistake", "--tier", "company", "--unit", "HQ",
                                                                 "--bu", "CARRIER", "--year", "FY2027", "--concept", "HYBRID",
                                                                 "--starts", "2026-09-01", "--ends", "2026-09-03"])
            let mistake = try Self.id(in: result.stdout, after: "created programme ")
            result = try Self.mtl(fixture, as: admin, ["programme", "cancel", mistake])
            #expect(result.status == 64 && result.stderr.contains("--reason"), "\(result.stderr)")
            result = try Self.expectSuccess(fixture, as: admin, ["programme", "cancel", mistake, "--reason", "created twice"])
            #expect(result.stdout.contains("(Summit by mistake) is cancelled"), "\(result.stdout)")
            result = try Self.expectSuccess(fixture, as: admin, ["programme", "budget", "request", id, "--amount", "10000", "--reason", "Venue"])
            #expect(result.stdout.hasPrefix("budget request 1 (initial, 10000 EUR) waits for a decision"), "\(result.stdout)")
            let budgetRequest = try Self.pendingRequest(fixture, approver)
            result = try Self.mtl(fixture, as: admin, ["programme", "start", id])
            #expect(result.status == 1 && result.stderr.contains("invalid programme state change: planned → running"), "\(result.stderr)")
            _ = try Self.expectSuccess(fixture, as: approver, ["approvals", "approve", String(budgetRequest)])
            _ = try Self.expectSuccess(fixture, as: admin, ["programme", "start", id])

            _ = try Self.expectSuccess(fixture, as: admin, ["asset", "add", "Keynote", "--type", "slides", "--language", "en",
                                                            "--uri", "https://cdn.example/keynote.pptx", "--owner", admin, "--unit", "HQ"])
            result = try Self.mtl(fixture, as: admin, ["activity", "add", "Day one", "--programme", id, "--type", "summit",
                                                       "--starts", "2026-09-01", "--ends", "2026-09-01", "--planned-cost", "12000"])
            #expect(result.status == 1 && result.stderr.contains("over its approved budget of 10000.00 EUR"), "\(result.stderr)")
            result = try Self.expectSuccess(fixture, as: admin, ["activity", "add", "Day one", "--programme", id, "--type", "summit",
                                                                 "--starts", "2026-09-01", "--ends", "2026-09-01", "--planned-cost", "8000", "--invited", "300"])
            let activity = try Self.id(in: result.stdout, after: "created activity ")
            result = try Self.mtl(fixture, as: admin, ["activity", "use", activity, "--asset", "1"])
            #expect(result.status == 1 && result.stderr.contains("asset 1 is not published"), "\(result.stderr)")
            _ = try Self.expectSuccess(fixture, as: admin, ["asset", "publish", "1"])
            _ = try Self.expectSuccess(fixture, as: admin, ["activity", "use", activity, "--asset", "1"])
            result = try Self.mtl(fixture, as: admin, ["activity", "done", activity, "--actual-cost", "10500", "--attended", "250"])
            #expect(result.status == 1 && result.stderr.contains("would spend 10500.00 EUR"), "\(result.stderr)")
            _ = try Self.expectSuccess(fixture, as: admin, ["activity", "done", activity, "--actual-cost", "9500", "--attended", "250"])

            result = try Self.mtl(fixture, as: editor, ["programme", "show", id])
            #expect(result.status == 1 && result.stderr.contains("no programme \(id) in your scope"), "HQ's programme is not DE's: \(result.stderr)")
            result = try Self.expectSuccess(fixture, as: admin, ["programme", "show", id, "--format", "json"])
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let programme = try #require(shown["programme"] as? [String: Any])
            #expect(programme["state"] as? String == "running" && programme["approved_budget"] as? Double == 10000 && programme["spend"] as? Double == 9500,
                    "\(programme)")
            let activities = try #require(shown["activities"] as? [[String: Any]])
            #expect(activities.count == 1 && activities[0]["assets"] as? [Int] == [1] && activities[0]["attended"] as? Int == 250)
            #expect((shown["budgets"] as? [[String: Any]])?.first?["state"] as? String == "approved")
        }
    }

    @Test("lead import, qualification, hand-off and export through the command line")
    func leads() async throws {
        try await withTenancy { fixture in
            let editor = try await fixture.createUser("de_editor", "editor", unit: "DE")
            let reader = try await fixture.createUser("hq_reader", "reader", unit: "HQ")
            let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-cli-leads-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appending(path: "leads.csv").path
            try """
                Firma,contact_name,email,channel,key_person
                DB Netz,Anna Berg,anna@db.example,event,yes
                Port of Hamburg,Jan Ott,jan@port,web,no
                Vodafone,Kai Lim,kai@vf.example,web,no

                """.write(toFile: file, atomically: true, encoding: .utf8)

            var result = try Self.mtl(fixture, as: editor, ["lead", "import", file, "--unit", "DE"])
            #expect(result.status == 1 && result.stderr.contains("unknown column Firma") && result.stderr.contains("--map"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["lead", "import", file, "--unit", "DE", "--map", "Firma"])
            #expect(result.status == 64, "\(result.stderr)")
            result = try Self.mtl(fixture, as: editor, ["lead", "import", file, "--unit", "DE", "--map", "Firma=company"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("\(file) line 3, column email: 'jan@port' is not an e-mail address"), "\(result.stderr)")
            #expect(result.stderr.contains("1 of 3 rows refused; nothing imported"), "\(result.stderr)")
            #expect(!result.stderr.contains("rows/s"), "no progress lines for a short import off a terminal")
            let rejects = directory.appending(path: "rejects.csv").path
            result = try Self.expectSuccess(fixture, as: editor, ["lead", "import", file, "--unit", "DE", "--map", "Firma=company", "--reject-file", rejects])
            #expect(result.stdout.hasPrefix("imported 2 leads into DE from \(file) (import 1): 3 rows read, 1 refused (written to \(rejects))"),
                    "\(result.stdout)")
            #expect(try String(contentsOfFile: rejects, encoding: .utf8).contains("Port of Hamburg,Jan Ott,jan@port,web,no,3,email:"))
            result = try Self.mtl(fixture, as: editor, ["lead", "import", file, "--unit", "DE", "--map", "Firma=company", "--reject-file", rejects])
            #expect(result.status == 1 && result.stderr.contains("leads.csv was imported into DE before: import 1"), "\(result.stderr)")

            result = try Self.expectSuccess(fixture, as: editor, ["lead", "list", "--format", "json"])
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(listed.map { $0["company"] as? String } == ["Vodafone", "DB Netz"])
            #expect(listed.map { $0["classification"] as? String } == ["lead", "opportunity"])

            result = try Self.mtl(fixture, as: editor, ["lead", "handoff", "1", "--to", "DE Sales"])
            #expect(result.status == 1 && result.stderr.contains("invalid lead state change: new → handed_off"), "\(result.stderr)")
            result = try Self.expectSuccess(fixture, as: editor, ["lead", "qualify", "1", "--customer-quality", "4", "--informant-quality", "5"])
            #expect(result.stdout.contains("is qualified: opportunity"), "\(result.stdout)")
            result = try Self.mtl(fixture, as: editor, ["lead", "sla", "--days", "3"])
            #expect(result.status == 1 && result.stderr.contains("only HQ admins set the acceptance SLA"), "\(result.stderr)")
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            result = try Self.expectSuccess(fixture, as: admin, ["lead", "sla", "--days", "3"])
            #expect(result.stdout == "hand-offs are to be accepted or rejected within 3 days\n", "\(result.stdout)")
            result = try Self.expectSuccess(fixture, as: editor, ["lead", "handoff", "1", "--to", "DE Sales"])
            #expect(result.stdout.contains("handed_off to DE Sales; accept or reject by"), "\(result.stdout)")
            result = try Self.mtl(fixture, as: editor, ["lead", "convert", "1", "--pipeline-value", "500000"])
            #expect(result.status == 1 && result.stderr.contains("only an accepted lead carries a pipeline value"), "\(result.stderr)")
            _ = try Self.expectSuccess(fixture, as: editor, ["lead", "accept", "1"])
            result = try Self.expectSuccess(fixture, as: editor, ["lead", "convert", "1", "--pipeline-value", "500000", "--currency", "EUR"])
            #expect(result.stdout.hasSuffix("is accepted, pipeline 500000 EUR\n"), "\(result.stdout)")
            result = try Self.mtl(fixture, as: editor, ["lead", "reject", "2", "--reason", " "])
            #expect(result.status == 64, "\(result.stderr)")

            result = try Self.expectSuccess(fixture, as: editor, ["lead", "show", "1", "--format", "json"])
            let shown = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(shown["state"] as? String == "accepted" && shown["handed_to"] as? String == "DE Sales" && shown["pipeline_value"] as? Double == 500000)

            let exported = directory.appending(path: "export.csv").path
            _ = try Self.expectSuccess(fixture, as: reader, ["lead", "export", "--state", "accepted", "--format", "csv", "-o", exported])
            let lines = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.count == 2 && lines[1].contains(",DB Netz,Anna Berg,") && lines[1].contains(",true,"), "\(lines)")
            result = try Self.mtl(fixture, as: reader, ["lead", "export", "--format", "table"])
            #expect(result.status == 64, "\(result.stderr)")

            result = try Self.expectSuccess(fixture, as: reader, ["lead", "summary", "--format", "csv"])
            #expect(result.stdout == "region,leads,opportunities,qualified,handed_off,accepted,sla_breaches,pipeline\r\nEMEA,2,1,1,1,1,0,500000.00 EUR\r\n",
                    "\(result.stdout)")
        }
    }
}
