import Foundation

/// The parts of the reports' self-contained HTML files (``ScorecardReport``, ``QualityReport``):
/// one stylesheet, inline SVG charts, and escaping — no scripts, fonts or other files, and a
/// layout that prints on A4 landscape.
enum HTMLPage {
    /// The document up to its body's first lines: the title as a heading, then `meta` (HTML,
    /// escaped by the caller) in small print.
    static func head(title: String, meta: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escaped(title))</title>
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
        <h1>\(escaped(title))</h1>
        <p class="meta">\(meta)</p>

        """
    }

    static let tail = "</body></html>\n"

    /// A chart with its caption.
    static func chart(_ title: String, _ svg: String) -> String {
        "<figure class=\"chart\"><figcaption><strong>\(escaped(title))</strong></figcaption>\n\(svg)</figure>\n"
    }

    /// A table of `rows` under `header`, each cell escaped; `empty` as its one row when there are none.
    static func table(header: [String], rows: [[String]], empty: String) -> String {
        var out = "<table><thead><tr>" + header.map { "<th>\(escaped($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>" + row.map { "<td>\(escaped($0))</td>" }.joined() + "</tr>\n"
        }
        if rows.isEmpty { out += "<tr><td colspan=\"\(header.count)\">\(escaped(empty))</td></tr>\n" }
        return out + "</tbody></table>\n"
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
