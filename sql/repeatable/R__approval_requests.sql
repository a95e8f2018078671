-- Approval requests and their subjects. The mechanism is core; what a request is about, and what
-- happens to it when the request closes, belong to the module that registered the kind in
-- approval.kind (its subject_function and outcome_function, in its own schema).

-- A request takes its unit and BU from its subject, which must be submitted. Runs as the caller,
-- and so does the kind's subject function: a subject the caller cannot see is refused like a row
-- outside their scope, then the caller's write scope is checked against the subject's unit and
-- BU before anything is said about the subject's state. An unregistered kind is refused by the
-- foreign key on kind; a kind registered without a subject function keeps the unit and BU the
-- INSERT names (the request's insert policy checks them).
CREATE OR REPLACE FUNCTION approval.match_subject() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registered approval.kind;
    subject_state text;
    subject_unit bigint;
    subject_bu bigint;
BEGIN
    SELECT * INTO registered FROM approval.kind k WHERE k.kind = NEW.kind;
    IF registered.subject_function IS NULL THEN
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT s.state, s.unit_id, s.bu_id FROM %I.%I($1) s', registered.owner_schema, registered.subject_function)
        INTO subject_state, subject_unit, subject_bu USING NEW.subject_id;
    IF subject_unit IS NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := subject_unit;
    NEW.bu_id := subject_bu;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = 'A request is opened by submitting its subject, not by hand.';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION approval.match_subject() FROM PUBLIC;

CREATE OR REPLACE TRIGGER request_subject BEFORE INSERT ON approval.request
    FOR EACH ROW EXECUTE FUNCTION approval.match_subject();

-- When a request closes (a decision, a withdrawal), its subject follows through the kind's
-- outcome function. Runs inside approval.decision_before_insert or approval.withdraw, which are
-- SECURITY DEFINER, so the subject's automatic state change is made by the owner.
CREATE OR REPLACE FUNCTION approval.apply_outcome() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registered approval.kind;
BEGIN
    SELECT * INTO registered FROM approval.kind k WHERE k.kind = NEW.kind;
    IF registered.outcome_function IS NOT NULL THEN
        EXECUTE format('SELECT %I.%I($1, $2)', registered.owner_schema, registered.outcome_function)
            USING NEW.subject_id, NEW.state;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION approval.apply_outcome() FROM PUBLIC;

CREATE OR REPLACE TRIGGER request_outcome AFTER UPDATE OF state ON approval.request
    FOR EACH ROW WHEN (OLD.state = 'pending' AND NEW.state <> 'pending')
    EXECUTE FUNCTION approval.apply_outcome();
