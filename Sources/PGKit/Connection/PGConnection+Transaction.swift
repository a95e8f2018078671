/// Transaction isolation levels.
public enum PGIsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension PGConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Transaction control is never cancelled by task cancellation (a cancelled task still rolls
    /// back cleanly); statements inside the body are.
    @discardableResult
    public func transaction<T: Sendable>(
        isolation level: PGIsolationLevel? = nil,
        readOnly: Bool = false,
        _ body: sending (PGConnection) async throws -> T
    ) async throws -> T {
        var begin = "BEGIN"
        if let level { begin += " ISOLATION LEVEL \(level.rawValue)" }
        if readOnly { begin += " READ ONLY" }
        try control(begin)
        do {
            let value = try await body(self)
            try control("COMMIT")
            return value
        } catch {
            try? control("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside a savepoint: a throw rolls back to the savepoint and rethrows, leaving
    /// the enclosing transaction usable.
    @discardableResult
    public func savepoint<T: Sendable>(
        _ body: sending (PGConnection) async throws -> T
    ) async throws -> T {
        let name = nextSavepointName()
        try control("SAVEPOINT \(name)")
        do {
            let value = try await body(self)
            try control("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            try? control("ROLLBACK TO SAVEPOINT \(name)")
            try? control("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    /// `SET LOCAL name = value` for the current transaction, with the value bound.
    public func setLocal(_ name: String, _ value: String) async throws {
        try await query("SELECT set_config(\(name), \(value), true)")
    }

    /// `SET LOCAL ROLE role` for the current transaction; the role name is quoted.
    public func setLocalRole(_ role: String) async throws {
        try await query("SET LOCAL ROLE \(identifier: role)")
    }

    func nextSavepointName() -> String {
        savepointCounter += 1
        return "pgkit_savepoint_\(savepointCounter)"
    }

    /// Transaction control: not cancellable, so cleanup always reaches the server.
    func control(_ statement: String) throws(PGError) {
        _ = try run(SQL(unsafeRaw: statement), cancellable: false)
    }
}
