import ArgumentParser
import Foundation
import Market
import MTLCore

/// `mtl review …`: quarterly MSP reviews.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Quarterly MSP reviews: run them, list and show them (decide them with mtl approvals).",
        subcommands: [Run.self, List.self, Show.self]
    )
}

extension ReviewCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review the active MSPs of a closed fiscal quarter now (HQ admins; the scheduler does this after each quarter).",
            discussion: "Reviews that exist are kept: running again creates nothing new. Each new review waits in its approvers' inbox.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("The closed quarter, e.g. FY2026-Q3.", valueName: "quarter")) var quarter: FiscalQuarter
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?

        func run() async throws {
            let created = try await options.withConnection { db in
                try await db.transaction { db in
                    try await QuarterlyReview.run(quarter: quarter.description, unit: unit, on: db)
                }
            }
            print(created.isEmpty
                  ? "no new reviews for \(quarter): every active MSP in scope has one"
                  : "\(created.count) review\(created.count == 1 ? "" : "s") created for \(quarter) (ids \(created.map(String.init).joined(separator: ", "))); see: mtl review list --quarter \(quarter)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the reviews you can see: status and gaps per MSP.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this quarter, e.g. FY2026-Q3.", valueName: "quarter")) var quarter: FiscalQuarter?
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this status: on_track, at_risk, off_track or no_plan.") var status: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            if let status, !["on_track", "at_risk", "off_track", "no_plan"].contains(status) {
                throw ValidationError("--status must be on_track, at_risk, off_track or no_plan")
            }
        }

        func run() async throws {
            let reviews = try await options.withConnection { db in
                try await QuarterlyReview.list(QuarterlyReview.Filter(quarter: quarter?.description, unit: unit, status: status), on: db)
            }
            try format.print(reviews)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a review: the figures against the plan, the gaps and the next quarter's draft plan.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The review's id (see: mtl review list).") var id: Int64
        @OptionGroup var output: RecordFormatOption

        func run() async throws {
            let r = try await options.withConnection { db in try await QuarterlyReview.require(id: id, on: db) }
            if output.format == .json { return print(OutputFormat.json(r.json)) }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["review", "\(r.id): MSP \(r.mspId) \(r.unit)/\(r.segment) (\(r.bu)), \(r.fiscalQuarter)"],
                ["status", r.status], ["state", r.state.rawValue],
                ["pipeline", r.status == "no_plan" ? "\(r.pipelineCreated) \(r.currency) (the quarter had no plan)"
                                                   : "\(r.pipelineCreated) of \(r.pipelineTarget) \(r.currency)"],
                ["leads", "\(r.leads) of \(r.leadTarget); \(r.qualifiedLeads) qualified; \(r.opportunities) opportunities"],
                ["activities", "\(r.activitiesDone) of \(r.activitiesPlanned) done"],
                ["spend", "\(r.spend) of a budget of \(r.budget) \(r.currency)"],
                ["SLA breaches", "\(r.slaBreaches)"],
                ["next quarter", "\(r.nextQuarter) draft: \(r.draftPlan ?? "none (no plan to draft it from)")"],
                ["created", "\(OutputFormat.timestamp(r.createdAt)) by \(r.createdBy)" + (r.jobId.map { " (job \($0))" } ?? "")
                    + (r.requestedBy == r.createdBy ? "" : ", asked for by \(r.requestedBy)")],
            ]))
            print("\nGAPS")
            print(r.gaps.isEmpty ? "none" : r.gaps.map { "- " + $0 }.joined(separator: "\n"))
        }
    }
}
