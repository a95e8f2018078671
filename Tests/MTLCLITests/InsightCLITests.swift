import Foundation
import PGKit
import Testing
import TestSupport

/// The insight and competitor commands through the binary, as people would run them: a topic
/// from proposed to evaluated, the coverage grid, a market size and its history, a battlecard, a
/// voice entry, and contribute to consume explained rather than an empty list.
@Suite("mtl insight, competitor")
struct InsightCLITests {
    static func mtl(_ fixture: TenancyFixture, as user: String, _ arguments: [String]) throws -> MTLProcess.Output {
        try TenancyCLITests.mtl(fixture, as: user, arguments)
    }

    @discardableResult
    static func ok(_ fixture: TenancyFixture, as user: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try mtl(fixture, as: user, arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    @Test("a topic's life through the CLI; the coverage grid; sizes, battlecards, voice and credits")
    func workflow() async throws {
        try await withTenancy { fixture in
            let lead = try await fixture.createUser("emea_lead", "editor", unit: "EMEA")
            let analyst = try await fixture.createUser("de_analyst", "editor", unit: "DE")
            let seller = try await fixture.createUser("de_seller", "editor", unit: "DE")
            let hqAdmin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let frEditor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let frOther = try await fixture.createUser("fr_other", "editor", unit: "FR")
            try Self.ok(fixture, as: analyst, ["segment", "add", "DE/PORTS", "--bu", "CARRIER", "--name", "Seaports", "--industry", "Logistics",
                                               "--customer-type", "Port authority", "--solution-line", "Private 5G", "--horizon", "H3"])
            var out = try Self.ok(fixture, as: lead, ["insight", "topic", "propose", "--unit", "DE", "--bu", "CARRIER", "--year", "FY2027",
                                                      "--segment", "DE/PORTS", "--title", "Port automation", "--question", "Who automates cranes by 2028?",
                                                      "--due", "2027-01-31", "--stage", "operate", "--stage", "maintain"])
            let topic = try #require(out.split(separator: " ").dropFirst(2).first.map(String.init))
            #expect(out.hasPrefix("proposed topic \(topic)"), "\(out)")
            var result = try Self.mtl(fixture, as: lead, ["insight", "topic", "propose", "--unit", "DE", "--year", "FY2027", "--title", "x",
                                                         "--question", "y", "--due", "2027-01-31", "--segment", "DE/PORTS", "--stage", "dance"])
            #expect(result.status == 1 && result.stderr.contains("no business-process stage 'dance'") && result.stderr.contains("operate"), "\(result.stderr)")
            try Self.ok(fixture, as: lead, ["insight", "topic", "assign", topic, "--researcher", analyst, "--evaluator", seller])
            result = try Self.mtl(fixture, as: lead, ["insight", "topic", "assign", topic, "--evaluator", analyst])
            #expect(result.status == 1 && result.stderr.contains("four-eyes"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: analyst, ["insight", "topic", "accept", topic])
            #expect(result.status == 1 && result.stderr.contains("only a setter"), "\(result.stderr)")
            try Self.ok(fixture, as: lead, ["insight", "topic", "accept", topic])
            try Self.ok(fixture, as: analyst, ["insight", "topic", "start", topic])
            try Self.ok(fixture, as: analyst, ["insight", "topic", "observe", topic, "--item", "site_operations", "--method", "site_visit",
                                               "--note", "Burchardkai runs three shifts"])
            let added = try Self.ok(fixture, as: analyst, ["insight", "add", "--unit", "DE", "--bu", "CARRIER", "--kind", "market", "--title", "Hamburg automates first",
                                                           "--summary", "Two of five terminals automate by 2028.", "--sharing", "global", "--topic", topic])
            let insight = try #require(added.split(separator: " ").dropFirst().first.map(String.init))
            try Self.ok(fixture, as: analyst, ["insight", "topic", "deliver", topic])
            out = try Self.ok(fixture, as: seller, ["insight", "topic", "evaluate", topic, "--usefulness", "4", "--decision", "Fund the Hamburg pilot"])
            #expect(out.contains("is evaluated"), "\(out)")
            out = try Self.ok(fixture, as: seller, ["insight", "topic", "show", topic])
            #expect(out.contains("stages covered: operate, maintain") && out.contains("DATA MODEL (1 of 7 items covered)"), "\(out)")
            #expect(out.contains("lead times: accepted after 0") && out.contains("evaluated 0") && out.contains("usefulness 4/5; informed: Fund the Hamburg pilot"), "\(out)")
            out = try Self.ok(fixture, as: seller, ["insight", "show", insight])
            #expect(out.contains("USES") && out.split(separator: "\n").contains { $0.hasPrefix("evaluation") && $0.contains(seller) }, "\(out)")

            out = try Self.ok(fixture, as: seller, ["insight", "coverage", "DE/PORTS", "--year", "FY2027"])
            #expect(out.contains("2 of 7 stages covered by 1 topic(s)") && out.contains("uncovered: plan, build, market, sell, serve"), "\(out)")
            #expect(out.split(separator: "\n").contains { $0.hasPrefix("operate") && $0.contains("✓") && $0.hasSuffix("yes") }, "\(out)")

            try Self.ok(fixture, as: analyst, ["insight", "size", "set", "DE/PORTS", "--year", "FY2027", "--currency", "EUR", "--tam", "900000000",
                                               "--sam", "300000000", "--som", "40000000", "--growth", "8", "--source", "Analyst report"])
            try Self.ok(fixture, as: analyst, ["insight", "size", "set", "DE/PORTS", "--year", "FY2027", "--currency", "EUR", "--tam", "1100000000",
                                               "--sam", "350000000", "--som", "55000000", "--growth", "9.5", "--source", "Site visits"])
            out = try Self.ok(fixture, as: analyst, ["insight", "size", "list", "--history", "--format", "csv"])
            #expect(out.split(separator: "\r\n").count == 3 && out.contains(",false,Analyst report") && out.contains(",true,Site visits"), "\(out)")
            out = try Self.ok(fixture, as: analyst, ["segment", "score", "DE/PORTS", "--year", "FY2027", "--suggest"])
            #expect(out.contains("market_growth=4") && out.contains("nothing changed"), "\(out)")

            try Self.ok(fixture, as: hqAdmin, ["competitor", "add", "ACME", "--name", "Acme Networks"])
            result = try Self.mtl(fixture, as: analyst, ["competitor", "add", "OTHER", "--name", "Other"])
            #expect(result.status == 1 && result.stderr.contains("only HQ admins"), "\(result.stderr)")
            try Self.ok(fixture, as: analyst, ["competitor", "card", "set", "ACME", "DE/PORTS", "--why-we-win", "Private 5G on site",
                                               "--objection", "Too expensive=Total cost over five years"])
            out = try Self.ok(fixture, as: analyst, ["competitor", "card", "show", "ACME", "DE/PORTS", "--format", "json"])
            #expect(out.contains(#""why_we_win": "Private 5G on site""#) && out.contains("Too expensive"), "\(out)")

            // FR reads no DE insight until one of its voice entries is accepted by someone else.
            result = try Self.mtl(fixture, as: frEditor, ["insight", "list", "--shared"])
            #expect(result.status == 0 && !result.stdout.contains("Hamburg")
                    && result.stderr.contains("contribute to read: FR has 0 of 1 credits in the last 12 months"), "\(result.stdout) \(result.stderr)")
            out = try Self.ok(fixture, as: frEditor, ["insight", "voice", "add", "--unit", "FR", "--customer", "SNCF", "--channel", "visit",
                                                      "--sentiment=-1", "--theme", "coverage", "--verbatim", "The tunnels drop calls"])
            let voice = try #require(out.split(separator: " ").dropFirst(2).first.map(String.init))
            result = try Self.mtl(fixture, as: frEditor, ["insight", "voice", "accept", voice])
            #expect(result.status == 1 && result.stderr.contains("four-eyes"), "\(result.stderr)")
            for _ in 0..<3 {
                out = try Self.ok(fixture, as: frEditor, ["insight", "voice", "add", "--unit", "FR", "--customer", "RATP", "--channel", "survey",
                                                          "--sentiment", "1", "--theme", "service", "--verbatim", "Support is quick"])
                try Self.ok(fixture, as: frOther, ["insight", "voice", "accept", try #require(out.split(separator: " ").dropFirst(2).first.map(String.init))])
            }
            try Self.ok(fixture, as: frOther, ["insight", "voice", "accept", voice])
            out = try Self.ok(fixture, as: frEditor, ["insight", "credits"])
            #expect(out.contains("FR") && out.contains("true"), "\(out)")
            result = try Self.mtl(fixture, as: frEditor, ["insight", "list", "--shared"])
            #expect(result.stdout.contains("Hamburg automates first") && !result.stderr.contains("contribute to read"), "\(result.stdout) \(result.stderr)")
            // HQ's settings: a region's editor cannot change them; HQ raises the threshold and FR
            // reads DE's insights no more.
            result = try Self.mtl(fixture, as: frEditor, ["insight", "settings", "--threshold", "5"])
            #expect(result.status == 1 && result.stderr.contains("only HQ admins"), "\(result.stderr)")
            out = try Self.ok(fixture, as: hqAdmin, ["insight", "settings", "--threshold", "5", "--rate", "voice=0.5"])
            #expect(out.contains("with 5 credit(s)") && out.contains("voice    0.5"), "\(out)")
            result = try Self.mtl(fixture, as: frEditor, ["insight", "list", "--shared"])
            #expect(!result.stdout.contains("Hamburg") && result.stderr.contains("FR has 1 of 5 credits"), "\(result.stdout) \(result.stderr)")
            out = try Self.ok(fixture, as: frEditor, ["insight", "voice", "summary", "--format", "csv"])
            #expect(out.contains("service,3,1.00") || out.contains("service,3,1"), "\(out)")
        }
    }

    @Test("a unit named as a data provider of another unit's topic sees it, provides data, and a researcher accepts it")
    func dataProvider() async throws {
        try await withTenancy { fixture in
            let lead = try await fixture.createUser("emea_lead", "editor", unit: "EMEA")
            let analyst = try await fixture.createUser("de_analyst", "editor", unit: "DE")
            let frEditor = try await fixture.createUser("fr_editor", "editor", unit: "FR")
            let cnEditor = try await fixture.createUser("cn_editor", "editor", unit: "CN")
            try Self.ok(fixture, as: analyst, ["segment", "add", "DE/PORTS", "--bu", "CARRIER", "--name", "Seaports", "--industry", "Logistics",
                                               "--customer-type", "Port authority", "--solution-line", "Private 5G", "--horizon", "H3"])
            let out = try Self.ok(fixture, as: lead, ["insight", "topic", "propose", "--unit", "DE", "--bu", "CARRIER", "--year", "FY2027",
                                                      "--segment", "DE/PORTS", "--title", "Port automation", "--question", "Who automates cranes by 2028?",
                                                      "--due", "2027-01-31"])
            let topic = try #require(out.split(separator: " ").dropFirst(2).first.map(String.init))
            try Self.ok(fixture, as: lead, ["insight", "topic", "assign", topic, "--researcher", analyst, "--provider-unit", "FR"])
            try Self.ok(fixture, as: lead, ["insight", "topic", "accept", topic])
            #expect(try Self.ok(fixture, as: frEditor, ["insight", "topic", "list"]).contains("Port automation"))
            #expect(!(try Self.ok(fixture, as: cnEditor, ["insight", "topic", "list"]).contains("Port automation")))
            var result = try Self.mtl(fixture, as: cnEditor, ["insight", "topic", "provide", topic, "--unit", "CN", "--description", "Shanghai"])
            #expect(result.status == 1 && result.stderr.contains("no insight topic \(topic) in your scope"), "\(result.stderr)")
            let provided = try Self.ok(fixture, as: frEditor, ["insight", "topic", "provide", topic, "--unit", "FR", "--description", "Le Havre crane counts",
                                                               "--uri", "https://example.org/le-havre.xlsx"])
            #expect(provided.contains("from FR submitted for topic \(topic)") && provided.contains("accept-data"), "\(provided)")
            let data = try #require(provided.split(separator: " ").dropFirst().first.map(String.init))
            result = try Self.mtl(fixture, as: frEditor, ["insight", "topic", "accept-data", data])
            #expect(result.status == 1 && result.stderr.contains("is not in your scope to decide") && result.stderr.contains("researcher"), "\(result.stderr)")
            #expect(try Self.ok(fixture, as: analyst, ["insight", "topic", "accept-data", data]).contains("is accepted"))
            let shown = try Self.ok(fixture, as: analyst, ["insight", "topic", "show", topic])
            #expect(shown.contains("DATA PROVIDED") && shown.contains("Le Havre crane counts") && shown.contains("accepted"), "\(shown)")
            #expect(try Self.ok(fixture, as: frEditor, ["insight", "credits", "--format", "csv"]).contains("FR,data,\(data),"))
        }
    }
}
