import PGKit
import Testing
import TestSupport

/// The marketing framework: its state machine, central approval, the concept cap and the theme
/// stability rule, enforced when SQL is run directly.
@Suite("marketing framework")
struct FrameworkTests {
    /// Creates the framework of `year` (from `from`) as `connection`'s user; returns its id.
    static func create(_ connection: PGConnection, _ year: Int32, from: Int32? = nil, limit: Int32? = nil) async throws -> Int64 {
        try #require(try await connection.fetchValue("SELECT mm.create_framework(\(year), \(from), \(limit))", as: Int64.self))
    }

    /// Adds a theme introduced in `introduced` to a framework.
    static func addTheme(_ connection: PGConnection, framework: Int64, code: String, introduced: Int32) async throws {
        try await connection.execute("INSERT INTO mm.theme (code, introduced_in) VALUES (\(code), \(introduced)) ON CONFLICT (code) DO NOTHING")
        try await connection.execute("""
            INSERT INTO mm.framework_theme (framework_id, theme_id, name, statement)
            SELECT \(framework), id, \(code.capitalized), 'Stated' FROM mm.theme WHERE code = \(code)
            """)
    }

    static func setState(_ connection: PGConnection, framework: Int64, _ state: String) async throws {
        try await connection.execute("UPDATE mm.framework SET state = \(state) WHERE id = \(framework)")
    }

    static func state(_ connection: PGConnection, framework: Int64) async throws -> String? {
        try await connection.fetchValue("SELECT state FROM mm.framework WHERE id = \(framework)", as: String.self)
    }

    /// Takes a draft through submission, approval by `approver` and publication.
    static func publish(_ framework: Int64, admin: PGConnection, approver: PGConnection) async throws {
        try await setState(admin, framework: framework, "submitted")
        let request = try #require(try await MarketSQL.pendingRequest(admin, kind: "framework", subject: framework))
        try await MarketSQL.decide(approver, request: request, "approved")
        try await setState(admin, framework: framework, "published")
    }

    @Test("HQ admins write frameworks, only HQ approvers decide, four-eyes, every decision kept, publishing supersedes")
    func lifecycle() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let otherAdmin = try await fixture.createUser("hq_admin2", "admin", unit: "HQ")
            let approver = try await fixture.createUser("hq_approver", "approver", unit: "HQ")
            let carrierApprover = try await fixture.createUser("hq_carrier_approver", "approver", unit: "HQ", bu: "CARRIER")
            let regionApprover = try await fixture.createUser("emea_approver", "approver", unit: "EMEA")
            let regionAdmin = try await fixture.createUser("emea_admin", "admin", unit: "EMEA")
            let reader = try await fixture.createUser("de_reader", "reader", unit: "DE")
            let asAdmin = try await fixture.connect(as: admin)

            // Only HQ admins create frameworks; everybody reads them.
            let asRegionAdmin = try await fixture.connect(as: regionAdmin)
            await expectRefusal("42501", "row-level security") { _ = try await Self.create(asRegionAdmin, 2026) }
            let fy2026 = try await Self.create(asAdmin, 2026)
            try await Self.addTheme(asAdmin, framework: fy2026, code: "CONNECTED", introduced: 2026)
            try await asAdmin.execute("INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(fy2026), 'FIBRE', 'Fibre everywhere')")
            let asReader = try await fixture.connect(as: reader)
            #expect(try await asReader.fetchValue("SELECT count(*) FROM mm.concept_package", as: Int64.self) == 1)

            // draft → submitted opens a request at HQ for every BU.
            try await Self.setState(asAdmin, framework: fy2026, "submitted")
            let first = try #require(try await MarketSQL.pendingRequest(asAdmin, kind: "framework", subject: fy2026))
            await expectRefusal("23514", "only a draft") {
                try await asAdmin.execute("INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(fy2026), 'CLOUD', 'Cloud')")
            }
            // Four-eyes: the submitter (an admin, so also an approver) cannot decide.
            await expectRefusal("42501", "four-eyes") { try await MarketSQL.decide(asAdmin, request: first, "approved") }
            // Neither a region's approver nor an HQ approver limited to one BU.
            for outsider in [regionApprover, carrierApprover] {
                let connection = try await fixture.connect(as: outsider)
                await expectRefusal("42501", "row-level security") { try await MarketSQL.decide(connection, request: first, "approved") }
                await connection.close()
            }
            // A rejection needs a reason; then the framework goes back to draft by hand.
            let asApprover = try await fixture.connect(as: approver)
            await expectRefusal("23514", "rejection_needs_reason") { try await MarketSQL.decide(asApprover, request: first, "rejected") }
            try await MarketSQL.decide(asApprover, request: first, "rejected", comment: "Themes too vague")
            #expect(try await Self.state(asAdmin, framework: fy2026) == "rejected")
            try await Self.setState(asAdmin, framework: fy2026, "draft")
            try await asAdmin.execute("UPDATE mm.framework_theme SET statement = 'Everything connected' WHERE framework_id = \(fy2026)")
            try await Self.setState(asAdmin, framework: fy2026, "submitted")
            let second = try #require(try await MarketSQL.pendingRequest(asAdmin, kind: "framework", subject: fy2026))
            // Another HQ admin may approve (admins are approvers too).
            let asOtherAdmin = try await fixture.connect(as: otherAdmin)
            try await MarketSQL.decide(asOtherAdmin, request: second, "approved", comment: "Go")
            #expect(try await Self.state(asAdmin, framework: fy2026) == "approved")
            await expectRefusal("23514", "invalid framework state change: approved → submitted") {
                try await Self.setState(asAdmin, framework: fy2026, "submitted")
            }
            try await Self.setState(asAdmin, framework: fy2026, "published")
            #expect(try await asReader.fetchValue("SELECT published_at IS NOT NULL FROM mm.framework WHERE id = \(fy2026)", as: Bool.self) == true)

