import ArgumentParser
import Foundation
import Logging
import MTLCore
import PGKit
import MTLModules
import Scheduler
import ServiceLifecycle

/// `mtl scheduler run`: the worker daemon.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Run a worker: it runs jobs and fires schedules.",
        subcommands: [Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run jobs until stopped (SIGTERM or SIGINT stop it gracefully).",
            discussion: """
                Run as a login with the scheduler role (mtl user add worker1 --role scheduler --unit HQ). \
                Start as many workers as you like, on any machines: they share the queue through the \
                database, and every one of them fires due schedules without firing anything twice. \
                On SIGTERM or SIGINT a worker stops claiming, lets running jobs finish within the \
                grace period, and releases the rest to other workers. Logs go to stderr.
                """)

        @OptionGroup var options: DomainOptions

        @Option(help: ArgumentHelp("Queues to take jobs from, comma-separated.", valueName: "names"))
        var queues = "default"

        @Option(help: "Jobs run at once.")
        var concurrency = 10

        @Option(help: ArgumentHelp("While a backlog lasts, jobs claimed ahead of free slots (default: the concurrency).",
                                   discussion: "Short jobs then never wait for a claim. Other workers cannot take jobs claimed ahead, so use 0 for queues of long jobs.",
                                   valueName: "jobs"))
        var prefetch: Int?

        @Option(help: ArgumentHelp("This worker's name in the jobs it runs and in logs (default host:pid).", valueName: "id"))
        var workerId: String?

        @Option(help: ArgumentHelp("Seconds between looks for jobs when no notification comes, and between schedule checks.", valueName: "seconds"))
        var pollInterval = 1.0

        @Option(help: ArgumentHelp("Seconds between heartbeats of running jobs.", valueName: "seconds"))
        var heartbeatInterval = 5.0

        @Option(help: ArgumentHelp("Seconds without a heartbeat after which a running job is rescued.", valueName: "seconds"))
        var rescueAfter = 30.0

        @Option(help: ArgumentHelp("Seconds running jobs get to finish on shutdown before they are released.", valueName: "seconds"))
        var gracePeriod = 30.0

        @Option(help: ArgumentHelp("A direct connection to PostgreSQL for LISTEN, when --database goes through a pooler (default: --database).",
                                   discussion: "A transaction-mode pooler such as PgBouncer drops notifications; without a direct listener the worker says so at start and finds new jobs by polling.",
                                   valueName: "url"))
        var listenDatabase: String?

        @Option(help: ArgumentHelp("How the worker's hot statements run: auto (named on a direct connection, unnamed behind a pooler), named or unnamed.",
                                   discussion: "named behind PgBouncer needs 1.21+ with max_prepared_statements set; Debian 12's 1.18 has none in transaction mode.",
                                   valueName: "mode"))
        var preparedStatements: PGConnectionConfig.PreparedStatements = .auto

        @Option(help: ArgumentHelp("Write Prometheus metrics to this file (text format, for node_exporter's textfile collector; a .prom name).",
                                   discussion: "Jobs claimed, completed, failed and retried per kind, run time and start latency histograms, jobs per queue and state, the oldest due job's age. See docs/operations.md.",
                                   valueName: "path"))
        var metricsFile: String?

        @Option(help: ArgumentHelp("Seconds between writes of the metrics file.", valueName: "seconds"))
        var metricsInterval = 15.0

        @Flag(help: "Do not fire schedules from this worker (another worker does).")
        var noSchedules = false

        @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error or critical.", valueName: "level"))
        var logLevel: Logger.Level = .info

        func validate() throws {
            guard (1...500).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 500") }
            if let prefetch, !(0...500).contains(prefetch) { throw ValidationError("--prefetch must be between 0 and 500") }
            for (name, value) in [("--poll-interval", pollInterval), ("--heartbeat-interval", heartbeatInterval),
                                  ("--rescue-after", rescueAfter), ("--grace-period", gracePeriod), ("--metrics-interval", metricsInterval)] where !(value > 0) {
                throw ValidationError("\(name) must be a positive number of seconds")
            }
            guard rescueAfter >= 2 * heartbeatInterval else {
                throw ValidationError("--rescue-after (\(rescueAfter)) must be at least twice --heartbeat-interval (\(heartbeatInterval)), or live jobs would be rescued")
            }
            let queueNames = queues.split(separator: ",").map(String.init)
            guard !queueNames.isEmpty, queueNames.allSatisfy({ $0.range(of: "^[a-z][a-z0-9_.-]{0,62}$", options: .regularExpression) != nil }) else {
                throw ValidationError("--queues must be queue names (a-z, 0-9, _ . -) separated by commas")
            }
        }

        func run() async throws {
            var logger = Logger(label: "mtl.scheduler")
            logger.logLevel = logLevel
            var (config, _) = try options.global.connectionConfig()
            if let user = options.global.user { config = config.user(user) }
            config.applicationName = "mtl scheduler"
            config.preparedStatements = preparedStatements
            var listenerConfig = config
            if let listenDatabase {
                listenerConfig = PGConnectionConfig(listenDatabase, applicationName: "mtl scheduler listener")
                if let user = options.global.user { listenerConfig = listenerConfig.user(user) }
                _ = try listenerConfig.resolvedParameters()
            }
            try await options.withConnection { db in
                guard try await db.fetchValue("SELECT pg_has_role(current_user, 'mtl_scheduler', 'MEMBER')", as: Bool.self) == true else {
                    throw CLIError("this login is not a scheduler",
                                   hint: "Run workers as a scheduler login: mtl user add worker1 --role scheduler --unit HQ, then --user worker1.")
                }
                // A worker claims jobs (SELECT … FOR UPDATE) and fires schedules: on a hot standby
                // every claim would fail, for ever. Refuse at once.
                if try await db.fetchValue("SELECT pg_is_in_recovery()", as: Bool.self) == true {
                    throw CLIError("this server is a hot standby (read-only): a worker cannot run on it",
                                   hint: "Point the worker at the primary (--database or PGHOST/PGPORT); standbys serve reads and BI.")
                }
            }
            let configuration = WorkerConfiguration(
                workerId: workerId ?? WorkerConfiguration.defaultWorkerId(),
                queues: queues.split(separator: ",").map(String.init), concurrency: concurrency, prefetch: prefetch,
                pollInterval: .seconds(pollInterval), heartbeatInterval: .seconds(heartbeatInterval),
                rescueAfter: .seconds(rescueAfter), gracePeriod: .seconds(gracePeriod), firesSchedules: !noSchedules)
            let pool = PGPool(config: config, options: PGPool.Options(maxConnections: concurrency + 3), logger: logger)
            let worker = Worker(configuration: configuration, pool: pool, listenerConfig: listenerConfig, registry: Modules.jobKinds, logger: logger)
            var services: [any Service] = []
            if let metricsFile {
                let file = URL(filePath: metricsFile).standardizedFileURL
                guard FileManager.default.isWritableFile(atPath: file.deletingLastPathComponent().path) else {
                    throw CLIError("cannot write metrics to \(file.path): its folder is missing or not writable",
                                   hint: "Give --metrics-file a path in node_exporter's textfile directory that this user may write to.")
                }
                services.append(MetricsFileWriter(file: file, interval: .seconds(metricsInterval), registry: MetricsFileWriter.bootstrap(),
                                                  worker: worker, logger: logger))
            }
            // Shut down in reverse order: the worker first, then the metrics writer's last write.
            services.append(worker)
            let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            do {
                try await group.run()
            } catch {
                await pool.close()
                throw error
            }
            await pool.close()
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension PGConnectionConfig.PreparedStatements: ExpressibleByArgument {}
