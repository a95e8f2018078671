import ArgumentParser
import Enablement
import Foundation
import MTLCore
import PGKit

/// `mtl enablement programme|session|attend`: training.
struct EnablementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enablement",
        abstract: "Enablement programmes (for a segment or key project), their sessions, and who attended.",
        subcommands: [Programme.self, Session.self, Attend.self])

    struct Programme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an enablement programme.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Its unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
        @Option(help: "Its title.") var title: String
        @Option(help: ArgumentHelp("The segment it is for.", valueName: "UNIT/CODE")) var segment: String?
        @Option(help: ArgumentHelp("The key project (a lead or opportunity) it is for.", valueName: "id")) var lead: Int64?
        @Option(help: ArgumentHelp("When it starts.", valueName: "YYYY-MM-DD")) var starts: String
        @Option(help: ArgumentHelp("When it ends.", valueName: "YYYY-MM-DD")) var ends: String
        func run() async throws {
            let id = try await options.withConnection {
                try await Training.addProgramme(unit: unit, bu: bu, title: title, segment: segment, lead: lead, startsOn: starts, endsOn: ends, on: $0)
            }
            print("added programme \(id) (\(title)); add its sessions: mtl enablement session \(id) …")
        }
    }

    struct Session: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a session to a programme: classroom, online, meeting or mobile.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The programme's id.") var programme: Int64
        @Option(help: "Its title.") var title: String
        @Option(help: "classroom, online, meeting or mobile.") var channel: String
        @Option(help: ArgumentHelp("When it is held.", valueName: "YYYY-MM-DD")) var on: String
        @Option(help: ArgumentHelp("The material it teaches.", valueName: "id")) var material: Int64?
        func run() async throws {
            let id = try await options.withConnection {
                try await Training.addSession(programme: programme, title: title, channel: channel, heldOn: on, material: material, on: $0)
            }
            print("added session \(id) (\(title), \(channel), \(on))")
        }
    }

    struct Attend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record attendance of a session: yours, or (editors) a seller's of your scope.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The session's id.") var session: Int64
        @Option(help: ArgumentHelp("The seller (id or login); default: you.", valueName: "seller")) var seller: String?
        func run() async throws {
            try await options.withConnection { try await Training.attend(session: session, seller: seller, on: $0) }
            print("attended session \(session)" + (seller.map { " (\($0))" } ?? ""))
        }
    }
}

/// `mtl readiness`: the share of sellers certified, per segment and role.
struct ReadinessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readiness", abstract: "Seller readiness: per segment and seller role, the share of active sellers holding a valid certification.")
    @OptionGroup var options: DomainOptions
    @Option(help: ArgumentHelp("This unit's segments and the units' below it.", valueName: "code")) var unit: String?
    @Option(help: ArgumentHelp("One segment.", valueName: "UNIT/CODE")) var segment: String?
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    func run() async throws { try format.print(try await options.withConnection { try await Readiness.list(unit: unit, segment: segment, on: $0) }) }
}
