-- MI's quality rules (mqa.rule, V0028): each a view of its violations (see R__dg_quality.sql for
-- the shape), registered with its defaults. The current fiscal year is HQ's calendar's for today.

-- H3 segments (emerging markets, whose focus is insight and joint innovation) with no topic
-- (other than rejected or cancelled ones) in the current fiscal year.
CREATE OR REPLACE VIEW mi.quality_h3_segment_without_topic WITH (security_invoker = true) AS
SELECT 'segment'::text AS subject_kind, s.id AS subject_id, s.unit_id, s.bu_id,
       jsonb_build_object('segment', s.code, 'fiscal_year', y.fiscal_year) AS details
FROM mm.segment s
CROSS JOIN LATERAL (SELECT substr(org.fiscal_quarter_label(current_date), 3, 4)::integer AS fiscal_year) y
WHERE s.active AND s.horizon = 'H3'
  AND NOT EXISTS (SELECT FROM mi.topic t WHERE t.segment_id = s.id AND t.fiscal_year = y.fiscal_year
                  AND t.state NOT IN ('rejected', 'cancelled'));

-- Segments whose topics of the current fiscal year leave stages of the customer's business
-- process uncovered (the coverage checklist).
CREATE OR REPLACE VIEW mi.quality_segment_uncovered_stages WITH (security_invoker = true) AS
SELECT 'segment'::text AS subject_kind, c.segment_id AS subject_id, c.unit_id, c.bu_id,
       jsonb_build_object('fiscal_year', c.fiscal_year, 'uncovered', array_agg(c.stage_code ORDER BY c.stage_position)) AS details
FROM mi.coverage c
WHERE c.fiscal_year = substr(org.fiscal_quarter_label(current_date), 3, 4)::integer AND NOT c.covered
GROUP BY c.segment_id, c.unit_id, c.bu_id, c.fiscal_year;

-- Topics delivered more than `days` days ago and never evaluated.
CREATE OR REPLACE VIEW mi.quality_topic_not_evaluated WITH (security_invoker = true) AS
SELECT 'topic'::text AS subject_kind, t.id AS subject_id, t.unit_id, t.bu_id,
       jsonb_build_object('title', t.title, 'delivered_at', t.delivered_at) AS details
FROM mi.topic t
WHERE t.state = 'delivered'
  AND t.delivered_at < now() - make_interval(days => (mqa.parameter('mi.topic_not_evaluated', 'days'))::integer);

GRANT SELECT ON mi.quality_h3_segment_without_topic, mi.quality_segment_uncovered_stages, mi.quality_topic_not_evaluated TO mtl_reader;

SELECT mqa.register_rule('mi.h3_segment_without_topic', 'H3 segments with no insight topic this fiscal year', 'warning',
                         'quality_h3_segment_without_topic');
SELECT mqa.register_rule('mi.segment_uncovered_stages', 'Segments whose topics leave business-process stages uncovered', 'info',
                         'quality_segment_uncovered_stages');
SELECT mqa.register_rule('mi.topic_not_evaluated', 'Topics delivered but never evaluated', 'warning',
                         'quality_topic_not_evaluated', '{"days": 30}');
