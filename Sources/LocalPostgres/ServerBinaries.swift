import Foundation

/// The PostgreSQL server programs this machine has (initdb, pg_ctl, postgres).
public struct ServerBinaries: Sendable {
    public let directory: URL

    public var initdb: URL { directory.appending(path: "initdb") }
    public var pgCtl: URL { directory.appending(path: "pg_ctl") }
    public var postgres: URL { directory.appending(path: "postgres") }
    public var pgBasebackup: URL { directory.appending(path: "pg_basebackup") }
    public var psql: URL { directory.appending(path: "psql") }

    /// Finds the server binaries: Debian's `/usr/lib/postgresql/<newest>/bin` first, then `PATH`
    /// (following symlinks, since Debian puts only wrappers on `PATH`).
    public static func find() throws(LocalPostgresError) -> ServerBinaries {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        let debian = URL(filePath: "/usr/lib/postgresql")
        if let versions = try? fileManager.contentsOfDirectory(atPath: debian.path) {
            for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
                candidates.append(debian.appending(path: version).appending(path: "bin"))
            }
        }
        for entry in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let pgCtl = URL(filePath: String(entry)).appending(path: "pg_ctl").resolvingSymlinksInPath()
            candidates.append(pgCtl.deletingLastPathComponent())
        }
        for directory in candidates {
            let binaries = ServerBinaries(directory: directory)
            if [binaries.initdb, binaries.pgCtl, binaries.postgres].allSatisfy({ fileManager.isExecutableFile(atPath: $0.path) }) {
                return binaries
            }
        }
        throw .serverNotInstalled
    }
}
