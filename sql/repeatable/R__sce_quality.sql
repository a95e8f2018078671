-- SCE's quality rules (mqa.rule, V0028): each a view of its violations (see R__dg_quality.sql for
-- the shape), registered with its defaults.

-- Published materials the front line rates low: at least `min_ratings` ratings and a score
-- (the Bayesian average) below `below`.
CREATE OR REPLACE VIEW sce.quality_material_rated_low WITH (security_invoker = true) AS
SELECT 'material'::text AS subject_kind, r.material_id AS subject_id, r.unit_id, r.bu_id,
       jsonb_build_object('title', r.title, 'score', r.score, 'ratings', r.rating_count) AS details
FROM reporting.fct_material_rating r
WHERE r.state = 'published'
  AND r.rating_count >= (mqa.parameter('sce.material_rated_low', 'min_ratings'))::integer
  AND r.score < (mqa.parameter('sce.material_rated_low', 'below'))::numeric;

-- Materials published more than `months` months ago that nobody used in the last `months` months.
CREATE OR REPLACE VIEW sce.quality_material_unused WITH (security_invoker = true) AS
SELECT 'material'::text AS subject_kind, m.id AS subject_id, m.unit_id, m.bu_id,
       jsonb_build_object('title', m.title, 'published_at', m.published_at, 'last_used_at', m.last_used_at) AS details
FROM sce.material m
WHERE m.state = 'published'
  AND m.published_at < now() - make_interval(months => (mqa.parameter('sce.material_unused', 'months'))::integer)
  AND (m.last_used_at IS NULL OR m.last_used_at < now() - make_interval(months => (mqa.parameter('sce.material_unused', 'months'))::integer));

-- Customised (or derived) materials, not retired, built on an older major version of their parent.
CREATE OR REPLACE VIEW sce.quality_material_outdated_parent WITH (security_invoker = true) AS
SELECT 'material'::text AS subject_kind, c.id AS subject_id, c.unit_id, c.bu_id,
       jsonb_build_object('title', c.title, 'parent_id', c.parent_id, 'built_on_major', c.parent_major,
                          'parent_major', c.parent_current_major) AS details
FROM sce.material_card c
WHERE c.parent_outdated AND c.state <> 'retired';

-- H1 segments (core markets, whose focus is seller enablement) whose sellers are certified below
-- `below` (a share, 0–1), over every seller role.
CREATE OR REPLACE VIEW sce.quality_h1_readiness_low WITH (security_invoker = true) AS
SELECT 'segment'::text AS subject_kind, r.segment_id AS subject_id, r.unit_id, r.bu_id,
       jsonb_build_object('sellers', sum(r.sellers), 'certified', sum(r.certified),
                          'share', round(sum(r.certified)::numeric / sum(r.sellers), 4)) AS details
FROM reporting.fct_readiness r
WHERE r.horizon = 'H1'
GROUP BY r.segment_id, r.unit_id, r.bu_id
HAVING sum(r.sellers) > 0 AND sum(r.certified)::numeric / sum(r.sellers) < (mqa.parameter('sce.h1_readiness_low', 'below'))::numeric;

GRANT SELECT ON sce.quality_material_rated_low, sce.quality_material_unused, sce.quality_material_outdated_parent,
                sce.quality_h1_readiness_low TO mtl_reader;

SELECT mqa.register_rule('sce.material_rated_low', 'Published materials the front line rates low', 'warning',
                         'quality_material_rated_low', '{"min_ratings": 3, "below": 2.5}');
SELECT mqa.register_rule('sce.material_unused', 'Published materials nobody used for months', 'info',
                         'quality_material_unused', '{"months": 6}');
SELECT mqa.register_rule('sce.material_outdated_parent', 'Customised materials built on an outdated parent', 'warning',
                         'quality_material_outdated_parent');
SELECT mqa.register_rule('sce.h1_readiness_low', 'H1 segments whose sellers are too rarely certified', 'warning',
                         'quality_h1_readiness_low', '{"below": 0.6}');
