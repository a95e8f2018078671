import ArgumentParser
import Foundation
import Market
import MTLCore
import PGKit

/// `mtl framework …`: the annual marketing framework that HQ approves.
struct FrameworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "The annual marketing framework: themes and concept packages, approved by HQ.",
        discussion: """
            A year's framework goes draft → submitted → approved → published (and superseded when \
            the next year's is published); a rejected one becomes a draft again with `revise`. HQ \
            admins write it; HQ approvers decide it (mtl approvals), never its submitter. Themes stay \
            stable: changing or dropping one within five years of its introduction needs \
            --justification. Each year has at most --concept-limit concept packages (default 12), and \
            may plan how many company-tier activities it holds (--company-events; the quality rule \
            dg.company_events_over_plan finds a year that holds more). Both change only in a draft.
            Example:
              mtl framework create FY2027 --from FY2026
              mtl framework plan FY2027 --company-events 6
              mtl framework theme add FY2027 CLOUD --name 'Cloud first' --statement '…'
              mtl framework submit FY2027          # then an HQ approver: mtl approvals approve ID
              mtl framework publish FY2027
            """,
        subcommands: [Create.self, List.self, Show.self, Plan.self, Submit.self, Publish.self, Revise.self, Theme.self, Concept.self]
    )

    struct YearArgument: ParsableArguments {
        @Argument(help: "The fiscal year, such as FY2027.") var year: FiscalYear
    }
}

extension FiscalYear: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension FiscalQuarter: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension FrameworkCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a year's framework, empty or from another year's (themes kept as they were, concept packages copied).")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument
        @Option(help: ArgumentHelp("The year to start from.", valueName: "FY")) var from: FiscalYear?
        @Option(help: "How many concept packages the year may have (default: as the source, else 12).") var conceptLimit: Int?
        @Option(help: ArgumentHelp("How many company-tier activities the year plans (default: as the source, else no number).", valueName: "count"))
        var companyEvents: Int?

        static func planned(_ count: Int) -> String {
            "\(count) company-tier \(count == 1 ? "activity" : "activities") planned"
        }

        func run() async throws {
            let framework = try await options.withConnection { db in
                try await db.transaction { db in
                    let created = try await Framework.create(target.year, from: from, conceptLimit: conceptLimit, on: db)
                    guard let companyEvents else { return created }
                    return try await Framework.plan(target.year, companyEvents: .count(companyEvents), on: db)
                }
            }
            print("created the \(framework.fiscalYear) framework (draft): \(framework.themes) themes, \(framework.concepts) concept packages, limit \(framework.conceptLimit)"
                  + (framework.companyEventsPlanned.map { ", " + Self.planned($0) } ?? ""))
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a draft's plan: its concept limit, and how many company-tier activities the year holds.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument
        @Option(help: "How many concept packages the year may have (1–100; not fewer than it has).") var conceptLimit: Int?
        @Option(help: ArgumentHelp("How many company-tier activities the year plans, or none.", valueName: "count|none"))
        var companyEvents: String?

        func validate() throws {
            if conceptLimit == nil && companyEvents == nil { throw ValidationError("give --concept-limit, --company-events, or both") }
            if let companyEvents, companyEvents != "none", Int(companyEvents) == nil {
                throw ValidationError("--company-events is a number, or none")
            }
        }

        func run() async throws {
            let events: Framework.EventPlan = switch companyEvents {
            case nil: .keep
            case "none": .none
            case let count?: .count(Int(count) ?? -1)
            }
            let f = try await options.withConnection { db in
                try await Framework.plan(target.year, conceptLimit: conceptLimit, companyEvents: events, on: db)
            }
            print("the \(f.fiscalYear) framework (\(f.state)): at most \(f.conceptLimit) concept packages, "
                  + (f.companyEventsPlanned.map(Create.planned) ?? "no number of company-tier activities planned"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the frameworks.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let frameworks = try await options.withConnection { try await Framework.all(on: $0) }
            try format.print(frameworks)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a year's framework: state, themes, concept packages and decisions.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument
        @OptionGroup var output: RecordFormatOption


        struct Details {
            var framework: Framework
            var themes: [FrameworkTheme]
            var conceptPackages: [ConceptPackage]
            var decisions: [ApprovalRequest]

            var json: JSONText {
                .object([("framework", framework.json), ("themes", themes.json), ("concept_packages", conceptPackages.json),
                         ("decisions", decisions.json)])
            }
        }

        func run() async throws {
            let details = try await options.withConnection { db in
                let framework = try await Framework.require(target.year, on: db)
                return Details(framework: framework, themes: try await FrameworkTheme.list(target.year, on: db),
                               conceptPackages: try await ConceptPackage.list(target.year, on: db),
                               decisions: try await framework.reviews(on: db))
            }
            if output.format == .json { return print(OutputFormat.json(details.json)) }
            let f = details.framework
            print("\(f.fiscalYear) framework: \(f.state) (since \(OutputFormat.timestamp(f.stateChangedAt)), by \(f.stateChangedBy))"
                  + (f.basedOn.map { ", based on \($0)" } ?? ""))
            print("\nTHEMES (\(f.themes))")
            print(OutputFormat.table(header: ["CODE", "NAME", "SINCE", "STATUS", "STATEMENT", "JUSTIFICATION"], rows: details.themes.map {
                [$0.code, $0.name, $0.introducedIn.description, $0.status, $0.statement, $0.justification ?? ""]
            }))
            print("\nCOMPANY-TIER ACTIVITIES PLANNED: " + (f.companyEventsPlanned.map(String.init) ?? "no number"))
            print("\nCONCEPT PACKAGES (\(f.concepts) of at most \(f.conceptLimit))")
            print(OutputFormat.table(header: ["CODE", "NAME", "THEME", "SCENARIO"], rows: details.conceptPackages.map {
                [$0.code, $0.name, $0.theme ?? "", $0.scenario]
            }))
            print("\nDECISIONS")
            print(Approvals.history(details.decisions))
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a draft for HQ approval; prints the approval request.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument

        func run() async throws {
            let request = try await options.withConnection { db in
                let framework = try await Framework.move(target.year, to: .submitted, on: db)
                return try await framework.reviews(on: db).last
            }
            print("submitted the \(target.year) framework; approval request \(request.map { String($0.id) } ?? "?") waits for an HQ approver")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish an approved framework; the one before it is superseded.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument

        func run() async throws {
            try await options.withConnection { try await Framework.move(target.year, to: .published, on: $0) }
            print("published the \(target.year) framework")
        }
    }

    struct Revise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a rejected framework a draft again.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var target: YearArgument

        func run() async throws {
            try await options.withConnection { try await Framework.move(target.year, to: .draft, on: $0) }
            print("the \(target.year) framework is a draft again")
        }
    }
}

// MARK: - Themes

extension FrameworkCommand {
    struct Theme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The themes of a year's framework.",
            subcommands: [Add.self, Change.self, Drop.self, List.self])

        struct CodeArguments: ParsableArguments {
            @Argument(help: "The fiscal year, such as FY2027.") var year: FiscalYear
            @Argument(help: "The theme's code, such as CLOUD.") var code: String

            func validate() throws { try validating { try Names.checkHandle(code, what: "theme") } }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a theme to a draft framework (new, or carried by an earlier year).")

            @OptionGroup var options: DomainOptions
            @OptionGroup var theme: CodeArguments
            @Option(help: "The theme's name.") var name: String
            @Option(help: "What the theme says.") var statement = ""

            func run() async throws {
                try await options.withConnection { db in
                    try await FrameworkTheme.add(theme.year, code: theme.code, name: name, statement: statement, on: db)
                }
                print("added theme \(theme.code) to the \(theme.year) framework")
            }
        }

        struct Change: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a theme's wording (within five years of its introduction, with --justification).")

            @OptionGroup var options: DomainOptions
            @OptionGroup var theme: CodeArguments
            @Option(help: "The new name.") var name: String?
            @Option(help: "The new statement.") var statement: String?
            @Option(help: "Why it changes.") var justification: String?

            func run() async throws {
                try await options.withConnection { db in
                    try await FrameworkTheme.change(theme.year, code: theme.code, name: name, statement: statement,
                                                    justification: justification, on: db)
                }
                print("changed theme \(theme.code) in the \(theme.year) framework")
            }
        }

        struct Drop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Drop a theme the year before carried (within five years of its introduction, with --justification).")

            @OptionGroup var options: DomainOptions
            @OptionGroup var theme: CodeArguments
            @Option(help: "Why it is dropped.") var justification: String?

            func run() async throws {
                try await options.withConnection { db in
                    try await FrameworkTheme.drop(theme.year, code: theme.code, justification: justification, on: db)
                }
                print("dropped theme \(theme.code) from the \(theme.year) framework")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a year's themes: new, kept, changed or dropped against the year before.")

            @OptionGroup var options: DomainOptions
            @OptionGroup var target: YearArgument
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                let themes = try await options.withConnection { try await FrameworkTheme.list(target.year, on: $0) }
                try format.print(themes)
            }
        }
    }
}

