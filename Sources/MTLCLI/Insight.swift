import ArgumentParser
import Foundation
import Insight
import MTLCore
import PGKit

/// `mtl insight …`: market insight (MI) as a service — topics set by leaders, insights,
/// coverage, market sizes, voice of the customer, and contribute to consume.
struct InsightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insight",
        abstract: "Market insight: topics set by leaders, insights, coverage, market sizes, voice of the customer, credits.",
        discussion: """
            A business leader or expert sets a topic for a scenario (proposed → accepted by its setter → \
            in research → delivered by a researcher with an insight → evaluated by its evaluator, who \
            never researched it). Shared insights of other units are read only while one of your units \
            contributes (credits for delivered insights, accepted data and voice-of-the-customer entries).
            Example:
              mtl insight topic propose --unit DE --bu CARRIER --year FY2027 --segment DE/PORTS --title "Port automation" \\
                  --question "Which terminals automate cranes by 2028?" --due 2027-01-31 --stage operate --stage maintain
              mtl insight topic assign 1 --researcher de_analyst --evaluator de_sales_lead
              mtl insight topic accept 1
              mtl insight coverage DE/PORTS --year FY2027
            """,
        subcommands: [TopicCommand.self, Add.self, List.self, Show.self, Share.self, Use.self, CoverageCommand.self,
                      SizeCommand.self, VoiceCommand.self, Credits.self, Settings.self]
    )
}

extension Topic.State: ExpressibleByArgument {}
extension Topic.Scenario: ExpressibleByArgument {}
extension Topic.Priority: ExpressibleByArgument {}
extension Insight.Kind: ExpressibleByArgument {}
extension Insight.Sharing: ExpressibleByArgument {}
extension Insight.Confidence: ExpressibleByArgument {}
extension Insight.Use: ExpressibleByArgument {}
extension Voice.Channel: ExpressibleByArgument {}
extension Voice.State: ExpressibleByArgument {}

// MARK: - Insights

