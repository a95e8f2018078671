import Foundation
import Logging

extension LocalPostgres {
    /// A hot standby of this cluster: a temporary cluster made with `pg_basebackup -R` (streaming
    /// replication over the primary's trusted unix socket), started on its own port and socket,
    /// read-only. For tests of read paths on a replica; ``stop()`` removes it. The primary keeps
    /// running; `hot_standby_feedback` is on so that long BI reads are not cancelled by vacuum.
    public func startStandby(logger: Logger = Logger(label: "mtl.localpostgres.standby")) throws -> LocalPostgres {
        guard isRunning else { throw LocalPostgresError("the primary is not running") }
        let root = Self.temporaryRoot
        try Self.prepare(root, owner: nil, mode: 0o755)
        let directory = root.appending(path: "cluster-\(getpid())-standby-\(UUID().uuidString.prefix(8).lowercased())")
        let standby = LocalPostgres(directory: directory, isTemporary: true, binaries: binaries, runAs: runAs, logger: logger)
        try Self.prepare(directory, owner: runAs, mode: 0o700)
        try Data("\(getpid())\n".utf8).write(to: directory.appending(path: "owner.pid"))
        try FileManager.default.copyItem(at: self.directory.appending(path: "password"), to: directory.appending(path: "password"))
        try giveToServerUser(directory.appending(path: "password"))
        _ = try run(binaries.pgBasebackup, ["-D", standby.dataDirectory.path, "-h", socketDirectory, "-p", String(port), "-U", superuser,
                                            "-R", "-X", "stream", "--no-sync", "-c", "fast"])
        // The copied configuration names the primary's socket directory; the standby has its own.
        let settings = """

            # Set by mtl's LocalPostgres: a hot standby of \(self.directory.path).
            unix_socket_directories = '\(standby.socketDirectory.replacingOccurrences(of: "'", with: "''"))'
            hot_standby = on
            hot_standby_feedback = on

            """
        let handle = try FileHandle(forWritingTo: standby.dataDirectory.appending(path: "postgresql.auto.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
        try? FileManager.default.removeItem(at: standby.dataDirectory.appending(path: "mtl-port.conf"))
        LocalPostgres.stopAtExit(standby)
        try standby.startServer()
        return standby
    }
}
