import Foundation
import PGKit
import Testing
import TestSupport

/// The enablement commands through the binary, as people would run them: HQ's global material
/// and summit kit, EMEA's derived deck, DE's customised one; a seller login who finds, uses and
/// rates it (the author refused); an exam, its certification, recertification after a major
/// version; readiness of an H1 segment.
@Suite("mtl material, kit, seller, exam, cert, readiness")
struct EnablementCLITests {
    typealias CLI = InsightCLITests

    static func id(_ out: String, after prefix: String) throws -> String {
        let rest = try #require(out.range(of: prefix).map { out[$0.upperBound...] }, "\(prefix) in \(out)")
        return String(rest.prefix { $0.isNumber })
    }

    @Test("from HQ's summit kit to a DE seller's rating and certification")
    func workflow() async throws {
        try await withTenancy { fixture in
            let hq = try await fixture.createUser("hq_author", "editor", unit: "HQ")
            let emea = try await fixture.createUser("emea_author", "editor", unit: "EMEA")
            let de = try await fixture.createUser("de_author", "editor", unit: "DE")
            let admin = try await fixture.createUser("de_admin", "admin", unit: "DE")
            // A seller login, created through the binary; an unknown role is refused with the list.
            var result = try CLI.mtl(fixture, as: admin, ["user", "add", fixture.role("de_nope"), "--role", "dancer", "--unit", "DE"])
            #expect(result.status != 0 && result.stderr.contains("unknown role 'dancer'") && result.stderr.contains("seller"), "\(result.stderr)")
            let sellerLogin = fixture.role("de_anna")
            try CLI.ok(fixture, as: admin, ["user", "add", sellerLogin, "--role", "seller", "--unit", "DE", "--bu", "CARRIER"])
            var out = try CLI.ok(fixture, as: de, ["seller", "add", "Anna", "--unit", "DE", "--bu", "CARRIER", "--role", "account_manager", "--login", sellerLogin])
            #expect(out.contains("account_manager, DE/CARRIER"), "\(out)")

            out = try CLI.ok(fixture, as: hq, ["material", "add", "--unit", "HQ", "--title", "Summit keynote", "--kind", "slides",
                                               "--uri", "https://intranet.example/summit.pptx", "--summary", "Opening the customer summit",
                                               "--scenario", "summit", "--stage", "discover", "--role", "account_manager"])
            let keynote = try Self.id(out, after: "added material ")
            result = try CLI.mtl(fixture, as: emea, ["material", "add", "--unit", "EMEA", "--parent", keynote, "--title", "x", "--kind", "slides", "--uri", "https://x.example"])
            #expect(result.status == 1 && result.stderr.contains("row-level security"), "HQ's draft is not EMEA's to see: \(result.stderr)")
            try CLI.ok(fixture, as: hq, ["material", "publish", keynote])
            out = try CLI.ok(fixture, as: emea, ["material", "add", "--unit", "EMEA", "--parent", keynote, "--title", "EMEA workshop deck",
                                                 "--kind", "slides", "--uri", "https://intranet.example/emea.pptx", "--scenario", "workshop"])
            let workshop = try Self.id(out, after: "added material ")
            try CLI.ok(fixture, as: emea, ["material", "publish", workshop])
            try CLI.ok(fixture, as: hq, ["kit", "add", "HQ/SUMMIT", "--title", "Summit kit", "--scenario", "summit"])
            try CLI.ok(fixture, as: hq, ["kit", "add", "HQ/SUMMIT", "--step", "Open the summit", "--material", keynote])
            try CLI.ok(fixture, as: hq, ["kit", "add", "HQ/SUMMIT", "--step", "Show the network live", "--tool", "Experience cloud"])
            out = try CLI.ok(fixture, as: sellerLogin, ["kit", "show", "HQ/SUMMIT"])
            #expect(out.contains("Summit keynote") && out.contains("Experience cloud"), "\(out)")

            // The seller finds, uses and rates; the author cannot rate.
            out = try CLI.ok(fixture, as: sellerLogin, ["material", "find", "--scenario", "summit", "summit"])
            #expect(out.contains("Summit keynote") && !out.contains("EMEA workshop"), "\(out)")
            result = try CLI.mtl(fixture, as: sellerLogin, ["material", "rate", keynote, "5"])
            #expect(result.status == 1 && result.stderr.contains("has not recorded a use"), "\(result.stderr)")
            try CLI.ok(fixture, as: sellerLogin, ["material", "use", keynote, "--scenario", "summit"])
            out = try CLI.ok(fixture, as: sellerLogin, ["material", "rate", keynote, "5", "--comment", "Opened every door"])
            #expect(out.contains("its score is 3.33 from 1 rating(s)"), "\(out)")
            result = try CLI.mtl(fixture, as: sellerLogin, ["material", "rate", keynote, "9"])
            #expect(result.status != 0 && result.stderr.contains("1 to 5"), "\(result.stderr)")
            result = try CLI.mtl(fixture, as: hq, ["material", "rate", keynote, "5"])
            #expect(result.status == 1 && result.stderr.contains("is not an active seller"), "\(result.stderr)")
            result = try CLI.mtl(fixture, as: sellerLogin, ["material", "add", "--unit", "DE", "--title", "x", "--kind", "slides", "--uri", "https://x.example"])
            #expect(result.status == 1 && result.stderr.contains("permission denied"), "\(result.stderr)")

            // An exam on the keynote certifies; a major version asks for recertification.
            try CLI.ok(fixture, as: hq, ["exam", "add", "HQ/SUMMIT", "--title", "Summit exam", "--role", "account_manager",
                                         "--material", keynote, "--pass-mark", "70", "--validity", "12"])
            out = try CLI.ok(fixture, as: sellerLogin, ["exam", "record", "HQ/SUMMIT", "--score", "60"])
            #expect(out.contains("below the pass mark"), "\(out)")
            out = try CLI.ok(fixture, as: sellerLogin, ["exam", "record", "HQ/SUMMIT", "--score", "85"])
            #expect(out.contains("waits for an editor of your unit"), "\(out)")
            let resultID = try Self.id(out, after: "result ")
            result = try CLI.mtl(fixture, as: sellerLogin, ["exam", "confirm", resultID])
            #expect(result.status == 1 && result.stderr.contains("permission denied"), "\(result.stderr)")
            out = try CLI.ok(fixture, as: de, ["exam", "results", "--pending", "--format", "csv"])
            #expect(out.contains("Anna,85") && out.contains("false"), "\(out)")
            out = try CLI.ok(fixture, as: de, ["exam", "confirm", resultID])
            #expect(out.contains("certification") && out.contains("granted"), "\(out)")
            out = try CLI.ok(fixture, as: hq, ["material", "version", keynote, "--major", "--note", "New portfolio"])
            #expect(out.contains("at version 2.0"), "\(out)")
            out = try CLI.ok(fixture, as: de, ["cert", "expiring", "--format", "csv"])
            #expect(out.contains("Anna") && out.contains("recertify"), "\(out)")
            out = try CLI.ok(fixture, as: de, ["cert", "expiring", "--within", "800", "--format", "csv"])
            #expect(out.split(separator: "\r\n").count == 2, "\(out)")
            out = try CLI.ok(fixture, as: sellerLogin, ["cert", "list"])
            #expect(out.contains("recertify"), "\(out)")
            out = try CLI.ok(fixture, as: de, ["material", "show", workshop])
            #expect(out.contains("has a newer major version"), "\(out)")

            // Readiness of DE/RAIL (H1): one account manager, not validly certified.
            try CLI.ok(fixture, as: de, ["segment", "add", "DE/RAIL", "--bu", "CARRIER", "--name", "Railways", "--industry", "Transport",
                                         "--customer-type", "Rail operator", "--solution-line", "Private 5G", "--horizon", "H1"])
            out = try CLI.ok(fixture, as: de, ["readiness", "--segment", "DE/RAIL", "--format", "csv"])
            #expect(out.contains("DE/RAIL,H1,account_manager,1,0,0"), "\(out)")
            // A programme for DE/RAIL, a session on the keynote, attended by the seller.
            out = try CLI.ok(fixture, as: de, ["enablement", "programme", "--unit", "DE", "--bu", "CARRIER", "--title", "FRMCS readiness",
                                               "--segment", "DE/RAIL", "--starts", "2027-01-01", "--ends", "2027-03-31"])
            let programme = try Self.id(out, after: "added programme ")
            result = try CLI.mtl(fixture, as: de, ["enablement", "session", programme, "--title", "x", "--channel", "pigeon", "--on", "2027-01-10"])
            #expect(result.status == 1 && result.stderr.contains("session_channel"), "\(result.stderr)")
            out = try CLI.ok(fixture, as: de, ["enablement", "session", programme, "--title", "Kick-off", "--channel", "classroom",
                                               "--on", "2027-01-10", "--material", keynote])
            let session = try Self.id(out, after: "added session ")
            try CLI.ok(fixture, as: sellerLogin, ["enablement", "attend", session])
            try CLI.ok(fixture, as: sellerLogin, ["enablement", "attend", session])
            result = try CLI.mtl(fixture, as: sellerLogin, ["enablement", "session", programme, "--title", "x", "--channel", "online", "--on", "2027-01-11"])
            #expect(result.status == 1 && result.stderr.contains("permission denied"), "\(result.stderr)")
            out = try CLI.ok(fixture, as: sellerLogin, ["material", "list", "--format", "json"])
            #expect(out.contains(#""title":"Summit keynote""#) && out.contains(#""version":"2.0""#), "\(out)")
            out = try CLI.ok(fixture, as: de, ["seller", "show", sellerLogin])
            #expect(out.contains("CERTIFICATIONS") && out.contains("recertify"), "\(out)")
        }
    }
}
