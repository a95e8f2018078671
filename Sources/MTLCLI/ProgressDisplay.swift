import Foundation
import Synchronization

/// Progress of long work on standard error: a bar redrawn in place on a terminal, a plain line
/// every few seconds otherwise (logs, CI).
final class ProgressDisplay: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var drewBar = false
    }

    private let title: String
    private let terminal = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(title: String) { self.title = title }

    /// Shows `rows` done (of a `fraction` of the whole, if known) and what is happening.
    func update(rows: Int, fraction: Double?, phase: String, force: Bool = false) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            let interval: Duration = terminal ? .milliseconds(100) : Self.lineInterval
            // Off a terminal, lines come every few seconds, from the first interval on: short work
            // prints none.
            let last = state.lastDrawn ?? (terminal ? nil : started)
            if !(force && terminal), let last, now - last < interval { return nil }
            state.lastDrawn = now
            let seconds = max(0.001, Self.seconds(now - started))
            let rate = "\(Self.grouped(Int(Double(rows) / seconds))) rows/s"
            guard terminal else {
                return "\(title): \(phase), \(Self.grouped(rows)) rows (\(rate))\n"
            }
            state.drewBar = true
            var bar = ""
            if let fraction {
                let filled = Int((min(1, max(0, fraction)) * 30).rounded())
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
                    + String(format: "%3.0f%% ", min(1, fraction) * 100)
            }
            return "\r\u{1B}[K\(title) \(bar)\(Self.grouped(rows)) rows, \(rate), \(phase)"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// How often a line is written off a terminal: five seconds, or `MTL_PROGRESS_SECONDS`.
    static let lineInterval: Duration = {
        guard let text = ProcessInfo.processInfo.environment["MTL_PROGRESS_SECONDS"], let seconds = Double(text), seconds >= 0 else {
            return .seconds(5)
        }
        return .milliseconds(Int64(seconds * 1000))
    }()

    /// Ends the bar's line, so that what follows starts on a line of its own.
    func finish() {
        let drew = state.withLock { $0.drewBar }
        if drew { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// 1234567 as 1,234,567.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
