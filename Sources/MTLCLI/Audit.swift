import ArgumentParser
import Foundation
import MTLCore
import PGKit

/// `mtl audit …`: the audit trail.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the audit trail of changes (admins, within their units).",
        subcommands: [Log.self, Archive.self, Archives.self]
    )

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show recorded changes, newest first.",
            discussion: """
                Examples:
                  mtl audit log --table unit --since 7d
                  mtl audit log --unit EMEA --actor alice --format json
                """)

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this table: schema.table, or a table name.", valueName: "table")) var table: String?
        @Option(help: ArgumentHelp("Only changes in this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Only changes made by this login role.", valueName: "name")) var actor: String?
        @Option(help: ArgumentHelp("Only changes since this time: 2026-11-01, '2026-11-01 08:00+01', or an age such as 90m, 12h, 7d.", valueName: "when"))
        var since: String?
        @Option(help: "At most this many events.") var limit = 50
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() async throws {
            let filter = AuditEvent.Filter(table: table, unit: unit, actor: actor, since: since.map(AuditEvent.Since.init(parsing:)), limit: limit)
            try await options.withConnection { db in
                let writer = format.writer(for: AuditEvent.self)
                try await AuditEvent.forEach(filter, on: db) { try writer.write($0) }
                try writer.finish()
            }
        }
    }
}
