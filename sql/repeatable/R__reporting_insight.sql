-- Market insight's reporting views (V0035; docs/reporting.md). security_invoker: the reader's
-- row-level security applies, so a BI login reads other scopes' shared insights only while one
-- of its units contributes (contribute to consume), as people do.

CREATE OR REPLACE VIEW reporting.fct_topic WITH (security_invoker = true) AS
SELECT t.id AS topic_id, t.unit_id, t.bu_id, t.fiscal_year, t.title, t.scenario, t.segment_id, t.priority, t.due_on,
       t.state, t.created_at AS proposed_at, t.state_changed_at,
       round((extract(epoch FROM t.accepted_at - t.created_at) / 86400)::numeric, 1) AS days_to_accept,
       round((extract(epoch FROM t.started_at - t.accepted_at) / 86400)::numeric, 1) AS days_to_start,
       round((extract(epoch FROM t.delivered_at - t.started_at) / 86400)::numeric, 1) AS days_in_research,
       round((extract(epoch FROM t.evaluated_at - t.delivered_at) / 86400)::numeric, 1) AS days_to_evaluate,
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
COMMENT ON COLUMN reporting.fct_topic.days_to_accept IS 'Lead time in days from proposed to accepted (NULL: not accepted).';
COMMENT ON COLUMN reporting.fct_topic.days_to_start IS 'Days from accepted to research started.';
COMMENT ON COLUMN reporting.fct_topic.days_in_research IS 'Days from research started to delivered.';
COMMENT ON COLUMN reporting.fct_topic.days_to_evaluate IS 'Days from delivered to evaluated.';
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

-- The coverage checklist (mi.coverage, R__mi_coverage.sql) as BI reads it.
CREATE OR REPLACE VIEW reporting.fct_coverage WITH (security_invoker = true) AS
SELECT c.segment_id, c.unit_id, c.bu_id, c.fiscal_year, c.stage_id, c.stage_code, c.stage_name, c.stage_position,
       c.topics, c.covered, c.topic_ids
FROM mi.coverage c;

COMMENT ON VIEW reporting.fct_coverage IS 'The coverage checklist: for each segment and fiscal year with topics, each business-process stage of its industry and whether topics cover it. Grain: one row per segment, fiscal year and stage.';
COMMENT ON COLUMN reporting.fct_coverage.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_coverage.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_coverage.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_coverage.fiscal_year IS 'The fiscal year of the topics.';
COMMENT ON COLUMN reporting.fct_coverage.stage_id IS 'The stage (mi.business_stage).';
COMMENT ON COLUMN reporting.fct_coverage.stage_code IS 'The stage''s code: plan, build, operate, maintain, market, sell, serve, or an industry''s own.';
COMMENT ON COLUMN reporting.fct_coverage.stage_name IS 'The stage''s name.';
COMMENT ON COLUMN reporting.fct_coverage.stage_position IS 'Its place in the business process, for ordering.';
COMMENT ON COLUMN reporting.fct_coverage.topics IS 'Topics of the segment and year (not rejected or cancelled) that cover the stage.';
COMMENT ON COLUMN reporting.fct_coverage.covered IS 'True when at least one topic covers the stage.';
COMMENT ON COLUMN reporting.fct_coverage.topic_ids IS 'Those topics (reporting.fct_topic).';

CREATE OR REPLACE VIEW reporting.fct_market_size WITH (security_invoker = true) AS
SELECT m.id AS estimate_id, m.segment_id, m.unit_id, m.bu_id, m.fiscal_year, m.currency, m.tam, m.sam, m.som, m.growth_rate,
       m.assumptions, m.source, m.insight_id, m.estimated_by::text AS estimated_by, m.created_at,
       m.superseded_by, m.superseded_by IS NULL AS is_current
FROM mi.market_size m;

