/// Why a local cluster could not be started or stopped. Each says what to do.
public struct LocalPostgresError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// No server binaries on this machine.
    public static let serverNotInstalled = LocalPostgresError(
        "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in PATH or /usr/lib/postgresql/*/bin. "
            + "Install them: apt-get install -y postgresql libpq-dev")

    static let noPostgresUser = LocalPostgresError(
        "running as root, but there is no 'postgres' OS user to run the server as (PostgreSQL refuses root). "
            + "Install the server package, which creates it: apt-get install -y postgresql")

    static func commandFailed(_ command: String, status: Int32, output: String) -> LocalPostgresError {
        let tail = output.split(separator: "\n").suffix(15).joined(separator: "\n")
        return LocalPostgresError("\(command) failed (exit \(status)):\n\(tail)")
    }
}