extension InsightCommand {
    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Contribute to consume's settings: the credits a unit needs in a trailing window, and each contribution's credits (changes: HQ admins).",
            discussion: "Example: mtl insight settings --threshold 2 --window-months 12 --rate voice=0.5")
        @OptionGroup var options: DomainOptions
        @Option(help: "Credits a unit must have earned in the window to read other units' shared insights (0: open to all).") var threshold: Decimal?
        @Option(help: "The window, in months.") var windowMonths: Int?
        @Option(help: ArgumentHelp("Credits of a kind of contribution: insight, data or voice (repeatable).", valueName: "kind=credits"))
        var rate: [String] = []

        func validate() throws {
            for pair in rate where pair.split(separator: "=").count != 2 || Decimal(string: String(pair.split(separator: "=").last ?? "")) == nil {
                throw ValidationError("--rate \(pair): give kind=credits, such as voice=0.5")
            }
        }

        func run() async throws {
            let rates = Dictionary(rate.map { pair in
                let parts = pair.split(separator: "=").map(String.init)
                return (parts[0], Decimal(string: parts[1]) ?? 0)
            }, uniquingKeysWith: { $1 })
            let settings = try await options.withConnection { db in
                threshold == nil && windowMonths == nil && rates.isEmpty
                    ? try await CreditSettings.current(on: db)
                    : try await CreditSettings.change(threshold: threshold, windowMonths: windowMonths, rates: rates, on: db)
            }
            print("a unit reads other units' shared insights with \(settings.threshold) credit(s) earned in the last \(settings.windowMonths) months")
            print(OutputFormat.table(header: ["KIND", "CREDITS"], rows: settings.rates.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] }))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an insight (market, competitor or customer), for a topic or on its own.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Its unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
        @Option(help: "market, competitor or customer.") var kind: Insight.Kind
        @Option(help: "Its title.") var title: String
        @Option(help: "What it found, in a few sentences.") var summary: String
        @Option(help: "The findings in full.") var findings = ""
        @Option(help: ArgumentHelp("A URI of evidence (repeatable).", valueName: "uri")) var evidence: [String] = []
        @Option(help: "low, medium or high.") var confidence: Insight.Confidence = .medium
        @Option(help: ArgumentHelp("Until when it holds (YYYY-MM-DD).", valueName: "date")) var validUntil: String?
        @Option(help: "Who may read it: unit (your scope), region or global (for contributors).") var sharing: Insight.Sharing = .unit
        @Option(help: ArgumentHelp("The topic it answers.", valueName: "id")) var topic: Int64?

        func run() async throws {
            var draft = Insight.Draft(unit: unit, bu: bu, kind: kind, title: title, summary: summary)
            draft.findings = findings; draft.evidence = evidence; draft.confidence = confidence
            draft.validUntil = validUntil; draft.sharing = sharing; draft.topic = topic
            let insight = try await options.withConnection { try await Insight.add(draft, on: $0) }
            print("insight \(insight.id) (\(insight.kind), \(insight.unit), shared: \(insight.sharing))" + (insight.topicId.map { " answers topic \($0)" } ?? ""))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the insights you may read: your scope's, and other units' shared ones while you contribute.")
        @OptionGroup var options: DomainOptions
        @Option(help: "Only this kind.") var kind: Insight.Kind?
        @Option(help: ArgumentHelp("Only this topic's.", valueName: "id")) var topic: Int64?
        @Flag(help: "Only other units' shared insights.") var shared = false
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let (insights, refusal) = try await options.withConnection { db in
                (try await Insight.list(kind: kind, topic: topic, sharedOnly: shared, on: db), try await CreditBalance.refusal(on: db))
            }
            try format.print(insights)
            // Explain what contribute to consume keeps out, rather than an unexplained short list.
            if let refusal { FileHandle.standardError.write(Data("\(refusal); other units' shared insights are not shown (mtl insight credits)\n".utf8)) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an insight and what it informed (its uses in your scope).")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The insight's id.") var id: Int64
        @OptionGroup var output: RecordFormatOption

        func run() async throws {
            let (insight, uses) = try await options.withConnection { db in
                (try await Insight.require(id: id, on: db), try await Insight.uses(of: id, on: db))
            }
            if output.format == .json { return print(OutputFormat.json(.object([("insight", insight.json), ("uses", uses.json)]))) }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: Insight.outputColumns.map { [$0.heading, $0.value(of: insight).text] }))
            print("\nUSES"); try OutputFormat.table.print(uses)
        }
    }

    struct Share: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change who may read an insight: unit, region or global.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The insight's id.") var id: Int64
        @Argument(help: "unit, region or global.") var sharing: Insight.Sharing

        func run() async throws {
            let insight = try await options.withConnection { try await Insight.share(id, as: sharing, on: $0) }
            print("insight \(insight.id) is shared: \(insight.sharing)")
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an insight informed an MSP, an evaluation, a battlecard or a programme.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The insight's id.") var id: Int64
        @Option(name: .customLong("for"), help: "msp, evaluation, battlecard or programme.") var use: Insight.Use
        @Option(help: ArgumentHelp("What it informed (its id; a topic's id for an evaluation).", valueName: "id")) var subject: Int64

        func run() async throws {
            try await options.withConnection { try await Insight.recordUse(id, for: use, subject: subject, on: $0) }
            print("insight \(id) informed \(use.rawValue) \(subject)")
        }
    }

    struct Credits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Contribute to consume: your units' credits in HQ's window, and the ledger.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this unit's ledger.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let (balances, ledger) = try await options.withConnection { db in
                (try await CreditBalance.mine(on: db).filter { unit == nil || $0.unit == unit }, try await CreditEntry.ledger(unit: unit, on: db))
            }
            if format != .table { return try format.print(ledger) }
            try format.print(balances.filter { $0.creditsEver > 0 || unit != nil || balances.count == 1 })
            print("\nLEDGER")
            try format.print(ledger)
        }
    }
}
