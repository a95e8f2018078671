import MTLCore

/// The quality rules of demand generation, listed by the composition root (`MTLModules`). Their
/// database side, a view of each rule's violations and its registration, is in
/// `sql/repeatable/R__dg_quality.sql`.
public enum DemandQuality {
    public static let rules: [QualityRuleCode] = [
        .init("dg.activity_without_leads"), .init("dg.qualified_not_handed_off"), .init("dg.handoff_past_sla"),
        .init("dg.programme_spent_without_leads"), .init("dg.budget_approved_not_started"), .init("dg.lead_incomplete"),
        .init("dg.company_events_over_plan"),
    ]
}
