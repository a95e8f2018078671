-- V0020: closing the holes found from the outside (issue 15): the tables, columns, privileges and
-- data of the fixes. The functions and triggers that enforce them live in the repeatable files
-- (sql/repeatable/R__*.sql), one definition each.
--
--   * System columns (ids, who and when, state stamps) are set by the database: no person's role
--     may insert or update them (org.protect_system_columns), and rows of a table with a state
--     machine start in its first state (people cannot insert the state column).
--   * Job kinds are registered (scheduler.job_kind) with who may enqueue them; a job records who
--     asked for it (requested_by), and so does the review it made.
--   * Firings belong to the scheduler: people cannot write them.
--   * BI logins carry their own limits (role settings are not inherited from mtl_bi); V0021 takes
--     their temporary tables away.

-- Stamps ------------------------------------------------------------------------------------------

-- Sets the "when" column (TG_ARGV[0]) and, if given, the "who" column (TG_ARGV[1]) of a row that
-- changes: a BEFORE UPDATE trigger of tables whose stamps people cannot set.
CREATE FUNCTION org.stamp_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_NARGS > 1 THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now(), TG_ARGV[1], session_user));
    ELSE
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now()));
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER segment_score_stamp BEFORE UPDATE ON mm.segment_score
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('scored_at', 'scored_by');
CREATE TRIGGER segment_gap_stamp BEFORE UPDATE ON mm.segment_gap
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');
CREATE TRIGGER fiscal_calendar_stamp BEFORE UPDATE ON org.fiscal_calendar
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');
CREATE TRIGGER lead_setting_stamp BEFORE UPDATE ON dg.lead_setting
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');

-- Programmes ------------------------------------------------------------------------------------------

