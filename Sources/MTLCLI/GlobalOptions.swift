import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import PGKit

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a postgresql:// URI or a libpq connection string.",
        discussion: "Without it the PG* environment variables are used, else the local cluster of `mtl dev up`.",
        valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "Log in as this role instead of the one the connection settings name.",
        valueName: "name"))
    var user: String?

    @Flag(name: .long, help: "Show details of errors and debug logs.")
    var verbose = false

    /// Where the connection settings come from, for messages.
    enum Source: String {
        case option = "--database"
        case environment = "PG* environment variables"
        case devCluster = "the local dev cluster (.mtl/)"
    }

    /// The database to use: `--database`, else the `PG*` variables, else the dev cluster.
    func connectionConfig() throws -> (PGConnectionConfig, Source) {
        if let database {
            let config = PGConnectionConfig(database)
            _ = try config.resolvedParameters()
            return (config, .option)
        }
        let environment = ProcessInfo.processInfo.environment
        if ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"].contains(where: { environment[$0] != nil }) {
            return (PGConnectionConfig(), .environment)
        }
        guard let cluster = try DevCluster.attach(), cluster.isRunning else {
            throw CLIError("no database given: pass --database URL, set PGHOST/PGDATABASE, or start the local cluster with `mtl dev up`")
        }
        return (cluster.config(database: DevCluster.databaseName), .devCluster)
    }

    func connect() async throws -> PGConnection {
        var (config, _) = try connectionConfig()
        if let user { config = config.user(user) }
        return try await PGConnection.connect(config, logger: Logger(label: "mtl.db"))
    }
}

/// The local development cluster used by the demo, kept under `.mtl/postgres` in the current
/// directory (or `$MTL_DEV_DIR`).
enum DevCluster {
    static let databaseName = "mtl"

    static var directory: URL {
        if let custom = ProcessInfo.processInfo.environment["MTL_DEV_DIR"], !custom.isEmpty {
            return URL(filePath: custom).appending(path: "postgres")
        }
        return URL(filePath: FileManager.default.currentDirectoryPath).appending(path: ".mtl/postgres")
    }

    /// The dev cluster if one was created here.
    static func attach() throws -> LocalPostgres? {
        try LocalPostgres.attach(directory: directory)
    }
}
