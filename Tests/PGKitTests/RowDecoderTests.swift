import Foundation
import PGKit
import Testing
import TestSupport

/// Records derived from Decodable: columns by snake_case name, NULL as nil, and the same checks
/// and messages as decoding by hand.
@Suite("rows from Decodable")
struct RowDecoderTests {
    struct Unit: PGRecord, Decodable, Equatable {
        var id: Int64
        var code: String
        var parentCode: String?
        var createdAt: Date
        var path: [Int64]
        var share: Decimal?
    }

    @Test("properties are read from their snake_case columns; NULL is nil; arrays, dates and numerics decode")
    func decodes() async throws {
        try await withTestConnection(migrated: false) { db in
            let units = try await db.fetchAll("""
                SELECT 1::bigint AS id, 'HQ' AS code, NULL::text AS parent_code, timestamptz '2026-12-01 10:00Z' AS created_at,
                       ARRAY[1]::bigint[] AS path, 12.50::numeric AS share
                UNION ALL
                SELECT 2, 'EMEA', 'HQ', timestamptz '2026-12-01 11:00Z', ARRAY[1, 2]::bigint[], NULL
                ORDER BY 1
                """, as: Unit.self)
            #expect(units.count == 2)
            #expect(units[0].parentCode == nil && units[0].share == Decimal(string: "12.5") && units[0].path == [1])
            #expect(units[1].code == "EMEA" && units[1].parentCode == "HQ" && units[1].path == [1, 2])
            #expect(units[1].createdAt == Date(timeIntervalSince1970: 1_796_122_800))
        }
    }

    @Test("columns in another order than the properties, extra columns, and rows streamed one by one decode the same")
    func order() async throws {
        try await withTestConnection(migrated: false) { db in
            let query: SQL = """
                SELECT share, 'x' AS extra, path, created_at, n::bigint AS id, CASE WHEN n % 2 = 0 THEN 'HQ' END AS parent_code,
                       'U' || n AS code
                FROM generate_series(1, 600) n, LATERAL (SELECT ARRAY[n]::bigint[] AS path, timestamptz '2026-12-01 10:00Z' AS created_at,
                                                         CASE WHEN n % 3 = 0 THEN n::numeric END AS share) x
                ORDER BY n
                """
            let fetched = try await db.fetchAll(query, as: Unit.self)
            var streamed: [Unit] = []
            try await db.forEach(query, as: Unit.self) { streamed.append($0) }
            #expect(fetched.count == 600 && streamed == fetched)
            #expect(fetched[1] == Unit(id: 2, code: "U2", parentCode: "HQ", createdAt: Date(timeIntervalSince1970: 1_796_119_200),
                                       path: [2], share: nil))
            #expect(fetched[2].share == 3 && fetched[2].parentCode == nil && fetched[599].code == "U600")
        }
    }

    @Test("a wrong type, a NULL for a required property and a missing column say which column")
    func errors() async throws {
        try await withTestConnection(migrated: false) { db in
            let base = "SELECT 1::bigint AS id, timestamptz '2026-12-01 10:00Z' AS created_at, ARRAY[1]::bigint[] AS path, NULL::numeric AS share"
            await #expect { _ = try await db.fetchAll(SQL(unsafeRaw: base + ", 5 AS code, NULL::text AS parent_code"), as: Unit.self) } throws: { error in
                "\(error)".contains("column \"code\" (integer) cannot be read as String")
            }
            await #expect { _ = try await db.fetchAll(SQL(unsafeRaw: base + ", NULL::text AS code, NULL::text AS parent_code"), as: Unit.self) } throws: { error in
                "\(error)".contains("code")
            }
            await #expect { _ = try await db.fetchAll(SQL(unsafeRaw: base + ", 'HQ' AS code"), as: Unit.self) } throws: { error in
                "\(error)".contains("no column named \"parent_code\"")
            }
        }
    }
}
