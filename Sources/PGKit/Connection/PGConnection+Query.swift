import CLibPQ
import Foundation

extension PGConnection {
    // MARK: Running statements

    /// Runs one statement and returns all its rows.
    @discardableResult
    public func query(_ sql: SQL) async throws -> PGResult {
        try await withTaskCancellationHandler {
            do {
                return try run(sql, cancellable: true)
            } catch let error as PGError where error.isQueryCanceled && Task.isCancelled {
                throw CancellationError()
            }
        } onCancel: { [cancelHandle] in
            cancelHandle.requestCancel()
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL) async throws -> Int {
        try await query(sql).affectedRows
    }

    /// All rows, each decoded as a record.
    public func fetchAll<R: PGRecord>(_ sql: SQL, as type: R.Type = R.self) async throws -> [R] {
        try await query(sql).map { try R(row: $0) }
    }

    /// The first row as a record, or nil when there is none.
    public func fetchOne<R: PGRecord>(_ sql: SQL, as type: R.Type = R.self) async throws -> R? {
        try await query(sql).first.map { try R(row: $0) }
    }

    /// All rows, each decoded into a tuple: `fetchAll(sql, as: (Int, String).self)`.
    public func fetchAll<each T: PGDecodable>(_ sql: SQL, as types: (repeat each T).Type) async throws -> [(repeat each T)] {
        try await query(sql).map { try $0.decode((repeat each T).self) }
    }

    /// The first row decoded into a tuple, or nil.
    public func fetchOne<each T: PGDecodable>(_ sql: SQL, as types: (repeat each T).Type) async throws -> (repeat each T)? {
        guard let row = try await query(sql).first else { return nil }
        let values: (repeat each T) = try row.decode((repeat each T).self)
        return values
    }

    /// The first column of the first row, or nil when there are no rows.
    public func fetchValue<T: PGDecodable>(_ sql: SQL, as type: T.Type = T.self) async throws -> T? {
        guard let row = try await query(sql).first else { return nil }
        return try row.decode(T.self, at: 0)
    }

    /// Runs SQL text that may hold several statements (e.g. a migration file), with the simple
    /// query protocol. It takes no parameters: use it only for SQL the program ships.
    public func executeScript(unsafeSQL text: String) async throws {
        let conn = try live()
        try await withTaskCancellationHandler {
            guard PQsendQuery(conn, text) == 1 else { throw PGError.connection(conn, sql: text) }
            try collect(conn, sql: text, cancellable: true)
        } onCancel: { [cancelHandle] in
            cancelHandle.requestCancel()
        }
    }

    // MARK: The blocking core

    /// Sends one statement with binary parameters and results, then waits for its result.
    func run(_ sql: SQL, cancellable: Bool) throws(PGError) -> PGResult {
        let conn = try live()
        let (text, binds) = sql.render()
        if sql.isPrepared, try preparedStatementsRunNamed(conn) { return try runPrepared(conn, text: text, binds: binds, cancellable: cancellable) }
        return try runUnnamed(conn, text: text, binds: binds, cancellable: cancellable)
    }

    /// Sends one statement as the unnamed statement (parse, bind and execute in one round trip).
    func runUnnamed(_ conn: OpaquePointer, text: String, binds: [PGBind], cancellable: Bool) throws(PGError) -> PGResult {
        let sent = withParameters(binds) { count, types, values, lengths, formats in
            PQsendQueryParams(conn, text, count, types, values, lengths, formats, 1)
        }
        guard sent == 1 else { throw PGError.connection(conn, sql: text) }
        return try collect(conn, sql: text, cancellable: cancellable)
    }

    /// Reads every result of the statement just sent; returns the last, or throws the first error.
    @discardableResult
    func collect(_ conn: OpaquePointer, sql: String, cancellable: Bool) throws(PGError) -> PGResult {
        if cancellable { cancelHandle.begin() }
        defer { if cancellable { cancelHandle.end() } }
        var last: PGResult?
        var failure: PGError?
        while let result = PQgetResult(conn) {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                last = PGResult(PGResultStorage(result))
            case PGRES_COPY_IN:
                PQclear(result)
                _ = PQputCopyEnd(conn, "COPY FROM STDIN must go through copyIn")
                failure = failure ?? PGError(.client, "COPY FROM STDIN must go through PGConnection.copyIn", sql: sql)
            case PGRES_COPY_OUT:
                PQclear(result)
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(conn, &buffer, 0) > 0 { PQfreemem(buffer) }
                failure = failure ?? PGError(.client, "COPY TO STDOUT must go through PGConnection.copyOut", sql: sql)
            default:
                failure = failure ?? PGError(result: result, sql: sql)
                PQclear(result)
            }
        }
        if let failure { throw failure }
        if PQstatus(conn) != CONNECTION_OK { throw PGError.connection(conn, sql: sql) }
        guard let last else { throw PGError.connection(conn, sql: sql) }
        return last
    }
}

/// Lays bound values out for libpq: one buffer holding every value, and arrays of pointers,
/// lengths, types and formats (all binary) into it.
func withParameters<R>(
    _ binds: [PGBind],
    _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
) -> R {
    if binds.isEmpty { return body(0, nil, nil, nil, nil) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(binds.reduce(1) { $0 + ($1.bytes?.count ?? 0) })
    var offsets: [Int?] = []
    offsets.reserveCapacity(binds.count)
    for bind in binds {
        if let bytes = bind.bytes {
            offsets.append(buffer.count)
            buffer.append(contentsOf: bytes)
        } else {
            offsets.append(nil)
        }
    }
    buffer.append(0)  // never empty, so an empty non-NULL value still gets a non-nil pointer
    let types = binds.map { Oid($0.type.rawValue) }
    let lengths = binds.map { Int32($0.bytes?.count ?? 0) }
    let formats = [Int32](repeating: 1, count: binds.count)
    return buffer.withUnsafeBytes { raw in
        let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
        let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
        return body(Int32(binds.count), types, values, lengths, formats)
    }
}
