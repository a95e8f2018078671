import MTLCore

// Demand generation's records as output shows them: declared once, used by list, show and export
// in every format (the table shows the columns marked for it).

extension Lead: OutputRecord {
    public static let outputColumns: [OutputColumn<Lead>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("bu") { $0.bu },
        .init("activity_id", table: false) { $0.activityId }, .init("channel", table: false) { $0.channel },
        .init("company") { $0.company }, .init("contact_name") { $0.contactName },
        .init("contact_title", table: false) { $0.contactTitle }, .init("email", table: false) { $0.email },
        .init("phone", table: false) { $0.phone }, .init("key_person", table: false) { $0.keyPerson },
        .init("industry", table: false) { $0.industry }, .init("need", table: false) { $0.need },
        .init("project_approved", table: false) { $0.projectApproved }, .init("budget_this_year", table: false) { $0.budgetThisYear },
        .init("budget_in_price_band", table: false) { $0.budgetInPriceBand }, .init("kpi_tied", table: false) { $0.kpiTied },
        .init("customer_quality", table: false) { $0.customerQuality }, .init("informant_quality", table: false) { $0.informantQuality },
        .init("completeness", table: false) { $0.completeness }, .init("quality_score") { $0.qualityScore },
        .init("classification") { $0.classification }, .init("state") { $0.state }, .init("handed_to") { $0.handedTo },
        .init("handed_to_kind", table: false) { $0.handedToKind }, .init("handed_off_at", table: false) { $0.handedOffAt },
        .init("sla_due_at", table: false) { $0.slaDueAt }, .init("responded_at", table: false) { $0.respondedAt },
        .init("rejection_reason", table: false) { $0.rejectionReason }, .init("pipeline_value", table: false) { $0.pipelineValue },
        .init("currency", table: false) { $0.currency }, .init("import_id", table: false) { $0.importId },
        .init("created_at", table: false) { $0.createdAt },
    ]
}

extension SLABreach: OutputRecord {
    public static let outputColumns: [OutputColumn<SLABreach>] = [
        .init("lead") { $0.leadId }, .init("unit") { $0.unit }, .init("company") { $0.company }, .init("handed_to") { $0.handedTo },
        .init("due") { $0.slaDueAt }, .init("state") { $0.state }, .init("overdue_hours") { $0.overdueHours },
    ]
}

extension PipelineSummary: OutputRecord {
    public static let outputColumns: [OutputColumn<PipelineSummary>] = [
        .init("region") { $0.region }, .init("leads") { $0.leads }, .init("opportunities") { $0.opportunities },
        .init("qualified") { $0.qualified }, .init("handed_off") { $0.handedOff }, .init("accepted") { $0.accepted },
        .init("sla_breaches") { $0.slaBreaches }, .init("pipeline") { $0.pipeline },
    ]
}

extension Programme: OutputRecord {
    public static let outputColumns: [OutputColumn<Programme>] = [
        .init("id") { $0.id }, .init("fiscal_year") { $0.fiscalYear }, .init("unit") { $0.unit }, .init("bu") { $0.bu },
        .init("tier") { $0.tier }, .init("name") { $0.name }, .init("msp_id") { $0.mspId },
        .init("segment", table: false) { $0.segment }, .init("concept") { $0.concept },
        .init("lead_target", table: false) { $0.leadTarget }, .init("pipeline_target", table: false) { $0.pipelineTarget },
        .init("starts_on", table: false) { $0.startsOn }, .init("ends_on", table: false) { $0.endsOn },
        .init("state") { $0.state }, .init("approved_budget") { $0.approvedBudget }, .init("spend") { $0.spend },
        .init("currency") { $0.currency },
    ]
}

extension Activity: OutputRecord {
    public static let outputColumns: [OutputColumn<Activity>] = [
        .init("id") { $0.id }, .init("programme_id") { $0.programmeId }, .init("unit") { $0.unit }, .init("bu", table: false) { $0.bu },
        .init("type") { $0.type }, .init("name") { $0.name }, .init("starts_on") { $0.startsOn }, .init("ends_on", table: false) { $0.endsOn },
        .init("planned_cost") { $0.plannedCost }, .init("actual_cost") { $0.actualCost }, .init("invited") { $0.invited },
        .init("attended") { $0.attended }, .init("state") { $0.state },
        .init("assets", table: false) { $0.assets },
    ]
}

extension Budget: OutputRecord {
    public static let outputColumns: [OutputColumn<Budget>] = [
        .init("id") { $0.id }, .init("programme_id", table: false) { $0.programmeId }, .init("kind") { $0.kind },
        .init("amount") { $0.amount }, .init("currency") { $0.currency }, .init("state") { $0.state },
        .init("request_id") { $0.requestId }, .init("requested_by") { $0.requestedBy },
        .init("requested_at", table: false) { $0.requestedAt }, .init("reason") { $0.reason },
    ]
}

extension Asset: OutputRecord {
    public static let outputColumns: [OutputColumn<Asset>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("bu") { $0.bu }, .init("type") { $0.type }, .init("title") { $0.title },
        .init("language") { $0.language }, .init("state") { $0.state }, .init("owner") { $0.owner }, .init("uri") { $0.uri },
    ]
}
