-- Coverage: for each segment and fiscal year with topics, each stage of the customer's business
-- process that applies to the segment's industry, and the topics (not rejected or cancelled)
-- that cover it. A segment with no topic in a year has no rows (the quality rule
-- mi.h3_segment_without_topic looks for those).
CREATE OR REPLACE VIEW mi.coverage WITH (security_invoker = true) AS
WITH years AS (
    SELECT DISTINCT t.segment_id, t.fiscal_year FROM mi.topic t
    WHERE t.segment_id IS NOT NULL AND t.state NOT IN ('rejected', 'cancelled')
)
SELECT s.id AS segment_id, s.unit_id, s.bu_id, y.fiscal_year, b.id AS stage_id, b.code AS stage_code, b.name AS stage_name,
       b.position AS stage_position,
       count(t.id) AS topics, count(t.id) > 0 AS covered,
       coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL), '{}') AS topic_ids
FROM years y
JOIN mm.segment s ON s.id = y.segment_id
JOIN mi.business_stage b ON b.industry IS NULL OR lower(b.industry) = lower(s.industry)
LEFT JOIN mi.topic_stage ts ON ts.stage_id = b.id
LEFT JOIN mi.topic t ON t.id = ts.topic_id AND t.segment_id = s.id AND t.fiscal_year = y.fiscal_year
                     AND t.state NOT IN ('rejected', 'cancelled')
GROUP BY s.id, s.unit_id, s.bu_id, y.fiscal_year, b.id, b.code, b.name, b.position;
COMMENT ON VIEW mi.coverage IS 'The coverage checklist: for each segment and fiscal year with topics, each business-process stage of its industry and the topics covering it (reporting.fct_coverage for BI).';
GRANT SELECT ON mi.coverage TO mtl_reader, mtl_bi;
