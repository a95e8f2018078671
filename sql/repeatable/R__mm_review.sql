-- The quarterly MSP review (mm.quarterly_review): computed here from the MM and DG data, run by
-- the msp.quarterly_review job (or `mtl review run` as an HQ admin), decided through an approval
-- request of kind 'quarterly_review'.

-- Computes the reviews of one closed fiscal quarter (e.g. 'FY2026-Q3') for the active MSPs of
-- that fiscal year in a unit's subtree (every unit when NULL); with by_time_zone, only in the
-- units that keep the given unit's clock (the schedule of that time zone). Quarter bounds are
-- local midnights of each plan's unit. Existing reviews are kept: running again creates nothing.
-- Each new review opens its approval request. Returns the reviews created.
--
-- A review counts only what belongs to its MSP: leads and activities of the programmes serving
-- it, in the MSP's unit or below, of its BU. A quarter the MSP did not plan is reported as
-- no_plan (figures in the currency of the MSP's plans), and its draft of the next quarter comes
-- only from a real plan: the next quarter's own, else this quarter's carried forward, else none.
-- The review records who asked for it: the job's requester, or the caller.
--
-- SECURITY DEFINER so that one job reads every tenant's figures; it refuses anybody but a
-- scheduler login and HQ admins (checked on session_user: inside, current_user is the owner).
CREATE OR REPLACE FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text DEFAULT NULL,
                                                   by_time_zone boolean DEFAULT false, job bigint DEFAULT NULL)
RETURNS SETOF bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fy integer;
    q integer;
    days daterange;
    scope_unit org.unit;
    settings mm.review_setting;
    asked_by name;
    m record;
    f record;
    act record;
    plan mm.msp_quarter;
    next_plan mm.msp_quarter;
    source_plan mm.msp_quarter;
    plan_currency text;
    next_fy integer;
    next_q integer;
    ratio numeric;
    new_status text;
    gaps text[];
    new_id bigint;
