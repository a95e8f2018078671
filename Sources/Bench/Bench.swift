import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import PGKit

/// `bench`: PGKit's speed beside a baseline measured in the same run, on the same server.
///
///     make bench                 # a temporary local cluster
///     bench --seconds 5          # shorter point-select runs
///     bench --only rls           # one section: copy, inserts, select, fetch, rls, leads, jobs or scorecards
///     bench --only envelope      # the 10-million-lead envelope (about 45 minutes; never in the default run)
///     bench --database URL       # a server of your own (superuser; creates database mtl_bench)
///     bench --smoke              # every section once at a tiny size (make test: checks they run)
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "PGKit's and mtl's speed, each figure beside a baseline measured in the same run on the same server.",
        discussion: "make bench builds in release mode and runs it; the README's Performance section lists what each figure measures.")

    @OptionGroup var options: Bench.Options

    func run() async throws {
        try await Bench.run(options)
    }
}

enum Bench {
    /// What to run, and how big.
    struct Options: ParsableArguments {
        @Option(help: "Seconds of each point-SELECT run.") var seconds = 20
        @Option(help: "Rows for the COPY, fetch and RLS sections.") var rows = 1_000_000
        @Option(help: "Single-row INSERTs in the inserts section.") var inserts = 100_000
        @Option(help: "Leads in the lead import's file.") var leadRows = 1_000_000
        @Option(help: "Leads in the lead import's big file (peak memory).") var bigLeadRows = 5_000_000
        @Option(help: "Rounds of the lead import and its bare \\copy baseline, in turn (their medians are compared).") var leadRounds = 3
        @Option(help: "Jobs drained in the job section.") var jobs = 50_000
        @Option(help: "Leads in the scorecard section.") var scorecardLeads = 10_000_000
        @Option(help: "Activities in the scorecard section.") var scorecardActivities = 100_000
        @Option(help: "Seconds of each mixed job run.") var jobSeconds = 15
        @Option(help: "Leads in the envelope section.") var envelopeLeads = 10_000_000
        @Option(help: "Activities in the envelope section.") var envelopeActivities = 1_000_000
        @Option(help: "Audit events in the envelope section (at least one per lead: each lead's INSERT, then UPDATEs).") var envelopeAuditEvents = 50_000_000
        @Option(help: "Leads in each of the envelope's two import files.") var envelopeImportRows = 200_000
        @Option(help: "Alternating runs of each RLS query (the median is taken).") var repeats = 21
        @Option(help: ArgumentHelp("Only this section (envelope runs only when named).",
                                   valueName: "copy|inserts|select|fetch|rls|leads|jobs|scorecards|envelope")) var only: String?
        @Option(help: ArgumentHelp("A server of your own (a superuser URL; creates database mtl_bench).", valueName: "url")) var database: String?
        /// Skips PgQueuer in the job section (quick iteration only: figures to quote come from a
        /// run beside the baseline).
        @Flag(help: "Skip PgQueuer in the job section (quick iteration only).") var jobsWithoutBaseline = false
        /// Every section at a tiny size: proves each still runs and prints its figures (`make
        /// test` runs it, so a benchmark cannot rot unnoticed); the figures mean nothing.
        @Flag(help: "Every section once at a tiny size: checks that each runs and prints figures (make test).") var smoke = false

        static let sections = ["copy", "inserts", "select", "fetch", "rls", "leads", "jobs", "scorecards", "envelope"]

        mutating func validate() throws {
            if let only, !Self.sections.contains(only) {
                throw ValidationError("--only takes one of \(Self.sections.joined(separator: ", "))")
            }
            if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
            if leadRounds < 1 { throw ValidationError("--lead-rounds must be at least 1") }
            if envelopeLeads < 1 || envelopeActivities < 1 || envelopeImportRows < 1 {
                throw ValidationError("--envelope-leads, --envelope-activities and --envelope-import-rows must be at least 1")
            }
            if envelopeAuditEvents < envelopeLeads {
                throw ValidationError("--envelope-audit-events must be at least --envelope-leads (each lead's INSERT is an event)")
            }
            if smoke {
                seconds = 1
                rows = 2_000
                inserts = 500
                leadRows = 2_000
                bigLeadRows = 4_000
                leadRounds = 1
                jobs = 300
                scorecardLeads = 3_000
                scorecardActivities = 300
                envelopeLeads = 3_000
                envelopeActivities = 300
                envelopeAuditEvents = 12_000
                envelopeImportRows = 500
                jobSeconds = 1
                repeats = 1
            }
        }
    }

