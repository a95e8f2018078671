import Foundation
import MTLCore
import PGKit
import Quality
import Testing
import TestSupport

/// The HTML scorecard (and the quality report) is one self-contained file that a real browser renders: headless Chromium
/// (Debian's `chromium`, installed by scripts/ensure-deps.sh) loads it with no console errors and
/// its screenshot shows ink, beside a blank page's screenshot taken in the same run.
@Suite("the HTML scorecard in a real browser")
struct ReportHTMLTests {
    /// Runs `arguments`; its standard output and error, and its exit status.
    static func run(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self), process.terminationStatus)
    }

    /// Headless Chromium, as root too (its sandbox refuses root), with console messages logged.
    static func chromium(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                 "--user-data-dir=\(FileManager.default.temporaryDirectory.appending(path: "chromium-\(UUID().uuidString)").path)"] + arguments)
    }

    /// The share of non-white pixels of a PNG, and its number of colours.
    static func ink(_ png: URL) throws -> (Double, Int) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Resources/png_ink.py")
        let result = try run(["python3", script.path, png.path])
        let parts = result.out.split(separator: " ")
        guard result.status == 0, parts.count == 2, let share = Double(parts[0]), let colours = Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw PGError(.client, "png_ink.py failed: \(result.err)")
        }
        return (share, colours)
    }

    @Test("self-contained, escaped, rendered by Chromium without console errors, and its screenshot is not blank")
    func rendered() async throws {
        try await withTenancy { fixture in
            let owner = try await ScorecardTests.world(fixture)
            // A name that would be markup if it were not escaped.
            try await owner.execute("SET session_replication_role = replica")
            try await owner.execute("UPDATE dg.programme SET name = 'DE <script>alert(1)</script> & rail' WHERE id = 1")
            try await owner.execute("SET session_replication_role = DEFAULT")
            let admin = try await FindingLifecycleTests.hqAdmin(fixture)
            _ = try await Scorecard.refresh(on: admin)
            _ = try await QualityCheck.run(on: admin)
            let report = try await ScorecardReport.gather(year: FiscalYear(2027), quarter: 2, unit: nil, by: .programme, currency: "EUR",
                                                          withQuality: true, on: admin)
            let html = report.html
            let findings = try #require(report.quality)
            #expect(!findings.isEmpty && html.contains("<h2>Quality findings</h2>") && findings.allSatisfy { html.contains($0.key) })
            #expect(html.contains("DE &lt;script&gt;alert(1)&lt;/script&gt; &amp; rail") && !html.contains("<script"))
            #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("@import") && !html.contains("url("),
                    "the file refers to nothing outside itself")
            #expect(html.components(separatedBy: "<svg").count - 1 == 4, "four charts")
            #expect(report.trend.map(\.quarter) == ["FY2026-Q3", "FY2026-Q4", "FY2027-Q1", "FY2027-Q2"] && report.trend.last?.leads == 7)

            let folder = FileManager.default.temporaryDirectory.appending(path: "report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let page = folder.appending(path: "scorecard.html")
            try Data(html.utf8).write(to: page)
            let dom = try Self.chromium(["--dump-dom", page.absoluteString])
            #expect(dom.status == 0, "\(dom.err)")
            #expect(dom.out.contains("<svg") && dom.out.contains("The lead funnel") && dom.out.contains("DE &lt;script&gt;"))
            #expect(!dom.err.contains("CONSOLE"), "console messages: \(dom.err)")

            // The quality report's own file, by unit.
            let quality = folder.appending(path: "quality.html")
            let byUnit = try await QualityReport.figures(by: .unit, on: admin)
            try Data(QualityReport.html(byUnit, by: .unit, unit: nil).utf8).write(to: quality)
            let qualityDOM = try Self.chromium(["--dump-dom", quality.absoluteString])
            #expect(qualityDOM.status == 0 && qualityDOM.out.contains("<svg") && qualityDOM.out.contains("Open and acknowledged findings"))
            #expect(byUnit.allSatisfy { qualityDOM.out.contains("<td>\($0.key)</td>") } && !qualityDOM.err.contains("CONSOLE"), "\(qualityDOM.err)")

            let shot = folder.appending(path: "scorecard.png"), blank = folder.appending(path: "blank.png")
            for (url, target) in [(shot, page.absoluteString), (blank, "about:blank")] {
                let result = try Self.chromium(["--window-size=1280,1400", "--screenshot=\(url.path)", target])
                #expect(result.status == 0 && FileManager.default.fileExists(atPath: url.path), "\(result.err)")
            }
            let (ink, colours) = try Self.ink(shot)
            let (blankInk, blankColours) = try Self.ink(blank)
            #expect(blankInk < 0.001 && blankColours <= 2, "the blank page is blank: \(blankInk), \(blankColours)")
            #expect(ink > 0.02 && colours >= 4, "the scorecard shows: \(ink) of pixels inked, \(colours) colours")
            await admin.close()
            await owner.close()
        }
    }
}