BEGIN
    IF NOT (pg_has_role(session_user, 'mtl_scheduler', 'MEMBER')
            OR (pg_has_role(session_user, 'mtl_admin', 'MEMBER')
                AND EXISTS (SELECT FROM org.grant g WHERE g.role_name = session_user AND g.unit_id = org.hq() AND g.bu_id IS NULL))) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins run quarterly reviews'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF fiscal_quarter !~ '^FY\d{4}-Q[1-4]$' THEN
        RAISE EXCEPTION 'quarter % is not like FY2026-Q3', quote_literal(fiscal_quarter)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    fy := substr(fiscal_quarter, 3, 4)::integer;
    q := substr(fiscal_quarter, 9, 1)::integer;
    days := org.fiscal_quarter_dates(fy, q);
    SELECT * INTO next_fy, next_q FROM org.fiscal_quarter_next(fy, q);
    IF unit_code IS NOT NULL THEN
        SELECT * INTO scope_unit FROM org.unit u WHERE u.code = unit_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown unit %', quote_literal(unit_code)
                USING ERRCODE = 'no_data_found', HINT = 'See the units with: mtl org list';
        END IF;
    END IF;
    SELECT * INTO settings FROM mm.review_setting;
    -- A job's requester counts for the scheduler's own runs only: a person cannot credit a review
    -- to someone else by naming their job.
    asked_by := CASE WHEN pg_has_role(session_user, 'mtl_scheduler', 'MEMBER')
                     THEN coalesce((SELECT j.requested_by FROM scheduler.job j WHERE j.id = job), org.caller())
                     ELSE org.caller() END;

    FOR m IN
        SELECT p.id, p.unit_id, p.bu_id, u.code AS unit, s.code AS segment,
               upper(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') <= now() AS closed,
               lower(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') AS starts,
               upper(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') AS ends
        FROM mm.msp p
        JOIN org.unit u ON u.id = p.unit_id
        JOIN mm.segment s ON s.id = p.segment_id
        WHERE p.state = 'active' AND p.fiscal_year = fy
          AND (scope_unit.id IS NULL
               OR (by_time_zone AND org.time_zone_unit(p.unit_id) = scope_unit.id)
               OR (NOT by_time_zone AND u.path @> ARRAY[scope_unit.id]))
          AND NOT EXISTS (SELECT FROM mm.quarterly_review r WHERE r.msp_id = p.id AND r.fiscal_year = fy AND r.quarter = q)
        ORDER BY p.id
    LOOP
        IF NOT m.closed THEN
            RAISE EXCEPTION '% has not closed yet in %''s time zone (it ends at %)', fiscal_quarter, m.unit, m.ends
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Review a quarter once it has closed.';
        END IF;
        plan := NULL;
        next_plan := NULL;
        SELECT * INTO plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = fy AND x.quarter = q;
        SELECT * INTO next_plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = next_fy AND x.quarter = next_q;
        -- The currency of the MSP's plans (an active MSP has at least one quarter planned).
        plan_currency := coalesce(plan.currency, next_plan.currency,
                                  (SELECT x.currency FROM mm.msp_quarter x WHERE x.msp_id = m.id
                                   ORDER BY abs((x.fiscal_year * 4 + x.quarter) - (fy * 4 + q)), x.fiscal_year, x.quarter LIMIT 1));

        SELECT count(*)::integer AS leads,
               count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected'))::integer AS qualified,
               count(*) FILTER (WHERE l.pipeline_value IS NOT NULL)::integer AS opportunities,
               coalesce(sum(l.pipeline_value), 0)::numeric(18,2) AS pipeline,
               count(*) FILTER (WHERE l.sla_due_at IS NOT NULL
                                  AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at))::integer AS breaches
        INTO f
        FROM dg.lead l
        JOIN org.unit lu ON lu.id = l.unit_id
        JOIN dg.activity a ON a.id = l.activity_id
        JOIN dg.programme g ON g.id = a.programme_id
        WHERE g.msp_id = m.id AND l.created_at >= m.starts AND l.created_at < m.ends
          AND lu.path @> ARRAY[m.unit_id] AND (l.bu_id IS NULL OR l.bu_id = m.bu_id);

        SELECT count(*) FILTER (WHERE a.state <> 'cancelled')::integer AS planned,
               count(*) FILTER (WHERE a.state = 'done')::integer AS done,
               coalesce(sum(a.actual_cost) FILTER (WHERE a.state = 'done'), 0)::numeric(18,2) AS spend
        INTO act
        FROM dg.activity a
        JOIN dg.programme g ON g.id = a.programme_id
        JOIN org.unit au ON au.id = a.unit_id
        WHERE g.msp_id = m.id AND a.ends_on <@ days AND au.path @> ARRAY[m.unit_id] AND a.bu_id = m.bu_id;

        gaps := '{}';
        IF plan.msp_id IS NULL THEN
            new_status := 'no_plan';
            gaps := gaps || format('no plan for %s: pipeline %s %s, %s lead(s), %s of %s activities done, spend %s %s',
                                   fiscal_quarter, f.pipeline, plan_currency, f.leads, act.done, act.planned, act.spend, plan_currency);
        ELSE
            -- The worst ratio of actual to target; a measure without a target does not count.
            ratio := least(CASE WHEN plan.pipeline_target > 0 THEN f.pipeline / plan.pipeline_target END,
                           CASE WHEN plan.lead_target > 0 THEN f.leads::numeric / plan.lead_target END,
                           CASE WHEN act.planned > 0 THEN act.done::numeric / act.planned END);
            IF f.pipeline < plan.pipeline_target THEN
                gaps := gaps || format('pipeline %s of %s %s (%s%%)', f.pipeline, plan.pipeline_target, plan.currency,
                                       round(100 * f.pipeline / plan.pipeline_target));
            END IF;
            IF f.leads < plan.lead_target THEN
                gaps := gaps || format('leads %s of %s (%s%%)', f.leads, plan.lead_target, round(100.0 * f.leads / plan.lead_target));
            END IF;
            IF act.done < act.planned THEN
                gaps := gaps || format('activities %s of %s done', act.done, act.planned);
            END IF;
            IF act.spend > plan.budget * (1 + settings.spend_tolerance) THEN
                gaps := gaps || format('spend %s over a budget of %s %s', act.spend, plan.budget, plan.currency);
            END IF;
            IF f.breaches > 0 THEN
                gaps := gaps || format('%s hand-off(s) past the acceptance SLA', f.breaches);
            END IF;
            new_status := CASE
                WHEN ratio < settings.off_track_below THEN 'off_track'
                WHEN ratio < settings.at_risk_below OR act.spend > plan.budget * (1 + settings.spend_tolerance)
                     OR f.breaches > 0 THEN 'at_risk'
                ELSE 'on_track'
            END;
        END IF;
        source_plan := CASE WHEN next_plan.msp_id IS NOT NULL THEN next_plan ELSE plan END;

        INSERT INTO mm.quarterly_review (msp_id, fiscal_year, quarter, unit_id, bu_id, currency,
            pipeline_target, pipeline_created, lead_target, leads, qualified_leads, opportunities,
            activities_planned, activities_done, budget, spend, sla_breaches, status, gaps,
            next_fiscal_year, next_quarter, draft_plan, job_id, requested_by)
        VALUES (m.id, fy, q, m.unit_id, m.bu_id, plan_currency,
            coalesce(plan.pipeline_target, 0), f.pipeline, coalesce(plan.lead_target, 0), f.leads, f.qualified, f.opportunities,
            act.planned, act.done, coalesce(plan.budget, 0), act.spend, f.breaches, new_status, gaps,
            next_fy, next_q,
            CASE WHEN source_plan.msp_id IS NOT NULL THEN jsonb_build_object(
                'source', CASE WHEN next_plan.msp_id IS NOT NULL THEN 'planned' ELSE 'carried_forward' END,
                'pipeline_target', source_plan.pipeline_target,
                'lead_target', source_plan.lead_target,
                'budget', source_plan.budget,
                'currency', source_plan.currency,
                'headcount', source_plan.headcount,
                'resources', source_plan.resources,
                'planned_programmes', source_plan.planned_programmes) END,
            job, asked_by)
        ON CONFLICT ON CONSTRAINT review_once DO NOTHING
        RETURNING id INTO new_id;
        IF new_id IS NOT NULL THEN
            INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
            VALUES ('quarterly_review', new_id, m.unit_id, m.bu_id,
                    format('Quarterly review %s %s/%s: %s', fiscal_quarter, m.unit, m.segment, replace(new_status, '_', ' ')));
            RETURN NEXT new_id;
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION mm.run_quarterly_review(text, text, boolean, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mm.run_quarterly_review(text, text, boolean, bigint) TO mtl_scheduler, mtl_admin;

-- Who may ask for a review (scheduler.enqueue calls this for people; the scheduler's firings
-- need no check): admins whose grants cover, for every BU, HQ or a region, for units in that
-- scope; without a unit, HQ admins only. Arguments: quarter (FY2026-Q3) and unit (a code); any
-- other key is refused. Returns the arguments to store.
CREATE OR REPLACE FUNCTION mm.check_quarterly_review_job(args jsonb, caller name) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    extra text;
    quarter text := args ->> 'quarter';
    unit_code text := args ->> 'unit';
    target bigint;
    scope bigint[];
BEGIN
    SELECT string_agg(k, ', ' ORDER BY k) INTO extra FROM jsonb_object_keys(args) k WHERE k NOT IN ('quarter', 'unit');
    IF extra IS NOT NULL THEN
        RAISE EXCEPTION 'msp.quarterly_review takes the arguments quarter and unit, not %', extra
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF quarter IS NULL OR quarter !~ '^FY\d{4}-Q[1-4]$' OR jsonb_typeof(args -> 'quarter') <> 'string' THEN
        RAISE EXCEPTION 'msp.quarterly_review needs a quarter like FY2026-Q3'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF unit_code IS NOT NULL AND jsonb_typeof(args -> 'unit') <> 'string' THEN
        RAISE EXCEPTION 'msp.quarterly_review: unit is a unit code such as EMEA' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    scope := CASE WHEN pg_has_role(caller, 'mtl_admin', 'MEMBER') THEN
        org.subtree(ARRAY(SELECT g.unit_id FROM org.grant g JOIN org.unit u ON u.id = g.unit_id
                          WHERE g.bu_id IS NULL AND u.kind IN ('hq', 'region')
                            AND pg_has_role(caller, to_regrole(quote_ident(g.role_name)), 'MEMBER')))
        ELSE '{}' END;
    IF unit_code IS NULL THEN
        target := org.hq();
    ELSE
        SELECT u.id INTO target FROM org.unit u WHERE u.code = unit_code;
    END IF;
    IF target IS NULL OR NOT target = ANY (scope) THEN
        RAISE EXCEPTION 'permission denied: % may not ask for quarterly reviews of %', caller, coalesce(unit_code, 'every unit')
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'HQ and region admins ask for the reviews of the units they cover; the schedules run the rest.';
    END IF;
    RETURN jsonb_strip_nulls(jsonb_build_object('quarter', quarter, 'unit', unit_code));
END
$$;
REVOKE ALL ON FUNCTION mm.check_quarterly_review_job(jsonb, name) FROM PUBLIC;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('msp.quarterly_review', 'mm', 'Review the active MSPs of a closed fiscal quarter.',
        'check_quarterly_review_job')
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;
