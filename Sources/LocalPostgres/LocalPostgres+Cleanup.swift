import Foundation
import Logging
import Synchronization

extension LocalPostgres {
    /// Where temporary clusters live: one folder per OS user.
    static var temporaryRoot: URL {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].map { URL(filePath: $0) } ?? URL(filePath: "/tmp")
        return base.appending(path: "mtl-localpg-\(geteuid())")
    }

    /// Stops and removes temporary clusters whose owning process is gone (a crashed test run or
    /// a killed demo), so stray servers and folders don't pile up.
    static func reapAbandoned(in root: URL, binaries: ServerBinaries, runAs: String?, logger: Logger) {
        guard let entries = try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil) else { return }
        for entry in entries where entry.lastPathComponent.hasPrefix("cluster-") {
            let ownerFile = entry.appending(path: "owner.pid")
            let owner = (try? String(contentsOf: ownerFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, processExists(owner) { continue }
            // No owner file yet may mean a cluster being created right now; give it a minute.
            if owner == nil, let created = (try? FileManager.default.attributesOfItem(atPath: entry.path))?[.creationDate] as? Date,
               Date().timeIntervalSince(created) < 60 { continue }
            let abandoned = LocalPostgres(directory: entry, isTemporary: true, binaries: binaries, runAs: runAs, logger: logger)
            logger.info("removing an abandoned local cluster", metadata: ["directory": "\(entry.path)"])
            if (try? abandoned.serverIsRunning()) == true {
                _ = try? abandoned.run(binaries.pgCtl, ["stop", "-D", abandoned.dataDirectory.path, "-m", "immediate", "-w", "-s"])
            }
            try? FileManager.default.removeItem(at: entry)
        }
    }

    static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: Exit

    private static let exitList = Mutex<[LocalPostgres]>([])

    /// Stops `cluster` when the process exits normally (tests, the demo). A crash is handled by
    /// the next start's reaping instead.
    static func stopAtExit(_ cluster: LocalPostgres) {
        let first = exitList.withLock { list in
            list.append(cluster)
            return list.count == 1
        }
        if first { atexit { LocalPostgres.stopAllAtExit() } }
    }

    static func stopAllAtExit() {
        let clusters = exitList.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for cluster in clusters { cluster.stop() }
    }
}
