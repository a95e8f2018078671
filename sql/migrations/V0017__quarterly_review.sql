-- V0017: the quarterly MSP review and the scheduler's other jobs (issue 6).
--   * mm.quarterly_review: one review per MSP and fiscal quarter, computed here from the MM and
--     DG data, with a status, its gaps and a draft plan for the next quarter; decided through an
--     approval request of kind 'quarterly_review' in the approvers' inbox.
--   * dg.lead_sla_flag: hand-offs flagged by the daily lead.sla_check job.
--   * a 'scheduler' capability for the login roles of worker processes.
--   * the schedules: a quarterly review per time zone (HQ and each region, at 06:00 local the day
--     after the quarter closes), kept as units are added; the daily SLA check.

-- Worker logins ---------------------------------------------------------------------------------

ALTER TABLE org.user_account DROP CONSTRAINT user_account_capability_check,
    ADD CONSTRAINT user_account_capability CHECK (capability IN ('reader', 'editor', 'approver', 'admin', 'bi', 'scheduler'));

-- As V0007, with 'scheduler': a worker's login, created at HQ by an HQ admin.
CREATE OR REPLACE FUNCTION org.create_user(user_name text, capability text, unit_code text,
                                           bu_code text DEFAULT NULL, password_verifier text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    home org.unit;
    bu bigint;
BEGIN
    PERFORM org.check_user_name(user_name);
    IF capability IS NULL OR capability NOT IN ('reader', 'editor', 'approver', 'admin', 'bi', 'scheduler') THEN
        RAISE EXCEPTION 'unknown role %', quote_literal(coalesce(capability, ''))
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use reader, editor, approver, admin, bi or scheduler.';
    END IF;
    home := org.require_admin_of(unit_code, 'create users');
    IF capability = 'scheduler' AND (home.parent_id IS NOT NULL OR bu_code IS NOT NULL) THEN
        RAISE EXCEPTION 'a scheduler login belongs to HQ for every BU'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use --unit HQ without --bu.';
    END IF;
    IF bu_code IS NOT NULL THEN
        SELECT b.id INTO bu FROM org.business_unit b WHERE b.code = bu_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown business unit %', bu_code
                USING ERRCODE = 'no_data_found', HINT = 'See the BUs with: mtl bu list';
        END IF;
    END IF;
    IF EXISTS (SELECT FROM pg_roles r WHERE r.rolname = user_name) THEN
        RAISE EXCEPTION 'a role named % already exists', quote_literal(user_name)
            USING ERRCODE = 'duplicate_object';
    END IF;
    IF password_verifier IS NOT NULL AND password_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the password must be given as a SCRAM-SHA-256 verifier, never as plain text'
            USING ERRCODE = 'invalid_password';
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE %I',
                   user_name, 'mtl_' || capability);
    IF password_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', user_name, password_verifier);
    END IF;
    INSERT INTO org.user_account (role_name, capability, home_unit_id, created_by)
    VALUES (user_name, capability, home.id, org.caller());
    INSERT INTO org.grant (role_name, unit_id, bu_id, granted_by)
    VALUES (user_name, home.id, bu, org.caller());
END
$$;

-- Time zones -------------------------------------------------------------------------------------

-- The unit whose clock a unit keeps: itself for HQ and regions, its region for a country.
CREATE FUNCTION org.time_zone_unit(unit_id bigint) RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT CASE WHEN u.time_zone IS NOT NULL THEN u.id ELSE u.parent_id END FROM org.unit u WHERE u.id = time_zone_unit.unit_id;
END;

-- Review settings ------------------------------------------------------------------------------

