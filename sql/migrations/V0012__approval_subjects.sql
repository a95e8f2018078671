-- V0012: MSPs and frameworks go through the generic approvals of V0008 (issue 4).
--
--   * Submitting (state draft → submitted) opens an approval request in the same transaction,
--     scoped like the subject: the MSP's unit and BU; HQ (every BU) for a framework, so that only
--     HQ approvers decide it.
--   * A request for an MSP or a framework must match a submitted subject: its unit and BU are
--     taken from the subject, whatever the INSERT says, so nobody can open a request that an
--     approver of another unit could decide.
--   * When a request closes, its subject follows: approved → approved, rejected → rejected,
--     withdrawn → back to draft.
--   * approval.inbox: requests with their decision and whether the current person may decide.

-- Opens the approval request of a subject that has just been submitted. Runs as the person who
-- submits, so the request's policy checks that person's scope.
CREATE FUNCTION mm.open_msp_request() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'msp', NEW.id, NEW.unit_id, NEW.bu_id,
           format('MSP %s/%s %s FY%s', u.code, s.code, s.name, NEW.fiscal_year)
    FROM mm.segment s, org.unit u
    WHERE s.id = NEW.segment_id AND u.id = NEW.unit_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER msp_open_request AFTER UPDATE OF state ON mm.msp
    FOR EACH ROW WHEN (NEW.state = 'submitted' AND OLD.state <> 'submitted')
    EXECUTE FUNCTION mm.open_msp_request();

CREATE FUNCTION mm.open_framework_request() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    VALUES ('framework', NEW.id, org.hq(), NULL, format('Marketing framework FY%s', NEW.fiscal_year));
    RETURN NULL;
END
$$;
CREATE TRIGGER framework_open_request AFTER UPDATE OF state ON mm.framework
    FOR EACH ROW WHEN (NEW.state = 'submitted' AND OLD.state <> 'submitted')
    EXECUTE FUNCTION mm.open_framework_request();

-- A request for an MSP or a framework takes its scope from its subject, which must be submitted.
-- SECURITY DEFINER to read the subject whatever the caller sees; the request's insert policy
-- then checks the caller's scope against the subject's unit.
CREATE FUNCTION mm.match_request_subject() RETURNS trigger
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
    ELSE
        RETURN NEW;
    END IF;
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = format('A request is opened by submitting: mtl %s submit', NEW.kind);
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mm.match_request_subject() FROM PUBLIC;
-- Named to run after approval.request_before_insert (triggers fire in name order).
CREATE TRIGGER request_subject BEFORE INSERT ON approval.request
    FOR EACH ROW EXECUTE FUNCTION mm.match_request_subject();

-- Moves the subject of a request that has just closed. SECURITY DEFINER: these are automatic
-- state changes (mm.state_transition), which people cannot make by hand.
CREATE FUNCTION mm.apply_request_outcome() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    outcome text := CASE NEW.state WHEN 'withdrawn' THEN 'draft' ELSE NEW.state END;
BEGIN
    IF NEW.kind = 'msp' THEN
        UPDATE mm.msp SET state = outcome WHERE id = NEW.subject_id AND state = 'submitted';
    ELSIF NEW.kind = 'framework' THEN
        UPDATE mm.framework SET state = outcome WHERE id = NEW.subject_id AND state = 'submitted';
    ELSE
        RETURN NULL;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% % is not waiting for a decision', NEW.kind, NEW.subject_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mm.apply_request_outcome() FROM PUBLIC;
CREATE TRIGGER request_outcome AFTER UPDATE OF state ON approval.request
    FOR EACH ROW WHEN (OLD.state = 'pending' AND NEW.state <> 'pending')
    EXECUTE FUNCTION mm.apply_request_outcome();

-- True when the current role's grants let it write rows of this unit and BU (the write scope of
-- org.scope_condition, as a value).
CREATE FUNCTION org.in_write_scope(unit_id bigint, bu_id bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT in_write_scope.unit_id = ANY (org.visible_units())
       AND (in_write_scope.unit_id = ANY (org.visible_units_all_bus())
            OR (in_write_scope.bu_id IS NOT NULL
                AND ROW(in_write_scope.unit_id, in_write_scope.bu_id)::org.unit_bu = ANY (org.visible_unit_bus())));
END;

-- Requests with their decision, and whether the current person may decide them now: pending,
-- not submitted by them, an approver, and the request within their write scope.
CREATE VIEW approval.inbox WITH (security_invoker = true) AS
SELECT r.id, r.kind, r.subject_id, r.title, r.unit_id, u.code AS unit_code, r.bu_id, b.code AS bu_code,
       r.submitted_by, r.submitted_at, r.state, r.closed_at,
       d.decision, d.comment, d.decided_by, d.decided_at,
       r.state = 'pending' AND r.submitted_by <> session_user
           AND pg_has_role(current_user, 'mtl_approver', 'MEMBER')
           AND org.in_write_scope(r.unit_id, r.bu_id) AS can_decide
FROM approval.request r
JOIN org.unit u ON u.id = r.unit_id
LEFT JOIN org.business_unit b ON b.id = r.bu_id
LEFT JOIN approval.decision d ON d.request_id = r.id;

COMMENT ON VIEW approval.inbox IS 'Approval requests with their decision and whether the current person may decide them (can_decide).';
GRANT SELECT ON approval.inbox TO mtl_reader;

-- The framework is everybody's reference data, and so is its approval history: every reader
-- sees framework requests and their decisions, whatever their units.
CREATE POLICY read_framework_requests ON approval.request FOR SELECT TO mtl_reader, mtl_bi
    USING (kind = 'framework');
CREATE POLICY read_framework_decisions ON approval.decision FOR SELECT TO mtl_reader, mtl_bi
    USING (EXISTS (SELECT FROM approval.request r WHERE r.id = request_id AND r.kind = 'framework'));
