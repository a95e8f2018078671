import ArgumentParser
import Foundation
import Market
import MTLCore
import PGKit

/// `mtl msp …`: Market Segment Plans and their quarterly execution plans.
struct MSPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msp",
        abstract: "Market Segment Plans: goals, go-to-market and value proposition per segment, unit and year.",
        discussion: """
            A plan goes draft → submitted → approved → active → closed. Submitting opens a decision \
            review (mtl approvals) for approvers of the plan's unit and BU; a rejected plan is made a \
            draft again with `revise`. Quarterly plans (pipeline and lead targets, budget, headcount, \
            programmes) are set per fiscal quarter of the plan's year.
            Example:
              mtl msp create DE/RAIL --year FY2027 --owner de_editor --goals '…' --gtm '…' --value-proposition '…'
              mtl msp quarter set 1 FY2027-Q1 --pipeline-target 2000000 --lead-target 60 --budget 80000
              mtl msp submit 1
            """,
        subcommands: [Create.self, List.self, Show.self, Update.self, Submit.self, Revise.self, Activate.self, Close.self, Quarter.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The MSP's id (see: mtl msp list).") var id: Int64
    }

    struct ContentOptions: ParsableArguments {
        @Option(help: "The plan's goals.") var goals: String?
        @Option(help: "The go-to-market strategy.") var gtm: String?
        @Option(help: "The value proposition.") var valueProposition: String?

        func content(owner: String? = nil) -> MSP.Content {
            MSP.Content(goals: goals, gtmStrategy: gtm, valueProposition: valueProposition, owner: owner)
        }
    }

    /// A state change, printed with the plan's new state.
    static func move(_ options: DomainOptions, _ id: Int64, to state: MSP.State) async throws {
        let plan = try await options.withConnection { db in try await MSP.move(id: id, to: state, on: db) }
        var message = "MSP \(plan.id) (\(plan.segment) in \(plan.unit), \(plan.fiscalYear)) is \(plan.state)"
        if state == .submitted { message += "; an approver of \(plan.unit)/\(plan.bu) decides it (mtl approvals list --pending)" }
        print(message)
    }
}

extension MSPCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a draft plan for a segment in a unit (the segment's, or one below it).")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The segment: UNIT/CODE, such as DE/RAIL.") var segment: String
        @Option(help: ArgumentHelp("The planning unit (default: the segment's).", valueName: "code")) var unit: String?
        @Option(help: "The fiscal year, such as FY2027.") var year: FiscalYear
        @Option(help: ArgumentHelp("The person accountable for the plan.", valueName: "user")) var owner: String
        @OptionGroup var content: ContentOptions

        func validate() throws { try validating { _ = try SegmentReference(parsing: segment) } }

        func run() async throws {
            let plan = try await options.withConnection { db in
                try await MSP.create(segment: try SegmentReference(parsing: segment), unit: unit, year: year, owner: owner,
                                     content: content.content(), on: db)
            }
            print("created MSP \(plan.id): \(plan.segment) in \(plan.unit), \(plan.fiscalYear) (draft)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the plans you can see.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this fiscal year, such as FY2027.") var year: FiscalYear?
        @Option(help: "Only this state: \(MSP.State.allCases.map(\.rawValue).joined(separator: ", ")).") var state: MSP.State?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let plans = try await options.withConnection { db in
                try await MSP.list(.init(unit: unit, year: year, state: state), on: db)
            }
            try format.print(plans)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a plan: content, quarterly plans and decision reviews.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        @OptionGroup var output: RecordFormatOption


        struct Details {
            var msp: MSP
            var quarters: [MSPQuarter]
            var reviews: [ApprovalRequest]

            var json: JSONText { .object([("msp", msp.json), ("quarters", quarters.json), ("reviews", reviews.json)]) }
        }

        func run() async throws {
            let details = try await options.withConnection { db in
                let msp = try await MSP.require(id: plan.id, on: db)
                return Details(msp: msp, quarters: try await msp.quarters(on: db), reviews: try await msp.reviews(on: db))
            }
            if output.format == .json { return print(OutputFormat.json(details.json)) }
            let m = details.msp
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["msp", "\(m.id): \(m.segmentName) (\(m.segment))"], ["unit", "\(m.unit)/\(m.bu)"], ["year", m.fiscalYear.description],
                ["state", "\(m.state) (since \(OutputFormat.timestamp(m.stateChangedAt)), by \(m.stateChangedBy))"], ["owner", m.owner],
                ["goals", m.goals], ["go-to-market", m.gtmStrategy], ["value proposition", m.valueProposition],
            ]))
            print("\nQUARTERS")
            print(OutputFormat.table(header: ["QUARTER", "PIPELINE TARGET", "LEADS", "BUDGET", "HEADCOUNT", "PROGRAMMES"], rows: details.quarters.map {
                [$0.fiscalQuarter.description, "\($0.pipelineTarget) \($0.currency)", String($0.leadTarget), "\($0.budget) \($0.currency)",
                 "\($0.headcount)", $0.plannedProgrammes]
            }))
            print("\nDECISION REVIEWS")
            print(Approvals.history(details.reviews))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a draft plan's content or owner.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        @OptionGroup var content: ContentOptions
        @Option(help: ArgumentHelp("The person accountable for the plan.", valueName: "user")) var owner: String?

        func run() async throws {
            let updated = try await options.withConnection { db in try await MSP.update(id: plan.id, content.content(owner: owner), on: db) }
            print("updated MSP \(updated.id)")
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a complete draft for its decision review.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        func run() async throws { try await MSPCommand.move(options, plan.id, to: .submitted) }
    }

    struct Revise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a rejected plan a draft again, to change and resubmit it.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        func run() async throws { try await MSPCommand.move(options, plan.id, to: .draft) }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start running an approved plan (quarterly reviews follow it).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        func run() async throws { try await MSPCommand.move(options, plan.id, to: .active) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an active plan.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var plan: IDArgument
        func run() async throws { try await MSPCommand.move(options, plan.id, to: .closed) }
    }
}

