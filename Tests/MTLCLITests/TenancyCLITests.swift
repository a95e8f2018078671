import Foundation
import PGKit
import Testing
import TestSupport

/// The org, bu, user and audit commands, run as a person would, against a real server.
@Suite("mtl org, bu, user, audit")
struct TenancyCLITests {
    /// Runs mtl on the fixture's database as `user` (the superuser when nil, with --allow-superuser).
    static func mtl(_ fixture: TenancyFixture, as user: String?, _ arguments: [String], stdin: String? = nil) throws -> MTLProcess.Output {
        let database = user.map { fixture.config(as: $0).conninfo } ?? fixture.database.config.conninfo
        return try MTLProcess.run(arguments + ["--database", database] + (user == nil ? ["--allow-superuser"] : []), stdin: stdin)
    }

    @Test("first-time setup as the superuser, then an admin sets up its region; tree, show, list, JSON and CSV")
    func setUpAndShow() async throws {
        try await withTenancy { fixture in
            let admin = fixture.role("chief")
            let add = try Self.mtl(fixture, as: nil, ["user", "add", admin, "--role", "admin", "--unit", "HQ", "--password-stdin"],
                                   stdin: TenancyFixture.password + "\n")
            #expect(add.status == 0, "\(add.stderr)")
            // The password arrived as a SCRAM verifier: logging in with it works.
            let connection = try await fixture.connect(as: admin)
            await connection.close()

            var result = try Self.mtl(fixture, as: admin, ["org", "add-region", "LATAM", "Latin America", "--time-zone", "America/Sao_Paulo"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["org", "add-country", "BR", "--region", "LATAM"])
            #expect(result.stdout.contains("added country BR (Brazil) to LATAM"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["bu", "add", "CONSUMER", "Consumer devices"])
            #expect(result.status == 0, "\(result.stderr)")

            result = try Self.mtl(fixture, as: admin, ["org", "list"])
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("UNIT") == true)
            #expect(lines.contains { $0.hasPrefix("  LATAM ") } && lines.contains { $0.hasPrefix("    BR ") }, "\(result.stdout)")
            #expect(lines.firstIndex { $0.hasPrefix("    BR ") }! == lines.firstIndex { $0.hasPrefix("  LATAM ") }! + 1)

            result = try Self.mtl(fixture, as: admin, ["org", "show", "BR", "--format", "json"])
            let shown = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let unit = shown?["unit"] as? [String: Any]
            #expect(unit?["time_zone"] as? String == "America/Sao_Paulo" && unit?["path"] as? [String] == ["HQ", "LATAM", "BR"])
            #expect((shown?["fiscal_quarter"] as? String)?.hasPrefix("FY") == true)

            result = try Self.mtl(fixture, as: admin, ["bu", "list", "--format", "csv"])
            #expect(result.stdout.hasPrefix("code,name,active\r\n"))
            #expect(result.stdout.contains("CONSUMER,Consumer devices,true\r\n"))

            result = try Self.mtl(fixture, as: admin, ["org", "calendar", "--start-month", "4"])
            #expect(result.stdout.contains("starts in April"), "\(result.stderr)")
        }
    }

