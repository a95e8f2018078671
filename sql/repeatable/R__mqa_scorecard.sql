-- MQA's scorecards (V0029): the refresh of the materialized aggregates, the job kind that runs
-- it, and the reporting views that expose them within the reader's scope.

-- Freezes, per unit, the last fiscal quarter closed in the unit's time zone, once: the unit's
-- rows of the just-refreshed materialized scorecards are stored (mqa.scorecard_snapshot) and the
-- quarter recorded as closed (mqa.quarter_close). Run at the end of each refresh, so a quarter is
-- frozen by the first refresh after it closes (nightly, or the one its review asks for).
CREATE OR REPLACE FUNCTION mqa.freeze_closed_quarters() RETURNS integer
LANGUAGE sql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH due AS (
        SELECT u.id AS unit_id, substr(c.label, 3, 4)::integer AS fiscal_year, substr(c.label, 9, 1)::smallint AS quarter
        FROM org.unit u
        CROSS JOIN LATERAL (SELECT org.fiscal_quarter_closed_before(now(), coalesce(org.unit_time_zone(u.id), 'UTC')) AS label) c
    ), closing AS (
        INSERT INTO mqa.quarter_close (unit_id, fiscal_year, quarter)
        SELECT d.unit_id, d.fiscal_year, d.quarter FROM due d
        ON CONFLICT ON CONSTRAINT quarter_close_pkey DO NOTHING
        RETURNING unit_id, fiscal_year, quarter
    ), activities AS (
        INSERT INTO mqa.scorecard_snapshot (source, fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, currency,
                                            activities_planned, activities_done, invited, attended, cost_planned, cost_actual)
        SELECT 'activity', a.fiscal_year, a.quarter, a.unit_id, a.bu_id, a.programme_id, a.activity_type, a.currency,
               a.activities_planned, a.activities_done, a.invited, a.attended, a.cost_planned, a.cost_actual
        FROM reporting_private.scorecard_activity a
        JOIN closing c ON c.unit_id = a.unit_id AND c.fiscal_year = a.fiscal_year AND c.quarter = a.quarter
        RETURNING 1
    ), leads AS (
        INSERT INTO mqa.scorecard_snapshot (source, fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, industry, currency,
                                            leads, qualified, opportunities, handed_off, accepted, rejected, sla_met, sla_breached, pipeline)
        SELECT 'lead', l.fiscal_year, l.quarter, l.unit_id, l.bu_id, l.programme_id, l.activity_type, l.industry, l.currency,
               l.leads, l.qualified, l.opportunities, l.handed_off, l.accepted, l.rejected, l.sla_met, l.sla_breached, l.pipeline
        FROM reporting_private.scorecard_lead l
        JOIN closing c ON c.unit_id = l.unit_id AND c.fiscal_year = l.fiscal_year AND c.quarter = l.quarter
        RETURNING 1
    )
    -- (The two INSERTs run whether or not the result mentions them.)
    SELECT count(*)::integer FROM closing;
END;
REVOKE ALL ON FUNCTION mqa.freeze_closed_quarters() FROM PUBLIC;

-- A frozen quarter is never changed or removed, not even by the owner.
CREATE OR REPLACE FUNCTION mqa.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A closed quarter''s scorecard stays as it was frozen; later changes show as restatements (reporting.fct_scorecard_restatement).';
END
$$;
CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON mqa.quarter_close
    FOR EACH STATEMENT EXECUTE FUNCTION mqa.refuse_change();
CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON mqa.scorecard_snapshot
    FOR EACH STATEMENT EXECUTE FUNCTION mqa.refuse_change();

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
    IF NOT mqa.acts_for_every_unit(session_user) THEN
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
    PERFORM mqa.freeze_closed_quarters();
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
                   r.refreshed_at, false AS frozen
            FROM reporting_private.scorecard_activity a
            LEFT JOIN reporting_private.refresh r ON r.name = 'scorecard_activity'
            WHERE NOT EXISTS (SELECT FROM mqa.quarter_close c
                              WHERE c.unit_id = a.unit_id AND c.fiscal_year = a.fiscal_year AND c.quarter = a.quarter)
            UNION ALL
            SELECT f.fiscal_year, f.quarter, format('FY%%s-Q%%s', f.fiscal_year, f.quarter),
                   f.unit_id, f.bu_id, f.programme_id, f.activity_type, f.currency,
                   f.activities_planned, f.activities_done, f.invited, f.attended, f.cost_planned, f.cost_actual,
                   c.closed_at, true
            FROM mqa.scorecard_snapshot f
            JOIN mqa.quarter_close c ON c.unit_id = f.unit_id AND c.fiscal_year = f.fiscal_year AND c.quarter = f.quarter
            WHERE f.source = 'activity') s
        WHERE %s
        $view$, scope);
    EXECUTE format($view$
        CREATE OR REPLACE VIEW reporting.fct_scorecard_lead WITH (security_barrier = true) AS
        SELECT s.* FROM (
            SELECT l.fiscal_year, l.quarter, format('FY%%s-Q%%s', l.fiscal_year, l.quarter) AS fiscal_quarter,
                   l.unit_id, l.bu_id, l.programme_id, l.activity_type, l.industry, l.currency,
                   l.leads, l.qualified, l.opportunities, l.handed_off, l.accepted, l.rejected, l.sla_met, l.sla_breached,
                   l.pipeline, r.refreshed_at, false AS frozen
            FROM reporting_private.scorecard_lead l
            LEFT JOIN reporting_private.refresh r ON r.name = 'scorecard_lead'
            WHERE NOT EXISTS (SELECT FROM mqa.quarter_close c
                              WHERE c.unit_id = l.unit_id AND c.fiscal_year = l.fiscal_year AND c.quarter = l.quarter)
            UNION ALL
            SELECT f.fiscal_year, f.quarter, format('FY%%s-Q%%s', f.fiscal_year, f.quarter),
                   f.unit_id, f.bu_id, f.programme_id, f.activity_type, f.industry, f.currency,
                   f.leads, f.qualified, f.opportunities, f.handed_off, f.accepted, f.rejected, f.sla_met, f.sla_breached,
                   f.pipeline, c.closed_at, true
            FROM mqa.scorecard_snapshot f
            JOIN mqa.quarter_close c ON c.unit_id = f.unit_id AND c.fiscal_year = f.fiscal_year AND c.quarter = f.quarter
            WHERE f.source = 'lead') s
        WHERE %s
        $view$, scope);
    -- What changed in a frozen quarter since it was frozen: the live figures against the frozen
    -- ones, key by key (a key only on one side counts as zero on the other).
    EXECUTE format($view$
        CREATE OR REPLACE VIEW reporting.fct_scorecard_restatement WITH (security_barrier = true) AS
        SELECT s.* FROM (
            WITH live AS (
                SELECT 'activity'::text AS source, a.fiscal_year, a.quarter, a.unit_id, a.bu_id, a.programme_id, a.activity_type,
                       NULL::text AS industry, a.currency, a.activities_done, a.cost_actual, 0 AS leads, 0 AS accepted, 0::numeric AS pipeline
                FROM reporting_private.scorecard_activity a
                JOIN mqa.quarter_close c ON c.unit_id = a.unit_id AND c.fiscal_year = a.fiscal_year AND c.quarter = a.quarter
                UNION ALL
                SELECT 'lead', l.fiscal_year, l.quarter, l.unit_id, l.bu_id, l.programme_id, l.activity_type, l.industry, l.currency,
                       0, 0, l.leads, l.accepted, l.pipeline
                FROM reporting_private.scorecard_lead l
                JOIN mqa.quarter_close c ON c.unit_id = l.unit_id AND c.fiscal_year = l.fiscal_year AND c.quarter = l.quarter
            ), frozen AS (
                SELECT f.source, f.fiscal_year, f.quarter, f.unit_id, f.bu_id, f.programme_id, f.activity_type, f.industry, f.currency,
                       f.activities_done, f.cost_actual, f.leads, f.accepted, f.pipeline
                FROM mqa.scorecard_snapshot f
            )
            SELECT coalesce(v.source, f.source) AS source, coalesce(v.fiscal_year, f.fiscal_year) AS fiscal_year,
                   coalesce(v.quarter, f.quarter) AS quarter,
                   format('FY%%s-Q%%s', coalesce(v.fiscal_year, f.fiscal_year), coalesce(v.quarter, f.quarter)) AS fiscal_quarter,
                   coalesce(v.unit_id, f.unit_id) AS unit_id, coalesce(v.bu_id, f.bu_id) AS bu_id,
                   coalesce(v.programme_id, f.programme_id) AS programme_id, coalesce(v.activity_type, f.activity_type) AS activity_type,
                   coalesce(v.industry, f.industry) AS industry, coalesce(v.currency, f.currency) AS currency,
                   coalesce(v.activities_done, 0) - coalesce(f.activities_done, 0) AS activities_done_change,
                   coalesce(v.cost_actual, 0) - coalesce(f.cost_actual, 0) AS cost_actual_change,
                   coalesce(v.leads, 0) - coalesce(f.leads, 0) AS leads_change,
                   coalesce(v.accepted, 0) - coalesce(f.accepted, 0) AS accepted_change,
                   coalesce(v.pipeline, 0) - coalesce(f.pipeline, 0) AS pipeline_change
            FROM live v
            FULL JOIN frozen f
              ON f.source = v.source AND f.fiscal_year = v.fiscal_year AND f.quarter = v.quarter AND f.unit_id = v.unit_id
             AND coalesce(f.bu_id, -1) = coalesce(v.bu_id, -1) AND coalesce(f.programme_id, -1) = coalesce(v.programme_id, -1)
             AND coalesce(f.activity_type, '') = coalesce(v.activity_type, '') AND coalesce(f.industry, '') = coalesce(v.industry, '')
             AND coalesce(f.currency, '') = coalesce(v.currency, '')
        ) s
        WHERE (s.activities_done_change <> 0 OR s.cost_actual_change <> 0 OR s.leads_change <> 0 OR s.accepted_change <> 0
               OR s.pipeline_change <> 0) AND %s
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
COMMENT ON COLUMN reporting.fct_scorecard_activity.refreshed_at IS 'When these figures were computed (for a frozen quarter: when it was frozen).';
COMMENT ON COLUMN reporting.fct_scorecard_activity.frozen IS 'True: a closed quarter''s figures as frozen at its close; what changed since is in reporting.fct_scorecard_restatement.';

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
COMMENT ON COLUMN reporting.fct_scorecard_lead.refreshed_at IS 'When these figures were computed (for a frozen quarter: when it was frozen).';
COMMENT ON COLUMN reporting.fct_scorecard_lead.frozen IS 'True: a closed quarter''s figures as frozen at its close; what changed since is in reporting.fct_scorecard_restatement.';

COMMENT ON VIEW reporting.fct_scorecard_restatement IS 'Restatements: how the figures of a frozen (closed) quarter differ now from what was frozen at its close, from late data. Grain: one row per source (activity or lead), fiscal quarter, unit, BU, programme, activity type, industry and currency that changed.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.source IS 'activity (the activity figures) or lead (the lead figures).';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.fiscal_year IS 'Fiscal year of the frozen quarter.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.quarter IS 'The frozen fiscal quarter within its year, 1–4.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.fiscal_quarter IS 'The frozen quarter, such as FY2027-Q2.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.unit_id IS 'The unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.bu_id IS 'The BU (reporting.dim_business_unit), if any.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.programme_id IS 'The programme (reporting.dim_programme), if any.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.activity_type IS 'The activity type, if any.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.industry IS 'The leads'' industry (lead figures only).';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.currency IS 'ISO 4217 currency of the amounts of this row.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.activities_done_change IS 'Activities done now minus frozen.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.cost_actual_change IS 'Actual cost now minus frozen, in currency.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.leads_change IS 'Leads now minus frozen.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.accepted_change IS 'Accepted leads now minus frozen.';
COMMENT ON COLUMN reporting.fct_scorecard_restatement.pipeline_change IS 'Pipeline now minus frozen, in currency.';

GRANT SELECT ON reporting.fct_scorecard_activity, reporting.fct_scorecard_lead, reporting.fct_scorecard_restatement TO mtl_reader, mtl_bi;

-- Report packs (V0032) -------------------------------------------------------------------------

-- Stores a rendered pack once per region and quarter (a job run again stores nothing new).
-- SECURITY DEFINER: people may not write packs; the scheduler's only.
CREATE OR REPLACE FUNCTION mqa.store_pack(unit_code text, fiscal_year integer, quarter integer, title text, html text, job bigint)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    stored bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'mtl_scheduler', 'MEMBER') THEN
        RAISE EXCEPTION 'only the scheduler stores report packs' USING ERRCODE = 'insufficient_privilege',
            HINT = 'Each region''s pack is rendered after its quarter closes (schedule report.quarterly_pack:<region>).';
    END IF;
    INSERT INTO mqa.report_pack (unit_id, fiscal_year, quarter, title, html, job_id)
    SELECT u.id, store_pack.fiscal_year, store_pack.quarter, store_pack.title, store_pack.html, store_pack.job
    FROM org.unit u WHERE u.code = store_pack.unit_code
    ON CONFLICT ON CONSTRAINT report_pack_once DO NOTHING
    RETURNING id INTO stored;
    RETURN stored;
