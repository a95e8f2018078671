import ArgumentParser
import Foundation
import Scheduler

/// `mtl jobs …`: the job queue, for HQ admins.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "See and steer the job queue (HQ admins).",
        subcommands: [List.self, Show.self, Retry.self, Cancel.self, Stats.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The job's id (see: mtl jobs list).") var id: Int64
    }

    static func report(_ job: Job) {
        print("job \(job.id) (\(job.kind)) is \(job.state.rawValue), attempt \(job.attempt) of \(job.maxAttempts)"
              + (job.state == .available || job.state == .retryable ? ", runs at \(OutputFormat.timestamp(job.runAt))" : ""))
    }
}

extension Job.State: ExpressibleByArgument {}

extension JobsCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest first.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Only jobs in this state: available, running, completed, retryable, discarded or cancelled.") var state: Job.State?
        @Option(help: "Only jobs of this kind (e.g. msp.quarterly_review).") var kind: String?
        @Option(help: "Only jobs of this queue.") var queue: String?
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() async throws {
            try await options.withConnection { db in
                let writer = format.writer(for: Job.self)
                try await JobQueue.forEach(JobQueue.Filter(state: state, kind: kind, queue: queue, limit: limit), on: db) { try writer.write($0) }
                try writer.finish()
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a job: its arguments, attempts and error history.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var job: IDArgument
        @OptionGroup var output: RecordFormatOption

        func run() async throws {
            let j = try await options.withConnection { db in try await JobQueue.require(id: job.id, on: db) }
            if output.format == .json { return print(OutputFormat.json(j.json)) }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["job", "\(j.id)"], ["kind", j.kind], ["queue", j.queue], ["args", j.args], ["priority", "\(j.priority)"],
                ["state", j.state.rawValue], ["attempt", "\(j.attempt) of \(j.maxAttempts)"], ["run at", OutputFormat.timestamp(j.runAt)],
                ["worker", j.workerId ?? "-"], ["attempted at", j.attemptedAt.map(OutputFormat.timestamp) ?? "-"],
                ["finished at", j.finalizedAt.map(OutputFormat.timestamp) ?? "-"], ["unique key", j.uniqueKey ?? "-"],
                ["created", "\(OutputFormat.timestamp(j.createdAt)) by \(j.createdBy)"],
            ]))
            if !j.errors.isEmpty {
                print("\nERRORS")
                print(OutputFormat.table(header: ["ATTEMPT", "AT", "MESSAGE"], rows: j.errors.map { [String($0.attempt), $0.at, $0.message] }))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a retryable, discarded or cancelled job again now (one more attempt if it had used them all).")

        @OptionGroup var options: DomainOptions
        @OptionGroup var job: IDArgument

        func run() async throws {
            JobsCommand.report(try await options.withConnection { db in try await JobQueue.retry(id: job.id, on: db) })
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a job that has not finished (a running one is stopped at its worker's next heartbeat and its work rolled back).")

        @OptionGroup var options: DomainOptions
        @OptionGroup var job: IDArgument

        func run() async throws {
            JobsCommand.report(try await options.withConnection { db in try await JobQueue.cancel(id: job.id, on: db) })
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs per queue and state, and how long the oldest due job has waited.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let stats = try await options.withConnection { db in try await JobQueue.stats(on: db) }
            try format.print(stats)
        }
    }
}