COMMENT ON VIEW reporting.fct_market_size IS 'Market size estimates per segment and fiscal year, current and superseded. Grain: one row per estimate.';
COMMENT ON COLUMN reporting.fct_market_size.estimate_id IS 'Key of the estimate.';
COMMENT ON COLUMN reporting.fct_market_size.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_market_size.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_market_size.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_market_size.fiscal_year IS 'The fiscal year estimated.';
COMMENT ON COLUMN reporting.fct_market_size.currency IS 'ISO 4217 currency of TAM, SAM and SOM.';
COMMENT ON COLUMN reporting.fct_market_size.tam IS 'Total addressable market.';
COMMENT ON COLUMN reporting.fct_market_size.sam IS 'Serviceable addressable market (within TAM).';
COMMENT ON COLUMN reporting.fct_market_size.som IS 'Serviceable obtainable market (within SAM).';
COMMENT ON COLUMN reporting.fct_market_size.growth_rate IS 'Yearly growth as a fraction (0.08 = 8 %).';
COMMENT ON COLUMN reporting.fct_market_size.assumptions IS 'What the estimate assumes.';
COMMENT ON COLUMN reporting.fct_market_size.source IS 'Where the figures come from.';
COMMENT ON COLUMN reporting.fct_market_size.insight_id IS 'The insight it came with (reporting.fct_insight), if any.';
COMMENT ON COLUMN reporting.fct_market_size.estimated_by IS 'The login that estimated it.';
COMMENT ON COLUMN reporting.fct_market_size.created_at IS 'When it was estimated.';
COMMENT ON COLUMN reporting.fct_market_size.superseded_by IS 'The newer estimate that replaced it (NULL: current).';
COMMENT ON COLUMN reporting.fct_market_size.is_current IS 'True for the current estimate of its segment and year.';

-- Battlecards with the win rate against their competitor in their segment: decided outcomes of
-- leads whose source programme serves the segment.
CREATE OR REPLACE VIEW reporting.fct_battlecard WITH (security_invoker = true) AS
SELECT b.id AS battlecard_id, b.competitor_id, c.code AS competitor_code, b.segment_id, b.unit_id, b.bu_id, b.owner::text AS owner,
       b.last_reviewed_on, b.review_interval_days, b.last_reviewed_on + b.review_interval_days AS review_due_on,
       b.last_reviewed_on + b.review_interval_days < current_date AS past_review,
       coalesce(o.won, 0) AS won, coalesce(o.lost, 0) AS lost,
       round(o.won::numeric / nullif(o.won + o.lost, 0), 3) AS win_rate
FROM mi.battlecard b
JOIN mi.competitor c ON c.id = b.competitor_id
LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE lc.outcome = 'won') AS won, count(*) FILTER (WHERE lc.outcome = 'lost') AS lost
    FROM mi.lead_competitor lc
    JOIN dg.lead l ON l.id = lc.lead_id
    JOIN dg.activity a ON a.id = l.activity_id
    JOIN dg.programme p ON p.id = a.programme_id
    WHERE lc.competitor_id = b.competitor_id AND p.segment_id = b.segment_id
) o ON true;

COMMENT ON VIEW reporting.fct_battlecard IS 'Battlecards per competitor and segment, their review due date, and the win rate against the competitor in the segment (leads whose source programme serves it). Grain: one row per battlecard.';
COMMENT ON COLUMN reporting.fct_battlecard.battlecard_id IS 'Key of the battlecard.';
COMMENT ON COLUMN reporting.fct_battlecard.competitor_id IS 'The competitor (mi.competitor).';
COMMENT ON COLUMN reporting.fct_battlecard.competitor_code IS 'The competitor''s code.';
COMMENT ON COLUMN reporting.fct_battlecard.segment_id IS 'The segment (reporting.dim_segment).';
COMMENT ON COLUMN reporting.fct_battlecard.unit_id IS 'The segment''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_battlecard.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_battlecard.owner IS 'The login that keeps it up to date.';
COMMENT ON COLUMN reporting.fct_battlecard.last_reviewed_on IS 'When it was last reviewed.';
COMMENT ON COLUMN reporting.fct_battlecard.review_interval_days IS 'How often it is to be reviewed, in days.';
COMMENT ON COLUMN reporting.fct_battlecard.review_due_on IS 'When its next review is due.';
COMMENT ON COLUMN reporting.fct_battlecard.past_review IS 'True when the review is overdue.';
COMMENT ON COLUMN reporting.fct_battlecard.won IS 'Leads of the segment won against the competitor (that the reader can see).';
COMMENT ON COLUMN reporting.fct_battlecard.lost IS 'Leads of the segment lost to the competitor.';
COMMENT ON COLUMN reporting.fct_battlecard.win_rate IS 'won / (won + lost), 0–1; NULL with no decided outcome.';

