import Demand
import Foundation
import Logging
import MTLCore
import PGKit
import Quality

extension Bench {
    /// One query people run, as a person under row-level security and as the superuser with the
    /// same scope given explicitly (nil: no such baseline). Each returns its time and a
    /// description of what it read, so that both sides are checked to agree.
    struct EnvelopeQuery {
        var name: String
        var asPerson: @Sendable (PGConnection) async throws -> (Double, String)
        var asSuperuser: (@Sendable (PGConnection) async throws -> (Double, String))?
    }

    /// Times `body`, returning the time and a description of its result.
    static func timed<T>(_ body: () async throws -> T) async throws -> (Double, String) {
        var value: T?
        let seconds = try await measure { value = try await body() }
        return (seconds, String(describing: value))
    }

    /// The envelope's queries as a DE admin and an HQ admin: p50/p95 over up to `samples` runs
    /// of each (at least 3, fewer past 60 s a query), alternating with the superuser's baseline.
    static func envelopeQueries(admin: PGConnection, database: PGConnectionConfig, samples: Int, logger: Logger) async throws -> [Result] {
        let (year, quarter) = try await busiestQuarterInEUR(admin)
        var results: [Result] = []
        for (login, unit) in [("bench_env_de", "DE"), ("bench_env_hq", "HQ")] {
            let person = try await PGConnection.connect(database.user(login, password: "bench"), logger: logger)
            let scope: String? = unit == "HQ" ? nil : unit
            let summary: @Sendable (PGConnection) async throws -> (Double, String) = { db in
                try await timed { try await PipelineSummary.byRegion(on: db) }
            }
            let queries: [EnvelopeQuery] = [
                EnvelopeQuery(name: "lead list, 100 newest (Lead.list)",
                              asPerson: { db in try await timed { try await Lead.list(Lead.Filter(limit: 100), on: db) } },
                              asSuperuser: { db in try await timed { try await Lead.list(Lead.Filter(unit: scope, limit: 100), on: db) } }),
                // The superuser sees every region: the same rows as HQ only.
                EnvelopeQuery(name: "lead summary by region (PipelineSummary)", asPerson: summary, asSuperuser: scope == nil ? summary : nil),
                EnvelopeQuery(name: "scorecard \(year)-Q\(quarter) by country in EUR (Scorecard.figures)",
                              asPerson: { db in
                                  try await timed { try await Scorecard.figures(year: year, quarter: quarter, unit: nil, by: .country, currency: "EUR", on: db) }
                              },
                              asSuperuser: { db in
                                  try await timed { try await Scorecard.figures(year: year, quarter: quarter, unit: scope, by: .country, currency: "EUR", on: db) }
                              }),
                EnvelopeQuery(name: "audit log, 100 newest events (AuditEvent.fetch)",
                              asPerson: { db in try await timed { try await AuditEvent.fetch(AuditEvent.Filter(limit: 100), on: db) } },
                              asSuperuser: { db in try await timed { try await AuditEvent.fetch(AuditEvent.Filter(unit: scope, limit: 100), on: db) } }),
            ]
            for query in queries {
                say("  \(query.name) as the \(unit) admin …")
                var mine: [Double] = [], theirs: [Double] = []
                let started = ContinuousClock.now
                while mine.count < max(samples, 1) {
                    let (seconds, seen) = try await query.asPerson(person)
                    mine.append(seconds)
                    if let baseline = query.asSuperuser {
                        let (seconds, expected) = try await baseline(admin)
                        theirs.append(seconds)
                        guard seen == expected else { throw BenchError("\(query.name): the \(unit) admin and the superuser read different results") }
                    }
                    if mine.count >= 3, ContinuousClock.now - started > .seconds(60) { break }
                }
                let (p50, p95) = percentiles(mine)
                let superuser = theirs.isEmpty ? nil : percentiles(theirs)
                let baseline = superuser.map { String(format: "superuser, same scope: p50 %.1f ms, p95 %.1f ms", $0.p50 * 1000, $0.p95 * 1000) } ?? "-"
                results.append(Result(name: "\(query.name) as the \(unit) admin (runs: \(mine.count))",
                                      pgkit: String(format: "p50 %.1f ms, p95 %.1f ms", p50 * 1000, p95 * 1000), baseline: baseline,
                                      ratio: superuser.map { $0.p50 / p50 } ?? .nan, goal: nil))
            }
            await person.close()
        }
        return results
    }

    /// The median and the 95th percentile (the nearest rank at or below it).
    static func percentiles(_ values: [Double]) -> (p50: Double, p95: Double) {
        let sorted = values.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
    }

    /// The big relations' sizes: heap (with TOAST), indexes and total, partitions summed.
    static func relationSizes(_ admin: PGConnection) async throws -> [(name: String, text: String)] {
        let rows = try await admin.fetchAll("""
            SELECT r.name, pg_size_pretty(sum(pg_table_size(t.relid))), pg_size_pretty(sum(pg_indexes_size(t.relid))),
                   pg_size_pretty(sum(pg_total_relation_size(t.relid)))
            FROM unnest(ARRAY['dg.lead', 'dg.activity', 'audit.change', 'audit.row_change',
                              'reporting_private.scorecard_lead', 'reporting_private.scorecard_activity']) WITH ORDINALITY AS r (name, position)
            CROSS JOIN LATERAL (SELECT p.relid FROM pg_partition_tree(r.name::regclass) p WHERE p.isleaf
                                UNION ALL
                                SELECT c.oid::regclass FROM pg_class c WHERE c.oid = r.name::regclass AND c.relkind <> 'p') t
            GROUP BY r.name, r.position ORDER BY r.position
            """, as: (String, String, String, String).self)
        var sizes = rows.map { (name: $0.0, text: "table \($0.1), indexes \($0.2), total \($0.3)") }
        let database = try require(try await admin.fetchValue("SELECT pg_size_pretty(pg_database_size(current_database()))", as: String.self))
        sizes.append((name: "the database", text: database))
        return sizes
    }
}
