@testable import Demand
import MTLCore
import PGKit
import Testing
import TestSupport

/// Swift checks some values early, for better messages; the database holds the rule. These
/// catalog tests pin each Swift list to its CHECK, so neither can change alone.
@Suite("Swift lists pinned to their CHECKs")
struct CatalogPinTests {
    static func values(of constraint: String, on db: PGConnection) async throws -> Set<String> {
        let table = try #require(try await db.fetchValue(
            "SELECT conrelid::regclass::text FROM pg_constraint WHERE conname = \(constraint)", as: String.self), "no constraint \(constraint)")
        return try await Catalog.checkValues(of: constraint, on: table, db)
    }

    @Test("the core's capabilities, unit kinds and lead channels are the database's")
    func lists() async throws {
        try await withTestConnection { db in
            let core = try await db.fetchAll("SELECT code FROM org.capability WHERE owner_schema = 'org' ORDER BY position", as: String.self)
            #expect(core == Capability.core.map(\.rawValue))
            let kinds = try await Self.values(of: "unit_kind_check", on: db)
            #expect(kinds == Set(OrgUnit.Kind.allCases.map(\.rawValue)))
            let channels = try await Self.values(of: "lead_channel", on: db)
            #expect(channels == LeadField.channels)
        }
    }

    @Test("the import's early e-mail check agrees with dg.lead's, on ASCII and other addresses")
    func emailCheck() async throws {
        let samples = ["anna@example.com", "a@b.co", "a@b.c", "@example.com", "anna@", "anna@@example.com", "anna@ex@ample.com",
                       "anna example@example.com", "anna@example .com", "anna\t@example.com", "anna@example.com\u{0B}",
                       "anna@.com", "anna@example.", "anna@ex.a", "chloé@müller.example", "anna@exämple", "a.b+c@sub.example.org"]
        try await withTestConnection { db in
            for sample in samples {
                let database = try await db.fetchValue("SELECT \(sample) ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'", as: Bool.self)
                #expect(LeadField.isEmailAddress(sample) == database, "\(sample.debugDescription)")
            }
        }
        // Stricter on purpose: a non-ASCII space (a no-break space pasted from a web page) is
        // refused early, whether or not the database's locale counts it as `\s`.
        for sample in ["anna\u{00A0}@example.com", "anna\u{2003}x@example.com"] {
            #expect(!LeadField.isEmailAddress(sample), "\(sample.debugDescription)")
        }
    }

    @Test("the acceptance SLA's range is the database's")
    func slaRange() async throws {
        try await withTestConnection { db in
            let check = try #require(try await db.fetchValue("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                WHERE c.conrelid = 'dg.lead_setting'::regclass AND pg_get_constraintdef(c.oid) LIKE '%acceptance_sla_days%'
                """, as: String.self))
            #expect(check.contains(">= \(LeadSLA.allowedDays.lowerBound)") && check.contains("<= \(LeadSLA.allowedDays.upperBound)"), "\(check)")
        }
    }

    @Test("the currency and country-code checks agree with the database's")
    func formats() async throws {
        try await withTestConnection { db in
            for sample in ["EUR", "USD", "eur", "EU", "EURO", "E1R", ""] {
                let database = try await db.fetchValue("SELECT \(sample) ~ '^[A-Z]{3}$'", as: Bool.self)
                let swift = (try? Names.checkCurrency(sample)) != nil
                #expect(database == swift, "\(sample)")
                let check = try await db.fetchValue("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'unit_currency'", as: String.self)
                #expect(check?.contains("^[A-Z]{3}$") == true)
            }
        }
    }
}
