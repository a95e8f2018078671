import CLibPQ
import Synchronization

extension PGConnection {
    /// Streams the rows of a query without holding the whole result in memory (libpq single-row
    /// mode). The connection serves nothing else until the stream ends or is dropped.
    ///
    /// ```swift
    /// for try await row in try await conn.stream("SELECT id, name FROM big") {
    ///     let (id, name) = try row.decode((Int, String).self)
    /// }
    /// ```
    public func stream(_ sql: SQL, batchSize: Int = 512) throws -> PGRowStream {
        let conn = try live()
        let (text, binds) = sql.render()
        let sent = withParameters(binds) { count, types, values, lengths, formats in
            PQsendQueryParams(conn, text, count, types, values, lengths, formats, 1)
        }
        guard sent == 1 else { throw PGError.connection(conn, sql: text) }
        PQsetSingleRowMode(conn)
        busyWith = "a row stream"
        return PGRowStream(owner: StreamOwner(connection: self), sql: text, batchSize: batchSize)
    }

    /// The next rows of the running stream; empty when it has ended.
    func nextRows(sql: String, limit: Int) throws(PGError) -> [PGRow] {
        guard let conn = handle, busyWith != nil else { return [] }
        var rows: [PGRow] = []
        rows.reserveCapacity(limit)
        var layout: PGColumnLayout?
        while rows.count < limit {
            guard let result = PQgetResult(conn) else {
                busyWith = nil
                return rows
            }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                let storage = PGResultStorage(result, layout: layout)
                layout = storage.layout
                rows.append(PGRow(storage: storage, index: 0))
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                PQclear(result)  // the end marker; the next call returns nil
            default:
                let error = PGError(result: result, sql: sql)
                PQclear(result)
                while let rest = PQgetResult(conn) { PQclear(rest) }
                busyWith = nil
                throw error
            }
        }
        return rows
    }

    /// Ends a stream that its reader dropped: cancels the statement and discards what is left.
    func abandonStream() {
        guard let conn = handle, busyWith != nil else { return }
        cancelHandle.begin()
        cancelHandle.requestCancel()
        while let result = PQgetResult(conn) { PQclear(result) }
        cancelHandle.end()
        busyWith = nil
    }
}

/// The rows of ``PGConnection/stream(_:batchSize:)``, fetched from the connection in batches.
public struct PGRowStream: AsyncSequence, Sendable {
    public typealias Element = PGRow
    let owner: StreamOwner
    let sql: String
    let batchSize: Int

    public func makeAsyncIterator() -> Iterator { Iterator(owner: owner, sql: sql, batchSize: batchSize) }

    public struct Iterator: AsyncIteratorProtocol {
        let owner: StreamOwner
        let sql: String
        let batchSize: Int
        var buffer: [PGRow] = []
        var position = 0
        var finished = false

        public mutating func next() async throws -> PGRow? {
            if position == buffer.count {
                if finished { return nil }
                buffer = try await owner.connection.nextRows(sql: sql, limit: batchSize)
                position = 0
                if buffer.count < batchSize { finished = true; owner.finished() }
                if buffer.isEmpty { return nil }
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}

/// Notices a stream dropped before its end and frees the connection.
final class StreamOwner: Sendable {
    let connection: PGConnection
    private let done = Mutex(false)
    init(connection: PGConnection) { self.connection = connection }
    func finished() { done.withLock { $0 = true } }
    deinit {
        if !done.withLock({ $0 }) { Task { [connection] in await connection.abandonStream() } }
    }
}

extension PGConnection {
    /// Runs `sql` and hands each row, decoded, to `body` as it arrives (``stream(_:batchSize:)``):
    /// memory stays flat however many rows there are.
    public nonisolated func forEach<R: PGRecord>(_ sql: SQL, as type: R.Type = R.self, _ body: (R) async throws -> Void) async throws {
        for try await row in try await stream(sql) {
            try await body(try R(row: row))
        }
    }
}