    @Test("users: add, grant, revoke, show, list, disable; a region admin stays in its region")
    func users() async throws {
        try await withTenancy { fixture in
            let regionAdmin = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            let editor = fixture.role("anna")
            var result = try Self.mtl(fixture, as: regionAdmin, ["user", "add", editor, "--role", "editor", "--unit", "DE"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: regionAdmin, ["user", "grant", editor, "--unit", "FR", "--bu", "CARRIER"])
            #expect(result.status == 0, "\(result.stderr)")

            result = try Self.mtl(fixture, as: regionAdmin, ["user", "show", editor])
            #expect(result.stdout.contains("mtl_editor") && result.stdout.contains("DE, FR/CARRIER"), "\(result.stdout)")
            #expect(result.stdout.contains("France (country; CARRIER)") && result.stdout.contains("Germany (country; all BUs)"))

            result = try Self.mtl(fixture, as: regionAdmin, ["user", "list", "--format", "json"])
            let users = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            #expect(Set(users?.compactMap { $0["name"] as? String } ?? []) == [regionAdmin, editor])

            // Outside EMEA: refused with a clear message, nothing created.
            result = try Self.mtl(fixture, as: regionAdmin, ["user", "grant", editor, "--unit", "CN"])
            #expect(result.status == 1 && result.stderr.contains("permission denied: your grants do not cover unit CN"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: regionAdmin, ["user", "add", fixture.role("zed"), "--role", "reader", "--unit", "APAC"])
            #expect(result.status == 1 && result.stderr.contains("cannot create users in unit APAC"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: regionAdmin, ["org", "add-region", "NEWREG", "New", "--time-zone", "UTC"])
            #expect(result.status == 1 && result.stderr.contains("only HQ admins add regions"), "\(result.stderr)")

            result = try Self.mtl(fixture, as: regionAdmin, ["user", "revoke", editor, "--unit", "FR", "--bu", "CARRIER"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: regionAdmin, ["user", "disable", editor])
            #expect(result.status == 0, "\(result.stderr)")
            await #expect(throws: PGError.self) { try await fixture.connect(as: editor) }
            result = try Self.mtl(fixture, as: regionAdmin, ["user", "list", "--format", "csv"])
            #expect(result.stdout.contains("\(editor),editor,DE,DE,false"), "\(result.stdout)")

            // The audit trail shows who did it.
            result = try Self.mtl(fixture, as: regionAdmin, ["audit", "log", "--table", "grant", "--actor", regionAdmin, "--format", "json"])
            let events = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            #expect(events?.map { $0["operation"] as? String } == ["DELETE", "INSERT", "INSERT"], "\(result.stdout) \(result.stderr)")
            #expect((events?.first?["old_row"] as? [String: Any])?["role_name"] as? String == editor)
            result = try Self.mtl(fixture, as: regionAdmin, ["audit", "log", "--since", "1h", "--unit", "DE"])
            #expect(result.stdout.contains("org.user_account") && result.stdout.contains("disabled_at: null →"), "\(result.stdout)")
        }
    }

    @Test("domain commands refuse a superuser connection unless --allow-superuser")
    func refusesSuperuser() async throws {
        try await withTestDatabase { db in
            let refused = try MTLProcess.run(["org", "list", "--database", db.config.conninfo])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("refusing to run as") && refused.stderr.contains("superuser")
                    && refused.stderr.contains("--allow-superuser"), "\(refused.stderr)")
            let allowed = try MTLProcess.run(["org", "list", "--database", db.config.conninfo, "--allow-superuser"])
            #expect(allowed.status == 0 && allowed.stdout.contains("HQ"), "\(allowed.stderr)")
        }
    }

    @Test("names with quotes, spaces, semicolons and unicode are stored as data or rejected, never executed")
    func hostileNames() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let evil = "Robert'); DROP TABLE org.unit; -- \"東京\" ñ"
            var result = try Self.mtl(fixture, as: admin, ["org", "add-region", "EVIL", evil, "--time-zone", "UTC"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["org", "list", "--format", "json"])
            let units = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            #expect(units?.first { $0["code"] as? String == "EVIL" }?["name"] as? String == evil)
            result = try Self.mtl(fixture, as: admin, ["bu", "add", "ODD", "a,b \"c\"\nd"])
            #expect(result.status == 0, "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["bu", "list", "--format", "csv"])
            #expect(result.stdout.contains("ODD,\"a,b \"\"c\"\"\nd\",true"), "\(result.stdout)")

            for (arguments, message) in [
                (["user", "add", "bob'; DROP ROLE postgres; --", "--role", "reader", "--unit", "DE"], "invalid user name"),
                (["user", "add", "Ünïcødé", "--role", "reader", "--unit", "DE"], "invalid user name"),
                (["user", "add", "mtl_owner2", "--role", "reader", "--unit", "DE"], "reserved"),
                (["user", "add", "ok_name", "--role", "superuser", "--unit", "DE"], "role"),
                (["org", "add-region", "EV IL;", "x", "--time-zone", "UTC"], "invalid region code"),
                (["org", "add-country", "D'E", "--region", "EMEA"], "invalid country code"),
                (["bu", "add", "b;u", "x"], "invalid business unit code"),
            ] {
                result = try Self.mtl(fixture, as: admin, arguments)
                #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            }
            // The time zone and unit codes are values too: unknown ones are refused by the database.
            result = try Self.mtl(fixture, as: admin, ["org", "add-region", "ODDTZ", "x", "--time-zone", "UTC'; DROP TABLE org.unit; --"])
            #expect(result.status == 1 && result.stderr.contains("unknown time zone"), "\(result.stderr)")
            result = try Self.mtl(fixture, as: admin, ["user", "grant", admin, "--unit", "X'); DROP TABLE org.grant; --"])
            #expect(result.status == 1 && result.stderr.contains("unknown unit"), "\(result.stderr)")
            // Everything is still there.
            result = try Self.mtl(fixture, as: admin, ["org", "list"])
            #expect(result.stdout.contains("DE") && result.stdout.contains("EVIL"))
        }
    }
}
