import CLibPQ
import Foundation
import Synchronization

extension PGConnection {
    /// Runs `COPY … FROM STDIN`, feeding it chunks of bytes in the COPY's format (text, CSV or
    /// binary) as they arrive: memory stays constant whatever the size of the data.
    ///
    /// A row the server refuses aborts the whole COPY, nothing is inserted, and the thrown
    /// ``PGError`` carries the server's message and ``PGError/copyLine``. An error thrown by the
    /// source aborts the COPY and is rethrown.
    ///
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn<Source: AsyncSequence>(_ sql: SQL, from source: Source) async throws -> Int where Source.Element == [UInt8] {
        let conn = try startCopy(sql, expecting: PGRES_COPY_IN)
        let text = sql.text
        do {
            for try await chunk in source {
                try putCopyData(conn, chunk)
            }
        } catch {
            busyWith = nil
            _ = PQputCopyEnd(conn, "aborted by the client")
            _ = try? collect(conn, sql: text, cancellable: false)
            throw error
        }
        busyWith = nil
        guard PQputCopyEnd(conn, nil) == 1 else { throw PGError.connection(conn, sql: text) }
        return try collect(conn, sql: text, cancellable: true).affectedRows
    }

    /// Runs `COPY … FROM STDIN` (text format, the default) from rows of optional strings; `nil` is
    /// NULL. Values are escaped for the text format, so tabs, newlines and backslashes are safe.
    /// Rows are sent in chunks of about 64 KiB.
    @discardableResult
    public func copyIn<Source: AsyncSequence>(_ sql: SQL, rows: Source) async throws -> Int where Source.Element == [String?] {
        try await copyIn(sql, from: PGCopyTextChunks(rows: rows))
    }

    /// Runs `COPY … TO STDOUT` and returns its output as chunks of bytes, read as you iterate.
    /// The connection serves nothing else until the sequence is read to its end.
    public func copyOut(_ sql: SQL) throws -> PGCopyOutStream {
        _ = try startCopy(sql, expecting: PGRES_COPY_OUT)
        return PGCopyOutStream(owner: CopyOutOwner(connection: self), sql: sql.text)
    }

    // MARK: Internals

    func startCopy(_ sql: SQL, expecting status: ExecStatusType) throws(PGError) -> OpaquePointer {
        let conn = try live()
        let (text, binds) = sql.render()
        guard binds.isEmpty else {
            throw PGError(.client, "COPY takes no bound parameters; quote names with \\(identifier:)", sql: text)
        }
        guard let result = PQexec(conn, text) else { throw PGError.connection(conn, sql: text) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == status else {
            if PQresultStatus(result) == PGRES_FATAL_ERROR { throw PGError(result: result, sql: text) }
            while let rest = PQgetResult(conn) { PQclear(rest) }
            throw PGError(.client, "expected a COPY \(status == PGRES_COPY_IN ? "FROM STDIN" : "TO STDOUT") statement", sql: text)
        }
        busyWith = status == PGRES_COPY_IN ? "COPY FROM STDIN" : "COPY TO STDOUT"
        return conn
    }

    func putCopyData(_ conn: OpaquePointer, _ bytes: [UInt8]) throws(PGError) {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else { throw PGError.connection(conn) }
    }

    /// Up to about `limit` bytes of COPY output; empty at the end.
    func nextCopyChunk(sql: String, limit: Int) throws(PGError) -> [UInt8] {
        guard let conn = handle, busyWith == "COPY TO STDOUT" else { return [] }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(limit + 1024)
        while chunk.count < limit {
            var row: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(conn, &row, 0)
            if length > 0, let row {
                row.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    chunk.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
                }
                PQfreemem(row)
            } else if length == -1 {
                busyWith = nil
                try collect(conn, sql: sql, cancellable: false)
                return chunk
            } else {
                busyWith = nil
                throw PGError.connection(conn, sql: sql)
            }
        }
        return chunk
    }

    func abandonCopyOut() {
        guard let conn = handle, busyWith == "COPY TO STDOUT" else { return }
        cancelHandle.begin()
        cancelHandle.requestCancel()
        var row: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(conn, &row, 0) > 0 { PQfreemem(row) }
        while let result = PQgetResult(conn) { PQclear(result) }
        cancelHandle.end()
        busyWith = nil
    }
}

/// The output of ``PGConnection/copyOut(_:)`` as chunks of bytes.
public struct PGCopyOutStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let owner: CopyOutOwner
    let sql: String

    public func makeAsyncIterator() -> Iterator { Iterator(owner: owner, sql: sql) }

    public struct Iterator: AsyncIteratorProtocol {
        let owner: CopyOutOwner
        let sql: String

        public mutating func next() async throws -> [UInt8]? {
            if owner.isFinished { return nil }
            let chunk = try await owner.connection.nextCopyChunk(sql: sql, limit: 1 << 16)
            if chunk.isEmpty { owner.finish(); return nil }
            return chunk
        }
    }
}

final class CopyOutOwner: Sendable {
    let connection: PGConnection
    private let done = Mutex(false)
    init(connection: PGConnection) { self.connection = connection }
    var isFinished: Bool { done.withLock { $0 } }
    func finish() { done.withLock { $0 = true } }
    deinit {
        if !isFinished { Task { [connection] in await connection.abandonCopyOut() } }
    }
}

/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
public enum PGCopyText {
    public static func append(_ row: [String?], to buffer: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(9) }
            guard var value else { buffer.append(contentsOf: [92, 78]); continue }
            // Most values need no escape: copied in one go.
            let copied = value.withUTF8 { bytes in
                guard !bytes.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return false }
                buffer.append(contentsOf: bytes)
                return true
            }
            if copied { continue }
            for byte in value.utf8 {
                switch byte {
                case 92: buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, 116])
                case 10: buffer.append(contentsOf: [92, 110])
                case 13: buffer.append(contentsOf: [92, 114])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
    }
}

/// Rows encoded in COPY text format, gathered into chunks of about 64 KiB.
struct PGCopyTextChunks<Rows: AsyncSequence>: AsyncSequence where Rows.Element == [String?] {
    typealias Element = [UInt8]
    let rows: Rows

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rows: rows.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var rows: Rows.AsyncIterator
        var finished = false

        mutating func next() async throws -> [UInt8]? {
            guard !finished else { return nil }
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 16 + 1024)
            while chunk.count < 1 << 16 {
                guard let row = try await rows.next() else {
                    finished = true
                    break
                }
                PGCopyText.append(row, to: &chunk)
            }
            return chunk.isEmpty ? nil : chunk
        }
    }
}
