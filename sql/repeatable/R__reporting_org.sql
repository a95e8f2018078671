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
