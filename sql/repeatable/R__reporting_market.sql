-- Reporting views over market management (issue 4), for BI tools. security_invoker: the reader's
-- own row-level security applies, as for the org views.

CREATE OR REPLACE VIEW reporting.dim_segment WITH (security_invoker = true) AS
SELECT s.id AS segment_id, s.unit_id, s.bu_id, u.code || '/' || s.code AS segment_ref, s.code AS segment_code,
       s.name AS segment_name, s.industry, s.customer_type, s.solution_line, s.horizon, s.active
FROM mm.segment s
JOIN org.unit u ON u.id = s.unit_id;

COMMENT ON VIEW reporting.dim_segment IS 'Market segments. Grain: one row per segment.';
COMMENT ON COLUMN reporting.dim_segment.segment_id IS 'Key of the segment; fact views carry it as segment_id.';
COMMENT ON COLUMN reporting.dim_segment.unit_id IS 'The owning unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.dim_segment.bu_id IS 'The BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.dim_segment.segment_ref IS 'UNIT/CODE, as the CLI names it.';
COMMENT ON COLUMN reporting.dim_segment.segment_code IS 'Code, unique within the unit.';
COMMENT ON COLUMN reporting.dim_segment.segment_name IS 'Display name.';
COMMENT ON COLUMN reporting.dim_segment.industry IS 'The customers'' industry.';
COMMENT ON COLUMN reporting.dim_segment.customer_type IS 'The type of customer.';
COMMENT ON COLUMN reporting.dim_segment.solution_line IS 'The solution or product line offered.';
COMMENT ON COLUMN reporting.dim_segment.horizon IS 'H1 core, H2 growth, H3 emerging.';
COMMENT ON COLUMN reporting.dim_segment.active IS 'False once deactivated (then not in the portfolio).';

CREATE OR REPLACE VIEW reporting.fct_segment_portfolio WITH (security_invoker = true) AS
SELECT p.segment_id, p.unit_id, p.bu_id, p.fiscal_year, p.complete, p.attractiveness, p.capability, p.overall,
       p.rank AS rank_in_unit, p.quadrant
FROM mm.portfolio p;

COMMENT ON VIEW reporting.fct_segment_portfolio IS 'The portfolio. Grain: one row per active scored segment and fiscal year.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_segment_portfolio.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_segment_portfolio.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_segment_portfolio.fiscal_year IS 'The fiscal year (2027 for FY2027).';
COMMENT ON COLUMN reporting.fct_segment_portfolio.complete IS 'True once every weighted factor is scored; the figures are NULL before.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.attractiveness IS 'Weighted market attractiveness, 1–5.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.capability IS 'Weighted capability, 1–5.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.overall IS 'Mean of attractiveness and capability.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.rank_in_unit IS '1 is the best segment of its unit for the year.';
COMMENT ON COLUMN reporting.fct_segment_portfolio.quadrant IS 'invest_grow, selective, maintain or harvest (each axis split at 3).';

CREATE OR REPLACE VIEW reporting.fct_segment_gap WITH (security_invoker = true) AS
SELECT g.segment_id, g.unit_id, g.bu_id, g.fiscal_year, g.quarter, g.fiscal_quarter, g.currency,
       g.revenue_target, g.revenue_actual, g.revenue_gap, g.pipeline_target, g.pipeline_actual, g.pipeline_gap,
       g.share_target, g.share_actual, g.share_gap
FROM mm.segment_gap_summary g;

COMMENT ON VIEW reporting.fct_segment_gap IS 'Performance gaps. Grain: one row per segment and fiscal quarter. Gaps are actual minus target.';
COMMENT ON COLUMN reporting.fct_segment_gap.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_segment_gap.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_segment_gap.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_segment_gap.fiscal_year IS 'Fiscal year of the quarter (the year it is named by, org.fiscal_calendar).';
COMMENT ON COLUMN reporting.fct_segment_gap.quarter IS 'Fiscal quarter within the year, 1–4.';
COMMENT ON COLUMN reporting.fct_segment_gap.currency IS 'ISO 4217 currency of the revenue and pipeline amounts of this row.';
COMMENT ON COLUMN reporting.fct_segment_gap.revenue_target IS 'Revenue target of the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_segment_gap.revenue_actual IS 'Revenue achieved in the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_segment_gap.revenue_gap IS 'revenue_actual minus revenue_target (negative: short of target).';
COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_target IS 'Pipeline target of the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_actual IS 'Pipeline created in the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_gap IS 'pipeline_actual minus pipeline_target (negative: short of target).';
COMMENT ON COLUMN reporting.fct_segment_gap.share_actual IS 'Market share achieved, percent.';
COMMENT ON COLUMN reporting.fct_segment_gap.share_gap IS 'share_actual minus share_target, percentage points.';
COMMENT ON COLUMN reporting.fct_segment_gap.fiscal_quarter IS 'FY2027-Q1.';
COMMENT ON COLUMN reporting.fct_segment_gap.share_target IS 'Market share target, percent.';

