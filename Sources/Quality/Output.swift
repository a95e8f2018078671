import MTLCore

// Quality assurance's records as output shows them: declared once, used by every format (the
// table shows the columns marked for it).

extension Finding: OutputRecord {
    public static let outputColumns: [OutputColumn<Finding>] = [
        .init("id") { $0.id }, .init("rule") { $0.ruleCode }, .init("title", table: false) { $0.title },
        .init("severity") { $0.severity }, .init("subject") { "\($0.subjectKind) \($0.subjectId)" },
        .init("unit") { $0.unit }, .init("bu") { $0.bu }, .init("state") { $0.state },
        .init("details", table: false) { $0.details }, .init("first_found_at") { $0.firstFoundAt },
        .init("times_opened", table: false) { $0.timesOpened }, .init("state_changed_at", table: false) { $0.stateChangedAt },
        .init("state_changed_by", table: false) { $0.stateChangedBy }, .init("waiver_reason", table: false) { $0.waiverReason },
    ]
}

extension QualityRule: OutputRecord {
    public static let outputColumns: [OutputColumn<QualityRule>] = [
        .init("code") { $0.code }, .init("severity") { $0.severity }, .init("enabled") { $0.enabled },
        .init("parameters") { $0.parameters }, .init("open_findings") { $0.openFindings }, .init("title") { $0.title },
        .init("owner", table: false) { $0.ownerSchema }, .init("defaults", table: false) { $0.defaults },
        .init("last_checked_at", table: false) { $0.lastCheckedAt },
    ]
}

extension QualityCheck: OutputRecord {
    public static let outputColumns: [OutputColumn<QualityCheck>] = [
        .init("rule") { $0.ruleCode }, .init("violations") { $0.violations }, .init("opened") { $0.opened },
        .init("reopened") { $0.reopened }, .init("resolved") { $0.resolved }, .init("failure") { $0.failure },
    ]
}

extension Scorecard.Row: OutputRecord {
    public static let outputColumns: [OutputColumn<Scorecard.Row>] = [
        .init("key") { $0.key },
        .init("activities_planned", table: false) { $0.activitiesPlanned }, .init("activities_done") { $0.activitiesDone },
        .init("invited", table: false) { $0.invited }, .init("attended") { $0.attended },
        .init("cost_planned", table: false) { $0.costPlanned }, .init("cost_actual") { $0.costActual },
        .init("leads") { $0.leads }, .init("qualified") { $0.qualified }, .init("opportunities", table: false) { $0.opportunities },
        .init("handed_off", table: false) { $0.handedOff }, .init("accepted") { $0.accepted }, .init("rejected", table: false) { $0.rejected },
        .init("sla_met", table: false) { $0.slaMet }, .init("sla_breached") { $0.slaBreached },
        .init("pipeline") { $0.pipeline }, .init("cost_per_lead") { $0.costPerLead },
        .init("cost_per_opportunity", table: false) { $0.costPerOpportunity }, .init("pipeline_per_spend") { $0.pipelinePerSpend },
        .init("qualified_rate", table: false) { $0.qualifiedRate }, .init("handoff_rate", table: false) { $0.handoffRate },
        .init("acceptance_rate", table: false) { $0.acceptanceRate },
        .init("lead_target", table: false) { $0.leadTarget }, .init("lead_attainment") { $0.leadAttainment },
        .init("pipeline_target", table: false) { $0.pipelineTarget }, .init("pipeline_attainment") { $0.pipelineAttainment },
        .init("missing_rates") { $0.missingRates.joined(separator: " ") }, .init("refreshed_at", table: false) { $0.refreshedAt },
    ]
}

extension Attribution: OutputRecord {
    public static let outputColumns: [OutputColumn<Attribution>] = [
        .init("model") { $0.model }, .init("model_version") { $0.modelVersion }, .init("key") { $0.key },
        .init("attributed_leads") { $0.attributedLeads }, .init("attributed_pipeline") { $0.attributedPipeline }, .init("currency") { $0.currency },
        .init("spend") { $0.spend }, .init("pipeline_per_spend") { $0.pipelinePerSpend }, .init("leads_per_thousand_spent") { $0.leadsPerThousandSpent },
    ]
}

extension ReportPack: OutputRecord {
    public static let outputColumns: [OutputColumn<ReportPack>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("fiscal_quarter") { $0.fiscalQuarter }, .init("title") { $0.title },
        .init("bytes") { $0.bytes }, .init("created_at") { $0.createdAt },
    ]
}

extension QualityReport: OutputRecord {
    public static let outputColumns: [OutputColumn<QualityReport>] = [
        .init("key") { $0.key }, .init("title") { $0.title }, .init("severity") { $0.severity }, .init("open") { $0.open }, .init("acknowledged") { $0.acknowledged },
        .init("waived") { $0.waived }, .init("resolved") { $0.resolved }, .init("reopened") { $0.reopened },
        .init("oldest_open_days") { $0.oldestOpenDays },
    ]
}
