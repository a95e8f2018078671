-- Reporting views of seller enablement (V0037): material use, ratings (the front-line score),
-- certifications with their status, readiness. security_invoker, so BI logins and people meet the
-- tables' own policies. The score and the certification status are defined here once: the CLI
-- and sce.material_card read them (R__sce_materials.sql is applied after this file).

-- Uses of materials.
CREATE OR REPLACE VIEW reporting.fct_material_use WITH (security_invoker = true) AS
SELECT u.id AS use_id, u.material_id, u.version_id, v.major, v.minor, u.unit_id, u.bu_id, u.seller_id, s.role_code,
       u.scenario, u.lead_id, u.activity_id, u.used_at
FROM sce.material_use u
JOIN sce.material_version v ON v.id = u.version_id
JOIN sce.seller s ON s.id = u.seller_id;

COMMENT ON VIEW reporting.fct_material_use IS 'Uses of enablement materials by sellers: version, scenario, lead or activity, when. Grain: one row per use.';
COMMENT ON COLUMN reporting.fct_material_use.use_id IS 'Key of the use.';
COMMENT ON COLUMN reporting.fct_material_use.material_id IS 'The material used (reporting.fct_material_rating).';
COMMENT ON COLUMN reporting.fct_material_use.version_id IS 'The version used.';
COMMENT ON COLUMN reporting.fct_material_use.major IS 'Its major version number.';
COMMENT ON COLUMN reporting.fct_material_use.minor IS 'Its minor version number.';
COMMENT ON COLUMN reporting.fct_material_use.unit_id IS 'The seller''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_material_use.bu_id IS 'The seller''s BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_material_use.seller_id IS 'The seller who used it.';
COMMENT ON COLUMN reporting.fct_material_use.role_code IS 'The seller''s role: account_manager, product_sales, channel_sales, solution_manager, front_line_sales, …';
COMMENT ON COLUMN reporting.fct_material_use.scenario IS 'The battle scenario it was used in (summit, workshop, …), if given.';
COMMENT ON COLUMN reporting.fct_material_use.lead_id IS 'The lead or opportunity it was used with (reporting.fct_lead), if any.';
COMMENT ON COLUMN reporting.fct_material_use.activity_id IS 'The activity it was used in (reporting.fct_activity), if any.';
COMMENT ON COLUMN reporting.fct_material_use.used_at IS 'When it was used.';

-- Each material with its ratings: the Bayesian average pulls a material with few ratings towards
-- HQ's prior mean as if it had prior_weight ratings of that score.
CREATE OR REPLACE VIEW reporting.fct_material_rating WITH (security_invoker = true) AS
SELECT m.id AS material_id, m.unit_id, m.bu_id, m.title, m.kind, m.tier, m.state, m.rating_count,
       CASE WHEN m.rating_count > 0 THEN round(m.rating_sum::numeric / m.rating_count, 2) END AS rating_mean,
       round((s.rating_prior_weight * s.rating_prior_mean + m.rating_sum) / nullif(s.rating_prior_weight + m.rating_count, 0), 2) AS score,
       m.use_count, m.last_used_at
FROM sce.material m CROSS JOIN sce.setting s;

COMMENT ON VIEW reporting.fct_material_rating IS 'Enablement materials with their front-line ratings and uses; score is the Bayesian average ((prior weight × prior mean + sum of ratings) / (prior weight + ratings)). Grain: one row per material.';
COMMENT ON COLUMN reporting.fct_material_rating.material_id IS 'Key of the material.';
COMMENT ON COLUMN reporting.fct_material_rating.unit_id IS 'The unit that owns it (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_material_rating.bu_id IS 'Its BU (reporting.dim_business_unit); NULL for every BU.';
COMMENT ON COLUMN reporting.fct_material_rating.title IS 'Its title.';
COMMENT ON COLUMN reporting.fct_material_rating.kind IS 'slides, white_paper, article, success_case, video, tool or document.';
COMMENT ON COLUMN reporting.fct_material_rating.tier IS 'global (HQ), regional or customised (a country).';
COMMENT ON COLUMN reporting.fct_material_rating.state IS 'draft, published or retired.';
COMMENT ON COLUMN reporting.fct_material_rating.rating_count IS 'Ratings by the front line (every rater, whatever the reader''s scope).';
COMMENT ON COLUMN reporting.fct_material_rating.rating_mean IS 'Their plain average, 1–5 (NULL: no rating).';
COMMENT ON COLUMN reporting.fct_material_rating.score IS 'The Bayesian average shown to sellers, 1–5.';
COMMENT ON COLUMN reporting.fct_material_rating.use_count IS 'Uses recorded, by every seller.';
COMMENT ON COLUMN reporting.fct_material_rating.last_used_at IS 'When it was last used (NULL: never).';