CREATE OR REPLACE VIEW reporting.dim_msp WITH (security_invoker = true) AS
SELECT m.id AS msp_id, m.segment_id, m.unit_id, m.bu_id, m.fiscal_year, m.owner_role::text AS owner, m.state,
       m.state_changed_at
FROM mm.msp m;

COMMENT ON VIEW reporting.dim_msp IS 'Market Segment Plans. Grain: one row per MSP (segment × unit × fiscal year).';
COMMENT ON COLUMN reporting.dim_msp.segment_id IS 'The segment the plan is for (reporting.dim_segment).';
COMMENT ON COLUMN reporting.dim_msp.unit_id IS 'The plan''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.dim_msp.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.dim_msp.fiscal_year IS 'The fiscal year the plan covers.';
COMMENT ON COLUMN reporting.dim_msp.state_changed_at IS 'When the plan last changed state.';
COMMENT ON COLUMN reporting.dim_msp.msp_id IS 'Key of the MSP; fact views carry it as msp_id.';
COMMENT ON COLUMN reporting.dim_msp.owner IS 'The person accountable (login role).';
COMMENT ON COLUMN reporting.dim_msp.state IS 'draft, submitted, approved, rejected, active or closed.';

CREATE OR REPLACE VIEW reporting.fct_msp_quarter WITH (security_invoker = true) AS
SELECT q.msp_id, q.unit_id, q.bu_id, q.fiscal_year, q.quarter, q.fiscal_quarter, q.pipeline_target, q.lead_target,
       q.budget, q.currency, q.headcount
FROM mm.msp_quarter q;

COMMENT ON VIEW reporting.fct_msp_quarter IS 'Quarterly execution plans. Grain: one row per MSP and fiscal quarter.';
COMMENT ON COLUMN reporting.fct_msp_quarter.msp_id IS 'The plan (reporting.dim_msp).';
COMMENT ON COLUMN reporting.fct_msp_quarter.unit_id IS 'The plan''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_msp_quarter.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_msp_quarter.fiscal_year IS 'Fiscal year of the quarter.';
COMMENT ON COLUMN reporting.fct_msp_quarter.quarter IS 'Fiscal quarter within the year, 1–4.';
COMMENT ON COLUMN reporting.fct_msp_quarter.fiscal_quarter IS 'FY2027-Q1.';
COMMENT ON COLUMN reporting.fct_msp_quarter.currency IS 'ISO 4217 currency of pipeline_target and budget.';
COMMENT ON COLUMN reporting.fct_msp_quarter.pipeline_target IS 'Pipeline the quarter should create, in currency.';
COMMENT ON COLUMN reporting.fct_msp_quarter.lead_target IS 'Leads the quarter should create.';
COMMENT ON COLUMN reporting.fct_msp_quarter.budget IS 'Marketing budget of the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_msp_quarter.headcount IS 'Full-time equivalents working on the plan.';

CREATE OR REPLACE VIEW reporting.dim_framework WITH (security_invoker = true) AS
SELECT f.id AS framework_id, f.fiscal_year, f.state, f.concept_limit, f.published_at,
       (SELECT count(*) FROM mm.framework_theme t WHERE t.framework_id = f.id AND NOT t.dropped) AS themes,
       (SELECT count(*) FROM mm.concept_package c WHERE c.framework_id = f.id) AS concept_packages,
       f.company_events_planned
FROM mm.framework f;

COMMENT ON VIEW reporting.dim_framework IS 'Marketing frameworks (HQ reference data, visible to all). Grain: one row per fiscal year.';
COMMENT ON COLUMN reporting.dim_framework.framework_id IS 'Key of the framework.';
COMMENT ON COLUMN reporting.dim_framework.fiscal_year IS 'The fiscal year it frames.';
COMMENT ON COLUMN reporting.dim_framework.concept_limit IS 'At most this many concept packages.';
COMMENT ON COLUMN reporting.dim_framework.company_events_planned IS 'How many company-tier activities the year plans (NULL: no number planned).';
COMMENT ON COLUMN reporting.dim_framework.published_at IS 'When HQ published it (NULL: not yet).';
COMMENT ON COLUMN reporting.dim_framework.themes IS 'Themes kept or changed (not dropped).';
COMMENT ON COLUMN reporting.dim_framework.concept_packages IS 'Concept packages it holds.';
COMMENT ON COLUMN reporting.dim_framework.state IS 'draft, submitted, approved, rejected, published or superseded.';