// MARK: - Quarterly plans

extension MSPCommand {
    struct Quarter: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quarterly execution plans of an MSP.",
            subcommands: [Set.self, List.self])

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create or change a quarter's plan (while the MSP is a draft, approved or active); options not given stay.",
                discussion: "Example: mtl msp quarter set 4 FY2027-Q2 --pipeline-target 2500000 --lead-target 80 --budget 90000 --currency EUR")

            @OptionGroup var options: DomainOptions
            @OptionGroup var plan: IDArgument
            @Argument(help: "The fiscal quarter, such as FY2027-Q1.") var quarter: FiscalQuarter
            @Option(help: "The pipeline the quarter should create.") var pipelineTarget: Decimal?
            @Option(help: "The leads the quarter should create.") var leadTarget: Int?
            @Option(help: "The quarter's marketing budget.") var budget: Decimal?
            @Option(help: "The currency of the amounts (ISO 4217; default: the plan's other quarters', else its unit's).") var currency: String?
            @Option(help: "People working on the plan (full-time equivalents).") var headcount: Decimal?
            @Option(help: "Other resources.") var resources: String?
            @Option(help: "The programmes planned (free text).") var programmes: String?

            func run() async throws {
                let figures = MSPQuarter.Figures(pipelineTarget: pipelineTarget, leadTarget: leadTarget, budget: budget, currency: currency,
                                                 headcount: headcount, resources: resources, plannedProgrammes: programmes)
                let saved = try await options.withConnection { db in try await MSPQuarter.set(msp: plan.id, quarter: quarter, figures, on: db) }
                print("MSP \(saved.mspId) \(saved.fiscalQuarter): pipeline \(saved.pipelineTarget) \(saved.currency), \(saved.leadTarget) leads, budget \(saved.budget) \(saved.currency)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List an MSP's quarterly plans.")

            @OptionGroup var options: DomainOptions
            @OptionGroup var plan: IDArgument
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                let quarters = try await options.withConnection { db in try await MSP.require(id: plan.id, on: db).quarters(on: db) }
                try format.print(quarters)
            }
        }
    }
}

extension Decimal: @retroactive ExpressibleByArgument {
    /// A plain decimal number (`1500000`, `0.25`, `-3.5`); anything else is refused, where
    /// `Decimal(string:)` alone would read "12abc" as 12.
    public init?(argument: String) {
        guard argument.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        self.init(string: argument)
    }
}

extension MSP.State: ExpressibleByArgument {}
