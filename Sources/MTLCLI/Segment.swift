import ArgumentParser
import Foundation
import Insight
import Market
import MTLCore
import PGKit

/// `mtl segment …`: market segments, their scores and the ranked portfolio.
struct SegmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Market segments: add, score on attractiveness and capability, and rank the portfolio.",
        discussion: """
            A segment belongs to a unit and a BU and is named UNIT/CODE (DE/RAIL). Each fiscal year \
            it is scored 1–5 on the factors (mtl segment factors); weights per BU and year (set by \
            HQ admins, equal by default) give its attractiveness and capability, its rank within \
            the unit and its quadrant: invest_grow, selective, maintain or harvest (split at 3).
            Example:
              mtl segment add DE/RAIL --bu CARRIER --name 'Rail operators' --industry Transport \\
                  --customer-type Operator --solution-line 'Private wireless' --horizon H2
              mtl segment score DE/RAIL --year FY2027 market_size=4 market_growth=5 profitability=3 \\
                  market_share=2 competitiveness=3 customer_relationship=4
              mtl segment rank --year FY2027 --unit EMEA
            """,
        subcommands: [Add.self, List.self, Score.self, Rank.self, Gap.self, Factors.self, Weights.self, Deactivate.self]
    )

    struct ReferenceArgument: ParsableArguments {
        @Argument(help: "The segment: UNIT/CODE, such as DE/RAIL.") var segment: String

        var reference: SegmentReference { get throws { try SegmentReference(parsing: segment) } }

        func validate() throws { try validating { _ = try SegmentReference(parsing: segment) } }
    }

    /// Parses `name=value` pairs.
    static func pairs(_ items: [String], what: String) throws -> [(String, String)] {
        try items.map { item in
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("expected factor=\(what), got '\(item)'") }
            return (String(parts[0]), String(parts[1]))
        }
    }
}

extension Segment.Horizon: ExpressibleByArgument {}

extension SegmentCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a segment to a unit for a BU.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: ReferenceArgument
        @Option(help: ArgumentHelp("The business unit.", valueName: "code")) var bu: String
        @Option(help: "The segment's name.") var name: String
        @Option(help: "The customers' industry.") var industry: String
        @Option(help: "The type of customer, such as operator, large enterprise, public sector.") var customerType: String
        @Option(help: "The solution or product line offered.") var solutionLine: String
        @Option(help: "H1 (core), H2 (growth) or H3 (emerging).") var horizon: Segment.Horizon
        @Option(help: "The customers' needs.") var needs = ""
        @Option(help: "The customers' pain points.") var painPoints = ""

        func run() async throws {
            let draft = Segment.Draft(name: name, industry: industry, customerType: customerType, solutionLine: solutionLine,
                                      horizon: horizon, needs: needs, painPoints: painPoints)
            let segment = try await options.withConnection { db in try await Segment.add(try target.reference, bu: bu, draft, on: db) }
            print("added segment \(segment.reference) (\(segment.bu), \(segment.horizon.rawValue)): \(segment.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the segments you can see.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Only this business unit.", valueName: "code")) var bu: String?
        @Flag(help: "Include inactive segments.") var all = false
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let segments = try await options.withConnection { db in
                try await Segment.list(unit: unit, bu: bu, includeInactive: all, on: db)
            }
            try format.print(segments)
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a segment (1–5) on factors for a fiscal year; all or nothing.",
            discussion: "Example: mtl segment score DE/RAIL --year FY2027 market_size=4 market_share=2")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: ReferenceArgument
        @Option(help: "The fiscal year, such as FY2027.") var year: FiscalYear
        @Argument(help: "factor=score pairs (see: mtl segment factors).") var scores: [String] = []
        @Option(help: "A note on the evidence behind the scores.") var note = ""
        @Flag(help: "Suggest market_size and market_growth scores from the segment's current market size estimate (mtl insight size); changes nothing.")
        var suggest = false

        func validate() throws {
            if suggest {
                guard scores.isEmpty else { throw ValidationError("--suggest changes nothing: give it without factor=score pairs") }
                return
            }
            guard !scores.isEmpty else { throw ValidationError("give at least one factor=score") }
            for (factor, value) in try SegmentCommand.pairs(scores, what: "score") where Int(value) == nil {
                throw ValidationError("the score of \(factor) must be a whole number from 1 to 5, not '\(value)'")
            }
        }

        func run() async throws {
            if suggest {
                let (size, growth, compared, estimate) = try await options.withConnection { db in
                    try await MarketSize.suggestedScores(segment: target.segment, year: Int32(year.year), on: db)
                }
                print("""
                    suggested from market size \(estimate.id) (SAM \(estimate.sam) \(estimate.currency), growth \(estimate.growthRate * 100) %, \(estimate.source)):
                      market_size=\(size)   (\(compared < 2 ? "no other current estimate of FY\(year.year) to compare with: the middle" : "the SAM's fifth among the \(compared) current estimates of FY\(year.year) you can see"))
                      market_growth=\(growth) (bands: below 0 %, 3 %, 7 %, 12 %, above)
                    nothing changed; to score: mtl segment score \(target.segment) --year \(year) market_size=\(size) market_growth=\(growth)
                    """)
                return
            }
            let parsed = Dictionary(try SegmentCommand.pairs(scores, what: "score").map { ($0.0, Int($0.1) ?? 0) }, uniquingKeysWith: { $1 })
            try await options.withConnection { db in
                try await Segment.score(try target.reference, year: year, scores: parsed, note: note, on: db)
            }
            print("scored \(target.segment) for \(year) on \(parsed.count) factor\(parsed.count == 1 ? "" : "s")")
        }
    }

    struct Rank: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The ranked portfolio for a fiscal year, by unit.")

        @OptionGroup var options: DomainOptions
        @Option(help: "The fiscal year, such as FY2027.") var year: FiscalYear
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let entries = try await options.withConnection { try await PortfolioEntry.list(year: year, unit: unit, on: $0) }
            func number(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "" }
            try format.print(entries)
        }
    }

    struct Factors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scoring factors.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let factors = try await options.withConnection { try await Factor.all(on: $0) }
            try format.print(factors)
        }
    }

    struct Weights: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, or set (HQ admins), the factor weights of a BU for a fiscal year.",
            discussion: """
                Each axis's weights must sum to 1; factors not named weigh 0.
                Example: mtl segment weights --bu CARRIER --year FY2027 --set market_size=0.5 market_growth=0.3 \\
                    profitability=0.2 market_share=0.6 competitiveness=0.4
                """)

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("The business unit.", valueName: "code")) var bu: String
        @Option(help: "The fiscal year, such as FY2027.") var year: FiscalYear
        @Option(parsing: .upToNextOption, help: "factor=weight pairs replacing the year's weights.") var set: [String] = []
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            for (factor, value) in try SegmentCommand.pairs(set, what: "weight") where Decimal(argument: value) == nil {
                throw ValidationError("the weight of \(factor) must be a number such as 0.25, not '\(value)'")
            }
        }

        func run() async throws {
            let weights = try await options.withConnection { db in
                if !set.isEmpty {
                    let parsed = Dictionary(try SegmentCommand.pairs(set, what: "weight").map { ($0.0, Decimal(argument: $0.1) ?? 0) },
                                            uniquingKeysWith: { $1 })
                    try await FactorWeight.set(bu: bu, year: year, weights: parsed, on: db)
                }
                return try await FactorWeight.effective(bu: bu, year: year, on: db)
            }
            try format.print(weights)
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deactivate a segment (its scores and plans stay; it leaves the portfolio).")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: ReferenceArgument

        func run() async throws {
            try await options.withConnection { db in try await Segment.setActive(try target.reference, false, on: db) }
            print("deactivated segment \(target.segment)")
        }
    }
}

