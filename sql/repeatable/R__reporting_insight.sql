-- Market insight's reporting views (V0035; docs/reporting.md). security_invoker: the reader's
-- row-level security applies, so a BI login reads other scopes' shared insights only while one
-- of its units contributes (contribute to consume), as people do.

CREATE OR REPLACE VIEW reporting.fct_topic WITH (security_invoker = true) AS
SELECT t.id AS topic_id, t.unit_id, t.bu_id, t.fiscal_year, t.title, t.scenario, t.segment_id, t.priority, t.due_on,
       t.state, t.created_at AS proposed_at, t.state_changed_at,
       t.state NOT IN ('delivered', 'evaluated', 'rejected', 'cancelled') AND t.due_on < current_date AS past_due,
       (SELECT count(*) FROM mi.insight i WHERE i.topic_id = t.id) AS insights,
       e.usefulness, e.evaluated_at
FROM mi.topic t
LEFT JOIN mi.evaluation e ON e.topic_id = t.id;

COMMENT ON VIEW reporting.fct_topic IS 'Insight topics set by leaders or experts, with their state, insights and evaluation. Grain: one row per topic.';
COMMENT ON COLUMN reporting.fct_topic.topic_id IS 'Key of the topic.';
COMMENT ON COLUMN reporting.fct_topic.unit_id IS 'The unit that owns the topic (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_topic.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_topic.fiscal_year IS 'The fiscal year the topic is planned in (coverage is per year).';
COMMENT ON COLUMN reporting.fct_topic.title IS 'The topic''s title.';
COMMENT ON COLUMN reporting.fct_topic.scenario IS 'What it serves: project, customer, segment, region, industry_trend or solution_trend.';
COMMENT ON COLUMN reporting.fct_topic.segment_id IS 'The segment it is about (reporting.dim_segment), for segment scenarios.';
COMMENT ON COLUMN reporting.fct_topic.priority IS 'low, normal, high or critical.';
COMMENT ON COLUMN reporting.fct_topic.due_on IS 'When the insight is due.';
COMMENT ON COLUMN reporting.fct_topic.state IS 'proposed, accepted, in_research, delivered, evaluated, rejected or cancelled.';
COMMENT ON COLUMN reporting.fct_topic.proposed_at IS 'When it was proposed.';
COMMENT ON COLUMN reporting.fct_topic.state_changed_at IS 'When it last changed state.';
COMMENT ON COLUMN reporting.fct_topic.past_due IS 'Still open (not delivered, evaluated, rejected or cancelled) after its due date.';
COMMENT ON COLUMN reporting.fct_topic.insights IS 'Insights attached to it that the reader can see.';
COMMENT ON COLUMN reporting.fct_topic.usefulness IS 'Its evaluation''s usefulness, 1–5 (NULL: not evaluated).';
COMMENT ON COLUMN reporting.fct_topic.evaluated_at IS 'When it was evaluated.';

CREATE OR REPLACE VIEW reporting.fct_insight WITH (security_invoker = true) AS
SELECT i.id AS insight_id, i.unit_id, i.bu_id, i.region_id, i.topic_id, i.kind, i.title, i.confidence, i.valid_until,
       i.sharing, i.author::text AS author, i.created_at
FROM mi.insight i;

COMMENT ON VIEW reporting.fct_insight IS 'Insights (market, competitor, customer) the reader may read: its scope''s, and other scopes'' shared ones while one of its units contributes. Grain: one row per insight.';
COMMENT ON COLUMN reporting.fct_insight.insight_id IS 'Key of the insight.';
COMMENT ON COLUMN reporting.fct_insight.unit_id IS 'The unit that authored it (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_insight.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_insight.region_id IS 'The region of its unit (reporting.dim_unit); NULL for HQ.';
COMMENT ON COLUMN reporting.fct_insight.topic_id IS 'The topic it answers (reporting.fct_topic), if any.';
COMMENT ON COLUMN reporting.fct_insight.kind IS 'market, competitor or customer.';
COMMENT ON COLUMN reporting.fct_insight.title IS 'The insight''s title.';
COMMENT ON COLUMN reporting.fct_insight.confidence IS 'low, medium or high.';
COMMENT ON COLUMN reporting.fct_insight.valid_until IS 'Until when it holds (NULL: no end given).';
COMMENT ON COLUMN reporting.fct_insight.sharing IS 'unit (its unit''s scope), region (its region) or global (every unit), for contributors.';
COMMENT ON COLUMN reporting.fct_insight.author IS 'The login that wrote it.';
COMMENT ON COLUMN reporting.fct_insight.created_at IS 'When it was written.';

CREATE OR REPLACE VIEW reporting.fct_credit WITH (security_invoker = true) AS
SELECT c.id AS credit_id, c.unit_id, c.bu_id, c.kind, c.subject_id, c.credits, c.earned_at
FROM mi.credit c;

COMMENT ON VIEW reporting.fct_credit IS 'Contribute to consume: credits earned by units for accepted contributions (append-only). Grain: one row per accepted contribution.';
COMMENT ON COLUMN reporting.fct_credit.credit_id IS 'Key of the ledger entry.';
COMMENT ON COLUMN reporting.fct_credit.unit_id IS 'The unit that earned it (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_credit.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_credit.kind IS 'What was contributed: insight (delivered), data (accepted by a researcher) or voice (a voice-of-the-customer entry accepted).';
COMMENT ON COLUMN reporting.fct_credit.subject_id IS 'The contribution: insight_id for insight, the contribution''s key otherwise.';
COMMENT ON COLUMN reporting.fct_credit.credits IS 'Credits earned (HQ''s rate for the kind when it was accepted).';
COMMENT ON COLUMN reporting.fct_credit.earned_at IS 'When it was accepted.';

GRANT SELECT ON reporting.fct_topic, reporting.fct_insight, reporting.fct_credit TO mtl_bi, mtl_reader;
