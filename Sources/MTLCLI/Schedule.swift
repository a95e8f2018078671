import ArgumentParser
import Foundation
import Scheduler

/// `mtl schedule …`: the schedules, for HQ admins.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "See, pause, resume and fire schedules (HQ admins).",
        subcommands: [List.self, Pause.self, Resume.self, RunNow.self]
    )

    struct NameArgument: ParsableArguments {
        @Argument(help: "The schedule's name (see: mtl schedule list).") var name: String
    }

    static func report(_ s: Schedule) {
        print("schedule \(s.name) is \(s.paused ? "paused" : "active"); next fire time \(OutputFormat.timestamp(s.nextFireAt)) (\(s.rule), \(s.timeZone))")
    }
}

extension ScheduleCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the schedules with their rules, time zones and next fire times.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let schedules = try await options.withConnection { db in try await Schedule.list(on: db) }
            try format.print(schedules)
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause a schedule: it does not fire until resumed.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var schedule: NameArgument
        func run() async throws {
            ScheduleCommand.report(try await options.withConnection { db in try await Schedule.setPaused(true, name: schedule.name, on: db) })
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a paused schedule; fire times that passed while it was paused are not fired.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var schedule: NameArgument
        func run() async throws {
            ScheduleCommand.report(try await options.withConnection { db in try await Schedule.setPaused(false, name: schedule.name, on: db) })
        }
    }

    struct RunNow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-now",
            abstract: "Fire a schedule now (a worker runs the job); its next scheduled fire time is unchanged.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var schedule: NameArgument
        func run() async throws {
            let job = try await options.withConnection { db in try await Schedule.runNow(name: schedule.name, on: db) }
            print("schedule \(schedule.name) fired: job \(job) enqueued (see: mtl jobs show \(job))")
        }
    }
}