-- The thresholds of a review's status. The worst of three ratios (pipeline created / target,
-- leads / target, activities done / planned) below off_track_below is off track; below
-- at_risk_below, or spend beyond the budget by more than spend_tolerance, or any SLA breach, is
-- at risk; otherwise on track.
CREATE TABLE mm.review_setting (
    id               boolean PRIMARY KEY DEFAULT true CONSTRAINT review_setting_single_row CHECK (id),
    at_risk_below    numeric(4,3) NOT NULL DEFAULT 0.9 CHECK (at_risk_below BETWEEN 0 AND 1),
    off_track_below  numeric(4,3) NOT NULL DEFAULT 0.7 CHECK (off_track_below BETWEEN 0 AND 1),
    spend_tolerance  numeric(4,3) NOT NULL DEFAULT 0.05 CHECK (spend_tolerance BETWEEN 0 AND 1),
    CONSTRAINT review_thresholds CHECK (off_track_below <= at_risk_below)
);
INSERT INTO mm.review_setting DEFAULT VALUES;
COMMENT ON TABLE mm.review_setting IS 'Thresholds of the quarterly review status (one row).';

-- Reviews ----------------------------------------------------------------------------------------

CREATE TABLE mm.quarterly_review (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    msp_id             bigint NOT NULL,
    fiscal_year        integer NOT NULL,
    quarter            smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    fiscal_quarter     text NOT NULL GENERATED ALWAYS AS ('FY' || fiscal_year || '-Q' || quarter) STORED,
    unit_id            bigint NOT NULL,
    bu_id              bigint NOT NULL,
    currency           text NOT NULL,
    pipeline_target    numeric(18,2) NOT NULL,
    pipeline_created   numeric(18,2) NOT NULL,
    lead_target        integer NOT NULL,
    leads              integer NOT NULL,
    qualified_leads    integer NOT NULL,
    opportunities      integer NOT NULL,
    activities_planned integer NOT NULL,
    activities_done    integer NOT NULL,
    budget             numeric(18,2) NOT NULL,
    spend              numeric(18,2) NOT NULL,
    sla_breaches       integer NOT NULL,
    status             text NOT NULL CONSTRAINT review_status CHECK (status IN ('on_track', 'at_risk', 'off_track')),
    -- What falls short, one sentence each.
    gaps               text[] NOT NULL,
    -- The draft plan of the next quarter: that quarter's plan if there is one, else this one's
    -- carried forward. Written into the MSP's quarters when the review is approved.
    next_fiscal_year   integer NOT NULL,
    next_quarter       smallint NOT NULL,
    draft_plan         jsonb NOT NULL,
    -- submitted → approved / rejected, by the approval request.
    state              text NOT NULL DEFAULT 'submitted' CONSTRAINT review_state CHECK (state IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    job_id             bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by         name NOT NULL DEFAULT session_user,
    CONSTRAINT review_once UNIQUE (msp_id, fiscal_year, quarter),
    FOREIGN KEY (msp_id, unit_id, bu_id) REFERENCES mm.msp (id, unit_id, bu_id)
);
CREATE INDEX quarterly_review_unit_idx ON mm.quarterly_review (unit_id, fiscal_year, quarter);

COMMENT ON TABLE mm.quarterly_review IS 'Quarterly reviews of MSPs: the quarter''s figures against the plan, a status, the gaps and a draft of the next quarter''s plan; one per MSP and quarter.';

-- Computes the reviews of one closed fiscal quarter (e.g. 'FY2026-Q3') for the active MSPs of
-- that fiscal year in a unit's subtree (every unit when NULL); with by_time_zone, only in the
-- units that keep the given unit's clock (the schedule of that time zone). Quarter bounds are
-- local midnights of each plan's unit. Existing reviews are kept: running again creates nothing.
-- Each new review opens its approval request. Returns the reviews created.
--
-- SECURITY DEFINER so that one job reads every tenant's figures; it refuses anybody but a
-- scheduler login and HQ admins (checked on session_user: inside, current_user is the owner).
CREATE FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text DEFAULT NULL,
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
    m record;
    f record;
    act record;
    plan mm.msp_quarter;
    next_plan mm.msp_quarter;
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
                USING ERRCODE = 'no_data_found', HINT = 'See the units with: mtl org tree';
        END IF;
    END IF;
    SELECT * INTO settings FROM mm.review_setting;

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
        SELECT * INTO plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = fy AND x.quarter = q;
        SELECT * INTO next_plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = next_fy AND x.quarter = next_q;

        SELECT count(*)::integer AS leads,
               count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected'))::integer AS qualified,
               count(*) FILTER (WHERE l.pipeline_value IS NOT NULL)::integer AS opportunities,
               coalesce(sum(l.pipeline_value), 0)::numeric(18,2) AS pipeline,
               count(*) FILTER (WHERE l.sla_due_at IS NOT NULL
                                  AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at))::integer AS breaches
        INTO f
        FROM dg.lead l
        JOIN dg.activity a ON a.id = l.activity_id
        JOIN dg.programme g ON g.id = a.programme_id
        WHERE g.msp_id = m.id AND l.created_at >= m.starts AND l.created_at < m.ends;

        SELECT count(*) FILTER (WHERE a.state <> 'cancelled')::integer AS planned,
               count(*) FILTER (WHERE a.state = 'done')::integer AS done,
               coalesce(sum(a.actual_cost) FILTER (WHERE a.state = 'done'), 0)::numeric(18,2) AS spend
        INTO act
        FROM dg.activity a JOIN dg.programme g ON g.id = a.programme_id
        WHERE g.msp_id = m.id AND a.ends_on <@ days;

        -- The worst ratio of actual to target; a measure without a target does not count.
        ratio := least(CASE WHEN coalesce(plan.pipeline_target, 0) > 0 THEN f.pipeline / plan.pipeline_target END,
                       CASE WHEN coalesce(plan.lead_target, 0) > 0 THEN f.leads::numeric / plan.lead_target END,
                       CASE WHEN act.planned > 0 THEN act.done::numeric / act.planned END);
        gaps := '{}';
        IF f.pipeline < coalesce(plan.pipeline_target, 0) THEN
            gaps := gaps || format('pipeline %s of %s %s (%s%%)', f.pipeline, plan.pipeline_target, plan.currency,
                                   round(100 * f.pipeline / plan.pipeline_target));
        END IF;
        IF f.leads < coalesce(plan.lead_target, 0) THEN
            gaps := gaps || format('leads %s of %s (%s%%)', f.leads, plan.lead_target, round(100.0 * f.leads / plan.lead_target));
        END IF;
        IF act.done < act.planned THEN
            gaps := gaps || format('activities %s of %s done', act.done, act.planned);
        END IF;
        IF act.spend > coalesce(plan.budget, 0) * (1 + settings.spend_tolerance) THEN
            gaps := gaps || format('spend %s over a budget of %s %s', act.spend, coalesce(plan.budget, 0), coalesce(plan.currency, 'USD'));
        END IF;
        IF f.breaches > 0 THEN
            gaps := gaps || format('%s hand-off(s) past the acceptance SLA', f.breaches);
        END IF;
        new_status := CASE
            WHEN ratio < settings.off_track_below THEN 'off_track'
            WHEN ratio < settings.at_risk_below OR act.spend > coalesce(plan.budget, 0) * (1 + settings.spend_tolerance)
                 OR f.breaches > 0 THEN 'at_risk'
            ELSE 'on_track'
        END;

        INSERT INTO mm.quarterly_review (msp_id, fiscal_year, quarter, unit_id, bu_id, currency,
            pipeline_target, pipeline_created, lead_target, leads, qualified_leads, opportunities,
            activities_planned, activities_done, budget, spend, sla_breaches, status, gaps,
            next_fiscal_year, next_quarter, draft_plan, job_id)
        VALUES (m.id, fy, q, m.unit_id, m.bu_id, coalesce(plan.currency, 'USD'),
            coalesce(plan.pipeline_target, 0), f.pipeline, coalesce(plan.lead_target, 0), f.leads, f.qualified, f.opportunities,
            act.planned, act.done, coalesce(plan.budget, 0), act.spend, f.breaches, new_status, gaps,
            next_fy, next_q,
            jsonb_build_object(
                'source', CASE WHEN next_plan.msp_id IS NOT NULL THEN 'planned' ELSE 'carried_forward' END,
                'pipeline_target', coalesce(next_plan.pipeline_target, plan.pipeline_target, 0),
                'lead_target', coalesce(next_plan.lead_target, plan.lead_target, 0),
                'budget', coalesce(next_plan.budget, plan.budget, 0),
                'currency', coalesce(next_plan.currency, plan.currency, 'USD'),
                'headcount', coalesce(next_plan.headcount, plan.headcount, 0),
                'resources', coalesce(next_plan.resources, plan.resources, ''),
                'planned_programmes', coalesce(next_plan.planned_programmes, plan.planned_programmes, '')),
            job)
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

