import Demand
import MTLCore
import Market
import PGKit
import Scheduler
import Testing
import TestSupport

/// Each module refuses in its own terms: tests match the cases, and no module's wording names a
/// command or a flag (the CLI adds those, in Sources/MTLCLI/Hints.swift).
@Suite("domain errors")
struct DomainErrorTests {
    @Test("services throw their module's typed cases")
    func typedCases() async throws {
        try await withTenancy { fixture in
            let db = try await fixture.database.connect()
            await #expect(throws: CoreError.unknownUnit("ZZ")) { _ = try await OrgUnit.require(code: "ZZ", on: db) }
            await #expect(throws: MarketError.noFramework(FiscalYear(2099))) { _ = try await Framework.require(FiscalYear(2099), on: db) }
            await #expect(throws: DemandError.noLead(999_999)) { _ = try await Lead.require(id: 999_999, on: db) }
            await #expect(throws: SchedulerError.noJob(999_999)) { _ = try await JobQueue.require(id: 999_999, on: db) }
            #expect(throws: CoreError.invalidFiscalQuarter("FY2027-Q5")) { _ = try FiscalQuarter(parsing: "FY2027-Q5") }
            #expect(throws: MarketError.invalidSegmentReference("RAIL")) { _ = try SegmentReference(parsing: "RAIL") }
            await db.close()
        }
    }

    @Test("no domain message or advice names a command or a flag")
    func domainTerms() {
        let year = FiscalYear(2027)
        let samples: [any DomainError] = [
            CoreError.unknownUnit("DE"), CoreError.outOfScope("x"), CoreError.rejectionNeedsReason, CoreError.emptyPassword,
            CoreError.fiscalCalendarMissing, CoreError.privilegedConnection(role: "postgres", why: "a superuser"),
            MarketError.noFramework(year), MarketError.themeExists(code: "CLOUD", year: year), MarketError.nothingToChange(.msp),
            MarketError.nothingToChange(.theme), MarketError.noMSP(1),
            DemandError.noRecipient, DemandError.unknownField(column: "Firma", field: "x", known: ["company"]),
            DemandError.mappedColumnMissing(column: "Kunde", path: "f.csv", header: ["a"]), DemandError.unknownChannel("fax"),
            DemandError.unknownColumns(path: "f.csv", columns: ["a"], known: ["company"]), DemandError.noChannelColumn(path: "f.csv"),
            DemandError.importOutsideScope(scope: "FR", oneBU: false),
            DemandError.alreadyImported(file: "f.csv", unit: "DE", importID: 1, on: "2026-12-01", by: "x", leads: 2),
            SchedulerError.noJob(1), SchedulerError.noSchedule("x"),
        ]
        for error in samples {
            let words = error.message + " " + (error.advice ?? "")
            #expect(!words.contains("mtl ") && !words.contains("--"), "\(words)")
        }
    }
}
