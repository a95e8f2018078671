import ArgumentParser
import Foundation
import MTLCore
import PGKit

extension Audit {
    /// `mtl audit archive DIR`: takes the months past the retention out of the database, each into
    /// a dump file, and drops them only once the dump is written and reads back.
    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Detach the audit trail's months past the retention, dump each into DIR (pg_dump, custom format), then drop them.",
            discussion: """
                Run as a superuser, like mtl db restore (from cron or a systemd timer, \
                after the daily audit.partitions job). --retention-months sets how many whole months stay in \
                the database (kept until changed; none are detached while it is unset). A month is dropped \
                only after its dump is written, read back with pg_restore --list and recorded with its size \
                and SHA-256 in audit.archive; a failure leaves it detached and whole, and the next run \
                retries it. Restore a month with pg_restore into any database. See docs/operations.md.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The folder for the dump files (created if missing).") var directory: String
        @Option(help: ArgumentHelp("Keep this many whole months in the database from now on.", valueName: "months"))
        var retentionMonths: Int?

        func validate() throws {
            if let retentionMonths, retentionMonths < 1 { throw ValidationError("--retention-months must be at least 1") }
        }

        func run() async throws {
            let folder = URL(filePath: directory).standardizedFileURL
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let (config, _) = try global.connectionConfig()
            let connection = try await global.connect()
            do {
                try await archive(into: folder, config: config, on: connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        }

        private func archive(into folder: URL, config: PGConnectionConfig, on db: PGConnection) async throws {
            if let retentionMonths {
                try await db.execute("UPDATE audit.partition_setting SET retention_months = \(Int32(retentionMonths)), updated_at = now()")
            }
            let retention = try await db.fetchValue("SELECT retention_months FROM audit.partition_setting", as: Int32?.self) ?? nil
            let detachedNow = try await db.fetchValue("SELECT audit.detach_expired()", as: Int32.self) ?? 0
            let months = try await db.fetchAll("""
                SELECT to_char(month, 'YYYY-MM'), changes, rows FROM audit.archive WHERE state = 'detached' ORDER BY month
                """, as: (String, Int64, Int64).self)
            if months.isEmpty {
                print(retention.map { "no month of the audit trail is older than \($0) whole months: nothing to archive" }
                      ?? "no retention is set (--retention-months): the audit trail is kept whole")
                return
            }
            print("detached \(detachedNow) month\(detachedNow == 1 ? "" : "s") now; archiving \(months.count)")
            for (label, changes, rows) in months {
                let suffix = "y" + label.replacingOccurrences(of: "-", with: "m")
                let file = folder.appending(path: "audit-\(label).dump")
                if FileManager.default.fileExists(atPath: file.path) {
                    throw CLIError("\(file.path) exists already", hint: "Archive into another folder; an archive is never written over.")
                }
                let log = folder.appending(path: ".audit-\(label).log")
                defer { try? FileManager.default.removeItem(at: log) }
                print("  \(label): \(changes) changes, \(rows) rows: dumping …")
                try DB.runClient(["pg_dump", "--format=custom", "--dbname=\(config.conninfo)",
                                  "--table=audit_archive.change_\(suffix)", "--table=audit_archive.row_change_\(suffix)",
                                  "--file=\(file.path)"], log: log)
                // Read it back before anything is dropped.
                try DB.runClient(["pg_restore", "--list", file.path], log: log)
                let listing = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                guard listing.contains("change_\(suffix)"), listing.contains("row_change_\(suffix)") else {
                    throw CLIError("the dump of \(label) does not hold both of its tables; nothing was dropped", hint: "Check \(file.path) and run again.")
                }
                let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
                let digest = try DB.sha256(of: file)
                try await db.query("SELECT audit.drop_archived(\(label + "-01")::date, \(file.path), \(Int64(bytes)), \(digest))")
                print("  \(label): archived in \(file.path) (\(bytes) bytes, sha256 \(digest.prefix(16))…)")
            }
        }
    }

    /// `mtl audit archives`: the months taken out of the database.
    struct Archives: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the audit trail's archived and detached months (HQ admins).")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        struct Row: OutputRecord {
            var month: String, state: String, changes: Int64, rows: Int64
            var file: String?, bytes: Int64?, sha256: String?, archivedAt: Date?
            static let outputColumns: [OutputColumn<Row>] = [
                .init("month") { $0.month }, .init("state") { $0.state }, .init("changes") { $0.changes }, .init("rows") { $0.rows },
                .init("file") { $0.file }, .init("bytes") { $0.bytes }, .init("sha256") { $0.sha256 }, .init("archived_at") { $0.archivedAt },
            ]
        }

        func run() async throws {
            let rows = try await options.withConnection { db in
                try await db.fetchAll("""
                    SELECT to_char(month, 'YYYY-MM'), state, changes, rows, file, bytes, sha256, archived_at
                    FROM audit.archive ORDER BY month
                    """, as: (String, String, Int64, Int64, String?, Int64?, String?, Date?).self)
            }
            let records = rows.map { Row(month: $0.0, state: $0.1, changes: $0.2, rows: $0.3, file: $0.4, bytes: $0.5, sha256: $0.6,
                                         archivedAt: $0.7) }
            if records.isEmpty && format == .table {
                print("no month of the audit trail has been archived")
                return
            }
            try format.print(records)
        }
    }
}
