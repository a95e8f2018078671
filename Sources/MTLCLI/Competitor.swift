import ArgumentParser
import Foundation
import Insight
import MTLCore
import PGKit

/// `mtl competitor …`: competitors (HQ reference data), their battlecards per segment, and the
/// competitors leads meet.
struct CompetitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competitor",
        abstract: "Competitors, their battlecards per segment (with the win rate against them), and the ones leads meet.",
        discussion: """
            Example:
              mtl competitor add ACME --name "Acme Networks"                       (HQ admins)
              mtl competitor card set ACME DE/PORTS --why-we-win "On-site private 5G" --objection "Too expensive=Five-year cost"
              mtl competitor met 1042 ACME --outcome lost
              mtl competitor show ACME
            """,
        subcommands: [Add.self, List.self, Show.self, Met.self, Card.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a competitor (HQ admins).")
        @OptionGroup var options: DomainOptions
        @Argument(help: "Its code, such as ACME.") var code: String
        @Option(help: "Its name.") var name: String
        @Option(help: "Its website.") var website: String?
        @Option(help: "Notes.") var notes = ""
        func run() async throws {
            let c = try await options.withConnection { try await Competitor.add(code: code, name: name, website: website, notes: notes, on: $0) }
            print("added competitor \(c.code) (\(c.name))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the competitors.")
        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws { try format.print(try await options.withConnection { try await Competitor.all(on: $0) }) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a competitor and its battlecards you can see, with the win rate against it.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "Its code.") var code: String
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws {
            let (competitor, cards) = try await options.withConnection { db in
                (try await Competitor.require(code: code, on: db), try await Battlecard.list(competitor: code, on: db))
            }
            if format == .table { print("\(competitor.code): \(competitor.name)" + (competitor.website.map { " (\($0))" } ?? "")) }
            try format.print(cards)
        }
    }

    struct Met: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a lead met a competitor, and the outcome against it.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The lead's id.") var lead: Int64
        @Argument(help: "The competitor's code.") var code: String
        @Option(help: "open, won (against it) or lost (to it).") var outcome = "open"
        func validate() throws { if !["open", "won", "lost"].contains(outcome) { throw ValidationError("--outcome is open, won or lost") } }
        func run() async throws {
            try await options.withConnection { try await Competitor.met(lead: lead, competitor: code, outcome: outcome, on: $0) }
            print("lead \(lead) met \(code): \(outcome)")
        }
    }

    struct Card: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Battlecards per competitor and segment.", subcommands: [Set.self, Show.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a battlecard (new, or changed and reviewed today); what you leave out stays as it was.")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The competitor's code.") var code: String
            @Argument(help: ArgumentHelp("The segment.", valueName: "UNIT/CODE")) var segment: String
            @Option(help: "Their strengths.") var strengths: String?
            @Option(help: "Their weaknesses.") var weaknesses: String?
            @Option(help: "Why we win.") var whyWeWin: String?
            @Option(help: "Their pitch.") var theirPitch: String?
            @Option(help: "Pricing notes.") var pricingNotes: String?
            @Option(help: ArgumentHelp("An objection and its answer (repeatable; replaces the card's).", valueName: "objection=answer"))
            var objection: [String] = []
            @Option(help: ArgumentHelp("Who keeps it up to date (default: you on a new card).", valueName: "login")) var owner: String?
            @Option(help: ArgumentHelp("Review it every N days.", valueName: "days")) var reviewEvery: Int?

            func validate() throws {
                if let bad = objection.first(where: { !$0.contains("=") }) { throw ValidationError("--objection \(bad): give objection=answer") }
            }

            func run() async throws {
                var content = Battlecard.Content()
                content.strengths = strengths; content.weaknesses = weaknesses; content.whyWeWin = whyWeWin
                content.theirPitch = theirPitch; content.pricingNotes = pricingNotes; content.owner = owner; content.reviewIntervalDays = reviewEvery
                if !objection.isEmpty {
                    content.objections = objection.map { pair in
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        return (parts[0], parts.count > 1 ? parts[1] : "")
                    }
                }
                let card = try await options.withConnection { [content] in try await Battlecard.set(competitor: code, segment: segment, content, on: $0) }
                print("battlecard \(card.competitor) in \(card.segment): reviewed \(card.lastReviewedOn), next review due \(card.reviewDueOn)")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show a battlecard, with the win rate against its competitor in its segment.")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The competitor's code.") var code: String
            @Argument(help: ArgumentHelp("The segment.", valueName: "UNIT/CODE")) var segment: String
            @OptionGroup var output: RecordFormatOption

            func run() async throws {
                let card = try await options.withConnection { try await Battlecard.require(competitor: code, segment: segment, on: $0) }
                if output.format == .json { return print(OutputFormat.json(card.json)) }
                print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: Battlecard.outputColumns.map { [$0.heading, $0.value(of: card).text] }))
            }
        }
    }
}