            // Next year's, created from this one, supersedes it when published.
            let fy2027 = try await Self.create(asAdmin, 2027, from: 2026)
            #expect(try await asReader.fetchValue("SELECT count(*) FROM mm.framework_theme WHERE framework_id = \(fy2027)", as: Int64.self) == 1)
            #expect(try await asReader.fetchValue("SELECT count(*) FROM mm.concept_package WHERE framework_id = \(fy2027)", as: Int64.self) == 1)
            await expectRefusal("23514", "invalid framework state change: draft → published") {
                try await Self.setState(asAdmin, framework: fy2027, "published")
            }
            await expectRefusal("42501", "by hand") { try await Self.setState(asAdmin, framework: fy2026, "superseded") }
            try await Self.publish(fy2027, admin: asAdmin, approver: asApprover)
            #expect(try await Self.state(asReader, framework: fy2026) == "superseded")
            #expect(try await Self.state(asReader, framework: fy2027) == "published")
            let final = await expectRefusal("23514", "superseded → published") { try await Self.setState(asAdmin, framework: fy2026, "published") }
            #expect(final?.hint == "A framework that is superseded is final.")
            // An older year cannot be published after a later one.
            let fy2025 = try await Self.create(asAdmin, 2025)
            try await Self.addTheme(asAdmin, framework: fy2025, code: "OLD", introduced: 2025)
            try await Self.setState(asAdmin, framework: fy2025, "submitted")
            let old = try #require(try await MarketSQL.pendingRequest(asAdmin, kind: "framework", subject: fy2025))
            try await MarketSQL.decide(asApprover, request: old, "approved")
            await expectRefusal("23514", "after a later year") { try await Self.setState(asAdmin, framework: fy2025, "published") }

