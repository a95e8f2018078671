import ArgumentParser
import Foundation
import Insight
import MTLCore
import PGKit

/// `mtl insight coverage|size|voice`: the coverage checklist, market sizes, voice of the customer.
extension InsightCommand {
    struct CoverageCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "The coverage checklist of a segment in a year: the customer's business-process stages against its topics.")
        @OptionGroup var options: DomainOptions
        @Argument(help: ArgumentHelp("The segment.", valueName: "UNIT/CODE")) var segment: String
        @Option(help: ArgumentHelp("The fiscal year.", valueName: "FY")) var year: FiscalYear
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let coverage = try await options.withConnection { try await Coverage.of(segment: segment, year: Int32(year.year), on: $0) }
            switch format {
            case .table:
                // The grid: stages down, topics across, a tick where a topic covers a stage.
                let header = ["STAGE"] + coverage.topics.map { "#\($0.id) \($0.title.prefix(24))" } + ["COVERED"]
                let rows = coverage.stages.map { stage in
                    [stage] + coverage.topics.map { $0.stages.contains(stage) ? "✓" : "·" }
                        + [coverage.topics.contains { $0.stages.contains(stage) } ? "yes" : "NO"]
                }
                print("coverage of \(coverage.segment) in FY\(coverage.fiscalYear): \(coverage.stages.count - coverage.uncovered.count) of \(coverage.stages.count) stages covered by \(coverage.topics.count) topic(s)")
                print(OutputFormat.table(header: header, rows: rows))
                if !coverage.uncovered.isEmpty { print("uncovered: \(coverage.uncovered.joined(separator: ", "))") }
            case .json, .csv:
                let cells = coverage.stages.flatMap { stage in
                    coverage.topics.isEmpty ? [CoverageCell(stage: stage, topicId: nil, topic: nil, covers: false)]
                        : coverage.topics.map { CoverageCell(stage: stage, topicId: $0.id, topic: $0.title, covers: $0.stages.contains(stage)) }
                }
                try format.print(cells)
            }
        }
    }

    struct SizeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "size", abstract: "Market size per segment and fiscal year: TAM, SAM, SOM, growth; a new estimate supersedes the old.",
            subcommands: [Set.self, List.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Estimate a segment's market for a year (the current estimate becomes history).")
            @OptionGroup var options: DomainOptions
            @Argument(help: ArgumentHelp("The segment.", valueName: "UNIT/CODE")) var segment: String
            @Option(help: ArgumentHelp("The fiscal year.", valueName: "FY")) var year: FiscalYear
            @Option(help: ArgumentHelp("The currency of the amounts.", valueName: "code")) var currency: String
            @Option(help: "Total addressable market.") var tam: Decimal
            @Option(help: "Serviceable addressable market (within TAM).") var sam: Decimal
            @Option(help: "Serviceable obtainable market (within SAM).") var som: Decimal
            @Option(help: ArgumentHelp("Yearly growth in percent.", valueName: "percent")) var growth: Decimal
            @Option(help: "Where the figures come from.") var source: String
            @Option(help: "What the estimate assumes.") var assumptions = ""
            @Option(help: ArgumentHelp("The insight it comes with.", valueName: "id")) var insight: Int64?

            func run() async throws {
                let estimate = try await options.withConnection { db in
                    try await MarketSize.set(segment: segment, year: Int32(year.year), currency: currency.uppercased(), tam: tam, sam: sam, som: som,
                                             growthRate: growth / 100, assumptions: assumptions, source: source, insight: insight, on: db)
                }
                print("market size \(estimate.id) of \(estimate.segment) for FY\(estimate.fiscalYear): TAM \(estimate.tam), SAM \(estimate.sam), SOM \(estimate.som) \(estimate.currency), growth \(estimate.growthRate * 100) %")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the current estimates (or, with --history, every estimate).")
            @OptionGroup var options: DomainOptions
            @Option(help: ArgumentHelp("One segment's.", valueName: "UNIT/CODE")) var segment: String?
            @Option(help: ArgumentHelp("One fiscal year's.", valueName: "FY")) var year: FiscalYear?
            @Flag(help: "Superseded estimates too.") var history = false
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                try format.print(try await options.withConnection {
                    try await MarketSize.list(segment: segment, year: year.map { Int32($0.year) }, history: history, on: $0)
                })
            }
        }
    }

    struct VoiceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "voice", abstract: "Voice of the customer: what customers said; accepted by someone else, it earns your unit credits.",
            subcommands: [Add.self, Accept.self, Reject.self, List.self, Summary.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Record what a customer said.")
            @OptionGroup var options: DomainOptions
            @Option(help: ArgumentHelp("The unit that heard it.", valueName: "code")) var unit: String
            @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
            @Option(help: ArgumentHelp("The segment it concerns.", valueName: "UNIT/CODE")) var segment: String?
            @Option(help: "The customer.") var customer: String
            @Option(help: "visit, survey, support or social.") var channel: Voice.Channel
            @Option(help: "From -2 (very negative) to 2 (very positive).") var sentiment: Int
            @Option(help: ArgumentHelp("A theme (repeatable).", valueName: "theme")) var theme: [String] = []
            @Option(help: "What they said.") var verbatim: String
            @Option(help: ArgumentHelp("When (default: today).", valueName: "YYYY-MM-DD")) var heard: String?

            func validate() throws { if !(-2...2).contains(sentiment) { throw ValidationError("--sentiment is -2 to 2") } }

            func run() async throws {
                let day = heard ?? String(OutputValue.timestamp(Date()).prefix(10))
                let voice = try await options.withConnection { db in
                    try await Voice.add(unit: unit, bu: bu, segment: segment, customer: customer, channel: channel, sentiment: sentiment,
                                        themes: theme, verbatim: verbatim, heardOn: day, on: db)
                }
                print("voice entry \(voice.id) (\(voice.customer), \(voice.unit)) is submitted; someone else accepts it: mtl insight voice accept \(voice.id)")
            }
        }

        struct Accept: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Accept an entry (not its recorder): its unit earns credits.")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The entry's id.") var id: Int64
            func run() async throws {
                let voice = try await options.withConnection { try await Voice.decide(id, to: .accepted, on: $0) }
                print("voice entry \(voice.id) is \(voice.state)")
            }
        }

        struct Reject: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Reject an entry (not its recorder).")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The entry's id.") var id: Int64
            func run() async throws {
                let voice = try await options.withConnection { try await Voice.decide(id, to: .rejected, on: $0) }
                print("voice entry \(voice.id) is \(voice.state)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the entries you can see, newest first.")
            @OptionGroup var options: DomainOptions
            @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
            @Option(help: "Only this state.") var state: Voice.State?
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
            func run() async throws { try format.print(try await options.withConnection { try await Voice.list(unit: unit, state: state, on: $0) }) }
        }

        struct Summary: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Accepted entries by theme and segment: how many, and the average sentiment.")
            @OptionGroup var options: DomainOptions
            @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
            func run() async throws { try format.print(try await options.withConnection { try await VoiceTheme.summary(unit: unit, on: $0) }) }
        }
    }
}

/// One cell of the coverage grid, for JSON and CSV.
struct CoverageCell: OutputRecord {
    var stage: String, topicId: Int64?, topic: String?, covers: Bool
    static let outputColumns: [OutputColumn<CoverageCell>] = [
        .init("stage") { $0.stage }, .init("topic_id") { $0.topicId }, .init("topic") { $0.topic }, .init("covers") { $0.covers },
    ]
}
