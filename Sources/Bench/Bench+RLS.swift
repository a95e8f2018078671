import Foundation
import Logging
import PGKit
import Schema

extension Bench {
    /// Row-level security's cost: count and sum over a tenant table, filtered by a subtree, run
    /// as a person under RLS, beside the same query with the equivalent explicit WHERE run by a
    /// superuser (to whom RLS does not apply). Goal: RLS takes at most 1.3× the time.
    static func rowLevelSecurity(config: PGConnectionConfig, rows: Int, repeats: Int, logger: Logger) async throws -> [Result] {
        let admin = try await PGConnection.connect(config, logger: logger)
        try await Migrator(migrations: try MigrationSet.embedded(), logger: logger).migrate(on: admin)
        try await makeOrganisation(admin)
        try await admin.executeScript(unsafeSQL: """
            SET ROLE mtl_owner;
            CREATE TABLE mi.bench_sale (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                unit_id bigint NOT NULL REFERENCES org.unit (id),
                bu_id bigint REFERENCES org.business_unit (id),
                amount numeric(18,2) NOT NULL,
                sold_on date NOT NULL
            );
            SELECT org.secure_tenant_table('mi.bench_sale', bu_column => 'bu_id');
            RESET ROLE;
            """)
        // The load is setup, not the measurement: the audit triggers are off while it runs.
        try await admin.execute("ALTER TABLE mi.bench_sale DISABLE TRIGGER USER")
        try await admin.execute("""
            INSERT INTO mi.bench_sale (unit_id, bu_id, amount, sold_on)
            SELECT c.ids[1 + g % cardinality(c.ids)], b.ids[1 + (g / 7) % cardinality(b.ids)],
                   (g % 100000) / 100.0, date '2026-01-01' + (g % 365)::integer
            FROM generate_series(1, \(rows)) g,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM org.unit WHERE kind = 'country') c,
                 (SELECT array_agg(id ORDER BY id) AS ids FROM org.business_unit) b
            """)
        try await admin.execute("ALTER TABLE mi.bench_sale ENABLE TRIGGER USER")
        try await admin.execute("CREATE INDEX bench_sale_unit_idx ON mi.bench_sale (unit_id)")
        try await admin.execute("VACUUM ANALYZE mi.bench_sale")

        var results: [Result] = []
        for (scope, unit) in [("country", "DE"), ("region", "EMEA")] {
            let name = "bench_\(scope)_reader"
            try await createPerson(name, "reader", in: unit, on: admin)
            let person = try await PGConnection.connect(config.user(name, password: "bench"), logger: logger)
            let subtree = try await admin.fetchValue("SELECT org.subtree(ARRAY(SELECT id FROM org.unit WHERE code = \(unit)))", as: [Int64].self) ?? []

            let underRLS: SQL = "SELECT count(*), sum(amount) FROM mi.bench_sale"
            let explicit: SQL = "SELECT count(*), sum(amount) FROM mi.bench_sale WHERE unit_id = ANY (\(subtree))"
            let (rlsRows, rlsSum) = try await person.fetchOne(underRLS, as: (Int64, Decimal).self)!
            let (plainRows, plainSum) = try await admin.fetchOne(explicit, as: (Int64, Decimal).self)!
            guard rlsRows == plainRows, rlsSum == plainSum, rlsRows > 0 else {
                throw BenchError("RLS and the explicit WHERE disagree: \(rlsRows) vs \(plainRows) rows")
            }
            // Alternate the two so that both see the same cache state; take the medians.
            var rlsTimes: [Double] = [], plainTimes: [Double] = []
            for _ in 0..<repeats {
                rlsTimes.append(try await measure { _ = try await person.query(underRLS) })
                plainTimes.append(try await measure { _ = try await admin.query(explicit) })
            }
            await person.close()
            try await admin.execute("DROP ROLE \(identifier: name)")
            let rls = median(rlsTimes), plain = median(plainTimes)
            say(String(format: "RLS, %@ subtree (%d units, %d of %d rows): under RLS %.2f ms, explicit WHERE %.2f ms, RLS/explicit %.2fx (goal <= 1.3x)",
                       scope, subtree.count, rlsRows, rows, rls * 1000, plain * 1000, rls / plain))
            results.append(Result(
                name: "RLS count+sum, \(scope) subtree (\(rlsRows) of \(rows) rows)",
                pgkit: String(format: "%@ under RLS: %.2f ms", scope, rls * 1000),
                baseline: String(format: "superuser, explicit WHERE: %.2f ms", plain * 1000),
                ratio: plain / rls, goal: 1 / 1.3))
        }
        try await admin.execute("DROP TABLE mi.bench_sale")
        await admin.close()
        return results
    }

    /// A new database `name` (dropped first if it exists), migrated, with `makeOrganisation`'s
    /// units and BUs; its configuration and a connection to it as the superuser.
    static func organisationDatabase(_ name: String, admin config: PGConnectionConfig,
                                     logger: Logger) async throws -> (PGConnectionConfig, PGConnection) {
        let setup = try await PGConnection.connect(config, logger: logger)
        try await setup.query("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        try await setup.query("CREATE DATABASE \(identifier: name)")
        await setup.close()
        let database = config.database(name)
        let admin = try await PGConnection.connect(database, logger: logger)
        try await Migrator(migrations: try MigrationSet.embedded(), logger: logger).migrate(on: admin)
        try await makeOrganisation(admin)
        return (database, admin)
    }

    /// Creates (again, if it exists) the person `name` with `capability` in `unit`, password "bench".
    static func createPerson(_ name: String, _ capability: String, in unit: String, on admin: PGConnection) async throws {
        try await admin.execute("DROP ROLE IF EXISTS \(identifier: name)")
        let verifier = try await admin.encryptPassword("bench", user: name)
        try await admin.execute("SELECT org.create_user(\(name), \(capability), \(unit), NULL, \(verifier))")
    }

    /// HQ, five regions of four countries each, three BUs.
    static func makeOrganisation(_ db: PGConnection) async throws {
        let regions: [(String, String, [String])] = [
            ("EMEA", "Europe/Berlin", ["DE", "FR", "GB", "ZA"]), ("APAC", "Asia/Shanghai", ["CN", "JP", "AU", "IN"]),
            ("LATAM", "America/Sao_Paulo", ["BR", "MX", "AR", "CL"]), ("NAM", "America/New_York", ["US", "CA", "PR", "BM"]),
            ("MEA", "Asia/Dubai", ["AE", "SA", "EG", "NG"]),
        ]
        for (region, zone, countries) in regions {
            try await db.execute("INSERT INTO org.unit (code, name, kind, parent_id, time_zone) VALUES (\(region), \(region), 'region', org.hq(), \(zone))")
            for country in countries {
                try await db.execute("INSERT INTO org.unit (code, kind, parent_id) SELECT \(country), 'country', id FROM org.unit WHERE code = \(region)")
            }
        }
        for bu in ["CARRIER", "ENTERPRISE", "CONSUMER"] {
            try await db.execute("INSERT INTO org.business_unit (code, name) VALUES (\(bu), \(bu.capitalized))")
        }
    }

    static func median(_ values: [Double]) -> Double { percentiles(values).p50 }
}