-- The fiscal quarter that closed last before a moment, in a time zone: the one before the quarter
-- of the local date (a quarterly schedule fires shortly after the close).
CREATE FUNCTION org.fiscal_quarter_closed_before(moment timestamptz, time_zone text) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT org.fiscal_quarter_label(lower(org.fiscal_quarter_dates(q.fiscal_year, q.quarter)) - 1)
    FROM org.fiscal_quarter_of((moment AT TIME ZONE time_zone)::date) q;
END;
GRANT EXECUTE ON FUNCTION org.fiscal_quarter_closed_before(timestamptz, text) TO mtl_scheduler, mtl_reader;

-- The quarter a scheduled review fired at `fire_at` reviews: the last one closed in the unit's
-- time zone (UTC without a unit). SECURITY DEFINER: the scheduler role reads no org tables.
CREATE FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamptz) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT org.fiscal_quarter_closed_before(fire_at,
               coalesce((SELECT org.unit_time_zone(u.id) FROM org.unit u WHERE u.code = unit_code), 'UTC'));
END;
REVOKE ALL ON FUNCTION mm.quarter_to_review(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mm.quarter_to_review(text, timestamptz) TO mtl_scheduler, mtl_admin;

-- Approval of reviews ------------------------------------------------------------------------------

-- As V0013, with reviews: a request of kind 'quarterly_review' must match a submitted review.
CREATE OR REPLACE FUNCTION mm.match_request_subject() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    subject_state text;
BEGIN
    IF NEW.kind = 'msp' THEN
        SELECT m.state, m.unit_id, m.bu_id INTO subject_state, NEW.unit_id, NEW.bu_id
        FROM mm.msp m WHERE m.id = NEW.subject_id;
    ELSIF NEW.kind = 'framework' THEN
        SELECT f.state, org.hq(), NULL INTO subject_state, NEW.unit_id, NEW.bu_id
        FROM mm.framework f WHERE f.id = NEW.subject_id;
    ELSIF NEW.kind = 'budget' THEN
        SELECT b.state, b.unit_id, b.bu_id INTO subject_state, NEW.unit_id, NEW.bu_id
        FROM dg.budget b WHERE b.id = NEW.subject_id;
    ELSIF NEW.kind = 'quarterly_review' THEN
        SELECT r.state, r.unit_id, r.bu_id INTO subject_state, NEW.unit_id, NEW.bu_id
        FROM mm.quarterly_review r WHERE r.id = NEW.subject_id;
    ELSE
        RETURN NEW;
    END IF;
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = 'A request is opened by submitting its subject, not by hand.';
    END IF;
    RETURN NEW;
END
$$;

-- As V0013, with reviews: the decision decides the review; an approved review writes its draft
-- plan into the MSP's next quarter when that quarter has no plan yet and is in the same year.
CREATE OR REPLACE FUNCTION mm.apply_request_outcome() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    outcome text := CASE NEW.state WHEN 'withdrawn' THEN 'draft' ELSE NEW.state END;
    programme_id bigint;
    review mm.quarterly_review;
BEGIN
    IF NEW.kind = 'msp' THEN
        UPDATE mm.msp SET state = outcome WHERE id = NEW.subject_id AND state = 'submitted';
    ELSIF NEW.kind = 'framework' THEN
        UPDATE mm.framework SET state = outcome WHERE id = NEW.subject_id AND state = 'submitted';
    ELSIF NEW.kind = 'budget' THEN
        UPDATE dg.budget b SET state = NEW.state WHERE b.id = NEW.subject_id AND b.state = 'submitted'
        RETURNING b.programme_id INTO programme_id;
        IF FOUND AND NEW.state = 'approved' THEN
            UPDATE dg.programme p SET state = 'approved' WHERE p.id = programme_id AND p.state = 'planned';
        END IF;
        RETURN NULL;
    ELSIF NEW.kind = 'quarterly_review' THEN
        UPDATE mm.quarterly_review r SET state = NEW.state WHERE r.id = NEW.subject_id AND r.state = 'submitted'
        RETURNING * INTO review;
        IF FOUND AND NEW.state = 'approved' AND review.next_fiscal_year = review.fiscal_year
           AND EXISTS (SELECT FROM mm.msp p WHERE p.id = review.msp_id AND p.state IN ('draft', 'approved', 'active')) THEN
            INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency,
                                        headcount, resources, planned_programmes)
            VALUES (review.msp_id, review.next_fiscal_year, review.next_quarter,
                    (review.draft_plan->>'pipeline_target')::numeric, (review.draft_plan->>'lead_target')::integer,
                    (review.draft_plan->>'budget')::numeric, review.draft_plan->>'currency',
                    (review.draft_plan->>'headcount')::numeric, review.draft_plan->>'resources',
                    review.draft_plan->>'planned_programmes')
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    ELSE
        RETURN NULL;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% % is not waiting for a decision', NEW.kind, NEW.subject_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

