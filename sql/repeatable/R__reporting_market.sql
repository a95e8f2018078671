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
COMMENT ON COLUMN reporting.fct_segment_gap.fiscal_quarter IS 'FY2027-Q1.';
COMMENT ON COLUMN reporting.fct_segment_gap.share_target IS 'Market share target, percent.';

CREATE OR REPLACE VIEW reporting.dim_msp WITH (security_invoker = true) AS
SELECT m.id AS msp_id, m.segment_id, m.unit_id, m.bu_id, m.fiscal_year, m.owner_role::text AS owner, m.state,
       m.state_changed_at
FROM mm.msp m;

COMMENT ON VIEW reporting.dim_msp IS 'Market Segment Plans. Grain: one row per MSP (segment × unit × fiscal year).';
COMMENT ON COLUMN reporting.dim_msp.msp_id IS 'Key of the MSP; fact views carry it as msp_id.';
COMMENT ON COLUMN reporting.dim_msp.owner IS 'The person accountable (login role).';
COMMENT ON COLUMN reporting.dim_msp.state IS 'draft, submitted, approved, rejected, active or closed.';

CREATE OR REPLACE VIEW reporting.fct_msp_quarter WITH (security_invoker = true) AS
SELECT q.msp_id, q.unit_id, q.bu_id, q.fiscal_year, q.quarter, q.fiscal_quarter, q.pipeline_target, q.lead_target,
       q.budget, q.currency, q.headcount
FROM mm.msp_quarter q;

COMMENT ON VIEW reporting.fct_msp_quarter IS 'Quarterly execution plans. Grain: one row per MSP and fiscal quarter.';
COMMENT ON COLUMN reporting.fct_msp_quarter.pipeline_target IS 'Pipeline the quarter should create, in currency.';
COMMENT ON COLUMN reporting.fct_msp_quarter.lead_target IS 'Leads the quarter should create.';
COMMENT ON COLUMN reporting.fct_msp_quarter.budget IS 'Marketing budget of the quarter, in currency.';
COMMENT ON COLUMN reporting.fct_msp_quarter.headcount IS 'Full-time equivalents working on the plan.';

CREATE OR REPLACE VIEW reporting.dim_framework WITH (security_invoker = true) AS
SELECT f.id AS framework_id, f.fiscal_year, f.state, f.concept_limit, f.published_at,
       (SELECT count(*) FROM mm.framework_theme t WHERE t.framework_id = f.id AND NOT t.dropped) AS themes,
       (SELECT count(*) FROM mm.concept_package c WHERE c.framework_id = f.id) AS concept_packages
FROM mm.framework f;

COMMENT ON VIEW reporting.dim_framework IS 'Marketing frameworks (HQ reference data, visible to all). Grain: one row per fiscal year.';
COMMENT ON COLUMN reporting.dim_framework.state IS 'draft, submitted, approved, rejected, published or superseded.';

GRANT SELECT ON reporting.dim_segment, reporting.fct_segment_portfolio, reporting.fct_segment_gap, reporting.dim_msp,
                reporting.fct_msp_quarter, reporting.dim_framework TO mtl_bi, mtl_reader;
