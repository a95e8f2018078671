import CLibPQ
import Foundation

/// What became of one statement of a pipeline.
public enum PGPipelineOutcome: Sendable {
    case success(PGResult)
    /// The statement failed on the server.
    case failure(PGError)
    /// The statement was not run because an earlier one in the pipeline failed.
    case aborted

    public var result: PGResult? { if case .success(let result) = self { result } else { nil } }
    public var error: PGError? { if case .failure(let error) = self { error } else { nil } }
    public var isAborted: Bool { if case .aborted = self { true } else { false } }
}

extension PGConnection {
    /// Sends every statement without waiting for the one before (libpq pipeline mode), then
    /// reads all the results: one round trip's latency for the whole batch.
    ///
    /// The batch ends with one sync point. Outside a transaction it runs as one implicit
    /// transaction: when a statement fails, the statements after it report ``PGPipelineOutcome/aborted``
    /// and the earlier ones are rolled back with it. Inside ``transaction(isolation:readOnly:isolation:_:)``
    /// the enclosing transaction decides.
    ///
    /// - Returns: one outcome per statement, in order.
    public func pipeline(_ statements: [SQL]) async throws -> [PGPipelineOutcome] {
        let conn = try live()
        guard !statements.isEmpty else { return [] }
        guard PQenterPipelineMode(conn) == 1 else { throw PGError.connection(conn) }
        PQsetnonblocking(conn, 1)
        defer {
            PQsetnonblocking(conn, 0)
            PQexitPipelineMode(conn)
        }
        var reader = PipelineReader(conn: conn, expected: statements.count)
        for (index, statement) in statements.enumerated() {
            let (text, binds) = statement.render()
            reader.texts.append(text)
            let sent = withParameters(binds) { count, types, values, lengths, formats in
                PQsendQueryParams(conn, text, count, types, values, lengths, formats, 1)
            }
            guard sent == 1 else { throw PGError.connection(conn, sql: text) }
            // Flush as we go; read results whenever the server has some, so neither side's
            // socket buffer fills up and blocks the other.
            if index % 64 == 63 { try reader.flush() }
        }
        guard PQpipelineSync(conn) == 1 else { throw PGError.connection(conn) }
        try reader.flush()
        try await withTaskCancellationHandler {
            cancelHandle.begin()
            defer { cancelHandle.end() }
            try reader.read(blocking: true)
        } onCancel: { [cancelHandle] in
            cancelHandle.requestCancel()
        }
        return reader.outcomes
    }
}

/// Reads pipeline results as they arrive: each statement's result, then a NULL, and finally
/// the sync marker.
struct PipelineReader {
    let conn: OpaquePointer
    let expected: Int
    var texts: [String] = []
    var outcomes: [PGPipelineOutcome] = []
    var current: PGPipelineOutcome?
    var synced = false

    init(conn: OpaquePointer, expected: Int) {
        self.conn = conn
        self.expected = expected
        outcomes.reserveCapacity(expected)
    }

    /// Sends everything buffered, reading results while the socket is full.
    mutating func flush() throws(PGError) {
        while true {
            let status = PQflush(conn)
            if status == 0 { break }
            if status < 0 { throw PGError.connection(conn) }
            var descriptor = pollfd(fd: PQsocket(conn), events: Int16(POLLIN | POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 1000)
            if descriptor.revents & Int16(POLLIN) != 0 {
                guard PQconsumeInput(conn) == 1 else { throw PGError.connection(conn) }
                try read(blocking: false)
            }
        }
        guard PQconsumeInput(conn) == 1 else { throw PGError.connection(conn) }
        try read(blocking: false)
    }

    /// Takes the results that are available (or, when `blocking`, all of them up to the sync).
    mutating func read(blocking: Bool) throws(PGError) {
        while !synced {
            if !blocking && PQisBusy(conn) == 1 { return }
            guard let result = PQgetResult(conn) else {
                if let current {
                    outcomes.append(current)
                    self.current = nil
                    continue
                }
                if !blocking { return }
                if PQstatus(conn) != CONNECTION_OK { throw PGError.connection(conn) }
                continue
            }
            let sql = outcomes.count < texts.count ? texts[outcomes.count] : nil
            switch PQresultStatus(result) {
            case PGRES_PIPELINE_SYNC:
                PQclear(result)
                synced = true
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
                current = .aborted
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                current = .success(PGResult(PGResultStorage(result)))
            default:
                current = .failure(PGError(result: result, sql: sql))
                PQclear(result)
            }
        }
        if outcomes.count != expected {
            throw PGError(.connection, "pipeline ended with \(outcomes.count) of \(expected) results")
        }
    }
}
