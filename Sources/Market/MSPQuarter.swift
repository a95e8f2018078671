import Foundation
import MTLCore
import PGKit

/// A quarterly execution plan of an MSP (`mm.msp_quarter`): what its unit will do in one fiscal
/// quarter of the plan's year to support the pipeline target.
public struct MSPQuarter: PGRecord, Codable, Equatable {
    public var mspId: Int64
    public var fiscalQuarter: FiscalQuarter
    public var pipelineTarget: Decimal
    public var leadTarget: Int
    public var budget: Decimal
    public var currency: String
    public var headcount: Decimal
    public var resources: String
    /// Free text until programmes are linked (the DG issue).
    public var plannedProgrammes: String

    static let selection: SQL = """
        SELECT q.msp_id, format('FY%s-Q%s', q.fiscal_year, q.quarter) AS fiscal_quarter, q.pipeline_target, q.lead_target, q.budget, q.currency, q.headcount,
               q.resources, q.planned_programmes
        FROM mm.msp_quarter q
        """

    /// The figures of a quarterly plan; nil keeps what is there (or the default for a new one).
    public struct Figures: Sendable {
        public var pipelineTarget: Decimal?
        public var leadTarget: Int?
        public var budget: Decimal?
        public var currency: String?
        public var headcount: Decimal?
        public var resources: String?
        public var plannedProgrammes: String?

        public init(pipelineTarget: Decimal? = nil, leadTarget: Int? = nil, budget: Decimal? = nil, currency: String? = nil,
                    headcount: Decimal? = nil, resources: String? = nil, plannedProgrammes: String? = nil) {
            self.pipelineTarget = pipelineTarget
            self.leadTarget = leadTarget
            self.budget = budget
            self.currency = currency
            self.headcount = headcount
            self.resources = resources
            self.plannedProgrammes = plannedProgrammes
        }
    }

    /// Sets (creates or changes) an MSP's plan for a quarter of its fiscal year.
    @discardableResult
    public static func set(msp id: Int64, quarter: FiscalQuarter, _ figures: Figures, on db: PGConnection) async throws -> MSPQuarter {
        for (value, what) in [(figures.pipelineTarget, "pipeline target"), (figures.budget, "budget"), (figures.headcount, "headcount")] {
            if let value, value < 0 { throw MarketError.negative(what) }
        }
        if let leads = figures.leadTarget, leads < 0 { throw MarketError.negative("lead target") }
        if let currency = figures.currency { try Names.checkCurrency(currency) }
        let plan = try await MSP.require(id: id, on: db)
        guard quarter.fiscalYear == plan.fiscalYear else {
            throw MarketError.quarterOutsidePlanYear(quarter, msp: id, year: plan.fiscalYear)
        }
        try await explainingDenials(scope: "MSP \(id) is outside your write scope", capability: "only editors and admins plan quarters") {
            try await db.execute("""
                INSERT INTO mm.msp_quarter AS q (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency,
                                                 headcount, resources, planned_programmes)
                VALUES (\(id), \(quarter.fiscalYear.sqlValue), \(Int16(quarter.quarter)), coalesce(\(figures.pipelineTarget), 0),
                        coalesce(\(figures.leadTarget.map(Int32.init)), 0), coalesce(\(figures.budget), 0),
                        \(figures.currency), coalesce(\(figures.headcount), 0),
                        coalesce(\(figures.resources), ''), coalesce(\(figures.plannedProgrammes), ''))
                ON CONFLICT (msp_id, fiscal_year, quarter) DO UPDATE SET
                    pipeline_target = coalesce(\(figures.pipelineTarget), q.pipeline_target),
                    lead_target = coalesce(\(figures.leadTarget.map(Int32.init)), q.lead_target),
                    budget = coalesce(\(figures.budget), q.budget),
                    currency = coalesce(\(figures.currency), q.currency),
                    headcount = coalesce(\(figures.headcount), q.headcount),
                    resources = coalesce(\(figures.resources), q.resources),
                    planned_programmes = coalesce(\(figures.plannedProgrammes), q.planned_programmes)
                """)
        }
        guard let saved = try await db.fetchOne(selection + " WHERE q.msp_id = \(id) AND q.fiscal_year = \(quarter.fiscalYear.sqlValue) AND q.quarter = \(Int16(quarter.quarter))",
                                                as: MSPQuarter.self) else {
            throw MarketError.notSaved("quarterly plan")
        }
        return saved
    }
}
