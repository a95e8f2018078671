import Foundation
import PGKit
import Testing
import TestSupport

/// BI tools are among the system's users: every reporting view and column says what it holds,
/// every view names its grain, BI logins read the descriptions the way their tools do (through
/// the catalog, as SQLAlchemy's inspector and so Superset do; as rows of
/// reporting.data_dictionary for tools that ignore comments, such as psqlODBC and Tableau), and
/// a country's BI login sees only its country's rows in the new views.
@Suite("the reporting schema describes itself")
struct ReportingCatalogTests {
    @Test("every reporting view and column has a COMMENT, and every view's comment names its grain")
    func everythingDescribed() async throws {
        try await withTestConnection { db in
            let views = try await db.fetchAll("""
                SELECT c.relname::text, coalesce(obj_description(c.oid, 'pg_class'), '')
                FROM pg_class c WHERE c.relnamespace = 'reporting'::regnamespace ORDER BY 1
                """, as: (String, String).self)
            #expect(views.count >= 17, "\(views.map(\.0))")
            for (view, comment) in views {
                #expect(!comment.isEmpty, "reporting.\(view) has no comment")
                #expect(comment.contains("Grain: "), "reporting.\(view)'s comment names no grain: \(comment)")
            }
            let undescribed = try await db.fetchAll("""
                SELECT c.relname || '.' || a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                WHERE c.relnamespace = 'reporting'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
                  AND coalesce(col_description(c.oid, a.attnum), '') = ''
                ORDER BY 1
                """, as: String.self)
            #expect(undescribed.isEmpty, "columns without a description: \(undescribed)")
        }
    }

    @Test("a BI login reads the comments through the catalog as SQLAlchemy does, and the same words in reporting.data_dictionary")
    func biReadsDescriptions() async throws {
        try await withTenancy { fixture in
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_de", "bi", unit: "DE"))
            // SQLAlchemy's PostgreSQL inspector: get_table_comment and get_columns read
            // pg_description through obj_description/col_description, joined on the class.
            let catalog = try await bi.fetchAll("""
                SELECT c.relname::text, NULL::text, obj_description(c.oid, 'pg_class') FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm')
                UNION ALL
                SELECT c.relname::text, a.attname::text, col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
                """, as: (String, String?, String?).self)
            #expect(catalog.count > 200 && catalog.allSatisfy { !($0.2 ?? "").isEmpty })
            let dictionary = try await bi.fetchAll(
                "SELECT object_name, column_name, description FROM reporting.data_dictionary", as: (String, String?, String?).self)
            func keyed(_ rows: [(String, String?, String?)]) -> [String: String] {
                Dictionary(uniqueKeysWithValues: rows.map { ("\($0.0).\($0.1 ?? "")", $0.2 ?? "") })
            }
            #expect(keyed(dictionary) == keyed(catalog))
            let grains = try await bi.fetchAll(
                "SELECT object_name, grain FROM reporting.data_dictionary WHERE column_name IS NULL ORDER BY 1", as: (String, String?).self)
            #expect(grains.allSatisfy { !($0.1 ?? "").isEmpty }, "\(grains)")
            #expect(grains.first { $0.0 == "fct_lead" }?.1 == "one row per lead")
            let types = try await bi.fetchAll("""
                SELECT data_type FROM reporting.data_dictionary WHERE object_name = 'fct_budget' AND column_name IN ('amount', 'budget_id')
                ORDER BY position
                """, as: String.self)
            #expect(types == ["bigint", "numeric(18,2)"])
            await bi.close()
        }
    }

    @Test("the new fact views show a country's BI login its country's rows only")
    func scoped() async throws {
        try await withTenancy { fixture in
            let owner = try await fixture.database.connect()
            let de = try await fixture.id(ofUnit: "DE"), fr = try await fixture.id(ofUnit: "FR")
            try await owner.execute("SET session_replication_role = replica")
            for unit in [de, fr] {
                try await owner.execute(
                    "INSERT INTO mqa.finding (rule_code, subject_kind, subject_id, unit_id) VALUES ('dg.lead_incomplete', 'lead', \(unit), \(unit))")
                try await owner.execute(
                    "INSERT INTO approval.request (kind, subject_id, unit_id, title, submitted_by) VALUES ('budget', \(unit), \(unit), 't', 'x')")
            }
            try await owner.execute("SET session_replication_role = DEFAULT")
            let bi = try await fixture.connect(as: try await fixture.createUser("bi_de", "bi", unit: "DE"))
            for view in ["fct_finding", "fct_approval"] {
                let units = try await bi.fetchAll(SQL(unsafeRaw: "SELECT DISTINCT unit_id FROM reporting.\(view)"), as: Int64.self)
                #expect(units == [de], "reporting.\(view): \(units)")
            }
            #expect(try await bi.fetchValue("SELECT count(*) FROM reporting.dim_quality_rule", as: Int64.self)
                    == (try await owner.fetchValue("SELECT count(*) FROM mqa.rule", as: Int64.self)), "every rule, reference data")
            await bi.close()
            await owner.close()
        }
    }
}
