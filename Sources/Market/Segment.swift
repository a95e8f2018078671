import Foundation
import MTLCore
import PGKit

/// A market segment a unit chose for one BU (`mm.segment`): who the customers are, what they
/// need, and the horizon (H1 core, H2 growth, H3 emerging). People name it `UNIT/CODE`, such as
/// `DE/RAIL`.
public struct Segment: PGRecord, Codable, Equatable {
    public enum Horizon: String, Codable, Sendable, CaseIterable, PGCodable {
        case h1 = "H1", h2 = "H2", h3 = "H3"
    }

    public var id: Int64
    public var unit: String
    public var bu: String
    public var code: String
    public var name: String
    public var industry: String
    public var customerType: String
    public var solutionLine: String
    public var horizon: Horizon
    public var needs: String
    public var painPoints: String
    public var active: Bool

    /// `UNIT/CODE`.
    public var reference: String { "\(unit)/\(code)" }

    static let selection: SQL = """
        SELECT s.id, u.code AS unit, b.code AS bu, s.code, s.name, s.industry, s.customer_type,
               s.solution_line, s.horizon, s.needs, s.pain_points, s.active
        FROM mm.segment s
        JOIN org.unit u ON u.id = s.unit_id
        JOIN org.business_unit b ON b.id = s.bu_id
        """
}

/// How people name a segment: `UNIT/CODE`.
public struct SegmentReference: Sendable, Hashable, CustomStringConvertible {
    public var unit: String
    public var code: String

    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw MarketError.invalidSegmentReference(text)
        }
        unit = String(parts[0])
        code = String(parts[1])
        try Names.checkCode(unit, what: "unit")
        try Names.checkHandle(code, what: "segment")
    }

    public var description: String { "\(unit)/\(code)" }
}

// MARK: - Reading

extension Segment {
    /// The segments the caller can see, by unit and code; optionally only one unit's (and the
    /// units below it), one BU's, and inactive ones too.
    public static func list(unit: String? = nil, bu: String? = nil, includeInactive: Bool = false,
                            on db: PGConnection) async throws -> [Segment] {
        var query = selection + " WHERE true"
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        if let bu { query += " AND b.code = \(bu)" }
        if !includeInactive { query += " AND s.active" }
        return try await db.fetchAll(query + " ORDER BY u.path, s.code")
    }

    public static func require(_ reference: SegmentReference, on db: PGConnection) async throws -> Segment {
        guard let segment = try await db.fetchOne(selection + " WHERE u.code = \(reference.unit) AND s.code = \(reference.code)",
                                                  as: Segment.self) else {
            throw MarketError.noSegment(reference)
        }
        return segment
    }
}

// MARK: - Changing

extension Segment {
    /// What a new segment says about its market.
    public struct Draft: Sendable {
        public var name: String
        public var industry: String
        public var customerType: String
        public var solutionLine: String
        public var horizon: Horizon
        public var needs: String
        public var painPoints: String

        public init(name: String, industry: String, customerType: String, solutionLine: String, horizon: Horizon,
                    needs: String = "", painPoints: String = "") {
            self.name = name
            self.industry = industry
            self.customerType = customerType
            self.solutionLine = solutionLine
            self.horizon = horizon
            self.needs = needs
            self.painPoints = painPoints
        }
    }

    /// Adds a segment to a unit for a BU. Editors of the unit (and BU) may.
    @discardableResult
    public static func add(_ reference: SegmentReference, bu: String, _ draft: Draft, on db: PGConnection) async throws -> Segment {
        for (value, what) in [(draft.name, "segment name"), (draft.industry, "industry"),
                              (draft.customerType, "customer type"), (draft.solutionLine, "solution line")] {
            try Names.checkDisplayName(value, what: what)
        }
        let unit = try await OrgUnit.require(code: reference.unit, on: db)
        let businessUnit = try await BusinessUnit.require(code: bu, on: db)
        do {
            try await explainingDenials(scope: "your grants do not let you add segments to \(reference.unit) for \(bu)",
                                        capability: "only editors and admins add segments") {
                try await db.execute("""
                    INSERT INTO mm.segment (unit_id, bu_id, code, name, industry, customer_type, solution_line, horizon, needs, pain_points)
                    VALUES (\(unit.id), \(businessUnit.id), \(reference.code), \(draft.name), \(draft.industry), \(draft.customerType),
                            \(draft.solutionLine), \(draft.horizon.rawValue), \(draft.needs), \(draft.painPoints))
                    """)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw MarketError.segmentExists(reference)
        }
        return try await require(reference, on: db)
    }

    /// Deactivates or reactivates a segment (its scores and plans stay).
    public static func setActive(_ reference: SegmentReference, _ active: Bool, on db: PGConnection) async throws {
        let segment = try await require(reference, on: db)
        try await changingInScope(scope: "segment \(reference) is outside your write scope",
                                  capability: "only editors and admins change segments") {
            try await db.execute("UPDATE mm.segment SET active = \(active) WHERE id = \(segment.id)")
        }
    }
}