            // Every decision is kept: who, when, what, why (HQ's people read HQ's requests).
            let decisions = try await asAdmin.fetchAll("""
                SELECT d.decision, d.decided_by::text, d.comment FROM approval.decision d JOIN approval.request r ON r.id = d.request_id
                WHERE r.kind = 'framework' AND r.subject_id = \(fy2026) ORDER BY d.decided_at, d.id
                """, as: (String, String, String?).self)
            #expect(decisions.map(\.0) == ["rejected", "approved"])
            #expect(decisions.map(\.1) == [approver, otherAdmin])
            for connection in [asAdmin, asRegionAdmin, asReader, asApprover, asOtherAdmin] { await connection.close() }
        }
    }

    @Test("the concept package limit: default 12, configurable, enforced by the database")
    func conceptCap() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let asAdmin = try await fixture.connect(as: admin)
            let standard = try await Self.create(asAdmin, 2026)
            #expect(try await asAdmin.fetchValue("SELECT concept_limit FROM mm.framework WHERE id = \(standard)", as: Int16.self) == 12)
            for n in 1...12 {
                try await asAdmin.execute("INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(standard), \("C\(n)"), 'Concept')")
            }
            await expectRefusal("23514", "already has 12 concept packages") {
                try await asAdmin.execute("INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(standard), 'C13', 'Concept')")
            }
            // A whole statement over the limit fails as a whole.
            let small = try await Self.create(asAdmin, 2027, limit: 3)
            await expectRefusal("23514", "already has 3") {
                try await asAdmin.execute("""
                    INSERT INTO mm.concept_package (framework_id, code, name) SELECT \(small), 'K' || n, 'Concept' FROM generate_series(1, 4) n
                    """)
            }
            #expect(try await asAdmin.fetchValue("SELECT count(*) FROM mm.concept_package WHERE framework_id = \(small)", as: Int64.self) == 0)
            try await asAdmin.execute("""
                INSERT INTO mm.concept_package (framework_id, code, name) SELECT \(small), 'K' || n, 'Concept' FROM generate_series(1, 3) n
                """)
            // The limit cannot drop below what is there; raised, it lets one more in.
            await expectRefusal("23514", "more than a limit of 2") {
                try await asAdmin.execute("UPDATE mm.framework SET concept_limit = 2 WHERE id = \(small)")
            }
            try await asAdmin.execute("UPDATE mm.framework SET concept_limit = 4 WHERE id = \(small)")
            try await asAdmin.execute("INSERT INTO mm.concept_package (framework_id, code, name) VALUES (\(small), 'K4', 'Concept')")
            // A copy cannot exceed its own limit.
            await expectRefusal("23514", "already has 2") { _ = try await Self.create(asAdmin, 2028, from: 2027, limit: 2) }
            await asAdmin.close()
        }
    }

    @Test("themes: changing or dropping one within five years of its introduction needs a justification; none after")
    func themeStability() async throws {
        try await withTenancy { fixture in
            let admin = try await fixture.createUser("hq_admin", "admin", unit: "HQ")
            let approver = try await fixture.createUser("hq_approver", "approver", unit: "HQ")
            let asAdmin = try await fixture.connect(as: admin)
            let asApprover = try await fixture.connect(as: approver)
            let fy2024 = try await Self.create(asAdmin, 2024)
            try await Self.addTheme(asAdmin, framework: fy2024, code: "YOUNG", introduced: 2024)
            try await Self.addTheme(asAdmin, framework: fy2024, code: "MATURE", introduced: 2019)
            try await Self.addTheme(asAdmin, framework: fy2024, code: "SPARE", introduced: 2022)
            try await Self.publish(fy2024, admin: asAdmin, approver: asApprover)

            let fy2025 = try await Self.create(asAdmin, 2025, from: 2024)
            func theme(_ code: String) -> SQL { "theme_id = (SELECT id FROM mm.theme WHERE code = \(code)) AND framework_id = \(fy2025)" }
            // YOUNG (FY2024) changes in FY2025: one year later, so a justification is needed.
            let change = await expectRefusal("23514", "changing theme YOUNG in FY2025 needs a justification") {
                try await asAdmin.execute("UPDATE mm.framework_theme SET name = 'Younger' WHERE " + theme("YOUNG"))
            }
            #expect(change?.hint?.contains("--justification") == true)
            try await asAdmin.execute("UPDATE mm.framework_theme SET name = 'Younger', justification = 'Brand refresh' WHERE " + theme("YOUNG"))
            // MATURE (FY2019) is six years old: it may change freely.
            try await asAdmin.execute("UPDATE mm.framework_theme SET statement = 'Restated' WHERE " + theme("MATURE"))
            // Dropping SPARE (FY2022) needs a justification; deleting it instead is caught on submission.
            await expectRefusal("23514", "dropping theme SPARE in FY2025 needs a justification") {
                try await asAdmin.execute("UPDATE mm.framework_theme SET dropped = true WHERE " + theme("SPARE"))
            }
            try await asAdmin.execute("DELETE FROM mm.framework_theme WHERE " + theme("SPARE"))
            await expectRefusal("23514", "leaves out theme(s) SPARE") { try await Self.setState(asAdmin, framework: fy2025, "submitted") }
            try await asAdmin.execute("""
                INSERT INTO mm.framework_theme (framework_id, theme_id, name, dropped, justification)
                SELECT \(fy2025), id, 'Spare', true, 'Merged into YOUNG' FROM mm.theme WHERE code = 'SPARE'
                """)
            try await Self.publish(fy2025, admin: asAdmin, approver: asApprover)
            // The next year compares with FY2025: SPARE is gone, YOUNG is as restated.
            let fy2026 = try await Self.create(asAdmin, 2026, from: 2025)
            let names = try await asAdmin.fetchAll("""
                SELECT t.code, ft.name FROM mm.framework_theme ft JOIN mm.theme t ON t.id = ft.theme_id
                WHERE ft.framework_id = \(fy2026) ORDER BY t.code
                """, as: (String, String).self)
            #expect(names.map(\.0) == ["MATURE", "YOUNG"] && names.map(\.1) == ["Mature", "Younger"])
            await expectRefusal("23514", "nothing to drop") {
                try await asAdmin.execute("""
                    INSERT INTO mm.framework_theme (framework_id, theme_id, name, dropped, justification)
                    SELECT \(fy2026), id, 'Spare', true, 'again' FROM mm.theme WHERE code = 'SPARE'
                    """)
            }
            // In FY2029, five years after its introduction, YOUNG may change without a reason.
            for year: Int32 in 2026...2028 {
                let id = year == 2026 ? fy2026 : try await Self.create(asAdmin, year, from: year - 1)
                try await Self.publish(id, admin: asAdmin, approver: asApprover)
            }
            let fy2029 = try await Self.create(asAdmin, 2029, from: 2028)
            try await asAdmin.execute("""
                UPDATE mm.framework_theme SET name = 'Grown up'
                WHERE framework_id = \(fy2029) AND theme_id = (SELECT id FROM mm.theme WHERE code = 'YOUNG')
                """)
            await asAdmin.close()
            await asApprover.close()
        }
    }
}
