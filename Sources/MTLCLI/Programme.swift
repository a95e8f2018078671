import ArgumentParser
import Demand
import Foundation
import MTLCore
import PGKit

/// `mtl programme …`: marketing programmes and their budgets.
struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Marketing programmes: activities with one goal and one budget, serving an MSP and following the framework.",
        discussion: """
            A programme goes planned → approved → running → closed: it is approved when its first \
            budget request is approved (mtl approvals), which an approver of its unit and BU decides \
            (HQ's for company-tier programmes). Its activities may not cost more than its approved \
            budget; ask for more with `budget request`.
            Example:
              mtl programme create 'Rail digital week' --tier customer_group --unit DE --bu CARRIER --year FY2027 \\
                  --msp 1 --concept RAIL-DIGI --starts 2026-05-01 --ends 2026-09-30 --lead-target 120
              mtl programme budget request 1 --amount 50000 --reason 'Three workshops and a webinar'
            """,
        subcommands: [Create.self, List.self, Show.self, Start.self, Close.self, Cancel.self, BudgetCommand.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The programme's id (see: mtl programme list).") var id: Int64
    }
}

/// A calendar day on the command line, as YYYY-MM-DD.
struct Day: ExpressibleByArgument, CustomStringConvertible {
    let description: String
    init?(argument: String) {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "UTC")
        parser.dateFormat = "yyyy-MM-dd"
        guard argument.count == 10, let date = parser.date(from: argument), parser.string(from: date) == argument else { return nil }
        description = argument
    }
    static var defaultCompletionKind: CompletionKind { .default }
}