-- The SLA check -----------------------------------------------------------------------------------

CREATE TABLE dg.lead_sla_flag (
    lead_id    bigint PRIMARY KEY REFERENCES dg.lead (id),
    unit_id    bigint NOT NULL,
    bu_id      bigint,
    sla_due_at timestamptz NOT NULL,
    flagged_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE dg.lead_sla_flag IS 'Hand-offs found past their acceptance SLA by the daily lead.sla_check job (once per lead).';

-- Flags the hand-offs still waiting past their SLA. Returns how many were new.
CREATE FUNCTION dg.flag_sla_breaches() RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH flagged AS (
        INSERT INTO dg.lead_sla_flag (lead_id, unit_id, bu_id, sla_due_at)
        SELECT l.id, l.unit_id, l.bu_id, l.sla_due_at FROM dg.lead l
        WHERE l.state = 'handed_off' AND l.sla_due_at < now()
        ON CONFLICT (lead_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM flagged;
END;
REVOKE ALL ON FUNCTION dg.flag_sla_breaches() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dg.flag_sla_breaches() TO mtl_scheduler;

-- Security ----------------------------------------------------------------------------------------

SELECT org.secure_tenant_table('mm.quarterly_review', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.lead_sla_flag', 'unit_id', 'bu_id');
SELECT org.secure_reference_table('mm.review_setting');
-- Reviews and flags are written by the scheduler's functions only.
REVOKE INSERT, UPDATE, DELETE ON mm.quarterly_review, dg.lead_sla_flag FROM mtl_editor;
GRANT USAGE ON SCHEMA mm, dg TO mtl_scheduler;

-- Schedules ----------------------------------------------------------------------------------------

INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('lead.sla_check', 'Flag hand-offs past their acceptance SLA.', 'lead.sla_check', '0 7 * * *', 'UTC', 'fire_once');

-- One quarterly review schedule per clock (HQ and each region), created and kept in step with the
-- unit's time zone.
CREATE FUNCTION scheduler.keep_review_schedule() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.time_zone IS NOT NULL THEN
        INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
        VALUES ('msp.quarterly_review:' || lower(NEW.code),
                format('Review the active MSPs of %s and its countries after each fiscal quarter closes.', NEW.code),
                'msp.quarterly_review', jsonb_build_object('unit', NEW.code), 'quarter-close + 1 day 06:00',
                NEW.time_zone, 'fire_once', 10)
        ON CONFLICT (name) DO UPDATE SET time_zone = EXCLUDED.time_zone;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER unit_review_schedule AFTER INSERT OR UPDATE OF time_zone ON org.unit
    FOR EACH ROW EXECUTE FUNCTION scheduler.keep_review_schedule();
INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
SELECT 'msp.quarterly_review:' || lower(u.code),
       format('Review the active MSPs of %s and its countries after each fiscal quarter closes.', u.code),
       'msp.quarterly_review', jsonb_build_object('unit', u.code), 'quarter-close + 1 day 06:00', u.time_zone, 'fire_once', 10
FROM org.unit u WHERE u.time_zone IS NOT NULL;
