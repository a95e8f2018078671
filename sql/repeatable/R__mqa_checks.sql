-- MQA's quality checks (tables in V0028): the check that keeps findings, the waiver's approval
-- kind, and the quality.check job kind. The rules themselves, and their views, are registered by
-- the modules that own them (R__dg_quality.sql, R__mm_quality.sql, …).

-- Who may run what covers every unit (the quality check, the scorecard refresh): the scheduler's
-- logins, and HQ admins (an admin grant on HQ for every BU). One home for the rule.
CREATE OR REPLACE FUNCTION mqa.acts_for_every_unit(who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
RETURN pg_has_role(who, 'mtl_scheduler', 'MEMBER')
    OR (pg_has_role(who, 'mtl_admin', 'MEMBER')
        AND EXISTS (SELECT FROM org.grant g WHERE g.role_name = who AND g.unit_id = org.hq() AND g.bu_id IS NULL));

-- Runs every enabled rule (or one) and keeps the findings: a new violation opens a finding; one
-- found again after being resolved reopens it (times_opened counts); a finding whose violation is
-- gone is resolved, a waived one too. A finding is written only when something about it changed,
-- so the audit trail records changes, not checks. SECURITY DEFINER: a rule's view is read as the
-- owner, who sees every unit. The scheduler's, and HQ admins' (the figures cover every unit).
--
-- Nobody else can hold the check up: checks are serialised by a lock on mqa.rule that only the
-- owner may take (not an advisory lock, which any login could hold); a finding a person has
-- locked (an open transaction updating it) is skipped and left to the next check; any other wait
-- gives up after lock_timeout. Each rule runs in its own subtransaction: one that fails (a
-- setting its view cannot use) is reported as failed and the others still run.
CREATE OR REPLACE FUNCTION mqa.run_checks(only_rule text DEFAULT NULL)
RETURNS TABLE (rule_code text, violations integer, opened integer, reopened integer, resolved integer, failure text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '30s'
AS $$
DECLARE
    r mqa.rule;
BEGIN
    IF NOT mqa.acts_for_every_unit(session_user) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins run the quality checks'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The daily quality.check job runs them; the findings of your units are in mqa.finding.';
    END IF;
    IF only_rule IS NOT NULL AND NOT EXISTS (SELECT FROM mqa.rule x WHERE x.code = only_rule) THEN
        RAISE EXCEPTION 'unknown quality rule %', quote_literal(only_rule)
            USING ERRCODE = 'no_data_found', HINT = 'The rules are listed in mqa.rule.';
    END IF;
    -- One check at a time: two would race to resolve and reopen the same findings. People may
    -- take no lock on mqa.rule that conflicts with this one.
    LOCK TABLE mqa.rule IN SHARE UPDATE EXCLUSIVE MODE;
    FOR r IN SELECT * FROM mqa.rule x WHERE x.enabled AND (only_rule IS NULL OR x.code = only_rule) ORDER BY x.code LOOP
        rule_code := r.code;
        failure := NULL;
        BEGIN
            EXECUTE format($check$
                WITH v AS (
                    SELECT DISTINCT ON (x.subject_kind, x.subject_id)
                           x.subject_kind, x.subject_id, x.unit_id, x.bu_id, coalesce(x.details, '{}') AS details
                    FROM %I.%I x ORDER BY x.subject_kind, x.subject_id),
                known AS (SELECT f.id, f.subject_kind, f.subject_id, f.state, f.details, f.unit_id, f.bu_id
                          FROM mqa.finding f WHERE f.rule_code = $1),
                fresh AS (
                    INSERT INTO mqa.finding (rule_code, subject_kind, subject_id, unit_id, bu_id, details)
                    SELECT $1, v.subject_kind, v.subject_id, v.unit_id, v.bu_id, v.details FROM v
                    WHERE NOT EXISTS (SELECT FROM known k WHERE k.subject_kind = v.subject_kind AND k.subject_id = v.subject_id)
                    ON CONFLICT ON CONSTRAINT finding_once DO NOTHING
                    RETURNING 1),
                changed AS (
                    SELECT k.id, v.details, v.unit_id, v.bu_id, k.state = 'resolved' AS reopen
                    FROM v JOIN known k ON k.subject_kind = v.subject_kind AND k.subject_id = v.subject_id
                    WHERE k.state = 'resolved' OR k.details IS DISTINCT FROM v.details
                       OR k.unit_id <> v.unit_id OR k.bu_id IS DISTINCT FROM v.bu_id),
                changeable AS (SELECT f.id FROM mqa.finding f WHERE f.id IN (SELECT c.id FROM changed c) FOR UPDATE SKIP LOCKED),
                touched AS (
                    UPDATE mqa.finding f
                    SET state = CASE WHEN c.reopen THEN 'open' ELSE f.state END,
                        times_opened = f.times_opened + CASE WHEN c.reopen THEN 1 ELSE 0 END,
                        details = c.details, unit_id = c.unit_id, bu_id = c.bu_id
                    FROM changed c WHERE f.id = c.id AND f.id IN (SELECT x.id FROM changeable x)
                    RETURNING c.reopen),
                gone AS (
                    SELECT f.id FROM mqa.finding f
                    WHERE f.rule_code = $1 AND f.state <> 'resolved'
                      AND NOT EXISTS (SELECT FROM v WHERE v.subject_kind = f.subject_kind AND v.subject_id = f.subject_id)
                    FOR UPDATE SKIP LOCKED),
                resolving AS (UPDATE mqa.finding f SET state = 'resolved' WHERE f.id IN (SELECT g.id FROM gone g) RETURNING 1)
                SELECT (SELECT count(*) FROM v)::integer, (SELECT count(*) FROM fresh)::integer,
                       (SELECT count(*) FROM touched WHERE reopen)::integer, (SELECT count(*) FROM resolving)::integer
                $check$, r.owner_schema, r.violations_view)
                INTO violations, opened, reopened, resolved USING r.code;
            UPDATE mqa.rule x SET last_checked_at = now() WHERE x.code = r.code;
        EXCEPTION WHEN OTHERS THEN
            violations := NULL;
            opened := 0;
            reopened := 0;
            resolved := 0;
            failure := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION mqa.run_checks(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mqa.run_checks(text) TO mtl_scheduler, mtl_admin;

-- Who may ask for a check by hand (mtl jobs enqueue quality.check): HQ admins, for every rule or
-- one ({"rule": "dg.lead_incomplete"}).
CREATE OR REPLACE FUNCTION mqa.check_quality_job(args jsonb, caller name) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    extra text;
BEGIN
    SELECT string_agg(k, ', ' ORDER BY k) INTO extra FROM jsonb_object_keys(args) k WHERE k <> 'rule';
    IF extra IS NOT NULL THEN
        RAISE EXCEPTION 'quality.check takes the argument rule, not %', extra USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF args ? 'rule' AND jsonb_typeof(args -> 'rule') <> 'string' THEN
        RAISE EXCEPTION 'quality.check: rule is a rule code such as dg.lead_incomplete' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT mqa.acts_for_every_unit(caller) THEN
        RAISE EXCEPTION 'permission denied: % may not ask for quality checks', caller
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'HQ admins ask for them; the daily schedule quality.check runs them.';
    END IF;
    IF args ? 'rule' AND NOT EXISTS (SELECT FROM mqa.rule x WHERE x.code = args ->> 'rule') THEN
        RAISE EXCEPTION 'unknown quality rule %', quote_literal(args ->> 'rule') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN args;
END
$$;
REVOKE ALL ON FUNCTION mqa.check_quality_job(jsonb, name) FROM PUBLIC;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('quality.check', 'mqa', 'Check the quality rules and keep the findings.', 'check_quality_job')
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;

-- Waivers ---------------------------------------------------------------------------------------

-- A waiver is asked for a finding the caller can see and may write, while it is open or
-- acknowledged; it takes the finding's unit and BU. Runs as the caller, before the row's policy
-- is checked: a finding the caller cannot see is refused like a row outside their scope, before
-- anything is said about its state.
CREATE OR REPLACE FUNCTION mqa.waiver_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target mqa.finding;
BEGIN
    SELECT * INTO target FROM mqa.finding f WHERE f.id = NEW.finding_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := target.unit_id;
    NEW.bu_id := target.bu_id;
    NEW.finding_occurrence := target.times_opened;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF target.state NOT IN ('open', 'acknowledged') THEN
        RAISE EXCEPTION 'finding % is %; only an open or acknowledged finding is waived', target.id, target.state
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER waiver_before_insert BEFORE INSERT ON mqa.waiver
    FOR EACH ROW EXECUTE FUNCTION mqa.waiver_before_insert();

-- Each waiver opens an approval request, scoped like its finding (as the caller: the request's
-- own policy and trigger check the caller's scope again).
CREATE OR REPLACE FUNCTION mqa.waiver_open_request() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'finding_waiver', NEW.id, NEW.unit_id, NEW.bu_id,
           format('Waive finding %s (%s, %s %s): %s', f.id, f.rule_code, f.subject_kind, f.subject_id, left(NEW.reason, 120))
    FROM mqa.finding f WHERE f.id = NEW.finding_id;
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER waiver_open_request AFTER INSERT ON mqa.waiver
    FOR EACH ROW EXECUTE FUNCTION mqa.waiver_open_request();

CREATE OR REPLACE FUNCTION mqa.waiver_request_subject(subject_id bigint) RETURNS TABLE (state text, unit_id bigint, bu_id bigint)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT w.state, w.unit_id, w.bu_id FROM mqa.waiver w WHERE w.id = waiver_request_subject.subject_id;
END;

-- The waiver takes its request's outcome. An approved one waives its finding only as it was asked
-- about: still open or acknowledged, not resolved and come back since, and still in the unit and
-- BU whose approvers decided (a finding follows its subject when that moves; the approvers of the
-- old scope do not decide for the new one). Otherwise nothing changes and a new waiver is asked
-- for where the finding is now. SECURITY DEFINER: automatic state changes (approval.apply_outcome
-- calls it).
CREATE OR REPLACE FUNCTION mqa.waiver_request_outcome(subject_id bigint, outcome text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    asked mqa.waiver;
BEGIN
    UPDATE mqa.waiver w SET state = outcome WHERE w.id = subject_id AND w.state = 'submitted'
    RETURNING w.* INTO asked;
    IF FOUND AND outcome = 'approved' THEN
        UPDATE mqa.finding f SET state = 'waived'
        WHERE f.id = asked.finding_id AND f.state IN ('open', 'acknowledged') AND f.times_opened = asked.finding_occurrence
          AND f.unit_id = asked.unit_id AND f.bu_id IS NOT DISTINCT FROM asked.bu_id;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION mqa.waiver_request_outcome(bigint, text) FROM PUBLIC;

INSERT INTO approval.kind (kind, owner_schema, description, subject_function, outcome_function)
VALUES ('finding_waiver', 'mqa', 'A request to waive a quality finding, with its reason.', 'waiver_request_subject', 'waiver_request_outcome')
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 subject_function = EXCLUDED.subject_function, outcome_function = EXCLUDED.outcome_function;

-- The findings as people read them: the rule's title and severity, the unit's and BU's codes,
-- and the reason of the waiver that waived it.
CREATE OR REPLACE VIEW mqa.finding_list WITH (security_invoker = true) AS
SELECT f.id, f.rule_code, r.title, r.severity, f.subject_kind, f.subject_id, f.unit_id, u.code AS unit, f.bu_id, b.code AS bu,
       f.state, f.details, f.first_found_at, f.times_opened, f.state_changed_at, f.state_changed_by,
       (SELECT w.reason FROM mqa.waiver w WHERE w.finding_id = f.id AND w.state = 'approved' ORDER BY w.id DESC LIMIT 1) AS waiver_reason
FROM mqa.finding f
JOIN mqa.rule r ON r.code = f.rule_code
JOIN org.unit u ON u.id = f.unit_id
LEFT JOIN org.business_unit b ON b.id = f.bu_id;
COMMENT ON VIEW mqa.finding_list IS 'Quality findings as people read them (rule title and severity, unit and BU codes, the approved waiver''s reason); row-level security of mqa.finding applies.';
GRANT SELECT ON mqa.finding_list TO mtl_reader;
