-- Reporting views over demand generation (issue 5), for BI tools. security_invoker: the reader's
-- own row-level security applies. Leads are reported without the contact's name, e-mail or
-- phone: BI counts and sums; people look leads up with `mtl lead show`.

CREATE OR REPLACE VIEW reporting.dim_programme WITH (security_invoker = true) AS
SELECT p.id AS programme_id, p.unit_id, p.bu_id, p.name AS programme_name, p.tier, p.fiscal_year, p.msp_id, p.segment_id,
       c.code AS concept_code, p.lead_target, p.pipeline_target, p.currency, p.starts_on, p.ends_on, p.state,
       dg.approved_budget(p.id) AS approved_budget
FROM dg.programme p
JOIN mm.concept_package c ON c.id = p.concept_package_id;

COMMENT ON VIEW reporting.dim_programme IS 'Marketing programmes. Grain: one row per programme.';
COMMENT ON COLUMN reporting.dim_programme.programme_id IS 'Key of the programme; fact views carry it as programme_id.';
COMMENT ON COLUMN reporting.dim_programme.unit_id IS 'The owning unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.dim_programme.bu_id IS 'The BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.dim_programme.programme_name IS 'Display name.';
COMMENT ON COLUMN reporting.dim_programme.tier IS 'company (HQ thought leadership), region or customer_group.';
COMMENT ON COLUMN reporting.dim_programme.fiscal_year IS 'The fiscal year (2027 for FY2027).';
COMMENT ON COLUMN reporting.dim_programme.msp_id IS 'The MSP it serves (reporting.dim_msp); NULL for some company-tier programmes.';
COMMENT ON COLUMN reporting.dim_programme.segment_id IS 'The segment of that MSP (reporting.dim_segment).';
COMMENT ON COLUMN reporting.dim_programme.concept_code IS 'The concept package of the year''s framework it follows.';
COMMENT ON COLUMN reporting.dim_programme.lead_target IS 'Leads it should produce.';
COMMENT ON COLUMN reporting.dim_programme.pipeline_target IS 'Pipeline it should create, in currency.';
COMMENT ON COLUMN reporting.dim_programme.currency IS 'ISO 4217 currency of its targets and budget.';
COMMENT ON COLUMN reporting.dim_programme.starts_on IS 'First day.';
COMMENT ON COLUMN reporting.dim_programme.ends_on IS 'Last day.';
COMMENT ON COLUMN reporting.dim_programme.state IS 'planned, approved, running, closed or cancelled.';
COMMENT ON COLUMN reporting.dim_programme.approved_budget IS 'Sum of its approved budget requests, in currency.';

CREATE OR REPLACE VIEW reporting.fct_activity WITH (security_invoker = true) AS
SELECT a.id AS activity_id, a.programme_id, a.unit_id, a.bu_id, a.name AS activity_name, a.type, a.starts_on, a.ends_on,
       a.planned_cost, a.actual_cost, coalesce(a.actual_cost, a.planned_cost) AS cost, a.invited, a.attended, a.state
FROM dg.activity a;

COMMENT ON VIEW reporting.fct_activity IS 'Marketing activities and what they cost. Grain: one row per activity.';
COMMENT ON COLUMN reporting.fct_activity.activity_id IS 'Key of the activity; reporting.fct_lead carries it as activity_id.';
COMMENT ON COLUMN reporting.fct_activity.programme_id IS 'Its programme (reporting.dim_programme); costs are in its currency.';
COMMENT ON COLUMN reporting.fct_activity.unit_id IS 'Where it takes place: the programme''s unit or one below (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_activity.bu_id IS 'The programme''s BU.';
COMMENT ON COLUMN reporting.fct_activity.activity_name IS 'Display name.';
COMMENT ON COLUMN reporting.fct_activity.type IS 'summit, exhibition, workshop, seminar, webinar, digital_campaign, customer_visit, customer_experience, roadshow, joint_innovation or other.';
COMMENT ON COLUMN reporting.fct_activity.starts_on IS 'First day.';
COMMENT ON COLUMN reporting.fct_activity.ends_on IS 'Last day.';
COMMENT ON COLUMN reporting.fct_activity.planned_cost IS 'Planned cost.';
COMMENT ON COLUMN reporting.fct_activity.actual_cost IS 'Actual cost, once done.';
COMMENT ON COLUMN reporting.fct_activity.cost IS 'What counts against the budget: actual once known, else planned (cancelled activities count nothing).';
COMMENT ON COLUMN reporting.fct_activity.invited IS 'People invited.';
COMMENT ON COLUMN reporting.fct_activity.attended IS 'People who came.';
COMMENT ON COLUMN reporting.fct_activity.state IS 'planned, done or cancelled.';

CREATE OR REPLACE VIEW reporting.fct_lead WITH (security_invoker = true) AS
SELECT l.id AS lead_id, l.unit_id, l.bu_id, l.activity_id, l.channel, l.company, l.industry, l.key_person,
       l.customer_quality, l.informant_quality, l.completeness, l.quality_score, l.classification, l.state,
       l.handed_to, l.handed_to_kind, l.handed_off_at, l.sla_due_at, l.responded_at,
       l.sla_due_at IS NOT NULL AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at) AS sla_breached,
       l.pipeline_value, l.currency, l.import_id, l.created_at,
       org.fiscal_quarter_label(l.created_at::date) AS fiscal_quarter_created
