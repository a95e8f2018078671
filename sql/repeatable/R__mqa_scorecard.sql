-- MQA's scorecards (V0029): the refresh of the materialized aggregates, the job kind that runs
-- it, and the reporting views that expose them within the reader's scope.

-- Refreshes the scorecards' materialized views (CONCURRENTLY by default: readers keep reading the
-- old rows meanwhile) and records when. The scheduler's and HQ admins'; the owner's rights, since
-- only the owner may refresh or read them.
CREATE OR REPLACE FUNCTION mqa.refresh_scorecards(concurrent boolean DEFAULT true)
RETURNS TABLE (name text, seconds numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    view_name text;
    started timestamptz;
BEGIN
    IF NOT (pg_has_role(session_user, 'mtl_scheduler', 'MEMBER')
            OR (pg_has_role(session_user, 'mtl_admin', 'MEMBER')
                AND EXISTS (SELECT FROM org.grant g WHERE g.role_name = session_user AND g.unit_id = org.hq() AND g.bu_id IS NULL))) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins refresh the scorecards'
            USING ERRCODE = 'insufficient_privilege', HINT = 'The nightly scorecard.refresh job refreshes them, and so do imports and reviews.';
    END IF;
    FOREACH view_name IN ARRAY ARRAY['scorecard_activity', 'scorecard_lead'] LOOP
        started := clock_timestamp();
        IF concurrent THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY reporting_private.%I', view_name);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW reporting_private.%I', view_name);
        END IF;
        name := view_name;
        seconds := round(extract(epoch FROM clock_timestamp() - started)::numeric, 3);
        INSERT INTO reporting_private.refresh AS r (name, refreshed_at, seconds) VALUES (view_name, started, refresh_scorecards.seconds)
        ON CONFLICT ON CONSTRAINT refresh_pkey DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, seconds = EXCLUDED.seconds;
        RETURN NEXT;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION mqa.refresh_scorecards(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mqa.refresh_scorecards(boolean) TO mtl_scheduler, mtl_admin;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('scorecard.refresh', 'mqa', 'Refresh the scorecards'' materialized aggregates.', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;

-- A lead import or a quarterly review asks for a refresh: one job a minute later, at most one
-- waiting (its unique key), visible to workers once the import or review commits. SECURITY
-- DEFINER: people may not enqueue the scheduler's kinds themselves; this one asks for nothing
-- but a refresh.
CREATE OR REPLACE FUNCTION mqa.scorecard_stale() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM scheduler.insert_job('scorecard.refresh', '{}', 'default', 0::smallint, now() + interval '1 minute', 3,
                                 'after-change', false, session_user);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mqa.scorecard_stale() FROM PUBLIC;
CREATE OR REPLACE TRIGGER scorecard_stale AFTER INSERT ON dg.lead_import
    FOR EACH STATEMENT EXECUTE FUNCTION mqa.scorecard_stale();
CREATE OR REPLACE TRIGGER scorecard_stale AFTER INSERT ON mm.quarterly_review
    FOR EACH STATEMENT EXECUTE FUNCTION mqa.scorecard_stale();

-- The exposed scorecards. Not security_invoker: a reader with the rights to read a materialized
-- view directly could read every unit's rows, since PostgreSQL applies no row-level security to
-- one. So these views read it with the owner's rights and keep only the reader's scope, the same
-- condition as the policies' (org.scope_condition, built here from that one source), evaluated
-- for the reader (the functions in it run as the caller). security_barrier: no function of the
-- reader's sees a row before the scope does.
DO $$
DECLARE
    scope text := org.scope_condition('unit_id', 'bu_id', false);
BEGIN
    EXECUTE format($view$
        CREATE OR REPLACE VIEW reporting.fct_scorecard_activity WITH (security_barrier = true) AS
        SELECT s.* FROM (
            SELECT a.fiscal_year, a.quarter, format('FY%%s-Q%%s', a.fiscal_year, a.quarter) AS fiscal_quarter,
                   a.unit_id, a.bu_id, a.programme_id, a.activity_type, a.currency,
                   a.activities_planned, a.activities_done, a.invited, a.attended, a.cost_planned, a.cost_actual,
                   r.refreshed_at
            FROM reporting_private.scorecard_activity a
            LEFT JOIN reporting_private.refresh r ON r.name = 'scorecard_activity') s
        WHERE %s
        $view$, scope);
    EXECUTE format($view$
        CREATE OR REPLACE VIEW reporting.fct_scorecard_lead WITH (security_barrier = true) AS
        SELECT s.* FROM (
            SELECT l.fiscal_year, l.quarter, format('FY%%s-Q%%s', l.fiscal_year, l.quarter) AS fiscal_quarter,
                   l.unit_id, l.bu_id, l.programme_id, l.activity_type, l.industry, l.currency,
                   l.leads, l.qualified, l.opportunities, l.handed_off, l.accepted, l.rejected, l.sla_met, l.sla_breached,
                   l.pipeline, r.refreshed_at
            FROM reporting_private.scorecard_lead l
            LEFT JOIN reporting_private.refresh r ON r.name = 'scorecard_lead') s
        WHERE %s
        $view$, scope);
END
$$;

COMMENT ON VIEW reporting.fct_scorecard_activity IS 'Scorecard of activities, materialized (refreshed nightly and after imports and reviews; see refreshed_at). Grain: one row per fiscal quarter (of the activity''s last day), unit, BU, programme, activity type and currency.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.fiscal_year IS 'Fiscal year of the quarter the activities ended in.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.quarter IS 'Fiscal quarter within the year, 1–4.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.unit_id IS 'Where the activities took place (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_scorecard_activity.bu_id IS 'Their BU (reporting.dim_business_unit).';
COMMENT ON COLUMN reporting.fct_scorecard_activity.programme_id IS 'Their programme (reporting.dim_programme).';
COMMENT ON COLUMN reporting.fct_scorecard_activity.activity_type IS 'summit, exhibition, workshop, …: the activity mix.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.currency IS 'ISO 4217 currency of the costs (the programme''s).';
COMMENT ON COLUMN reporting.fct_scorecard_activity.activities_planned IS 'Activities not cancelled.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.activities_done IS 'Activities done.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.invited IS 'People invited to the activities not cancelled.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.attended IS 'People who attended the activities done.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.cost_planned IS 'Planned cost of the activities not cancelled, in currency.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.cost_actual IS 'Actual cost of the activities done, in currency.';
COMMENT ON COLUMN reporting.fct_scorecard_activity.refreshed_at IS 'When these figures were computed.';

COMMENT ON VIEW reporting.fct_scorecard_lead IS 'Scorecard of leads, materialized (refreshed nightly and after imports and reviews; see refreshed_at). Grain: one row per fiscal quarter (of creation, in the lead''s unit''s time zone), unit, BU, programme, activity type, industry and currency.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.fiscal_year IS 'Fiscal year of the quarter the leads were created in.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.quarter IS 'Fiscal quarter within the year, 1–4.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.unit_id IS 'The leads'' unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.bu_id IS 'Their BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.programme_id IS 'The programme of the activity they came from (NULL: from a channel).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.activity_type IS 'The type of the activity they came from (NULL: from a channel).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.industry IS 'The leads'' industry, as recorded.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.currency IS 'ISO 4217 currency of pipeline (NULL for leads without a pipeline value).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.leads IS 'Leads and opportunities created.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.qualified IS 'Of those, qualified or further (handed off, accepted, rejected).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.opportunities IS 'Of those, opportunities (raised by a key person).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.handed_off IS 'Of those, ever handed off to sales or a partner.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.accepted IS 'Of those, accepted by sales or the partner.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.rejected IS 'Of those, rejected.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.sla_met IS 'Hand-offs answered within their acceptance SLA.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.sla_breached IS 'Hand-offs answered late, or still waiting past the SLA when computed.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.pipeline IS 'Pipeline of the accepted ones, in currency.';
COMMENT ON COLUMN reporting.fct_scorecard_lead.refreshed_at IS 'When these figures were computed.';

GRANT SELECT ON reporting.fct_scorecard_activity, reporting.fct_scorecard_lead TO mtl_reader, mtl_bi;
