import PGKit

/// Reading the database's own lists, for the catalog tests that pin a Swift list to them.
public enum Catalog {
    /// The quoted values of a `col = ANY (ARRAY['a'::text, …])` CHECK constraint of `table`.
    public static func checkValues(of constraint: String, on table: String, _ db: PGConnection) async throws -> Set<String> {
        guard let definition = try await db.fetchValue("""
            SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = \(constraint) AND conrelid = \(table)::regclass
            """, as: String.self) else {
            throw PGError(.decoding, "no constraint \(constraint) on \(table)")
        }
        var found: Set<String> = []
        var rest = Substring(definition)
        while let open = rest.firstIndex(of: "'") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "'") else { break }
            found.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return found
    }

    /// The states a machine of `org.state_transition` moves between.
    public static func machineStates(_ machine: String, _ db: PGConnection) async throws -> Set<String> {
        Set(try await db.fetchAll("""
            SELECT from_state FROM org.state_transition WHERE machine = \(machine)
            UNION SELECT to_state FROM org.state_transition WHERE machine = \(machine)
            """, as: String.self))
    }
}
