-- MM's quality rules (mqa.rule, V0028): MSP reviews are neglected unless enforced. Each rule is
-- a view of its violations (see R__dg_quality.sql for the shape), registered with its defaults.

-- Active MSPs without an approved review of the last fiscal quarter closed in their unit's time
-- zone (of the MSP's own fiscal year: a new year's MSP owes no review of the year before).
CREATE OR REPLACE VIEW mm.quality_msp_without_review WITH (security_invoker = true) AS
SELECT 'msp'::text AS subject_kind, m.id AS subject_id, m.unit_id, m.bu_id,
       jsonb_build_object('segment', s.code, 'fiscal_quarter', q.label) AS details
FROM mm.msp m
JOIN mm.segment s ON s.id = m.segment_id
CROSS JOIN LATERAL (SELECT org.fiscal_quarter_closed_before(now(), coalesce(org.unit_time_zone(m.unit_id), 'UTC')) AS label) q
WHERE m.state = 'active'
  AND substr(q.label, 3, 4)::integer = m.fiscal_year
  AND NOT EXISTS (SELECT FROM mm.quarterly_review r
                  WHERE r.msp_id = m.id AND r.fiscal_quarter = q.label AND r.state = 'approved');

-- Off-track reviews approved without actions: nothing planned for the quarter after (no plan of
-- the next quarter in mm.msp_quarter), so the gap was accepted rather than acted on.
CREATE OR REPLACE VIEW mm.quality_off_track_without_actions WITH (security_invoker = true) AS
SELECT 'quarterly_review'::text AS subject_kind, r.id AS subject_id, r.unit_id, r.bu_id,
       jsonb_build_object('msp_id', r.msp_id, 'fiscal_quarter', r.fiscal_quarter,
                          'next_quarter', format('FY%s-Q%s', r.next_fiscal_year, r.next_quarter)) AS details
FROM mm.quarterly_review r
WHERE r.state = 'approved' AND r.status = 'off_track'
  AND NOT EXISTS (SELECT FROM mm.msp_quarter x
                  WHERE x.msp_id = r.msp_id AND x.fiscal_year = r.next_fiscal_year AND x.quarter = r.next_quarter);

-- Quarters reviewed without a plan: the review found no plan for the quarter it reviewed.
CREATE OR REPLACE VIEW mm.quality_quarter_without_plan WITH (security_invoker = true) AS
SELECT 'quarterly_review'::text AS subject_kind, r.id AS subject_id, r.unit_id, r.bu_id,
       jsonb_build_object('msp_id', r.msp_id, 'fiscal_quarter', r.fiscal_quarter) AS details
FROM mm.quarterly_review r
WHERE r.status = 'no_plan' AND r.state IN ('submitted', 'approved');

GRANT SELECT ON mm.quality_msp_without_review, mm.quality_off_track_without_actions, mm.quality_quarter_without_plan
    TO mtl_reader;

SELECT mqa.register_rule('mm.msp_without_review', 'Active MSPs without an approved review of the last closed quarter', 'critical',
                         'quality_msp_without_review');
SELECT mqa.register_rule('mm.off_track_without_actions', 'Off-track reviews approved without a plan for the next quarter', 'warning',
                         'quality_off_track_without_actions');
SELECT mqa.register_rule('mm.quarter_without_plan', 'Quarters reviewed without a plan', 'warning',
                         'quality_quarter_without_plan');
