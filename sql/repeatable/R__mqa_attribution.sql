-- Attribution (campaign influence, V0031): each model and version shares a lead, and its
-- pipeline, among the activities that touched it — its source (dg.lead.activity_id, at its
-- creation) and its touchpoints (dg.touchpoint). security_invoker: the reader's row-level
-- security applies to the leads, touchpoints and activities.

CREATE OR REPLACE VIEW reporting.fct_attribution WITH (security_invoker = true) AS
WITH touches AS (
    SELECT l.id AS lead_id, l.activity_id, l.created_at AS touched_at, true AS is_source
    FROM dg.lead l WHERE l.activity_id IS NOT NULL
    UNION ALL
    SELECT t.lead_id, t.activity_id, t.touched_at, false FROM dg.touchpoint t
), ranked AS (
    SELECT t.*, count(*) OVER per_lead AS touches, max(t.touched_at) OVER per_lead AS last_touch,
           row_number() OVER (PARTITION BY t.lead_id ORDER BY t.touched_at, t.is_source DESC, t.activity_id) AS from_first,
           row_number() OVER (PARTITION BY t.lead_id ORDER BY t.touched_at DESC, t.is_source, t.activity_id DESC) AS from_last
    FROM touches t
    WINDOW per_lead AS (PARTITION BY t.lead_id)
), raw AS (
    SELECT m.code, m.version, r.lead_id, r.activity_id, r.touched_at,
           CASE m.method
               WHEN 'source' THEN CASE WHEN r.is_source THEN 1 ELSE 0 END
               WHEN 'first_touch' THEN CASE WHEN r.from_first = 1 THEN 1 ELSE 0 END
               WHEN 'last_touch' THEN CASE WHEN r.from_last = 1 THEN 1 ELSE 0 END
               WHEN 'linear' THEN 1
               WHEN 'time_decay' THEN power(0.5::numeric, (extract(epoch FROM r.last_touch - r.touched_at) / 86400 / m.half_life_days)::numeric)
           END::numeric AS raw
    FROM ranked r CROSS JOIN mqa.attribution_model m
), weighted AS (
    SELECT x.*, x.raw / sum(x.raw) OVER (PARTITION BY x.code, x.version, x.lead_id) AS weight
    FROM raw x WHERE x.raw > 0
)
SELECT w.code AS model, w.version AS model_version, w.lead_id, w.activity_id, a.programme_id, p.concept_package_id,
       l.unit_id, l.bu_id, w.touched_at, round(w.weight, 6) AS weight,
       round(w.weight * l.pipeline_value, 2) AS attributed_pipeline, l.currency
FROM weighted w
JOIN dg.lead l ON l.id = w.lead_id
LEFT JOIN dg.activity a ON a.id = w.activity_id
LEFT JOIN dg.programme p ON p.id = a.programme_id;

COMMENT ON VIEW reporting.fct_attribution IS 'Campaign influence: each attribution model and version shares a lead and its pipeline among the activities that touched it (its source, then its touchpoints). Grain: one row per model, model version, lead and touching activity.';
COMMENT ON COLUMN reporting.fct_attribution.model IS 'The attribution model: source, first_touch, last_touch, linear or time_decay (mqa.attribution_model).';
COMMENT ON COLUMN reporting.fct_attribution.model_version IS 'The model''s version: a version never changes, so the same model and version give the same weights.';
COMMENT ON COLUMN reporting.fct_attribution.lead_id IS 'The lead (reporting.fct_lead).';
COMMENT ON COLUMN reporting.fct_attribution.activity_id IS 'The activity credited (reporting.fct_activity).';
COMMENT ON COLUMN reporting.fct_attribution.programme_id IS 'The activity''s programme (reporting.dim_programme); NULL where the reader cannot see the activity.';
COMMENT ON COLUMN reporting.fct_attribution.concept_package_id IS 'The programme''s concept package (mm.concept_package); NULL where unknown to the reader.';
COMMENT ON COLUMN reporting.fct_attribution.unit_id IS 'The lead''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_attribution.bu_id IS 'The lead''s BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_attribution.touched_at IS 'When the activity touched the lead (for its source: when the lead was created).';
COMMENT ON COLUMN reporting.fct_attribution.weight IS 'The activity''s share of the lead under this model, 0–1; a lead''s shares add up to 1.';
COMMENT ON COLUMN reporting.fct_attribution.attributed_pipeline IS 'weight times the lead''s pipeline value, in currency (NULL without a pipeline value).';
COMMENT ON COLUMN reporting.fct_attribution.currency IS 'ISO 4217 currency of attributed_pipeline.';

CREATE OR REPLACE VIEW reporting.dim_attribution_model WITH (security_invoker = true) AS
SELECT m.code AS model, m.version AS model_version, m.method, m.half_life_days, m.description, m.created_at
FROM mqa.attribution_model m;

COMMENT ON VIEW reporting.dim_attribution_model IS 'Attribution models and their versions (HQ reference data, visible to all). Grain: one row per model and version.';
COMMENT ON COLUMN reporting.dim_attribution_model.model IS 'The model''s code.';
COMMENT ON COLUMN reporting.dim_attribution_model.model_version IS 'Its version, from 1; a new version is a new row, never a change.';
COMMENT ON COLUMN reporting.dim_attribution_model.method IS 'source, first_touch, last_touch, linear or time_decay.';
COMMENT ON COLUMN reporting.dim_attribution_model.half_life_days IS 'time_decay: a touch this many days before the lead''s last touch counts half.';
COMMENT ON COLUMN reporting.dim_attribution_model.description IS 'What the model does, in a sentence.';
COMMENT ON COLUMN reporting.dim_attribution_model.created_at IS 'When this version was added.';

CREATE OR REPLACE VIEW reporting.fct_touchpoint WITH (security_invoker = true) AS
SELECT t.id AS touchpoint_id, t.lead_id, t.activity_id, t.unit_id, t.bu_id, t.touched_at, t.source
FROM dg.touchpoint t;

COMMENT ON VIEW reporting.fct_touchpoint IS 'Touchpoints beyond a lead''s source: an activity that touched a lead. Grain: one row per lead, activity and time.';
COMMENT ON COLUMN reporting.fct_touchpoint.touchpoint_id IS 'Key of the touchpoint.';
COMMENT ON COLUMN reporting.fct_touchpoint.lead_id IS 'The lead touched (reporting.fct_lead).';
COMMENT ON COLUMN reporting.fct_touchpoint.activity_id IS 'The activity that touched it (reporting.fct_activity).';
COMMENT ON COLUMN reporting.fct_touchpoint.unit_id IS 'The lead''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_touchpoint.bu_id IS 'The lead''s BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_touchpoint.touched_at IS 'When it touched the lead.';
COMMENT ON COLUMN reporting.fct_touchpoint.source IS 'How it was recorded: cli (by hand) or import.';

GRANT SELECT ON reporting.fct_attribution, reporting.dim_attribution_model, reporting.fct_touchpoint TO mtl_reader, mtl_bi;
