import LocalPostgres
import PGKit
import Testing
import TestSupport

@Suite("LISTEN/NOTIFY")
struct ListenTests {
    @Test("a listener receives notifications; channel names are quoted, payloads bound")
    func receives() async throws {
        try await withTestDatabase(migrated: false) { db in
            let listener = PGListener(config: db.config, logger: quietLogger("listener"))
            let channel = "jobs \"wake\"-up"
            var events = listener.events(channels: [channel]).makeAsyncIterator()
            #expect(try await events.next() == .listening(reconnected: false))
            let sender = try await db.connect()
            try await PGListener.notify(sender, channel: channel, payload: "it's 'quoted'; DROP TABLE x")
            let event = try await events.next()
            guard case .notification(let note) = event else { Issue.record("expected a notification, got \(String(describing: event))"); return }
            #expect(note.channel == channel)
            #expect(note.payload == "it's 'quoted'; DROP TABLE x")
            await sender.close()
        }
    }

    @Test("the listener listens again after the server restarts")
    func reconnects() async throws {
        let cluster = try LocalPostgres.start(logger: quietLogger("local"))
        defer { cluster.stop() }
        let listener = PGListener(config: cluster.config(), logger: quietLogger("listener"))
        var events = listener.events(channels: ["wake"]).makeAsyncIterator()
        #expect(try await events.next() == .listening(reconnected: false))
        cluster.stopServer()
        try cluster.startServer()
        #expect(try await events.next() == .listening(reconnected: true))
        let sender = try await PGConnection.connect(cluster.config(), logger: quietLogger("sender"))
        try await PGListener.notify(sender, channel: "wake", payload: "after restart")
        #expect(try await events.next() == .notification(PGNotification(channel: "wake", payload: "after restart", senderPID: await sender.backendPID)))
        await sender.close()
    }
}