CREATE OR REPLACE VIEW reporting.fct_voice WITH (security_invoker = true) AS
SELECT v.id AS voice_id, v.unit_id, v.bu_id, v.segment_id, v.channel, v.sentiment, v.themes, v.heard_on, v.state
FROM mi.voice v;

COMMENT ON VIEW reporting.fct_voice IS 'Voice of the customer: where it was heard, its sentiment and themes (the verbatim and the customer stay in the module). Grain: one row per entry.';
COMMENT ON COLUMN reporting.fct_voice.voice_id IS 'Key of the entry.';
COMMENT ON COLUMN reporting.fct_voice.unit_id IS 'The unit that heard it (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_voice.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_voice.segment_id IS 'The segment it concerns (reporting.dim_segment), if any.';
COMMENT ON COLUMN reporting.fct_voice.channel IS 'visit, survey, support or social.';
COMMENT ON COLUMN reporting.fct_voice.sentiment IS 'From −2 (very negative) to 2 (very positive).';
COMMENT ON COLUMN reporting.fct_voice.themes IS 'The themes it touches.';
COMMENT ON COLUMN reporting.fct_voice.heard_on IS 'When it was heard.';
COMMENT ON COLUMN reporting.fct_voice.state IS 'submitted, accepted or rejected (accepted entries earn credits).';

-- Voice of the customer summarised by theme and segment: accepted entries only.
CREATE OR REPLACE VIEW reporting.fct_voice_theme WITH (security_invoker = true) AS
SELECT v.unit_id, v.segment_id, lower(t.theme) AS theme, count(*) AS entries, round(avg(v.sentiment), 2) AS average_sentiment,
       count(*) FILTER (WHERE v.sentiment < 0) AS negative, count(*) FILTER (WHERE v.sentiment > 0) AS positive,
       max(v.heard_on) AS last_heard_on
FROM mi.voice v CROSS JOIN LATERAL unnest(v.themes) AS t(theme)
WHERE v.state = 'accepted'
GROUP BY v.unit_id, v.segment_id, lower(t.theme);

COMMENT ON VIEW reporting.fct_voice_theme IS 'Voice of the customer by theme: accepted entries, average sentiment, negative and positive counts. Grain: one row per unit, segment and theme.';
COMMENT ON COLUMN reporting.fct_voice_theme.unit_id IS 'The unit that heard them (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_voice_theme.segment_id IS 'The segment (reporting.dim_segment); NULL for entries naming none.';
COMMENT ON COLUMN reporting.fct_voice_theme.theme IS 'The theme, in lower case.';
COMMENT ON COLUMN reporting.fct_voice_theme.entries IS 'Accepted entries touching it.';
COMMENT ON COLUMN reporting.fct_voice_theme.average_sentiment IS 'Their average sentiment, −2 to 2.';
COMMENT ON COLUMN reporting.fct_voice_theme.negative IS 'Entries with a negative sentiment.';
COMMENT ON COLUMN reporting.fct_voice_theme.positive IS 'Entries with a positive sentiment.';
COMMENT ON COLUMN reporting.fct_voice_theme.last_heard_on IS 'The latest entry''s date.';

GRANT SELECT ON reporting.fct_coverage, reporting.fct_market_size, reporting.fct_battlecard, reporting.fct_voice,
                reporting.fct_voice_theme TO mtl_bi, mtl_reader;
