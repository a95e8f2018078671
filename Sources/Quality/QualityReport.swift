import Foundation
import MTLCore
import PGKit

/// The quality report: the findings the caller can see, per rule (or per unit) — how many are
/// open, acknowledged, waived and resolved, and how long the oldest open one has waited. Read
/// through the reporting schema (`reporting.fct_finding`), so a BI login — and the worker that
/// renders a quarterly pack — gets the same report as a person.
public struct QualityReport: PGRecord, Codable, Equatable, Sendable {
    public enum Dimension: String, CaseIterable, Sendable { case rule, unit }

    public var key: String
    /// The rule's title (by rule).
    public var title: String?
    public var severity: String?
    public var open: Int64
    public var acknowledged: Int64
    public var waived: Int64
    public var resolved: Int64
    public var reopened: Int64
    /// Days since the oldest open or acknowledged finding was first found.
    public var oldestOpenDays: Int32?

    public static func figures(by dimension: Dimension, unit: String? = nil, on db: PGConnection) async throws -> [QualityReport] {
        try await ReportScope.check(unit, on: db)
        let key: SQL = dimension == .rule ? "f.rule_code" : "u.unit_code"
        let described: SQL = dimension == .rule ? "max(r.title)" : "NULL::text"
        let severity: SQL = dimension == .rule ? "max(r.severity)" : "NULL::text"
        return try await db.fetchAll("""
            SELECT \(key) AS key, \(described) AS title, \(severity) AS severity,
                   count(*) FILTER (WHERE f.state = 'open') AS open, count(*) FILTER (WHERE f.state = 'acknowledged') AS acknowledged,
                   count(*) FILTER (WHERE f.state = 'waived') AS waived, count(*) FILTER (WHERE f.state = 'resolved') AS resolved,
                   count(*) FILTER (WHERE f.times_opened > 1) AS reopened,
                   (extract(day FROM now() - min(f.first_found_at) FILTER (WHERE f.is_open)))::integer AS oldest_open_days
            FROM reporting.fct_finding f
            JOIN reporting.dim_quality_rule r ON r.rule_code = f.rule_code
            JOIN reporting.dim_unit u ON u.unit_id = f.unit_id
            WHERE \(ReportScope.condition(unit, alias: "u"))
            GROUP BY 1
            ORDER BY count(*) FILTER (WHERE f.is_open) DESC, 1
            """)
    }
}

// MARK: - HTML

extension QualityReport {
    /// The report as one self-contained HTML file: open and acknowledged findings per row as
    /// bars, then the table.
    public static func html(_ rows: [QualityReport], by dimension: Dimension, unit: String?, generatedAt: Date = Date()) -> String {
        let title = "Quality findings" + (unit.map { " — \($0)" } ?? "")
        var out = HTMLPage.head(title: title, meta: """
            By \(HTMLPage.escaped(dimension.rawValue)); findings kept by the daily quality check; \
            generated \(HTMLPage.escaped(OutputValue.timestamp(generatedAt))).
            """)
        out += "<div class=\"charts\">\n"
        out += HTMLPage.chart("Open and acknowledged findings", HTMLPage.bars(rows.map { ($0.key, Double($0.open + $0.acknowledged)) },
                                                                             format: { String(format: "%.0f", $0) }, goal: nil, none: "—"))
        out += "</div>\n<h2>Findings</h2>\n" + table(rows, by: dimension)
        return out + HTMLPage.tail
    }

    /// The table of the report's rows (the quarterly pack shows it under the scorecard).
    static func table(_ rows: [QualityReport], by dimension: Dimension = .rule) -> String {
        HTMLPage.table(
            header: [dimension == .rule ? "Rule" : "Unit", "Severity", "Open", "Acknowledged", "Waived", "Resolved", "Reopened", "Oldest open (days)"],
            rows: rows.map { row in
                [row.title.map { "\(row.key): \($0)" } ?? row.key, row.severity ?? "", "\(row.open)", "\(row.acknowledged)",
                 "\(row.waived)", "\(row.resolved)", "\(row.reopened)", row.oldestOpenDays.map { "\($0)" } ?? "—"]
            },
            empty: "No findings in your scope.")
    }
}