-- Certifications with their status today.
CREATE OR REPLACE VIEW reporting.fct_certification WITH (security_invoker = true) AS
SELECT c.id AS certification_id, c.seller_id, c.unit_id, c.bu_id, c.exam_id, c.role_code, c.segment_id, c.material_id,
       c.material_major, c.granted_on, c.expires_on, c.recertify_since,
       CASE WHEN c.expires_on <= current_date THEN 'expired'
            WHEN c.recertify_since IS NOT NULL THEN 'recertify'
            WHEN c.expires_on <= current_date + s.expiry_warning_days THEN 'expiring'
            ELSE 'valid' END AS status
FROM sce.certification c CROSS JOIN sce.setting s;

COMMENT ON VIEW reporting.fct_certification IS 'Certifications of sellers with their status today: valid, expiring (within HQ''s warning days), recertify (their material has a newer major version) or expired. Grain: one row per certification.';
COMMENT ON COLUMN reporting.fct_certification.certification_id IS 'Key of the certification.';
COMMENT ON COLUMN reporting.fct_certification.seller_id IS 'The certified seller.';
COMMENT ON COLUMN reporting.fct_certification.unit_id IS 'The seller''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_certification.bu_id IS 'The seller''s BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_certification.exam_id IS 'The exam passed.';
COMMENT ON COLUMN reporting.fct_certification.role_code IS 'The seller role it certifies for.';
COMMENT ON COLUMN reporting.fct_certification.segment_id IS 'The segment it certifies for (reporting.dim_segment); NULL for every segment.';
COMMENT ON COLUMN reporting.fct_certification.material_id IS 'The material the exam is on, if any.';
COMMENT ON COLUMN reporting.fct_certification.material_major IS 'The material''s major version when certified.';
COMMENT ON COLUMN reporting.fct_certification.granted_on IS 'When the exam was passed.';
COMMENT ON COLUMN reporting.fct_certification.expires_on IS 'When it expires.';
COMMENT ON COLUMN reporting.fct_certification.recertify_since IS 'When its material got a newer major version (NULL: none).';
COMMENT ON COLUMN reporting.fct_certification.status IS 'valid, expiring, recertify or expired.';

-- Readiness: for each segment and seller role, the active sellers of that role in the segment's
-- unit and the units below it (of its BU, or of every BU), and how many of them hold a valid
-- certification for the role and the segment (or for every segment).
CREATE OR REPLACE VIEW reporting.fct_readiness WITH (security_invoker = true) AS
SELECT x.segment_id, x.unit_id, x.bu_id, x.horizon, x.role_code, count(*) AS sellers, count(*) FILTER (WHERE x.certified) AS certified,
       round((count(*) FILTER (WHERE x.certified))::numeric / count(*), 4) AS share
FROM (SELECT g.id AS segment_id, g.unit_id, g.bu_id, g.horizon, sl.role_code,
             EXISTS (SELECT FROM sce.certification c
                     WHERE c.seller_id = sl.id AND c.role_code = sl.role_code AND (c.segment_id = g.id OR c.segment_id IS NULL)
                       AND c.expires_on > current_date AND c.recertify_since IS NULL) AS certified
      FROM mm.segment g
      JOIN org.unit su ON su.path @> ARRAY[g.unit_id]
      JOIN sce.seller sl ON sl.unit_id = su.id AND sl.active AND (sl.bu_id IS NULL OR sl.bu_id = g.bu_id)
      WHERE g.active) x
GROUP BY x.segment_id, x.unit_id, x.bu_id, x.horizon, x.role_code;

COMMENT ON VIEW reporting.fct_readiness IS 'Seller readiness: per segment and seller role, the active sellers of the segment''s unit (and below) and how many hold a valid certification for the role and segment. Grain: one row per segment and seller role with sellers.';
COMMENT ON COLUMN reporting.fct_readiness.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_readiness.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_readiness.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_readiness.horizon IS 'The segment''s horizon: H1 (core, focus on seller enablement), H2 or H3.';
COMMENT ON COLUMN reporting.fct_readiness.role_code IS 'The seller role.';
COMMENT ON COLUMN reporting.fct_readiness.sellers IS 'Active sellers of that role in the segment''s unit and below, of its BU or every BU.';
COMMENT ON COLUMN reporting.fct_readiness.certified IS 'Those holding a valid certification (not expired, not to recertify) for the role and the segment or every segment.';
COMMENT ON COLUMN reporting.fct_readiness.share IS 'certified / sellers, 0–1.';

GRANT SELECT ON reporting.fct_material_use, reporting.fct_material_rating, reporting.fct_certification, reporting.fct_readiness
    TO mtl_bi, mtl_reader;
-- Sellers read their materials' scores and their own certifications' status (the tables' policies apply).
GRANT USAGE ON SCHEMA reporting TO mtl_seller;
GRANT SELECT ON reporting.fct_material_rating, reporting.fct_certification TO mtl_seller;