GRANT SELECT ON reporting.dim_segment, reporting.fct_segment_portfolio, reporting.fct_segment_gap, reporting.dim_msp,
                reporting.fct_msp_quarter, reporting.dim_framework TO mtl_bi, mtl_reader;

CREATE OR REPLACE VIEW reporting.fct_quarterly_review WITH (security_invoker = true) AS
SELECT r.id AS review_id, r.msp_id, r.unit_id, r.bu_id, r.fiscal_year, r.quarter, r.fiscal_quarter, r.currency,
       r.pipeline_target, r.pipeline_created, r.lead_target, r.leads, r.qualified_leads, r.opportunities,
       r.activities_planned, r.activities_done, r.budget, r.spend, r.sla_breaches, r.status,
       cardinality(r.gaps) AS gaps, r.state, r.created_at AS reviewed_at
FROM mm.quarterly_review r;

COMMENT ON VIEW reporting.fct_quarterly_review IS 'Quarterly MSP reviews: the quarter''s figures against the plan, and a status. Grain: one row per MSP and reviewed fiscal quarter.';
COMMENT ON COLUMN reporting.fct_quarterly_review.review_id IS 'Key of the review.';
COMMENT ON COLUMN reporting.fct_quarterly_review.msp_id IS 'The plan reviewed (reporting.dim_msp).';
COMMENT ON COLUMN reporting.fct_quarterly_review.unit_id IS 'The plan''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_quarterly_review.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_quarterly_review.fiscal_year IS 'Fiscal year of the reviewed quarter.';
COMMENT ON COLUMN reporting.fct_quarterly_review.quarter IS 'The reviewed fiscal quarter within its year, 1–4.';
COMMENT ON COLUMN reporting.fct_quarterly_review.fiscal_quarter IS 'The reviewed quarter, such as FY2027-Q2.';
COMMENT ON COLUMN reporting.fct_quarterly_review.currency IS 'ISO 4217 currency of the amounts of this row (the plan''s).';
COMMENT ON COLUMN reporting.fct_quarterly_review.pipeline_target IS 'The quarter''s planned pipeline, in currency (0 without a plan).';
COMMENT ON COLUMN reporting.fct_quarterly_review.pipeline_created IS 'Pipeline of the plan''s leads created in the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_quarterly_review.lead_target IS 'The quarter''s planned leads (0 without a plan).';
COMMENT ON COLUMN reporting.fct_quarterly_review.leads IS 'Leads of the plan''s programmes created in the quarter.';
COMMENT ON COLUMN reporting.fct_quarterly_review.qualified_leads IS 'Of those, qualified or further.';
COMMENT ON COLUMN reporting.fct_quarterly_review.opportunities IS 'Of those, with a pipeline value.';
COMMENT ON COLUMN reporting.fct_quarterly_review.activities_planned IS 'Activities of the plan''s programmes ending in the quarter, not cancelled.';
COMMENT ON COLUMN reporting.fct_quarterly_review.activities_done IS 'Of those, done.';
COMMENT ON COLUMN reporting.fct_quarterly_review.budget IS 'The quarter''s planned budget, in currency.';
COMMENT ON COLUMN reporting.fct_quarterly_review.spend IS 'Actual cost of the activities done, in currency.';
COMMENT ON COLUMN reporting.fct_quarterly_review.sla_breaches IS 'Hand-offs of those leads past their acceptance SLA.';
COMMENT ON COLUMN reporting.fct_quarterly_review.status IS 'on_track, at_risk, off_track or no_plan.';
COMMENT ON COLUMN reporting.fct_quarterly_review.gaps IS 'How many gaps the review named.';
COMMENT ON COLUMN reporting.fct_quarterly_review.state IS 'The review''s approval: submitted, approved, rejected or withdrawn.';
COMMENT ON COLUMN reporting.fct_quarterly_review.reviewed_at IS 'When the review ran.';

GRANT SELECT ON reporting.fct_quarterly_review TO mtl_bi, mtl_reader;
