import ArgumentParser
import LocalPostgres
import MTLCore
import PGKit
import Schema

/// An error the CLI reports on one line, with a hint when there is one and detail for `--verbose`.
protocol CLIReportable: Error, CustomStringConvertible {
    /// The line after `mtl: error:` (by default the error's description).
    var headline: String { get }
    var hint: String? { get }
    var detail: String? { get }
}

extension CLIReportable {
    var headline: String { description }
    var hint: String? { nil }
}

extension PGError: CLIReportable {
    var detail: String? { debugDescription == description ? nil : debugDescription }

    /// What to do, when the server said nothing: a write on a hot standby (or in a read-only
    /// transaction) points at the primary.
    var advice: String? {
        hint ?? (sqlState == "25006"
            ? "This server only reads (a hot standby, or default_transaction_read_only): run commands that change data against the primary."
            : nil)
    }
}

extension MigrationError: CLIReportable {
    var detail: String? { nil }
}

extension LocalPostgresError: CLIReportable {
    var detail: String? { nil }
}

/// A mistake in how the command was used, with what to do about it.
struct CLIError: CLIReportable {
    let description: String
    var hint: String?
    var detail: String? = nil
    init(_ description: String, hint: String? = nil) {
        self.description = description
        self.hint = hint
    }
}

/// Runs input checks for `validate()`, reporting a failed check as ArgumentParser's usage error
/// (with the check's hint).
func validating(_ check: () throws -> Void) throws {
    do {
        try check()
    } catch let error as CLIReportable {
        throw ValidationError(error.hint.map { "\(error.headline)\n\($0)" } ?? error.headline)
    }
}
