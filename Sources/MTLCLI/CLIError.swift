import LocalPostgres
import PGKit
import Schema

/// An error the CLI reports on one line, with optional detail for `--verbose`.
protocol CLIReportable: Error, CustomStringConvertible {
    var detail: String? { get }
}

extension PGError: CLIReportable {
    var detail: String? { debugDescription == description ? nil : debugDescription }
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
    var detail: String? = nil
    init(_ description: String) { self.description = description }
}
