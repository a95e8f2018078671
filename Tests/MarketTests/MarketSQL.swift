import PGKit
import Testing
import TestSupport

/// Market data written with plain SQL, as any client could: the rules under test are the
/// database's, not the CLI's.
enum MarketSQL {
    /// Adds a segment as `connection`'s user; returns its id.
    static func segment(_ connection: PGConnection, unit: String, bu: String = "CARRIER", code: String) async throws -> Int64 {
        try #require(try await connection.fetchValue("""
            INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon)
            SELECT u.id, b.id, \(code), \(code + " segment"), 'Transport', 'Operator', 'Core network', 'H1'
            FROM org.unit u, org.business_unit b WHERE u.code = \(unit) AND b.code = \(bu)
            RETURNING id
            """, as: Int64.self))
    }

    /// Adds a draft MSP for `segment` in `unit`; returns its id.
    static func msp(_ connection: PGConnection, segment: Int64, unit: String, owner: String, year: Int32 = 2027) async throws -> Int64 {
        try #require(try await connection.fetchValue("""
            INSERT INTO mm.msp (segment_id, unit_id, fiscal_year, owner_role)
            SELECT \(segment), u.id, \(year), \(owner) FROM org.unit u WHERE u.code = \(unit)
            RETURNING id
            """, as: Int64.self))
    }

    /// Fills in what a plan needs before it is submitted: its content and a first quarter.
    static func complete(_ connection: PGConnection, msp: Int64, year: Int32 = 2027) async throws {
        try await connection.execute("""
            UPDATE mm.msp SET goals = 'Grow share to 30%', gtm_strategy = 'Direct, with two partners',
                              value_proposition = 'Lower cost per bit' WHERE id = \(msp)
            """)
        try await connection.execute("""
            INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget)
            VALUES (\(msp), \(year), 1, 1000000, 40, 50000)
            """)
    }

    static func setState(_ connection: PGConnection, msp: Int64, _ state: String) async throws {
        try await connection.execute("UPDATE mm.msp SET state = \(state) WHERE id = \(msp)")
    }

    static func state(_ connection: PGConnection, msp: Int64) async throws -> String? {
        try await connection.fetchValue("SELECT state FROM mm.msp WHERE id = \(msp)", as: String.self)
    }

    /// The pending approval request of a subject, if any.
    static func pendingRequest(_ connection: PGConnection, kind: String, subject: Int64) async throws -> Int64? {
        try await connection.fetchValue("""
            SELECT id FROM approval.request WHERE kind = \(kind) AND subject_id = \(subject) AND state = 'pending'
            """, as: Int64.self)
    }

    static func decide(_ connection: PGConnection, request: Int64, _ decision: String, comment: String? = nil) async throws {
        try await connection.execute("""
            INSERT INTO approval.decision (request_id, decision, comment) VALUES (\(request), \(decision), \(comment))
            """)
    }
}
