-- V0029: scorecards (issue 18, MQA): exchange rates kept by HQ, and the scorecards' heavy
-- aggregates as materialized views in a private schema. PostgreSQL applies no row-level
-- security to a materialized view, so nobody but the owner may read them: people and BI read
-- them only through the reporting views (R__mqa_scorecard.sql), which keep the reader's scope.

-- Exchange rates: how many units of to_currency one unit of currency was worth in a fiscal
-- quarter. A scorecard converts with the rate of the figure's own quarter; without one, the
-- figure is missing, never zero.
CREATE TABLE org.fx_rate (
    currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    to_currency text NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    quarter     smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    rate        numeric(20,10) NOT NULL CHECK (rate > 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  name NOT NULL DEFAULT session_user,
    PRIMARY KEY (currency, to_currency, fiscal_year, quarter),
    CONSTRAINT fx_rate_two_currencies CHECK (currency <> to_currency)
);
COMMENT ON TABLE org.fx_rate IS 'Exchange rates kept by HQ: one currency in another, per fiscal quarter; a figure without a rate is missing, not zero.';
SELECT org.secure_reference_table('org.fx_rate');
SELECT org.protect_system_columns('org.fx_rate');
CREATE TRIGGER fx_rate_stamp BEFORE UPDATE ON org.fx_rate
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');

-- The private home of materialized aggregates: the owner's alone (no USAGE for anyone else).
CREATE SCHEMA reporting_private AUTHORIZATION mtl_owner;
REVOKE ALL ON SCHEMA reporting_private FROM PUBLIC;

-- When each materialized view was last refreshed (by mqa.refresh_scorecards).
CREATE TABLE reporting_private.refresh (
    name         name PRIMARY KEY,
    refreshed_at timestamptz NOT NULL,
    seconds      numeric(10,3) NOT NULL
);

-- Activities per fiscal quarter of their last day, unit, BU, programme, type and currency.
CREATE MATERIALIZED VIEW reporting_private.scorecard_activity AS
SELECT q.fiscal_year, q.quarter::smallint AS quarter, a.unit_id, a.bu_id, a.programme_id, a.type AS activity_type, p.currency,
       count(*) FILTER (WHERE a.state <> 'cancelled')::integer AS activities_planned,
       count(*) FILTER (WHERE a.state = 'done')::integer AS activities_done,
       coalesce(sum(a.invited) FILTER (WHERE a.state <> 'cancelled'), 0)::bigint AS invited,
       coalesce(sum(a.attended) FILTER (WHERE a.state = 'done'), 0)::bigint AS attended,
       coalesce(sum(a.planned_cost) FILTER (WHERE a.state <> 'cancelled'), 0)::numeric(18,2) AS cost_planned,
       coalesce(sum(a.actual_cost) FILTER (WHERE a.state = 'done'), 0)::numeric(18,2) AS cost_actual
FROM dg.activity a
JOIN dg.programme p ON p.id = a.programme_id
CROSS JOIN LATERAL org.fiscal_quarter_of(a.ends_on) q
GROUP BY 1, 2, 3, 4, 5, 6, 7;
CREATE UNIQUE INDEX scorecard_activity_key ON reporting_private.scorecard_activity
    (fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, currency) NULLS NOT DISTINCT;

-- Leads per fiscal quarter of their creation (in their unit's time zone), unit, BU, programme
-- and type of the activity they came from (none for a channel's), industry and currency.
CREATE MATERIALIZED VIEW reporting_private.scorecard_lead AS
WITH dated AS (
    SELECT l.*, (l.created_at AT TIME ZONE coalesce(u.time_zone, p.time_zone, 'UTC'))::date AS local_day
    FROM dg.lead l
    JOIN org.unit u ON u.id = l.unit_id
    LEFT JOIN org.unit p ON p.id = u.parent_id
),
-- One fiscal_quarter_of call per month, not per lead.
months AS (
    SELECT m::date AS month, q.fiscal_year, q.quarter
    FROM generate_series((SELECT date_trunc('month', min(local_day)) FROM dated), (SELECT max(local_day) FROM dated), interval '1 month') m
    CROSS JOIN LATERAL org.fiscal_quarter_of(m::date) q
)
SELECT m.fiscal_year, m.quarter::smallint AS quarter, l.unit_id, l.bu_id, a.programme_id, a.type AS activity_type,
       l.industry, l.currency,
       count(*)::integer AS leads,
       count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected'))::integer AS qualified,
       count(*) FILTER (WHERE l.classification = 'opportunity')::integer AS opportunities,
       count(*) FILTER (WHERE l.handed_off_at IS NOT NULL)::integer AS handed_off,
       count(*) FILTER (WHERE l.state = 'accepted')::integer AS accepted,
       count(*) FILTER (WHERE l.state = 'rejected')::integer AS rejected,
       count(*) FILTER (WHERE l.responded_at IS NOT NULL AND l.responded_at <= l.sla_due_at)::integer AS sla_met,
       count(*) FILTER (WHERE l.sla_due_at IS NOT NULL
                          AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at))::integer AS sla_breached,
       coalesce(sum(l.pipeline_value), 0)::numeric(18,2) AS pipeline
FROM dated l
JOIN months m ON m.month = date_trunc('month', l.local_day)::date
LEFT JOIN dg.activity a ON a.id = l.activity_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
CREATE UNIQUE INDEX scorecard_lead_key ON reporting_private.scorecard_lead
    (fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, industry, currency) NULLS NOT DISTINCT;

INSERT INTO reporting_private.refresh (name, refreshed_at, seconds)
VALUES ('scorecard_activity', now(), 0), ('scorecard_lead', now(), 0);

-- The daily refresh (the job kind scorecard.refresh, R__mqa_scorecard.sql); imports and reviews
-- ask for one too.
INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('scorecard.refresh', 'Refresh the scorecards'' materialized aggregates.', 'scorecard.refresh', '0 2 * * *', 'UTC', 'fire_once');
