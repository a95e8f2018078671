import ArgumentParser
import Foundation
import Logging
import PGKit

/// The `mtl` command: a thin front over the services.
struct MTL: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mtl",
        abstract: "Run the MTL (Market to Lead) back office.",
        discussion: """
            The database is taken from --database, else from the PG* environment variables \
            (PGHOST, PGDATABASE, PGUSER, …), else from the local development cluster that \
            `mtl dev up` starts under .mtl/.
            """,
        version: version,
        subcommands: [DB.self, Dev.self, Org.self, BU.self, User.self, Audit.self, Approvals.self, FrameworkCommand.self,
                      SegmentCommand.self, MSPCommand.self, ProgrammeCommand.self,
                      ActivityCommand.self, AssetCommand.self, LeadCommand.self, InsightCommand.self, CompetitorCommand.self,
                      MaterialCommand.self, KitCommand.self, SellerCommand.self, EnablementCommand.self, ExamCommand.self, CertCommand.self,
                      ReadinessCommand.self,
                      QualityCommand.self, ReportCommand.self,
                      ReviewCommand.self, SchedulerCommand.self, JobsCommand.self, ScheduleCommand.self]
    )
}

@main
enum Main {
    static func main() async {
        let verbose = CommandLine.arguments.contains("--verbose")
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .warning
            return handler
        }
        do {
            var command = try MTL.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any CLIReportable {
            FileHandle.standardError.write(Data("mtl: error: \(error.headline)\n".utf8))
            if let hint = (error as? PGError)?.advice ?? error.hint { FileHandle.standardError.write(Data("hint: \(hint)\n".utf8)) }
            if verbose, let detail = error.detail {
                FileHandle.standardError.write(Data((detail + "\n").utf8))
            } else if !verbose, error.detail != nil {
                FileHandle.standardError.write(Data("(run again with --verbose for details)\n".utf8))
            }
            exit(1)
        } catch {
            MTL.exit(withError: error)
        }
    }
}
