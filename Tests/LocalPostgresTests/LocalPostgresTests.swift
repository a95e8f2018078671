import Foundation
import LocalPostgres
import PGKit
import Testing

@Suite("LocalPostgres")
struct LocalPostgresTests {
    func quiet() -> Logger { var logger = Logger(label: "local"); logger.logLevel = .warning; return logger }

    @Test("starts a private cluster on a socket and a loopback port, and cleans up on stop")
    func startAndStop() async throws {
        let cluster = try LocalPostgres.start(logger: quiet())
        #expect(cluster.isRunning && cluster.port > 0)
        let socket = try await PGConnection.connect(cluster.config())
        #expect(try await socket.fetchValue("SELECT current_setting('fsync')", as: String.self) == "off")
        await socket.close()
        // TCP needs the password.
        let tcp = try await PGConnection.connect(cluster.tcpConfig())
        #expect(try await tcp.fetchValue("SELECT inet_server_addr()::text", as: String.self) == "127.0.0.1/32")
        await tcp.close()
        await #expect(throws: PGError.self) {
            try await PGConnection.connect(PGConnectionConfig(host: "127.0.0.1", port: cluster.port, user: "postgres", password: "wrong"))
        }
        cluster.stop()
        #expect(!FileManager.default.fileExists(atPath: cluster.directory.path))
        await #expect(throws: PGError.self) { try await PGConnection.connect(cluster.config()) }
    }

    @Test("a cluster left behind by a dead process is stopped and removed by the next start")
    func reapsAbandoned() async throws {
        let abandoned = try LocalPostgres.start(logger: quiet())
        // Pretend its owner died: point owner.pid at a process that has exited.
        let child = try Process.run(URL(filePath: "/bin/true"), arguments: [])
        child.waitUntilExit()
        try "\(child.processIdentifier)\n".write(to: abandoned.directory.appending(path: "owner.pid"), atomically: true, encoding: .utf8)
        let next = try LocalPostgres.start(logger: quiet())
        #expect(!FileManager.default.fileExists(atPath: abandoned.directory.path))
        await #expect(throws: PGError.self) { try await PGConnection.connect(abandoned.config()) }
        next.stop()
    }

    @Test("a kept cluster survives stop and is reused by the next start")
    func keptCluster() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "mtl-kept-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cluster = try LocalPostgres.start(directory: directory, logger: quiet())
        let conn = try await PGConnection.connect(cluster.config())
        try await conn.query("CREATE TABLE kept (v int)")
        await conn.close()
        cluster.stopServer()
        #expect(try LocalPostgres.attach(directory: directory)?.isRunning == false)
        let again = try LocalPostgres.start(directory: directory, logger: quiet())
        let reconnected = try await PGConnection.connect(again.config())
        #expect(try await reconnected.fetchValue("SELECT to_regclass('kept') IS NOT NULL", as: Bool.self) == true)
        await reconnected.close()
        again.stopServer()
    }

    @Test("a missing server installation names the packages to install")
    func missingServerMessage() {
        let error = LocalPostgresError.serverNotInstalled
        #expect(error.description.contains("apt-get install -y postgresql"))
    }
}

import Logging