END
$$;
REVOKE ALL ON FUNCTION mqa.store_pack(text, integer, integer, text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mqa.store_pack(text, integer, integer, text, text, bigint) TO mtl_scheduler;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('report.quarterly_pack', 'mqa', 'Render and store a region''s quarterly report pack (the scorecard of the quarter just closed).', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;

-- A new region gets its pack schedule, on its own clock, as it gets its review schedule.
CREATE OR REPLACE FUNCTION mqa.keep_pack_schedule() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.kind = 'region' AND NEW.time_zone IS NOT NULL THEN
        INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
        VALUES ('report.quarterly_pack:' || lower(NEW.code),
                format('Render and store %s''s quarterly report pack after each fiscal quarter closes.', NEW.code),
                'report.quarterly_pack', jsonb_build_object('unit', NEW.code), 'quarter-close + 1 day 07:00', NEW.time_zone, 'fire_once', 5)
        ON CONFLICT (name) DO UPDATE SET time_zone = EXCLUDED.time_zone;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mqa.keep_pack_schedule() FROM PUBLIC;
CREATE OR REPLACE TRIGGER unit_pack_schedule AFTER INSERT OR UPDATE OF time_zone ON org.unit
    FOR EACH ROW EXECUTE FUNCTION mqa.keep_pack_schedule();