extension ProgrammeCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan a programme.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "Its name.") var name: String
        @Option(help: "company (HQ only), region or customer_group.") var tier: String
        @Option(help: ArgumentHelp("The owning unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("The BU.", valueName: "code")) var bu: String
        @Option(help: "The fiscal year, such as FY2027.") var year: FiscalYear
        @Option(help: ArgumentHelp("The MSP it serves (required but for company tier).", valueName: "id")) var msp: Int64?
        @Option(help: ArgumentHelp("The concept package of the year's published framework it follows.", valueName: "code")) var concept: String
        @Option(help: ArgumentHelp("First day.", valueName: "YYYY-MM-DD")) var starts: Day
        @Option(help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var ends: Day
        @Option(help: "Leads it should produce.") var leadTarget = 0
        @Option(help: "Pipeline it should create.") var pipelineTarget: Decimal = 0
        @Option(help: "Currency of its targets and budget (ISO 4217; default: its MSP's, else its unit's).") var currency: String?

        func validate() throws {
            guard Programme.tiers.contains(tier) else { throw ValidationError("--tier is one of \(Programme.tiers.joined(separator: ", "))") }
            if tier != "company", msp == nil { throw ValidationError("a \(tier) programme serves an MSP: give --msp ID") }
            if ends.description < starts.description { throw ValidationError("--ends is before --starts") }
            if leadTarget < 0 || pipelineTarget < 0 { throw ValidationError("targets cannot be negative") }
            if let currency, currency.range(of: "^[A-Z]{3}$", options: .regularExpression) == nil { throw ValidationError("--currency takes an ISO 4217 code such as EUR") }
        }

        func run() async throws {
            let plan = Programme.Plan(name: name, tier: tier, unit: unit, bu: bu, year: year, msp: msp, concept: concept,
                                      leadTarget: leadTarget, pipelineTarget: pipelineTarget, currency: currency,
                                      startsOn: starts.description, endsOn: ends.description)
            let programme = try await options.withConnection { db in try await Programme.create(plan, on: db) }
            print("created programme \(programme.id): \(programme.name) (\(programme.tier), \(programme.unit)/\(programme.bu), \(programme.fiscalYear), planned); request its budget with: mtl programme budget request \(programme.id) --amount N")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the programmes you can see, with budget and spend.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this fiscal year.") var year: FiscalYear?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let programmes = try await options.withConnection { db in try await Programme.list(unit: unit, year: year, on: db) }
            try format.print(programmes)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a programme: targets, budget requests, activities and spend.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var programme: IDArgument
        @OptionGroup var output: RecordFormatOption

        struct Details {
            var programme: Programme
            var budgets: [Budget]
            var activities: [Activity]

            var json: JSONText { .object([("programme", programme.json), ("budgets", budgets.json), ("activities", activities.json)]) }
        }

        func run() async throws {
            let details = try await options.withConnection { db in
                let p = try await Programme.require(id: programme.id, on: db)
                return Details(programme: p, budgets: try await p.budgets(on: db), activities: try await p.activities(on: db))
            }
            if output.format == .json { return print(OutputFormat.json(details.json)) }
            let p = details.programme
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["programme", "\(p.id): \(p.name)"], ["tier", p.tier], ["unit", "\(p.unit)/\(p.bu)"], ["year", p.fiscalYear.description],
                ["serves", p.mspId.map { "MSP \($0) (\(p.segment ?? "-"))" } ?? "-"], ["concept", p.concept],
                ["dates", "\(p.startsOn) – \(p.endsOn)"], ["targets", "\(p.leadTarget) leads, \(p.pipelineTarget) \(p.currency) pipeline"],
                ["state", p.state.rawValue], ["budget", "\(p.approvedBudget) \(p.currency) approved, \(p.spend) spent or planned"],
            ]))
            print("\nBUDGET REQUESTS")
            print(OutputFormat.table(header: ["ID", "KIND", "AMOUNT", "STATE", "REQUEST", "BY", "REASON"], rows: details.budgets.map {
                [String($0.id), $0.kind, "\($0.amount) \($0.currency)", $0.state.rawValue, $0.requestId.map(String.init) ?? "-", $0.requestedBy, $0.reason]
            }))
            print("\nACTIVITIES")
            print(OutputFormat.table(header: ["ID", "TYPE", "NAME", "UNIT", "DATES", "PLANNED", "ACTUAL", "INVITED", "ATTENDED", "STATE"],
                                     rows: details.activities.map {
                [String($0.id), $0.type, $0.name, $0.unit, "\($0.startsOn) – \($0.endsOn)", "\($0.plannedCost)", $0.actualCost.map { "\($0)" } ?? "-",
                 String($0.invited), String($0.attended), $0.state.rawValue]
            }))
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an approved programme.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var programme: IDArgument
        func run() async throws {
            let p = try await options.withConnection { db in try await Programme.move(id: programme.id, to: .running, on: db) }
            print("programme \(p.id) (\(p.name)) is \(p.state)")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a running programme: no new activities or budget.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var programme: IDArgument
        func run() async throws {
            let p = try await options.withConnection { db in try await Programme.move(id: programme.id, to: .closed, on: db) }
            print("programme \(p.id) (\(p.name)) is \(p.state)")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a programme that has not started (planned or approved), with the reason.",
            discussion: "Its end state: it takes no activities or budget afterwards. A budget request waiting for a decision is withdrawn first (mtl approvals withdraw).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var programme: IDArgument
        @Option(help: "Why it is cancelled (kept with it).") var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--reason must say why") }
        }

        func run() async throws {
            let p = try await options.withConnection { db in try await Programme.cancel(id: programme.id, reason: reason, on: db) }
            print("programme \(p.id) (\(p.name)) is \(p.state)")
        }
    }

    struct BudgetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "budget",
            abstract: "A programme's budget requests, decided through mtl approvals.",
            subcommands: [Request.self, List.self]
        )

        struct Request: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Request budget: the first, or more on top of what is approved.")
            @OptionGroup var options: DomainOptions
            @OptionGroup var programme: IDArgument
            @Option(help: "The amount, in the programme's currency.") var amount: Decimal
            @Option(help: "What it is for.") var reason = ""
            func validate() throws { if amount <= 0 { throw ValidationError("--amount must be more than 0") } }
            func run() async throws {
                let budget = try await options.withConnection { db in
                    try await Budget.request(programme: programme.id, amount: amount, reason: reason, on: db)
                }
                print("budget request \(budget.id) (\(budget.kind), \(budget.amount) \(budget.currency)) waits for a decision: approval request \(budget.requestId.map(String.init) ?? "-") (mtl approvals list --pending)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a programme's budget requests.")
            @OptionGroup var options: DomainOptions
            @OptionGroup var programme: IDArgument
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
            func run() async throws {
                let budgets = try await options.withConnection { db in try await Budget.list(programme: programme.id, on: db) }
                try format.print(budgets)
            }
        }
    }
}