FROM dg.lead l;

COMMENT ON VIEW reporting.fct_lead IS 'Leads and opportunities, without contact details. Grain: one row per lead.';
COMMENT ON COLUMN reporting.fct_lead.lead_id IS 'Key of the lead.';
COMMENT ON COLUMN reporting.fct_lead.unit_id IS 'The country unit (or other unit) it belongs to (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_lead.bu_id IS 'The BU, if given.';
COMMENT ON COLUMN reporting.fct_lead.activity_id IS 'The activity it came from (reporting.fct_activity), or NULL.';
COMMENT ON COLUMN reporting.fct_lead.channel IS 'The channel it came from when not an activity: event, web, email, phone, partner, referral, social or other.';
COMMENT ON COLUMN reporting.fct_lead.company IS 'The customer company.';
COMMENT ON COLUMN reporting.fct_lead.industry IS 'The customer''s industry.';
COMMENT ON COLUMN reporting.fct_lead.key_person IS 'Whether the contact is a key person.';
COMMENT ON COLUMN reporting.fct_lead.customer_quality IS 'Customer quality, 0–5.';
COMMENT ON COLUMN reporting.fct_lead.informant_quality IS 'Informant quality, 0–5.';
COMMENT ON COLUMN reporting.fct_lead.completeness IS 'Information completeness, 0–5.';
COMMENT ON COLUMN reporting.fct_lead.quality_score IS '0.4 customer + 0.3 informant + 0.3 completeness, 0–5.';
COMMENT ON COLUMN reporting.fct_lead.classification IS 'opportunity (a key person''s need) or lead.';
COMMENT ON COLUMN reporting.fct_lead.state IS 'new, qualifying, qualified, handed_off, accepted, rejected or recycled.';
COMMENT ON COLUMN reporting.fct_lead.handed_to IS 'The sales team or partner it was handed to.';
COMMENT ON COLUMN reporting.fct_lead.handed_to_kind IS 'sales_team or partner.';
COMMENT ON COLUMN reporting.fct_lead.handed_off_at IS 'When it was handed off.';
COMMENT ON COLUMN reporting.fct_lead.sla_due_at IS 'When sales had to accept or reject it.';
COMMENT ON COLUMN reporting.fct_lead.responded_at IS 'When sales answered.';
COMMENT ON COLUMN reporting.fct_lead.sla_breached IS 'Still waiting after sla_due_at, or answered after it.';
COMMENT ON COLUMN reporting.fct_lead.pipeline_value IS 'Pipeline value once accepted and converted, in currency.';
COMMENT ON COLUMN reporting.fct_lead.currency IS 'ISO 4217 currency of pipeline_value.';
COMMENT ON COLUMN reporting.fct_lead.import_id IS 'The import that created it, if any.';
COMMENT ON COLUMN reporting.fct_lead.created_at IS 'When it was created.';
COMMENT ON COLUMN reporting.fct_lead.fiscal_quarter_created IS 'The fiscal quarter it was created in, such as FY2027-Q1.';

GRANT SELECT ON reporting.dim_programme, reporting.fct_activity, reporting.fct_lead TO mtl_reader, mtl_bi;

CREATE OR REPLACE VIEW reporting.fct_budget WITH (security_invoker = true) AS
SELECT b.id AS budget_id, b.programme_id, b.unit_id, b.bu_id, b.kind, b.amount, b.currency, b.state, b.requested_at,
       r.closed_at AS decided_at,
       round((extract(epoch FROM coalesce(r.closed_at, now()) - b.requested_at) / 3600)::numeric, 1) AS hours_to_decision
FROM dg.budget b
LEFT JOIN LATERAL (SELECT q.closed_at FROM approval.request q WHERE q.kind = 'budget' AND q.subject_id = b.id ORDER BY q.id DESC LIMIT 1) r ON true;

COMMENT ON VIEW reporting.fct_budget IS 'Budget requests of programmes (the first, then changes), decided through approvals. Grain: one row per budget request.';
COMMENT ON COLUMN reporting.fct_budget.budget_id IS 'Key of the budget request.';
COMMENT ON COLUMN reporting.fct_budget.programme_id IS 'The programme (reporting.dim_programme).';
COMMENT ON COLUMN reporting.fct_budget.unit_id IS 'The programme''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_budget.bu_id IS 'The programme''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_budget.kind IS 'initial or change.';
COMMENT ON COLUMN reporting.fct_budget.amount IS 'Amount asked for, in currency.';
COMMENT ON COLUMN reporting.fct_budget.currency IS 'ISO 4217 currency of amount (the programme''s).';
COMMENT ON COLUMN reporting.fct_budget.state IS 'submitted, approved, rejected or withdrawn; the approved ones add up to the programme''s approved budget.';
COMMENT ON COLUMN reporting.fct_budget.requested_at IS 'When it was asked for.';
COMMENT ON COLUMN reporting.fct_budget.decided_at IS 'When its approval request closed (NULL: waiting).';
COMMENT ON COLUMN reporting.fct_budget.hours_to_decision IS 'Hours from request to decision; for one still waiting, hours waited so far.';

GRANT SELECT ON reporting.fct_budget TO mtl_reader, mtl_bi;