// MARK: - Concept packages

extension FrameworkCommand {
    struct Concept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The concept packages of a year's framework (at most its limit).",
            subcommands: [Add.self, Remove.self, List.self])

        struct CodeArguments: ParsableArguments {
            @Argument(help: "The fiscal year, such as FY2027.") var year: FiscalYear
            @Argument(help: "The concept package's code, such as SMART-PORT.") var code: String

            func validate() throws { try validating { try Names.checkHandle(code, what: "concept package") } }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a concept package to a draft framework.")

            @OptionGroup var options: DomainOptions
            @OptionGroup var concept: CodeArguments
            @Option(help: "Its name.") var name: String
            @Option(help: "What it offers.") var description = ""
            @Option(help: "The scenario it serves.") var scenario = ""
            @Option(help: ArgumentHelp("The theme it carries.", valueName: "code")) var theme: String?

            func run() async throws {
                try await options.withConnection { db in
                    try await ConceptPackage.add(concept.year, code: concept.code, name: name, description: description,
                                                 scenario: scenario, theme: theme, on: db)
                }
                print("added concept package \(concept.code) to the \(concept.year) framework")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a concept package from a draft framework.")

            @OptionGroup var options: DomainOptions
            @OptionGroup var concept: CodeArguments

            func run() async throws {
                try await options.withConnection { try await ConceptPackage.remove(concept.year, code: concept.code, on: $0) }
                print("removed concept package \(concept.code) from the \(concept.year) framework")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a year's concept packages.")

            @OptionGroup var options: DomainOptions
            @OptionGroup var target: YearArgument
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                let concepts = try await options.withConnection { try await ConceptPackage.list(target.year, on: $0) }
                try format.print(concepts)
            }
        }
    }
}
