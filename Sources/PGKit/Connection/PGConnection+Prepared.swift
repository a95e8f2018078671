import CLibPQ

extension PGConnection {
    /// Runs a statement marked ``SQL/prepared``: prepared here the first time (typed by the values
    /// bound then), run by name afterwards.
    func runPrepared(_ conn: OpaquePointer, text: String, binds: [PGBind], cancellable: Bool) throws(PGError) -> PGResult {
        do {
            return try sendAndCollectPrepared(conn, text: text, binds: binds, cancellable: cancellable)
        } catch where error.sqlState == "26000" {
            // The server forgot it (DEALLOCATE ALL, DISCARD ALL, a pooler's new backend). Outside
            // a transaction nothing was done yet: prepare it again and run it once more. Inside
            // one, the transaction is aborted and the caller has to start over.
            preparedStatements[text] = nil
            guard PQtransactionStatus(conn) == PQTRANS_IDLE else { throw error }
            return try sendAndCollectPrepared(conn, text: text, binds: binds, cancellable: cancellable)
        }
    }

    private func sendAndCollectPrepared(_ conn: OpaquePointer, text: String, binds: [PGBind], cancellable: Bool) throws(PGError) -> PGResult {
        let name = try preparedName(conn, text: text, binds: binds)
        let sent = withParameters(binds) { count, _, values, lengths, formats in
            PQsendQueryPrepared(conn, name, count, values, lengths, formats, 1)
        }
        guard sent == 1 else { throw PGError.connection(conn, sql: text) }
        return try collect(conn, sql: text, cancellable: cancellable)
    }

    /// The server-side name of `text` on this connection, preparing it when it has none.
    private func preparedName(_ conn: OpaquePointer, text: String, binds: [PGBind]) throws(PGError) -> String {
        if let name = preparedStatements[text] { return name }
        preparedCounter += 1
        let name = "pgkit_\(preparedCounter)"
        let types = binds.map { Oid($0.type.rawValue) }
        guard let result = PQprepare(conn, name, text, Int32(types.count), types) else { throw PGError.connection(conn, sql: text) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw PGError(result: result, sql: text) }
        preparedStatements[text] = name
        return name
    }
}
