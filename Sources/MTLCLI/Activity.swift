import ArgumentParser
import Demand
import Foundation
import MTLCore
import PGKit

/// `mtl activity …`: the activities of programmes.
struct ActivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "Marketing activities: summits, exhibitions, workshops, webinars, … of a programme.",
        discussion: """
            An activity's cost (actual once done, else planned) counts against its programme's approved \
            budget; the database refuses one that would exceed it.
            Example:
              mtl activity add --programme 1 'Hamburg rail workshop' --type workshop --starts 2026-06-10 --ends 2026-06-10 --planned-cost 12000 --invited 40
              mtl activity use 1 --asset 2
              mtl activity done 1 --actual-cost 11500 --attended 31
            """,
        subcommands: [Add.self, List.self, Done.self, Cancel.self, Use.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The activity's id (see: mtl activity list).") var id: Int64
    }

    static func report(_ a: Activity) {
        print("activity \(a.id) (\(a.name), programme \(a.programmeId)) is \(a.state): planned \(a.plannedCost)"
              + (a.actualCost.map { ", actual \($0)" } ?? "") + ", \(a.attended)/\(a.invited) attended")
    }
}

extension ActivityCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan an activity of a programme.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "Its name.") var name: String
        @Option(help: ArgumentHelp("The programme.", valueName: "id")) var programme: Int64
        @Option(help: ArgumentHelp("Where it happens: the programme's unit (default) or one below it.", valueName: "code")) var unit: String?
        @Option(help: "summit, exhibition, workshop, seminar, webinar, digital_campaign, customer_visit, customer_experience, roadshow, joint_innovation or other.")
        var type: String
        @Option(help: ArgumentHelp("First day.", valueName: "YYYY-MM-DD")) var starts: Day
        @Option(help: ArgumentHelp("Last day.", valueName: "YYYY-MM-DD")) var ends: Day
        @Option(help: "What it should cost.") var plannedCost: Decimal
        @Option(help: "People invited.") var invited = 0

        func validate() throws {
            guard Activity.types.contains(type) else { throw ValidationError("--type is one of \(Activity.types.joined(separator: ", "))") }
            if ends.description < starts.description { throw ValidationError("--ends is before --starts") }
            if plannedCost < 0 || invited < 0 { throw ValidationError("costs and counts cannot be negative") }
        }

        func run() async throws {
            let plan = Activity.Plan(programme: programme, unit: unit, name: name, type: type, startsOn: starts.description,
                                     endsOn: ends.description, plannedCost: plannedCost, invited: invited)
            let activity = try await options.withConnection { db in try await Activity.create(plan, on: db) }
            print("created activity \(activity.id): \(activity.name) (\(activity.type), \(activity.unit), \(activity.startsOn))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List activities, of a programme or a unit.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this programme's.", valueName: "id")) var programme: Int64?
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let activities = try await options.withConnection { db in try await Activity.list(programme: programme, unit: unit, on: db) }
            try format.print(activities)
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an activity took place: its actual cost and attendance.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var activity: IDArgument
        @Option(help: "What it cost.") var actualCost: Decimal
        @Option(help: "People who came.") var attended: Int
        func validate() throws { if actualCost < 0 || attended < 0 { throw ValidationError("costs and counts cannot be negative") } }
        func run() async throws {
            report(try await options.withConnection { db in
                try await Activity.complete(id: activity.id, actualCost: actualCost, attended: attended, on: db)
            })
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a planned activity: its cost no longer counts.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var activity: IDArgument
        func run() async throws { report(try await options.withConnection { db in try await Activity.cancel(id: activity.id, on: db) }) }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an activity used a published asset.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var activity: IDArgument
        @Option(help: ArgumentHelp("The asset.", valueName: "id")) var asset: Int64
        func run() async throws {
            let a = try await options.withConnection { db in try await Activity.use(id: activity.id, asset: asset, on: db) }
            print("activity \(a.id) (\(a.name)) uses assets \(a.assets.map(String.init).joined(separator: ", "))")
        }
    }
}