-- A programme planned by mistake can be withdrawn before it runs: a cancelled end state, with a
-- reason. Programme names are unique within a unit, BU and fiscal year (case-insensitive; per
-- BU, so that the index tells a BU-limited editor nothing of another BU's programmes).
ALTER TABLE dg.programme ADD COLUMN cancel_reason text,
    DROP CONSTRAINT programme_state,
    ADD CONSTRAINT programme_state CHECK (state IN ('planned', 'approved', 'running', 'closed', 'cancelled')),
    ADD CONSTRAINT programme_cancel_reason CHECK (state <> 'cancelled' OR nullif(btrim(cancel_reason), '') IS NOT NULL);
CREATE UNIQUE INDEX programme_name_once ON dg.programme (unit_id, bu_id, fiscal_year, lower(name));
INSERT INTO mm.state_transition VALUES
    ('programme', 'planned', 'cancelled', false, 'mtl programme cancel --reason'),
    ('programme', 'approved', 'cancelled', false, 'mtl programme cancel --reason');
COMMENT ON TABLE dg.programme IS 'Marketing programmes: a package of activities with one goal and budget, serving an MSP and following the framework; planned → approved → running → closed, or cancelled (with a reason) before it runs.';

-- System columns ------------------------------------------------------------------------------------

-- The columns of a table that only the database sets: identity keys, who and when a row was
-- created, changed state, was submitted, decided, requested, imported, scored, updated, granted,
-- published, handed off or answered. (The catalog test in SecurityTests/SystemColumnTests checks
-- that no person's role may write one, on every table.)
CREATE FUNCTION org.system_column_names() RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN ARRAY['created_at', 'created_by', 'state_changed_at', 'state_changed_by', 'submitted_at', 'submitted_by',
             'closed_at', 'decided_at', 'decided_by', 'requested_at', 'requested_by', 'imported_at', 'imported_by',
             'scored_at', 'scored_by', 'updated_at', 'updated_by', 'granted_at', 'granted_by', 'published_at',
             'handed_off_at', 'sla_due_at', 'responded_at', 'flagged_at', 'disabled_at', 'disabled_by'];

-- Replaces the table-wide INSERT and UPDATE privileges of people's group roles on a table by
-- column privileges on every column but the system ones (and identity keys); with
-- `state_machine`, people may not insert the state column either, so new rows start in the
-- machine's first state (the column's default). Writing a protected column fails with 42501. A
-- migration that adds a column to such a table calls it again.
CREATE FUNCTION org.protect_system_columns(target regclass, state_machine boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    grantee_role text;
    privilege text;
    allowed text;
BEGIN
    -- The roles that may insert or update the table or any of its columns (so that calling this
    -- again, after a migration added a column, grants the new column too).
    FOR grantee_role, privilege IN
        SELECT DISTINCT r.rolname::text, a.privilege_type
        FROM (SELECT c.relacl AS acl FROM pg_class c WHERE c.oid = target
              UNION ALL SELECT t.attacl FROM pg_attribute t WHERE t.attrelid = target AND t.attacl IS NOT NULL) x,
             aclexplode(x.acl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE a.privilege_type IN ('INSERT', 'UPDATE')
          AND r.rolname IN ('mtl_reader', 'mtl_editor', 'mtl_approver', 'mtl_admin', 'mtl_bi', 'mtl_scheduler')
    LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO allowed
        FROM pg_attribute a
        WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = ''
          AND NOT a.attname = ANY (org.system_column_names())
          AND NOT (state_machine AND privilege = 'INSERT' AND a.attname = 'state');
        EXECUTE format('REVOKE %s ON %s FROM %I', privilege, target, grantee_role);
        EXECUTE format('GRANT %s (%s) ON %s TO %I', privilege, allowed, target, grantee_role);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION org.protect_system_columns(regclass, boolean) FROM PUBLIC;

SELECT org.protect_system_columns(t::regclass, t IN ('mm.msp', 'mm.framework', 'dg.programme', 'dg.lead'))
FROM unnest(ARRAY['org.unit', 'org.grant', 'org.business_unit', 'org.fiscal_calendar', 'org.iso_country',
                  'mm.segment', 'mm.segment_score', 'mm.segment_gap', 'mm.msp', 'mm.msp_quarter', 'mm.factor',
                  'mm.factor_weight', 'mm.framework', 'mm.theme', 'mm.framework_theme', 'mm.concept_package',
                  'mm.review_setting', 'dg.programme', 'dg.activity', 'dg.asset', 'dg.activity_asset', 'dg.budget',
                  'dg.lead', 'dg.lead_import', 'dg.lead_setting']) AS t;

-- A programme's segment is its MSP's (programme_check_links): people do not set it (the foreign
-- key, checked by the owner, would take another unit's segment, and say whether one exists).
REVOKE INSERT (segment_id), UPDATE (segment_id) ON dg.programme FROM mtl_editor;

-- Only an accepted lead carries a pipeline value (V0014 checked it on update only).
ALTER TABLE dg.lead ADD CONSTRAINT lead_pipeline_when_accepted CHECK (pipeline_value IS NULL OR state = 'accepted');

-- Jobs -------------------------------------------------------------------------------------------------

-- The job kinds people may ask for, and how their arguments are checked. A kind not listed, or
-- listed without an enqueue_check, is enqueued by the scheduler only (its schedules and workers).
CREATE TABLE scheduler.job_kind (
    kind          scheduler.kind_name PRIMARY KEY,
    -- The module (schema) that owns the kind and registers it.
    owner_schema  name NOT NULL,
    description   text NOT NULL,
    -- A function (args jsonb, caller name) RETURNS jsonb, owned by the kind's module: it refuses
    -- a caller who may not ask for this job (42501) or arguments that are not valid for them
    -- (22023), and returns the arguments to store. NULL: people may not enqueue the kind.
    enqueue_check regprocedure
);
COMMENT ON TABLE scheduler.job_kind IS 'Job kinds and who may enqueue them: a kind without an enqueue_check (or not listed) is the scheduler''s alone.';

ALTER TABLE scheduler.job_kind ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scheduler.job_kind TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_all ON scheduler.job_kind FOR SELECT TO mtl_scheduler, mtl_admin USING (true);
REVOKE ALL ON scheduler.job_kind FROM PUBLIC;
GRANT SELECT ON scheduler.job_kind TO mtl_scheduler, mtl_admin;
SELECT audit.track('scheduler.job_kind', NULL, NULL);

-- Who asked for a job: the person (or the scheduler's login, for firings).
ALTER TABLE scheduler.job ADD COLUMN requested_by name;
UPDATE scheduler.job SET requested_by = created_by;
ALTER TABLE scheduler.job ALTER COLUMN requested_by SET NOT NULL, ALTER COLUMN requested_by SET DEFAULT session_user;

-- HQ admins retry and cancel jobs; nothing else of a job is theirs to change.
REVOKE UPDATE ON scheduler.job FROM mtl_admin;
GRANT UPDATE (state, run_at, finalized_at, heartbeat_at, max_attempts) ON scheduler.job TO mtl_admin;

-- Firings are written by the scheduler's functions only (scheduler.fire_due, scheduler.run_now),
-- so no person can take a fire time ahead of its schedule.
REVOKE INSERT, UPDATE, DELETE ON scheduler.firing FROM mtl_admin;

-- A review records who asked for it (the job's requester; the scheduler's login for a firing).
ALTER TABLE mm.quarterly_review ADD COLUMN requested_by name;
UPDATE mm.quarterly_review SET requested_by = created_by;
ALTER TABLE mm.quarterly_review ALTER COLUMN requested_by SET NOT NULL;

-- BI sessions ----------------------------------------------------------------------------------------

-- The limits every BI login gets (PostgreSQL applies role settings to the role that logs in,
-- never to the members of a group role, so mtl_bi's own settings reached nobody).
CREATE FUNCTION org.bi_login_settings() RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN ARRAY['statement_timeout=60s', 'default_transaction_read_only=on', 'idle_in_transaction_session_timeout=5min'];

-- Gives a login role the BI limits (cluster-wide role settings, changed only when they differ).
CREATE FUNCTION org.apply_bi_login_settings(login name) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    setting text;
BEGIN
    FOREACH setting IN ARRAY org.bi_login_settings() LOOP
        IF NOT EXISTS (SELECT FROM pg_db_role_setting s
                       WHERE s.setrole = to_regrole(quote_ident(login)) AND s.setdatabase = 0 AND setting = ANY (s.setconfig)) THEN
            EXECUTE format('ALTER ROLE %I SET %s = %L', login, split_part(setting, '=', 1), split_part(setting, '=', 2));
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION org.apply_bi_login_settings(name) FROM PUBLIC;

SELECT org.apply_bi_login_settings(a.role_name) FROM org.user_account a
WHERE a.capability = 'bi' AND to_regrole(quote_ident(a.role_name)) IS NOT NULL;

-- Reviews ------------------------------------------------------------------------------------------

-- A quarter the MSP did not plan is reported as such; its review has no draft of the next
-- quarter unless a real plan gives one.
ALTER TABLE mm.quarterly_review DROP CONSTRAINT review_status,
    ADD CONSTRAINT review_status CHECK (status IN ('on_track', 'at_risk', 'off_track', 'no_plan')),
    ALTER COLUMN draft_plan DROP NOT NULL;

-- A SECURITY DEFINER function is executable by the roles that need it only (mtl db check).
REVOKE ALL ON FUNCTION scheduler.keep_review_schedule() FROM PUBLIC;

-- Statistics -------------------------------------------------------------------------------------------

-- Autovacuum analyses a table after 50 changed rows plus 10 % of it, so the small tables of this
-- schema (units, BUs, segments, scores, frameworks, settings) were never analysed, and the
-- planner's guesses for them made queries of a few rows cost millions, enough to JIT-compile
-- them (2.3 s for 6 rows of reporting.fct_segment_portfolio as a BI login). A threshold of 5
-- rows keeps their statistics; `mtl db migrate` analyses after applying anything.
DO $$
DECLARE
    target regclass;
BEGIN
    FOR target IN
        SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname IN ('org', 'mi', 'mm', 'dg', 'sce', 'mqa', 'approval')
    LOOP
        EXECUTE format('ALTER TABLE %s SET (autovacuum_analyze_threshold = 5)', target);
    END LOOP;
END
$$;

-- Policies ---------------------------------------------------------------------------------------------

-- True when the current role sees every unit it sees for every BU (no grant of its limits it to
-- one BU): then a row whose unit is visible is visible whatever its BU. Policies test it once
-- per statement (an InitPlan) before their BU clauses, which otherwise ran for every row: a region
-- reader's count over 200,000 rows took 1.71× the explicit WHERE's time under RLS.
CREATE FUNCTION org.sees_every_bu() RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT org.visible_units() <@ org.visible_units_all_bus();
END;
GRANT EXECUTE ON FUNCTION org.sees_every_bu() TO PUBLIC;

-- As V0006, with the BU clauses skipped for roles that see every BU (org.sees_every_bu). A helper
-- that migrations call (org.secure_tenant_table), so it stays versioned.
CREATE OR REPLACE FUNCTION org.scope_condition(unit_column name, bu_column name, writing boolean) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN format('%I = ANY ((SELECT org.visible_units())::bigint[])', unit_column)
    || CASE WHEN bu_column IS NULL THEN ''
       ELSE format(' AND ((SELECT org.sees_every_bu()) OR %3$s%1$I = ANY ((SELECT org.visible_units_all_bus())::bigint[])'
                   ' OR ROW(%1$I, %2$I)::org.unit_bu = ANY ((SELECT org.visible_unit_bus())::org.unit_bu[]))',
                   unit_column, bu_column,
                   CASE WHEN writing THEN '' ELSE format('%I IS NULL OR ', bu_column) END)
       END;

-- Every policy made from org.scope_condition with a BU column takes the new form.
DO $$
DECLARE
    p record;
    condition text;
BEGIN
    FOR p IN
        SELECT pol.polname, pol.polrelid::regclass AS tab, pol.polcmd, pol.polqual IS NOT NULL AS has_using,
               pol.polwithcheck IS NOT NULL AS has_check
        FROM pg_policy pol
        WHERE pg_get_expr(coalesce(pol.polqual, pol.polwithcheck), pol.polrelid) LIKE '%visible_unit_bus%'
    LOOP
        condition := org.scope_condition('unit_id', 'bu_id', p.polcmd <> 'r');
        IF p.has_using AND p.has_check THEN
            EXECUTE format('ALTER POLICY %I ON %s USING (%s) WITH CHECK (%s)', p.polname, p.tab, condition, condition);
        ELSIF p.has_using THEN
            EXECUTE format('ALTER POLICY %I ON %s USING (%s)', p.polname, p.tab, condition);
        ELSE
            EXECUTE format('ALTER POLICY %I ON %s WITH CHECK (%s)', p.polname, p.tab, condition);
        END IF;
    END LOOP;
END
$$;
