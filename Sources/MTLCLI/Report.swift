import ArgumentParser
import Foundation
import MTLCore
import PGKit
import Quality

/// `mtl report …`: reports people look at (MQA).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports: the scorecard of a fiscal quarter or year, campaign influence (attribution), refreshing the figures.",
        subcommands: [ScorecardCommand.self, QualityReportCommand.self, AttributionCommand.self, Packs.self, Refresh.self]
    )
}

extension ReportCommand {
    struct ScorecardCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract: "What marketing produced: activities, cost, the lead funnel, SLA, pipeline, targets — judged by results.",
            discussion: """
                Rows are ranked by pipeline per unit of spend, then by leads. Money is in --currency, \
                converted with HQ's rates of each figure's quarter (mtl org fx); a figure without a rate \
                is empty and its currency listed under MISSING RATES. The figures are refreshed nightly \
                and after imports and reviews (REFRESHED AT in json/csv; mtl report refresh, HQ admins).
                Example:
                  mtl report scorecard --quarter FY2027-Q2 --unit EMEA --by country --currency EUR
                """)

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("A fiscal quarter, such as FY2027-Q2.", valueName: "quarter")) var quarter: FiscalQuarter?
        @Option(help: ArgumentHelp("A whole fiscal year, such as FY2027 (instead of --quarter).", valueName: "year")) var year: FiscalYear?
        @Option(help: ArgumentHelp("This unit and the units below it (default: all you can see).", valueName: "code")) var unit: String?
        @Option(help: "Rows by country, region, bu, industry, programme or activity-type.") var by: Scorecard.Dimension = .country
        @Option(help: ArgumentHelp("The reporting currency.", valueName: "code")) var currency = "EUR"
        @Option(help: "Output format: table, json, csv, or html (one self-contained file with charts).") var format: Format = .table
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

        func validate() throws {
            if (quarter == nil) == (year == nil) { throw ValidationError("give --quarter or --year") }
            if output != nil && format != .html { throw ValidationError("-o is for --format html; redirect the other formats") }
        }

        func run() async throws {
            let fiscalYear = quarter?.fiscalYear ?? year!
            let code = currency.uppercased()
            if format == .html {
                let report = try await options.withConnection { db in
                    try await ScorecardReport.gather(year: fiscalYear, quarter: quarter?.quarter, unit: unit, by: by, currency: code, on: db)
                }
                return try ReportCommand.write(html: report.html, title: report.title, to: output)
            }
            let rows = try await options.withConnection { db in
                try await Scorecard.figures(year: fiscalYear, quarter: quarter?.quarter, unit: unit, by: by, currency: code, on: db)
            }
            try OutputFormat(rawValue: format.rawValue)!.print(rows)
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refresh the scorecards' figures now (HQ admins; the nightly scorecard.refresh job does this).")
        @OptionGroup var options: DomainOptions

        func run() async throws {
            let refreshed = try await options.withConnection { try await Scorecard.refresh(on: $0) }
            for (name, seconds) in refreshed { print("refreshed \(name) in \(seconds) s") }
        }
    }
}

extension ReportCommand {
    struct AttributionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attribution",
            abstract: "Campaign influence: the leads and pipeline each activity, programme or concept brought, under a model.",
            discussion: """
                Models (versioned; a version never changes): source (all to the lead's source activity), first_touch, \
                last_touch, linear, time_decay. Record the touches after a lead's source with: mtl lead touch ID --activity ID
                Example:
                  mtl report attribution --model linear --by programme --unit EMEA
                """)
        @OptionGroup var options: DomainOptions
        @Option(help: "source, first_touch, last_touch, linear or time_decay.") var model = "linear"
        @Option(help: "The model's version (default: its latest).") var version: Int32?
        @Option(help: "Rows by activity, programme or concept.") var by: Attribution.Dimension = .programme
        @Option(help: ArgumentHelp("This unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            try format.print(try await options.withConnection {
                try await Attribution.figures(model: model, version: version, by: by, unit: unit, on: $0)
            })
        }
    }
}

extension ReportCommand {
    struct Packs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quarterly report packs: each region's scorecard of a closed quarter, stored by the scheduler.",
            discussion: "The schedules report.quarterly_pack:<region> render them after each quarter closes in the region's clock; an HQ admin can fire one now: mtl schedule run-now report.quarterly_pack:emea",
            subcommands: [List.self, Get.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the packs you can see.")
            @OptionGroup var options: DomainOptions
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
            func run() async throws { try format.print(try await options.withConnection { try await ReportPack.list(on: $0) }) }
        }

        struct Get: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write a pack's HTML to a file.")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The pack's id (see: mtl report packs list).") var id: Int64
            @Option(name: .shortAndLong, help: ArgumentHelp("The file to write.", valueName: "file")) var output: String

            func run() async throws {
                let html = try await options.withConnection { try await ReportPack.html(id: id, on: $0) }
                do {
                    try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CLIError("cannot write \(output): \(error.localizedDescription)")
                }
                print("wrote report pack \(id) to \(output)")
            }
        }
    }
}

extension ReportCommand {
    struct QualityReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quality",
            abstract: "The quality findings you can see, per rule or per unit: open, acknowledged, waived, resolved, reopened, the oldest open.")
        @OptionGroup var options: DomainOptions
        @Option(help: "Rows by rule or unit.") var by: QualityReport.Dimension = .rule
        @Option(help: ArgumentHelp("This unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json, csv, or html (one self-contained file with a chart).")
        var format: ScorecardCommand.Format = .table
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func validate() throws {
            if output != nil && format != .html { throw ValidationError("-o is for --format html; redirect the other formats") }
        }

        func run() async throws {
            let rows = try await options.withConnection { try await QualityReport.figures(by: by, unit: unit, on: $0) }
            if format == .html {
                return try ReportCommand.write(html: QualityReport.html(rows, by: by, unit: unit),
                                               title: "the quality report" + (unit.map { " of \($0)" } ?? ""), to: output)
            }
            try OutputFormat(rawValue: format.rawValue)!.print(rows)
        }
    }

    /// Writes an HTML report to `output` (atomically), or to standard output.
    static func write(html: String, title: String, to output: String?) throws {
        guard let output else { return print(html, terminator: "") }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIError("cannot write \(output): \(error.localizedDescription)")
        }
        print("wrote \(title) to \(output)")
    }
}

extension QualityReport.Dimension: ExpressibleByArgument {}
extension Scorecard.Dimension: ExpressibleByArgument {}
extension Attribution.Dimension: ExpressibleByArgument {}
