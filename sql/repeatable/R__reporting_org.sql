-- Reporting views over the organisation, for BI tools. security_invoker: the reader's own
-- row-level security applies. BI roles have SELECT on the base tables for these views to work,
-- but no USAGE on the domain schemas, so they cannot query the tables directly.

CREATE OR REPLACE VIEW reporting.dim_unit WITH (security_invoker = true) AS
SELECT u.id AS unit_id,
       u.code AS unit_code,
       u.name AS unit_name,
       u.kind AS unit_kind,
       p.code AS parent_code,
       CASE u.kind WHEN 'country' THEN p.code WHEN 'region' THEN u.code END AS region_code,
       org.unit_time_zone(u.id) AS time_zone,
       u.active,
       u.currency
FROM org.unit u
LEFT JOIN org.unit p ON p.id = u.parent_id;

COMMENT ON VIEW reporting.dim_unit IS 'Org units (HQ, regions, countries). Grain: one row per unit.';
COMMENT ON COLUMN reporting.dim_unit.unit_id IS 'Key of the unit; fact views carry it as unit_id.';
COMMENT ON COLUMN reporting.dim_unit.unit_code IS 'HQ, a region''s short code, or a country''s ISO 3166-1 alpha-2 code.';
COMMENT ON COLUMN reporting.dim_unit.unit_name IS 'Display name.';
COMMENT ON COLUMN reporting.dim_unit.unit_kind IS 'hq, region or country.';
COMMENT ON COLUMN reporting.dim_unit.parent_code IS 'Code of the unit above (NULL for HQ).';
COMMENT ON COLUMN reporting.dim_unit.region_code IS 'Code of the region the unit is in (NULL for HQ).';
COMMENT ON COLUMN reporting.dim_unit.time_zone IS 'The unit''s own IANA time zone (a country''s main zone by default).';
COMMENT ON COLUMN reporting.dim_unit.active IS 'False once the unit was deactivated.';
COMMENT ON COLUMN reporting.dim_unit.currency IS 'The unit''s ISO 4217 currency, the default of its amounts.';

CREATE OR REPLACE VIEW reporting.dim_business_unit WITH (security_invoker = true) AS
SELECT b.id AS bu_id, b.code AS bu_code, b.name AS bu_name, b.active
FROM org.business_unit b;

COMMENT ON VIEW reporting.dim_business_unit IS 'Business units. Grain: one row per BU.';
COMMENT ON COLUMN reporting.dim_business_unit.bu_id IS 'Key of the BU; fact views carry it as bu_id.';
COMMENT ON COLUMN reporting.dim_business_unit.bu_code IS 'Short code, such as CARRIER.';
COMMENT ON COLUMN reporting.dim_business_unit.bu_name IS 'Display name.';
COMMENT ON COLUMN reporting.dim_business_unit.active IS 'False once the BU was deactivated.';

GRANT SELECT ON reporting.dim_unit, reporting.dim_business_unit TO mtl_bi, mtl_reader;

-- Approval requests and their decisions: how long each kind waits for a decision, and where.
CREATE OR REPLACE VIEW reporting.fct_approval WITH (security_invoker = true) AS
SELECT r.id AS request_id, r.kind, r.subject_id, r.unit_id, r.bu_id, r.state, r.submitted_at, r.closed_at,
       d.decision, d.decided_at,
       round((extract(epoch FROM coalesce(r.closed_at, now()) - r.submitted_at) / 3600)::numeric, 1) AS lead_time_hours
FROM approval.request r
LEFT JOIN LATERAL (SELECT x.decision, x.decided_at FROM approval.decision x WHERE x.request_id = r.id ORDER BY x.id DESC LIMIT 1) d ON true;

COMMENT ON VIEW reporting.fct_approval IS 'Approval requests (frameworks, MSPs, budgets, quarterly reviews, finding waivers) and their decisions. Grain: one row per request.';
COMMENT ON COLUMN reporting.fct_approval.request_id IS 'Key of the request.';
COMMENT ON COLUMN reporting.fct_approval.kind IS 'What it is about: framework, msp, budget, quarterly_review, finding_waiver, ….';
COMMENT ON COLUMN reporting.fct_approval.subject_id IS 'The key of what it is about, by kind: framework_id, msp_id, budget_id, review_id or the waiver''s id.';
COMMENT ON COLUMN reporting.fct_approval.unit_id IS 'The unit whose approvers decide it (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_approval.bu_id IS 'The BU whose approvers decide it (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_approval.state IS 'pending, approved, rejected or withdrawn.';
COMMENT ON COLUMN reporting.fct_approval.submitted_at IS 'When it was submitted.';
COMMENT ON COLUMN reporting.fct_approval.closed_at IS 'When it was decided or withdrawn (NULL: pending).';
COMMENT ON COLUMN reporting.fct_approval.decision IS 'approved or rejected (NULL: pending or withdrawn).';
COMMENT ON COLUMN reporting.fct_approval.decided_at IS 'When it was decided.';
COMMENT ON COLUMN reporting.fct_approval.lead_time_hours IS 'Hours from submission to closing; for a pending request, hours waited so far.';

GRANT SELECT ON reporting.fct_approval TO mtl_bi, mtl_reader;

CREATE OR REPLACE VIEW reporting.dim_fx_rate WITH (security_invoker = true) AS
SELECT x.currency, x.to_currency, x.fiscal_year, x.quarter, format('FY%s-Q%s', x.fiscal_year, x.quarter) AS fiscal_quarter, x.rate
FROM org.fx_rate x;

COMMENT ON VIEW reporting.dim_fx_rate IS 'Exchange rates kept by HQ, per fiscal quarter (HQ reference data, visible to all): convert an amount of a quarter with that quarter''s rate; without one, the converted amount is unknown. Grain: one row per currency, target currency and fiscal quarter.';
COMMENT ON COLUMN reporting.dim_fx_rate.currency IS 'The ISO 4217 currency converted.';
COMMENT ON COLUMN reporting.dim_fx_rate.to_currency IS 'The ISO 4217 currency converted into.';
COMMENT ON COLUMN reporting.dim_fx_rate.fiscal_year IS 'Fiscal year of the quarter the rate applies to.';
COMMENT ON COLUMN reporting.dim_fx_rate.quarter IS 'Fiscal quarter within the year, 1–4.';
COMMENT ON COLUMN reporting.dim_fx_rate.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';
COMMENT ON COLUMN reporting.dim_fx_rate.rate IS 'Units of to_currency one unit of currency was worth.';

GRANT SELECT ON reporting.dim_fx_rate TO mtl_bi, mtl_reader;
