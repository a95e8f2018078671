import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// The quarterly report pack: rendered by a scheduler login from the reporting views (within its
/// grants), stored once per region and quarter, read by the region's people and HQ, written by
/// nobody else.
@Suite("quarterly report packs")
struct ReportPackTests {
    @Test("a scheduler login renders EMEA's pack once; EMEA and HQ read it, APAC does not; people cannot store packs")
    func packs() async throws {
        try await withTenancy { fixture in
            let world = try await ScorecardTests.world(fixture)
            _ = try await QualityCheck.run(on: world)
            let worker = try await fixture.connect(as: try await fixture.createUser("worker", "scheduler", unit: "HQ"))
            let first = try await worker.transaction { db in try await ReportPack.render(unit: "EMEA", job: nil, on: db) }
            let id = try #require(first)
            #expect(try await worker.transaction { db in try await ReportPack.render(unit: "EMEA", job: nil, on: db) } == nil, "once per quarter")
            let html = try #require(try await world.fetchValue("SELECT html FROM mqa.report_pack WHERE id = \(id)", as: String.self))
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Scorecard FY") && html.contains("EMEA"))
            // The region's findings, read through the reporting schema as the scheduler's login.
            let emeaFindings = try await world.fetchValue("""
                SELECT count(*) FROM mqa.finding f JOIN org.unit u ON u.id = f.unit_id
                WHERE u.path @> ARRAY[(SELECT id FROM org.unit WHERE code = 'EMEA')]
                """, as: Int64.self) ?? 0
            #expect(html.contains("<h2>Quality findings</h2>") && emeaFindings > 0 && !html.contains("No findings in your scope"))

            let emea = try await fixture.connect(as: try await fixture.createUser("emea_reader", "reader", unit: "EMEA"))
            #expect(try await ReportPack.list(on: emea).map(\.id) == [id])
            #expect(try await ReportPack.html(id: id, on: emea) == html)
            let apac = try await fixture.connect(as: try await fixture.createUser("apac_reader", "reader", unit: "APAC"))
            #expect(try await ReportPack.list(on: apac).isEmpty)
            await #expect(throws: QualityError.noPack(id)) { _ = try await ReportPack.html(id: id, on: apac) }

            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            await expectRefusal("42501", "permission denied") {
                _ = try await admin.execute("SELECT mqa.store_pack('EMEA', 2027, 1, 'x', 'x', NULL)")
            }
            let editor = try await fixture.connect(as: try await fixture.createUser("emea_editor", "editor", unit: "EMEA"))
            let region = try await fixture.id(ofUnit: "EMEA")
            await expectRefusal("42501", "permission denied") {
                _ = try await editor.execute("INSERT INTO mqa.report_pack (unit_id, fiscal_year, quarter, title, html) VALUES (\(region), 2027, 1, 'x', 'x')")
            }
            for connection in [world, worker, emea, apac, admin, editor] { await connection.close() }
        }
    }
}
