import Foundation
import MTLCore
import PGKit

/// The quality report: the findings the caller can see, per rule (or per unit) — how many are
/// open, acknowledged, waived and resolved, and how long the oldest open one has waited.
public struct QualityReport: PGRecord, Codable, Equatable, Sendable {
    public enum Dimension: String, CaseIterable, Sendable { case rule, unit }

    public var key: String
    public var severity: String?
    public var open: Int64
    public var acknowledged: Int64
    public var waived: Int64
    public var resolved: Int64
    public var reopened: Int64
    /// Days since the oldest open or acknowledged finding was first found.
    public var oldestOpenDays: Int32?

    public static func figures(by dimension: Dimension, unit: String? = nil, on db: PGConnection) async throws -> [QualityReport] {
        var scope: SQL = "true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            scope = "f.unit_id IN (SELECT u.id FROM org.unit u WHERE u.path @> ARRAY[\(target.id)])"
        }
        let key: SQL = dimension == .rule ? "f.rule_code" : "f.unit"
        let severity: SQL = dimension == .rule ? "max(f.severity)" : "NULL::text"
        return try await db.fetchAll("""
            SELECT \(key) AS key, \(severity) AS severity,
                   count(*) FILTER (WHERE f.state = 'open') AS open, count(*) FILTER (WHERE f.state = 'acknowledged') AS acknowledged,
                   count(*) FILTER (WHERE f.state = 'waived') AS waived, count(*) FILTER (WHERE f.state = 'resolved') AS resolved,
                   count(*) FILTER (WHERE f.times_opened > 1) AS reopened,
                   (extract(day FROM now() - min(f.first_found_at) FILTER (WHERE f.state IN ('open', 'acknowledged'))))::integer AS oldest_open_days
            FROM mqa.finding_list f
            WHERE \(scope)
            GROUP BY 1
            ORDER BY count(*) FILTER (WHERE f.state IN ('open', 'acknowledged')) DESC, 1
            """)
    }
}
