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
    /// How many company-tier activities the year plans (nil: no number planned); the quality
    /// rule `dg.company_events_over_plan` compares the year's activities with it.
    public var companyEventsPlanned: Int?
    /// draft, submitted, approved, rejected, published or superseded.
    public var state: State
    public var stateChangedAt: Date
    public var stateChangedBy: String
    public var publishedAt: Date?
    public var themes: Int
    public var concepts: Int

    static let selection: SQL = """
        SELECT f.id, f.fiscal_year, b.fiscal_year AS based_on, f.concept_limit, f.company_events_planned, f.state, f.state_changed_at,
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

    /// What ``plan(_:conceptLimit:companyEvents:on:)`` does to the company-event plan.
    public enum EventPlan: Sendable, Equatable {
        case keep, none, count(Int)
    }

    /// Changes a draft's plan: its concept limit, and how many company-tier activities the year
    /// plans (the database refuses either outside a draft, or a limit below the packages it has).
    @discardableResult
    public static func plan(_ year: FiscalYear, conceptLimit: Int? = nil, companyEvents: EventPlan = .keep,
                            on db: PGConnection) async throws -> Framework {
        if let conceptLimit, !(1...100).contains(conceptLimit) {
            throw MarketError.invalidConceptLimit(conceptLimit)
        }
        let framework = try await require(year, on: db)
        let (changesEvents, events): (Bool, Int32?) = switch companyEvents {
        case .keep: (false, nil)
        case .none: (true, nil)
        case .count(let count): (true, Int32(clamping: count))
        }
        do {
            try await changingInScope(scope: hqOnly, capability: hqOnly) {
                try await db.execute("""
                    UPDATE mm.framework
                    SET concept_limit = coalesce(\(conceptLimit.map(Int32.init)), concept_limit),
                        company_events_planned = CASE WHEN \(changesEvents) THEN \(events)::smallint ELSE company_events_planned END
                    WHERE id = \(framework.id)
                    """)
            }
        } catch let error as PGError where error.constraintName == "framework_company_events_planned" || error.sqlState == "22003" {
            if case .count(let count) = companyEvents { throw MarketError.invalidCompanyEventPlan(count) }
            throw error
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
