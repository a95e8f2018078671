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

    /// Gathers the report of `quarter` (or the whole `year`) as the caller sees it.
    public static func gather(year: FiscalYear, quarter: Int?, unit: String?, by dimension: Scorecard.Dimension, currency: String,
                              on db: PGConnection) async throws -> ScorecardReport {
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
                               currency: currency, rows: rows, byActivityType: types, trend: trend, generatedAt: Date())
    }
}

// MARK: - HTML

extension ScorecardReport {
    /// One self-contained HTML file: inline CSS and SVG (no scripts, fonts or other files), a
    /// layout that prints on A4 landscape.
    public var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.escaped(title))</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #1d2733; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
            p.meta { color: #5b6773; margin: 0 0 16px; font-size: 12px; }
            table { border-collapse: collapse; font-size: 12px; }
            th, td { padding: 4px 8px; border-bottom: 1px solid #d9dee3; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            th { background: #eef2f5; }
            .charts { display: flex; flex-wrap: wrap; gap: 24px; }
            .chart { break-inside: avoid; }
            .missing { color: #b3261e; }
            @page { size: A4 landscape; margin: 12mm; }
            @media print { body { margin: 0; } .charts { gap: 12px; } }
            </style></head><body>
            <h1>\(Self.escaped(title))</h1>
            <p class="meta">By \(Self.escaped(dimension.rawValue)); money in \(Self.escaped(currency)); \
            figures as of \(Self.escaped(rows.compactMap(\.refreshedAt).max().map(OutputValue.timestamp) ?? "—")); \
            generated \(Self.escaped(OutputValue.timestamp(generatedAt))).</p>

            """
        out += "<div class=\"charts\">\n"
        out += chart("Lead target attainment", Self.bars(rows.map { ($0.key, $0.leadAttainment.map { NSDecimalNumber(decimal: $0).doubleValue }) },
                                                         format: { String(format: "%.0f%%", $0 * 100) }, goal: 1, none: "no target"))
        out += chart("The lead funnel", Self.funnel([("Leads", rows.map(\.leads).reduce(0, +)), ("Qualified", rows.map(\.qualified).reduce(0, +)),
                                                     ("Handed off", rows.map(\.handedOff).reduce(0, +)), ("Accepted", rows.map(\.accepted).reduce(0, +))]))
        out += chart("Pipeline per unit of spend, by activity type",
                     Self.bars(byActivityType.map { ($0.key, $0.pipelinePerSpend.map { NSDecimalNumber(decimal: $0).doubleValue }) },
                               format: { String(format: "%.1f", $0) }, goal: nil, none: "no spend, or a rate missing"))
        out += chart("Leads, last four quarters", Self.bars(trend.map { ($0.quarter, Double($0.leads)) }, format: { String(format: "%.0f", $0) },
                                                            goal: nil, none: "—"))
        out += "</div>\n<h2>Figures</h2>\n" + table + "</body></html>\n"
        return out
    }

    private func chart(_ title: String, _ svg: String) -> String {
        "<figure class=\"chart\"><figcaption><strong>\(Self.escaped(title))</strong></figcaption>\n\(svg)</figure>\n"
    }

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
        var out = "<table><thead><tr>" + columns.map { "<th>\(Self.escaped($0.0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>" + columns.map { "<td>\(Self.escaped($0.1(row)))</td>" }.joined() + "</tr>\n"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"\(columns.count)\">No figures for \(Self.escaped(period)) in your scope.</td></tr>\n" }
        return out + "</tbody></table>\n"
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

    /// Horizontal bars, one per label; a nil value is written as `none` (why there is no bar);
    /// `goal` draws a line.
    static func bars(_ values: [(String, Double?)], format: (Double) -> String, goal: Double?, none: String) -> String {
        let width = 420.0, labelWidth = 120.0, barHeight = 18.0, gap = 6.0
        let height = max(1, Double(values.count)) * (barHeight + gap) + gap
        let top = max(values.compactMap(\.1).max() ?? 0, goal ?? 0, 0.0001)
        let scale = (width - labelWidth - 60) / top
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">\n"
        for (index, (label, value)) in values.enumerated() {
            let y = gap + Double(index) * (barHeight + gap)
            svg += "<text x=\"0\" y=\"\(y + 13)\" font-size=\"11\">\(escaped(String(label.prefix(18))))</text>\n"
            if let value {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(1, value * scale))\" height=\"\(barHeight)\" fill=\"#2f6db5\"/>\n"
                svg += "<text x=\"\(labelWidth + max(1, value * scale) + 4)\" y=\"\(y + 13)\" font-size=\"11\">\(escaped(format(value)))</text>\n"
            } else {
                svg += "<text x=\"\(labelWidth)\" y=\"\(y + 13)\" font-size=\"11\" fill=\"#5b6773\">\(escaped(none))</text>\n"
            }
        }
        if let goal {
            let x = labelWidth + goal * scale
            svg += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height)\" stroke=\"#b3261e\" stroke-dasharray=\"4 3\"/>\n"
        }
        if values.isEmpty { svg += "<text x=\"0\" y=\"16\" font-size=\"11\">no figures</text>\n" }
        return svg + "</svg>\n"
    }

    /// The funnel: one centred bar per step, its width the step's share of the first.
    static func funnel(_ steps: [(String, Int64)]) -> String {
        let width = 420.0, barHeight = 26.0, gap = 6.0
        let first = Double(max(steps.first?.1 ?? 0, 1))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(Double(steps.count) * (barHeight + gap)))\" role=\"img\">\n"
        for (index, (label, count)) in steps.enumerated() {
            let w = max(2, (width - 40) * Double(count) / first)
            let y = Double(index) * (barHeight + gap)
            svg += "<rect x=\"\((width - w) / 2)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"#4a8fd1\"/>\n"
            svg += "<text x=\"\(width / 2)\" y=\"\(y + 17)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0b1a2a\">\(escaped("\(label) \(count)"))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Text made safe for HTML and SVG content and attributes.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
