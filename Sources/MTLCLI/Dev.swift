import ArgumentParser
import Foundation
import LocalPostgres
import PGKit

/// `mtl dev …`: the local cluster the demo uses.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Start, stop or open the local development PostgreSQL (kept under .mtl/).",
        subcommands: [Up.self, Down.self, Psql.self]
    )

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the local cluster (created on first use) and its `mtl` database.")

        func run() async throws {
            let cluster = try LocalPostgres.start(directory: DevCluster.directory)
            let admin = try await PGConnection.connect(cluster.config())
            let exists = try await admin.fetchValue(
                "SELECT count(*) FROM pg_database WHERE datname = \(DevCluster.databaseName)", as: Int.self) ?? 0
            if exists == 0 {
                try await admin.query("CREATE DATABASE \(identifier: DevCluster.databaseName)")
            }
            await admin.close()
            print("local PostgreSQL is running in \(cluster.directory.path) (port \(cluster.port))")
            print("database: \(cluster.uri(database: DevCluster.databaseName))")
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the local cluster (its data is kept).")

        func run() async throws {
            guard let cluster = try DevCluster.attach() else {
                print("no local cluster in \(DevCluster.directory.path)")
                return
            }
            cluster.stopServer()
            print("local PostgreSQL stopped (data kept in \(cluster.directory.path))")
        }
    }

    struct Psql: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open psql on the local cluster's `mtl` database.",
            discussion: """
                psql's own options pass through: `mtl dev psql -U bi_emea` logs in as bi_emea (the \
                local socket trusts every user), `mtl dev psql -c 'SELECT 1'` runs one statement. \
                Without -U (or PGUSER) psql logs in as the cluster's superuser, which row-level \
                security does not apply to, and says so.
                """)

        @Argument(parsing: .captureForPassthrough, help: "psql's options and arguments (-U NAME, -c SQL, -f FILE, …).")
        var psqlArguments: [String] = []

        func run() async throws {
            guard let cluster = try DevCluster.attach(), cluster.isRunning else {
                throw CLIError("the local cluster is not running: start it with `mtl dev up`")
            }
            let invocation = Self.invocation(socketDirectory: cluster.socketDirectory, port: cluster.port, database: DevCluster.databaseName,
                                             superuser: cluster.superuser, arguments: psqlArguments,
                                             environmentUser: ProcessInfo.processInfo.environment["PGUSER"])
            if let note = invocation.note { FileHandle.standardError.write(Data((note + "\n").utf8)) }
            let cArguments = invocation.arguments.map { strdup($0) } + [nil]
            execvp("psql", cArguments)
            throw CLIError("cannot run psql (\(String(cString: strerror(errno)))): install it with apt-get install -y postgresql-client")
        }

        /// psql's command line: the local socket, port and database as options (a connection URI
        /// naming the superuser would override psql's own -U), the caller's arguments after them,
        /// and the superuser only when the caller named no user (-U, --username, or PGUSER), with
        /// a note saying so.
        static func invocation(socketDirectory: String, port: Int, database: String, superuser: String,
                               arguments: [String], environmentUser: String?) -> (arguments: [String], note: String?) {
            let namesUser = arguments.contains { $0 == "-U" || $0 == "--username" || $0.hasPrefix("--username=") || ($0.hasPrefix("-U") && $0.count > 2) }
            var command = ["psql", "-h", socketDirectory, "-p", String(port), "-d", database]
            var note: String?
            if !namesUser && (environmentUser ?? "").isEmpty {
                command += ["-U", superuser]
                note = "mtl dev psql: connected as the superuser \(superuser), which row-level security does not apply to; "
                    + "use -U NAME to log in as a person"
            }
            return (command + arguments, note)
        }
    }
}
