import CLibPQ

extension PGConnection {
    /// Runs a statement marked ``SQL/prepared``: prepared here the first time (typed by the values
    /// bound then), run by name afterwards.
    ///
    /// Behind a transaction-mode pooler that does not carry prepared statements between server
    /// connections (PgBouncer before 1.21, Debian 12's 1.18), a statement prepared in one
    /// transaction is missing in the next: see ``preparedStatementsRunNamed(_:)``. A pooler
    /// that detection misses is caught on the first statement that goes missing right after it
    /// was prepared (outside a transaction); the connection then runs marked statements unnamed
    /// for the rest of its life, and says so once in its log.
    func runPrepared(_ conn: OpaquePointer, text: String, binds: [PGBind], cancellable: Bool) throws(PGError) -> PGResult {
        let wasPrepared = preparedStatements[text] != nil
        do {
            return try sendAndCollectPrepared(conn, text: text, binds: binds, cancellable: cancellable)
        } catch where error.sqlState == "26000" {
            // The server forgot it (DEALLOCATE ALL, DISCARD ALL, a pooler's new backend). Outside
            // a transaction nothing was done yet: prepare it again and run it once more. Inside
            // one, the transaction is aborted and the caller has to start over.
            preparedStatements[text] = nil
            guard PQtransactionStatus(conn) == PQTRANS_IDLE else { throw error }
            guard wasPrepared else { return try stopPreparing(conn, text: text, binds: binds, cancellable: cancellable) }
            do {
                return try sendAndCollectPrepared(conn, text: text, binds: binds, cancellable: cancellable)
            } catch where error.sqlState == "26000" && PQtransactionStatus(conn) == PQTRANS_IDLE {
                preparedStatements[text] = nil
                return try stopPreparing(conn, text: text, binds: binds, cancellable: cancellable)
            }
        }
    }

    /// Whether marked statements run named on this connection, decided on the first one by the
    /// configuration's ``PGConnectionConfig/PreparedStatements`` (for `auto`: the server's
    /// backend pid is the one libpq was given at login, which a pooler's own cancel key is not).
    func preparedStatementsRunNamed(_ conn: OpaquePointer) throws(PGError) -> Bool {
        if let decided = preparedStatementsSurvive { return decided }
        switch config.preparedStatements {
        case .named: preparedStatementsSurvive = true
        case .unnamed: preparedStatementsSurvive = false
        case .auto:
            let result = try runUnnamed(conn, text: "SELECT pg_backend_pid()", binds: [], cancellable: false)
            let serverPID: Int32? = result.count == 1 ? try? result[0].decode(Int32.self, at: 0) : nil
            preparedStatementsSurvive = serverPID == PQbackendPID(conn)
            if preparedStatementsSurvive == false {
                logger.notice("connected through a pooler (the server's backend is not the one this connection was given): prepared statements run unnamed (see PGConnectionConfig.PreparedStatements)")
            }
        }
        return preparedStatementsSurvive ?? false
    }

    /// A statement prepared a moment ago is gone: prepared statements do not survive between
    /// transactions on this connection. Runs this one (and every later one) unnamed.
    private func stopPreparing(_ conn: OpaquePointer, text: String, binds: [PGBind], cancellable: Bool) throws(PGError) -> PGResult {
        preparedStatementsSurvive = false
        preparedStatements = [:]
        logger.notice("prepared statements do not survive between transactions on this connection (a transaction-mode pooler without prepared statement support, such as PgBouncer before 1.21): statements run unnamed from now on")
        return try runUnnamed(conn, text: text, binds: binds, cancellable: cancellable)
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
        let name = preparedPrefix + String(preparedCounter)
        let types = binds.map { Oid($0.type.rawValue) }
        guard let result = PQprepare(conn, name, text, Int32(types.count), types) else { throw PGError.connection(conn, sql: text) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw PGError(result: result, sql: text) }
        preparedStatements[text] = name
        return name
    }
}
