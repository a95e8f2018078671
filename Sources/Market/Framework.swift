import Foundation
import MTLCore
import PGKit

/// The marketing framework of a fiscal year (`mm.framework`): HQ reference data that everybody
/// reads. Its states, draft → submitted → approved → published → superseded (rejected → draft),
/// are the database's; only HQ admins write it, only HQ approvers decide it, never its submitter.
public struct Framework: PGRecord, Codable, Equatable {
    /// A framework's state (machine `framework` in `org.state_transition`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case draft, submitted, approved, rejected, published, superseded

        public var description: String { rawValue }
    }

    public var id: Int64
    public var fiscalYear: FiscalYear
    public var basedOn: FiscalYear?
    public var conceptLimit: Int
    /// draft, submitted, approved, rejected, published or superseded.
    public var state: State
    public var stateChangedAt: Date
    public var stateChangedBy: String
    public var publishedAt: Date?
    public var themes: Int
    public var concepts: Int

    static let selection: SQL = """
        SELECT f.id, f.fiscal_year, b.fiscal_year AS based_on, f.concept_limit, f.state, f.state_changed_at,
               f.state_changed_by::text, f.published_at,
               (SELECT count(*) FROM mm.framework_theme t WHERE t.framework_id = f.id AND NOT t.dropped) AS themes,
               (SELECT count(*) FROM mm.concept_package c WHERE c.framework_id = f.id) AS concepts
        FROM mm.framework f
        LEFT JOIN mm.framework b ON b.id = f.based_on_id
        """
}

// MARK: - Reading

extension Framework {
    public static func all(on db: PGConnection) async throws -> [Framework] {
        try await db.fetchAll(selection + " ORDER BY f.fiscal_year")
    }

    public static func require(_ year: FiscalYear, on db: PGConnection) async throws -> Framework {
        guard let framework = try await db.fetchOne(selection + " WHERE f.fiscal_year = \(year.sqlValue)", as: Framework.self) else {
            throw MarketError.noFramework(year)
        }
        return framework
    }

    /// The framework's decision reviews, oldest first.
    public func reviews(on db: PGConnection) async throws -> [ApprovalRequest] {
        try await ApprovalRequest.history(of: .framework, subject: id, on: db)
    }
}

// MARK: - Changing

extension Framework {
    static let hqOnly = "only HQ admins change the marketing framework"

    /// Creates a year's framework, empty or from another year's themes and concept packages.
    public static func create(_ year: FiscalYear, from source: FiscalYear?, conceptLimit: Int?, on db: PGConnection) async throws -> Framework {
        if let conceptLimit, !(1...100).contains(conceptLimit) {
            throw MarketError.invalidConceptLimit(conceptLimit)
        }
        do {
            try await explainingDenials(scope: hqOnly, capability: hqOnly) {
                try await db.execute("""
                    SELECT mm.create_framework(\(year.sqlValue), \(source?.sqlValue), \(conceptLimit.map(Int32.init)))
                    """)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw MarketError.frameworkExists(year)
        }
        return try await require(year, on: db)
    }

    /// Moves a framework to another state: submitted (opens the decision review), published
    /// (supersedes the one before), or draft (after a rejection).
    @discardableResult
    public static func move(_ year: FiscalYear, to state: State, on db: PGConnection) async throws -> Framework {
        let framework = try await require(year, on: db)
        try await changingInScope(scope: hqOnly, capability: hqOnly) {
            try await db.execute("UPDATE mm.framework SET state = \(state) WHERE id = \(framework.id)")
        }
        return try await require(year, on: db)
    }
}
