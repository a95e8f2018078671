import ArgumentParser
import Enablement
import Foundation
import MTLCore
import PGKit

/// `mtl material …`: enablement materials by sales stage, scenario and role; versions, lineage,
/// uses and ratings by the front line.
struct MaterialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "material",
        abstract: "Enablement materials: by sales stage, scenario and role; global, regional or customised; rated by the sellers who use them.",
        discussion: """
            Example:
              mtl material add --unit HQ --title "Summit keynote" --kind slides --uri https://… --scenario summit --stage discover
              mtl material add --unit DE --parent 3 --title "Hamburg port workshop" --kind slides --uri https://…   (customise)
              mtl material publish 3
              mtl material version 3 --major --note "New portfolio"      (what was built on 1.x is flagged)
              mtl material find --scenario workshop --role account_manager port
              mtl material use 3 --scenario summit; mtl material rate 3 4 --comment "Worked"   (sellers)
            """,
        subcommands: [Add.self, Version.self, Publish.self, Retire.self, List.self, Show.self, Find.self, Use.self, Rate.self])

    struct FilterOptions: ParsableArguments {
        @Option(help: ArgumentHelp("A sales stage: discover, qualify, propose, negotiate, close, deliver, …", valueName: "code")) var stage: String?
        @Option(help: ArgumentHelp("A battle scenario: summit, workshop, customer_experience, technical_exchange, …", valueName: "code"))
        var scenario: String?
        @Option(help: ArgumentHelp("A seller role: account_manager, product_sales, channel_sales, solution_manager, front_line_sales, …",
                                   valueName: "code")) var role: String?
        @Option(help: ArgumentHelp("A segment of your scope.", valueName: "UNIT/CODE")) var segment: String?
        @Option(help: "A kind: slides, white_paper, article, success_case (the case library), video, tool, document.") var kind: Material.Kind?

        var filter: Material.Filter {
            var f = Material.Filter()
            f.stage = stage; f.scenario = scenario; f.role = role; f.segment = segment; f.kind = kind
            return f
        }
    }

    struct IDArgument: ParsableArguments {
        @Argument(help: "The material's id (see: mtl material list).") var id: Int64
    }

    static func report(_ m: Material) {
        print("material \(m.id) (\(m.title), \(m.unit), \(m.tier)) is \(m.state) at version \(m.version)")
    }
}