    static func run(_ options: Options) async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        var cluster: LocalPostgres?
        let admin: PGConnectionConfig
        if let url = options.database {
            admin = PGConnectionConfig(url)
        } else {
            let local = try LocalPostgres.start(logger: logger)
            cluster = local
            admin = local.config()
        }
        defer { cluster?.stop() }
        let setup = try await PGConnection.connect(admin, logger: logger)
        try await setup.query("DROP DATABASE IF EXISTS mtl_bench WITH (FORCE)")
        try await setup.query("CREATE DATABASE mtl_bench")
        await setup.close()
        let config = admin.database("mtl_bench")
        let uri = try psqlTarget(config)
        let work = FileManager.default.temporaryDirectory.appending(path: "mtl-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        say("PGKit benchmarks (server: \(config); \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        say("")
        var results: [Result] = []
        var silent: [String] = []
        /// The envelope takes about 45 minutes at its size: it runs when named (or in the smoke run).
        func runs(_ section: String) -> Bool {
            options.only == section || (options.only == nil && (section != "envelope" || options.smoke))
        }
        /// Runs a section and notes it when it printed no figures.
        func section(_ name: String, _ body: () async throws -> [Result]) async throws {
            guard runs(name) else { return }
            let figures = try await body()
            if figures.isEmpty { silent.append(name) }
            results += figures
        }
        try await section("copy") {
            say("COPY …")
            return [try await copyIn(config: config, uri: uri, rows: options.rows, work: work, logger: logger)]
        }
        try await section("inserts") {
            say("INSERTs …")
            return [try await inserts(config: config, count: options.inserts, logger: logger)]
        }
        try await section("select") {
            say("point SELECTs (\(options.seconds) s each) …")
            return try await pointSelects(config: config, uri: uri, seconds: options.seconds, work: work, logger: logger)
        }
        try await section("fetch") {
            say("fetch and decode …")
            return try await fetch(config: config, uri: uri, rows: options.rows, logger: logger)
        }
        try await section("rls") {
            say("row-level security …")
            return try await rowLevelSecurity(config: config, rows: options.rows, repeats: options.repeats, logger: logger)
        }
        try await section("leads") {
            say("lead import …")
            return try await leadImport(admin: admin, rows: options.leadRows, bigRows: options.bigLeadRows, rounds: options.leadRounds, work: work, logger: logger)
        }
        try await section("jobs") {
            say("job queue (beside PgQueuer) …")
            return try await jobQueue(admin: admin, jobs: options.jobs, seconds: options.jobSeconds, baseline: !options.jobsWithoutBaseline,
                                      work: work, logger: logger)
        }
        try await section("scorecards") {
            say("scorecards …")
            return try await scorecards(admin: admin, leads: options.scorecardLeads, activities: options.scorecardActivities,
                                        repeats: options.repeats, logger: logger)
        }
        try await section("envelope") {
            say("the envelope (\(options.envelopeLeads) leads, \(options.envelopeActivities) activities, \(options.envelopeAuditEvents) audit events) …")
            let size = EnvelopeSize(leads: options.envelopeLeads, activities: options.envelopeActivities, auditEvents: options.envelopeAuditEvents,
                                    importRows: options.envelopeImportRows, samples: options.repeats)
            return try await envelope(admin: admin, size: size, work: work, logger: logger)
        }
        say("")
        say(Result.table(results))
        if options.smoke {
            guard silent.isEmpty, !results.isEmpty else { throw BenchError("smoke run: no figures from \(silent.joined(separator: ", "))") }
            say("\nsmoke run: every section ran and printed its figures (sizes are tiny: the figures mean nothing)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One figure beside its baseline. `ratio` is PGKit's speed over the baseline's (higher is better);
/// NaN for a figure with no baseline (a size, a maintenance time).
struct Result {
    var name: String
    var pgkit: String
    var baseline: String
    var ratio: Double
    var goal: Double?

    static func table(_ results: [Result]) -> String {
        let header = ["benchmark", "PGKit", "baseline", "ratio", "goal"]
        let rows = results.map { result in
            [result.name, result.pgkit, result.baseline, result.ratio.isNaN ? "-" : String(format: "%.2fx", result.ratio),
             result.goal.map { String(format: ">= %.2fx %@", $0, result.ratio >= $0 ? "met" : "NOT met") } ?? "-"]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return ([header] + rows).map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Seconds taken by `body`.
func measure(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func rate(_ count: Int, _ seconds: Double, _ unit: String = "rows/s") -> String {
    String(format: "%.0f %@ (%.2f s)", Double(count) / seconds, unit, seconds)
}

/// A URI psql and pgbench understand, for the same server and database.
func psqlTarget(_ config: PGConnectionConfig) throws -> String {
    let parameters = try config.resolvedParameters()
    var parts: [String] = []
    for key in ["host", "port", "user", "dbname", "password"] {
        if let value = parameters[key] { parts.append("\(key)=\(PGConnectionConfig.quote(value))") }
    }
    return parts.joined(separator: " ")
}

/// Runs a program to completion with its output in a file (or discarded); fails on non-zero.
/// Spawned through LocalPostgres's `spawnAndWait`, which gives the child a clean signal mask.
func runTool(_ arguments: [String], stdout: URL? = nil) throws {
    let output = stdout?.path ?? FileManager.default.temporaryDirectory.appending(path: "bench-\(UUID().uuidString).out").path
    defer { if stdout == nil { unlink(output) } }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    let status = try LocalPostgres.spawnAndWait(["/usr/bin/env"] + arguments, environment: environment, outputPath: output)
    guard status == 0 else {
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        throw BenchError("\(arguments.prefix(2).joined(separator: " ")) failed (exit \(status)): \(text)")
    }
}

/// Prints a line at once (stdout to a pipe is block-buffered; progress should show as it happens).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
