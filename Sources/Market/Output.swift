import MTLCore

// Market management's records as output shows them: declared once, used by list and show in
// every format (the table shows the columns marked for it).

extension Segment.Horizon: OutputValueConvertible {}
extension Factor.Axis: OutputValueConvertible {}

extension Framework: OutputRecord {
    public static let outputColumns: [OutputColumn<Framework>] = [
        .init("id", table: false) { $0.id }, .init("fiscal_year") { $0.fiscalYear }, .init("state") { $0.state },
        .init("themes") { $0.themes }, .init("concepts") { $0.concepts }, .init("concept_limit") { $0.conceptLimit },
        .init("company_events_planned") { $0.companyEventsPlanned },
        .init("based_on") { $0.basedOn }, .init("published_at") { $0.publishedAt },
        .init("state_changed_at", table: false) { $0.stateChangedAt }, .init("state_changed_by", table: false) { $0.stateChangedBy },
    ]
}

extension FrameworkTheme: OutputRecord {
    public static let outputColumns: [OutputColumn<FrameworkTheme>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("introduced_in") { $0.introducedIn },
        .init("status") { $0.status }, .init("dropped", table: false) { $0.dropped }, .init("statement") { $0.statement },
        .init("justification") { $0.justification },
    ]
}

extension ConceptPackage: OutputRecord {
    public static let outputColumns: [OutputColumn<ConceptPackage>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("theme") { $0.theme }, .init("scenario") { $0.scenario },
        .init("description") { $0.description },
    ]
}

extension MSP: OutputRecord {
    public static let outputColumns: [OutputColumn<MSP>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("segment") { $0.segment }, .init("bu") { $0.bu },
        .init("fiscal_year") { $0.fiscalYear }, .init("state") { $0.state }, .init("owner") { $0.owner },
        .init("segment_name") { $0.segmentName }, .init("goals", table: false) { $0.goals },
        .init("gtm_strategy", table: false) { $0.gtmStrategy }, .init("value_proposition", table: false) { $0.valueProposition },
        .init("state_changed_at", table: false) { $0.stateChangedAt }, .init("state_changed_by", table: false) { $0.stateChangedBy },
    ]
}

extension MSPQuarter: OutputRecord {
    public static let outputColumns: [OutputColumn<MSPQuarter>] = [
        .init("msp_id", table: false) { $0.mspId }, .init("fiscal_quarter") { $0.fiscalQuarter }, .init("pipeline_target") { $0.pipelineTarget },
        .init("lead_target") { $0.leadTarget }, .init("budget") { $0.budget }, .init("currency") { $0.currency },
        .init("headcount") { $0.headcount }, .init("resources") { $0.resources }, .init("planned_programmes") { $0.plannedProgrammes },
    ]
}

extension QuarterlyReview: OutputRecord {
    public static let outputColumns: [OutputColumn<QuarterlyReview>] = [
        .init("id") { $0.id }, .init("quarter") { $0.fiscalQuarter }, .init("unit") { $0.unit }, .init("bu") { $0.bu },
        .init("segment") { $0.segment }, .init("msp_id") { $0.mspId }, .init("status") { $0.status }, .init("state") { $0.state },
        .init("gaps") { OutputValue.list($0.gaps.map(OutputValue.text), separator: "; ") },
        .init("currency", table: false) { $0.currency }, .init("pipeline_target", table: false) { $0.pipelineTarget },
        .init("pipeline_created", table: false) { $0.pipelineCreated }, .init("lead_target", table: false) { $0.leadTarget },
        .init("leads", table: false) { $0.leads }, .init("qualified_leads", table: false) { $0.qualifiedLeads },
        .init("opportunities", table: false) { $0.opportunities }, .init("activities_planned", table: false) { $0.activitiesPlanned },
        .init("activities_done", table: false) { $0.activitiesDone }, .init("budget", table: false) { $0.budget },
        .init("spend", table: false) { $0.spend }, .init("sla_breaches", table: false) { $0.slaBreaches },
        .init("next_quarter", table: false) { $0.nextQuarter }, .init("draft_plan", table: false) { $0.draftPlan.map(OutputValue.json) },
        .init("job_id", table: false) { $0.jobId }, .init("created_at", table: false) { $0.createdAt },
        .init("created_by", table: false) { $0.createdBy }, .init("requested_by", table: false) { $0.requestedBy },
    ]
}

extension Segment: OutputRecord {
    public static let outputColumns: [OutputColumn<Segment>] = [
        .init("segment") { $0.reference }, .init("id", table: false) { $0.id }, .init("unit", table: false) { $0.unit },
        .init("code", table: false) { $0.code }, .init("bu") { $0.bu }, .init("horizon") { $0.horizon }, .init("name") { $0.name },
        .init("industry") { $0.industry }, .init("customer_type") { $0.customerType }, .init("solution_line") { $0.solutionLine },
        .init("needs", table: false) { $0.needs }, .init("pain_points", table: false) { $0.painPoints }, .init("active") { $0.active },
    ]
}

extension PortfolioEntry: OutputRecord {
    public static let outputColumns: [OutputColumn<PortfolioEntry>] = [
        .init("unit") { $0.unit }, .init("rank") { $0.rank }, .init("segment") { $0.segment }, .init("bu") { $0.bu },
        .init("horizon") { $0.horizon }, .init("fiscal_year", table: false) { $0.fiscalYear },
        .init("attractiveness") { $0.attractiveness }, .init("capability") { $0.capability }, .init("overall") { $0.overall },
        .init("quadrant") { $0.quadrant ?? ($0.complete ? nil : "(not fully scored)") }, .init("complete", table: false) { $0.complete },
        .init("name") { $0.name },
    ]
}

extension Factor: OutputRecord {
    public static let outputColumns: [OutputColumn<Factor>] = [
        .init("factor") { $0.code }, .init("axis") { $0.axis }, .init("name") { $0.name }, .init("description") { $0.description },
    ]
}

extension FactorWeight: OutputRecord {
    public static let outputColumns: [OutputColumn<FactorWeight>] = [
        .init("factor") { $0.factor }, .init("axis") { $0.axis }, .init("weight") { $0.weight },
        .init("source") { $0.setExplicitly ? "set" : "default" },
    ]
}

extension SegmentGap: OutputRecord {
    public static let outputColumns: [OutputColumn<SegmentGap>] = [
        .init("segment") { $0.segment }, .init("quarter") { $0.fiscalQuarter }, .init("currency") { $0.currency },
        .init("revenue_target") { $0.revenueTarget }, .init("revenue") { $0.revenueActual }, .init("revenue_gap") { $0.revenueGap },
        .init("pipeline_target") { $0.pipelineTarget }, .init("pipeline") { $0.pipelineActual }, .init("pipeline_gap") { $0.pipelineGap },
        .init("share_target") { $0.shareTarget }, .init("share") { $0.shareActual }, .init("share_gap") { $0.shareGap },
        .init("actions") { $0.improvementActions },
    ]
}
