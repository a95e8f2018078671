import Foundation
import MTLCore
import PGKit

/// A scorecard as people look at it: the rows of a quarter (or year), the same period by activity
/// type, and the trend of the quarters before it — gathered once, rendered as one self-contained
/// HTML file (``html``).
public struct ScorecardReport: Sendable {
    public var title: String
    public var period: String
    public var dimension: Scorecard.Dimension
    public var currency: String
    public var rows: [Scorecard.Row]
    /// The same period by activity type: pipeline per unit of spend of each.
    public var byActivityType: [Scorecard.Row]
    /// The last quarters up to the period's: leads and pipeline in each (pipeline nil where a
    /// rate is missing).
    public var trend: [(quarter: String, leads: Int64, pipeline: Decimal?)]
    public var generatedAt: Date
    /// The findings in the same scope, per rule (the quarterly pack shows them); nil leaves the
    /// section out.
    public var quality: [QualityReport]?

    /// Gathers the report of `quarter` (or the whole `year`) as the caller sees it.
    public static func gather(year: FiscalYear, quarter: Int?, unit: String?, by dimension: Scorecard.Dimension, currency: String,
                              withQuality: Bool = false, on db: PGConnection) async throws -> ScorecardReport {
        let rows = try await Scorecard.figures(year: year, quarter: quarter, unit: unit, by: dimension, currency: currency, on: db)
        let types = try await Scorecard.figures(year: year, quarter: quarter, unit: unit, by: .activityType, currency: currency, on: db)
        var trend: [(String, Int64, Decimal?)] = []
        var cursor = FiscalQuarter(year, quarter ?? 4)
        var quarters: [FiscalQuarter] = []
        for _ in 0..<4 {
            quarters.insert(cursor, at: 0)
            cursor = cursor.quarter == 1 ? FiscalQuarter(FiscalYear(cursor.fiscalYear.year - 1), 4) : FiscalQuarter(cursor.fiscalYear, cursor.quarter - 1)
        }
        for q in quarters {
            let figures = try await Scorecard.figures(year: q.fiscalYear, quarter: q.quarter, unit: unit, by: .region, currency: currency, on: db)
            let pipeline: Decimal? = figures.contains { $0.pipeline == nil } ? nil : figures.compactMap(\.pipeline).reduce(0, +)
            trend.append((q.description, figures.map(\.leads).reduce(0, +), pipeline))
        }
        let period = quarter.map { FiscalQuarter(year, $0).description } ?? year.description
        return ScorecardReport(title: "Scorecard \(period)\(unit.map { " — \($0)" } ?? "")", period: period, dimension: dimension,
                               currency: currency, rows: rows, byActivityType: types, trend: trend, generatedAt: Date(),
                               quality: withQuality ? try await QualityReport.figures(by: .rule, unit: unit, on: db) : nil)
    }
}

// MARK: - HTML

extension ScorecardReport {
    /// One self-contained HTML file: inline CSS and SVG (no scripts, fonts or other files), a
    /// layout that prints on A4 landscape.
    public var html: String {
        var out = HTMLPage.head(title: title, meta: """
            By \(HTMLPage.escaped(dimension.rawValue)); money in \(HTMLPage.escaped(currency)); \
            figures as of \(HTMLPage.escaped(rows.compactMap(\.refreshedAt).max().map(OutputValue.timestamp) ?? "—")); \
            generated \(HTMLPage.escaped(OutputValue.timestamp(generatedAt))).
            """)
        out += "<div class=\"charts\">\n"
        out += chart("Lead target attainment", HTMLPage.bars(rows.map { ($0.key, $0.leadAttainment.map { NSDecimalNumber(decimal: $0).doubleValue }) },
                                                         format: { String(format: "%.0f%%", $0 * 100) }, goal: 1, none: "no target"))
        out += chart("The lead funnel", HTMLPage.funnel([("Leads", rows.map(\.leads).reduce(0, +)), ("Qualified", rows.map(\.qualified).reduce(0, +)),
                                                     ("Handed off", rows.map(\.handedOff).reduce(0, +)), ("Accepted", rows.map(\.accepted).reduce(0, +))]))
        out += chart("Pipeline per unit of spend, by activity type",
                     HTMLPage.bars(byActivityType.map { ($0.key, $0.pipelinePerSpend.map { NSDecimalNumber(decimal: $0).doubleValue }) },
                               format: { String(format: "%.1f", $0) }, goal: nil, none: "no spend, or a rate missing"))
        out += chart("Leads, last four quarters", HTMLPage.bars(trend.map { ($0.quarter, Double($0.leads)) }, format: { String(format: "%.0f", $0) },
                                                            goal: nil, none: "—"))
        out += "</div>\n<h2>Figures</h2>\n" + table
        if let quality {
            out += "<h2>Quality findings</h2>\n" + QualityReport.table(quality)
        }
        return out + HTMLPage.tail
    }

    private func chart(_ title: String, _ svg: String) -> String { HTMLPage.chart(title, svg) }

    private var table: String {
        let columns: [(String, (Scorecard.Row) -> String)] = [
            (dimension.rawValue, { $0.key }), ("Activities done", { "\($0.activitiesDone)/\($0.activitiesPlanned)" }),
            ("Attended", { "\($0.attended)" }), ("Cost", { Self.money($0.costActual) }), ("Leads", { "\($0.leads)" }),
            ("Qualified", { "\($0.qualified)" }), ("Accepted", { "\($0.accepted)" }), ("SLA breached", { "\($0.slaBreached)" }),
            ("Pipeline", { Self.money($0.pipeline) }), ("Cost per lead", { Self.money($0.costPerLead) }),
            ("Pipeline per spend", { $0.pipelinePerSpend.map { "\($0)" } ?? "—" }),
            ("Lead attainment", { $0.leadAttainment.map { String(format: "%.0f%%", NSDecimalNumber(decimal: $0).doubleValue * 100) } ?? "—" }),
            ("Missing rates", { $0.missingRates.joined(separator: " ") }),
        ]
        return HTMLPage.table(header: columns.map(\.0), rows: rows.map { row in columns.map { $0.1(row) } },
                              empty: "No figures for \(period) in your scope.")
    }

    static func money(_ value: Decimal?) -> String {
        guard let value else { return "missing" }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        return formatter.string(from: NSDecimalNumber(decimal: value)) ?? "\(value)"
    }
}