extension MaterialCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a material in draft at version 1.0: HQ's are global, a region's regional, a country's customised.",
            discussion: "--parent derives it from a published material of your unit or a unit above; --asset publishes a DG asset as a material (held once).")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("The unit that owns it.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Its BU (default: every BU).", valueName: "code")) var bu: String?
        @Option(help: "Its title.") var title: String
        @Option(help: "slides, white_paper, article, success_case, video, tool or document.") var kind: Material.Kind
        @Option(help: "What it is for, in a sentence or two (searched).") var summary = ""
        @Option(help: ArgumentHelp("Its language tag.", valueName: "tag")) var language = "en"
        @Option(help: ArgumentHelp("Where it is.", valueName: "URI")) var uri: String?
        @Option(help: ArgumentHelp("The material it derives from or customises.", valueName: "id")) var parent: Int64?
        @Option(help: ArgumentHelp("A DG asset to publish as a material.", valueName: "id")) var asset: Int64?
        @Option(help: ArgumentHelp("For a success case: the accepted opportunity it was harvested from.", valueName: "lead id")) var caseLead: Int64?
        @Option(help: ArgumentHelp("For a success case: the done activity it was harvested from.", valueName: "id")) var caseActivity: Int64?
        @Option(help: ArgumentHelp("A sales stage (repeatable).", valueName: "code")) var stage: [String] = []
        @Option(help: ArgumentHelp("A battle scenario (repeatable).", valueName: "code")) var scenario: [String] = []
        @Option(help: ArgumentHelp("A seller role (repeatable).", valueName: "code")) var role: [String] = []
        @Option(help: ArgumentHelp("A segment (repeatable).", valueName: "UNIT/CODE")) var segment: [String] = []
        @Option(help: ArgumentHelp("A concept package it supports (repeatable).", valueName: "FY/CODE")) var concept: [String] = []

        func validate() throws {
            if uri == nil && asset == nil { throw ValidationError("give --uri, or --asset to publish a DG asset") }
        }

        func run() async throws {
            var d = Material.Draft(unit: unit, bu: bu, title: title, kind: kind)
            d.summary = summary; d.language = language; d.uri = uri; d.parent = parent; d.asset = asset
            d.caseLead = caseLead; d.caseActivity = caseActivity; d.stages = stage; d.scenarios = scenario; d.roles = role; d.segments = segment; d.concepts = concept
            let m = try await options.withConnection { try await Material.add(d, on: $0) }
            print("added material \(m.id) (\(m.title), \(m.unit), \(m.tier)) in draft at 1.0; publish it: mtl material publish \(m.id)")
        }
    }

    struct Version: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a version: the next minor, or with --major the next major (customised materials and certifications built on the old one are flagged).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        @Flag(help: "A major version.") var major = false
        @Option(help: "What changed.") var note: String
        func run() async throws {
            report(try await options.withConnection { try await Material.addVersion(material.id, major: major, note: note, on: $0) })
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a material: sellers of its scope and below see it.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        func run() async throws { report(try await options.withConnection { try await Material.move(material.id, to: .published, on: $0) }) }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a material: it is no longer shown or used.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        func run() async throws { report(try await options.withConnection { try await Material.move(material.id, to: .retired, on: $0) }) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the materials you see: your scope's, and the published ones of the units above.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: ArgumentHelp("Only this unit's.", valueName: "code")) var unit: String?
        @Option(help: "Only this state (repeatable).") var state: [Material.State] = []
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws {
            var f = filter.filter
            f.unit = unit; f.states = state
            try format.print(try await options.withConnection { [f] in try await Material.list(f, on: $0) })
        }
    }

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find published materials: full text in each material's language and titles close to TEXT, ranked by the front line's score, then by use.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var filter: FilterOptions
        @Argument(help: "Words to look for (optional).") var text: [String] = []
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws {
            let words = text.isEmpty ? nil : text.joined(separator: " ")
            let f = filter.filter
            try format.print(try await options.withConnection { try await Material.find(words, f, on: $0) })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a material: its versions, lineage, score and ratings per role and country.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        @OptionGroup var output: RecordFormatOption

        func run() async throws {
            let (m, versions, tally) = try await options.withConnection { db in
                let m = try await Material.require(id: material.id, on: db)
                return (m, try await m.versions(on: db), try await m.tally(on: db))
            }
            if output.format == .json {
                return print(OutputFormat.json(.object([("material", m.json), ("versions", versions.json), ("ratings", tally.json)])))
            }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: Material.outputColumns.map { [$0.heading, $0.value(of: m).text] }))
            if m.parentOutdated, let parent = m.parentId {
                print("\nits parent, material \(parent), has a newer major version: review it (mtl material show \(parent))")
            }
            print("\nVERSIONS"); try OutputFormat.table.print(versions)
            print("\nRATINGS BY ROLE AND COUNTRY"); try OutputFormat.table.print(tally)
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that you (a seller) used a material's current version, in a scenario, with a lead or an activity.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        @Option(help: ArgumentHelp("The battle scenario.", valueName: "code")) var scenario: String?
        @Option(help: ArgumentHelp("The lead or opportunity.", valueName: "id")) var lead: Int64?
        @Option(help: ArgumentHelp("The activity.", valueName: "id")) var activity: Int64?
        func run() async throws {
            let m = try await options.withConnection {
                try await Material.recordUse(material.id, scenario: scenario, lead: lead, activity: activity, on: $0)
            }
            print("used material \(m.id) (\(m.title)) at version \(m.version); rate it: mtl material rate \(m.id) 1-5")
        }
    }

    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rate the version of a material you used (1–5), once per version: only sellers who used it rate it, never its authors or their managers.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var material: IDArgument
        @Argument(help: "1 (useless) to 5 (excellent).") var score: Int
        @Option(help: "What worked or did not.") var comment = ""
        func validate() throws {
            if !(1...5).contains(score) { throw ValidationError("a rating is 1 to 5, not \(score)") }
        }
        func run() async throws {
            let m = try await options.withConnection { try await Material.rate(material.id, score: score, comment: comment, on: $0) }
            print("rated material \(m.id) (\(m.title)) \(score); its score is \(m.score.map { "\($0)" } ?? "-") from \(m.ratingCount) rating(s)")
        }
    }
}

extension Material.Kind: ExpressibleByArgument {}
extension Material.State: ExpressibleByArgument {}
