import ArgumentParser
import LocalPostgres
import MTLCore
import PGKit
import Schema

/// An error the CLI reports on one line, with a hint when there is one and detail for `--verbose`.
protocol CLIReportable: Error, CustomStringConvertible {
    var hint: String? { get }
    var detail: String? { get }
}

extension CLIReportable {
    var hint: String? { nil }
}

extension PGError: CLIReportable {
    var detail: String? { debugDescription == description ? nil : debugDescription }
}

extension MTLError: CLIReportable {
    var detail: String? { nil }
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
func validating(_ check: () throws(MTLError) -> Void) throws {
    do {
        try check()
    } catch {
        throw ValidationError(error.hint.map { "\(error.message)\n\($0)" } ?? error.message)
    }
}
