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