// MARK: - Performance gaps

extension SegmentCommand {
    struct Gap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Performance gaps: target against actual per segment and fiscal quarter, and improvement actions.",
            subcommands: [Set.self, List.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a quarter's targets, actuals and improvement actions; options not given stay.",
                discussion: "Example: mtl segment gap set DE/RAIL FY2027-Q2 --revenue-target 1000000 --revenue 850000 --actions 'Two partner workshops'")

            @OptionGroup var options: DomainOptions
            @OptionGroup var target: ReferenceArgument
            @Argument(help: "The fiscal quarter, such as FY2027-Q2.") var quarter: FiscalQuarter
            @Option(help: "The currency of the amounts (ISO 4217; default: the segment's unit's).") var currency: String?
            @Option(help: "Revenue target.") var revenueTarget: Decimal?
            @Option(help: "Revenue achieved.") var revenue: Decimal?
            @Option(help: "Pipeline target.") var pipelineTarget: Decimal?
            @Option(help: "Pipeline created.") var pipeline: Decimal?
            @Option(help: "Market share target, percent.") var shareTarget: Decimal?
            @Option(help: "Market share achieved, percent.") var share: Decimal?
            @Option(help: "What will be done about the gaps.") var actions: String?

            func run() async throws {
                let figures = SegmentGap.Figures(currency: currency, revenueTarget: revenueTarget, revenueActual: revenue,
                                                 pipelineTarget: pipelineTarget, pipelineActual: pipeline, shareTarget: shareTarget,
                                                 shareActual: share, improvementActions: actions)
                let gap = try await options.withConnection { db in try await SegmentGap.set(try target.reference, quarter: quarter, figures, on: db) }
                print("\(gap.segment) \(gap.fiscalQuarter): revenue gap \(Gap.text(gap.revenueGap)), pipeline gap \(Gap.text(gap.pipelineGap)), share gap \(Gap.text(gap.shareGap))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the performance gaps you can see.")

            @OptionGroup var options: DomainOptions
            @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
            @Option(help: "Only this fiscal year, such as FY2027.") var year: FiscalYear?
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                let gaps = try await options.withConnection { try await SegmentGap.list(unit: unit, year: year, on: $0) }
                try format.print(gaps)
            }
        }

        static func text(_ value: Decimal?, empty: String = "-") -> String { value.map { "\($0)" } ?? empty }
    }
}
