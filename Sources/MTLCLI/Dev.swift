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
        static let configuration = CommandConfiguration(abstract: "Open psql on the local cluster's `mtl` database.")

        @Argument(parsing: .captureForPassthrough, help: "Extra arguments for psql.")
        var psqlArguments: [String] = []

        func run() async throws {
            guard let cluster = try DevCluster.attach(), cluster.isRunning else {
                throw CLIError("the local cluster is not running: start it with `mtl dev up`")
            }
            let arguments = ["psql", cluster.uri(database: DevCluster.databaseName)] + psqlArguments
            let cArguments = arguments.map { strdup($0) } + [nil]
            execvp("psql", cArguments)
            throw CLIError("cannot run psql (\(String(cString: strerror(errno)))): install it with apt-get install -y postgresql-client")
        }
    }
}
