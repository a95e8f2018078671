-- V0008: the generic approval mechanism (issue 4): one request per submission of a subject (a
-- framework, an MSP, later a budget or a quarterly review) and the decisions on it. The rules are
-- the database's: the person who submitted never decides (four-eyes), only approvers whose scope
-- covers the request's unit and BU decide, a rejection needs a reason, a request is decided once,
-- and nobody edits requests or decisions afterwards.

CREATE TABLE approval.request (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CONSTRAINT request_kind CHECK (kind IN ('framework', 'msp', 'budget', 'quarterly_review')),
    subject_id   bigint NOT NULL,
    unit_id      bigint NOT NULL REFERENCES org.unit (id),
    bu_id        bigint REFERENCES org.business_unit (id),
    title        text NOT NULL CHECK (btrim(title) <> ''),
    -- Set by approval.request_before_insert(), whatever the INSERT says.
    submitted_by name NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    state        text NOT NULL DEFAULT 'pending'
                 CONSTRAINT request_state CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
    closed_at    timestamptz,
    CONSTRAINT request_closed CHECK ((state = 'pending') = (closed_at IS NULL))
);
-- One open request per subject.
CREATE UNIQUE INDEX request_one_pending ON approval.request (kind, subject_id) WHERE state = 'pending';
CREATE INDEX request_unit_idx ON approval.request (unit_id) WHERE state = 'pending';

COMMENT ON TABLE approval.request IS 'A submission waiting for (or closed by) a decision: frameworks, MSPs, budgets, quarterly reviews.';

CREATE TABLE approval.decision (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL UNIQUE REFERENCES approval.request (id),
    decision    text NOT NULL CONSTRAINT decision_kind CHECK (decision IN ('approved', 'rejected')),
    -- Conditions of an approval, or the reason for a rejection (required).
    comment     text,
    -- Copied from the request so that the decision is scoped like it.
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    bu_id       bigint REFERENCES org.business_unit (id),
    -- Set by approval.decision_before_insert(), whatever the INSERT says.
    decided_by  name NOT NULL,
    decided_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rejection_needs_reason CHECK (decision = 'approved' OR nullif(btrim(comment), '') IS NOT NULL)
);

COMMENT ON TABLE approval.decision IS 'The decision on a request: who, when, approved or rejected, conditions or reason. Append-only.';

-- The submitter is whoever logged in; a new request is pending.
CREATE FUNCTION approval.request_before_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.submitted_by := session_user;
    NEW.submitted_at := now();
    NEW.state := 'pending';
    NEW.closed_at := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER request_before_insert BEFORE INSERT ON approval.request
    FOR EACH ROW EXECUTE FUNCTION approval.request_before_insert();

-- A decision: by whoever logged in, on a pending request, never by its submitter. Closes the
-- request (SECURITY DEFINER: people have no UPDATE privilege on requests).
CREATE FUNCTION approval.decision_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pending approval.request;
BEGIN
    SELECT * INTO pending FROM approval.request r WHERE r.id = NEW.request_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no approval request %', NEW.request_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF pending.state <> 'pending' THEN
        RAISE EXCEPTION 'approval request % is already %', pending.id, pending.state
            USING ERRCODE = 'check_violation';
    END IF;
    IF pending.submitted_by = session_user THEN
        RAISE EXCEPTION 'four-eyes: % submitted request % and cannot decide it', session_user, pending.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Another approver must decide.';
    END IF;
    NEW.decided_by := session_user;
    NEW.decided_at := now();
    NEW.unit_id := pending.unit_id;
    NEW.bu_id := pending.bu_id;
    UPDATE approval.request SET state = NEW.decision, closed_at = now() WHERE id = pending.id;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION approval.decision_before_insert() FROM PUBLIC;

CREATE TRIGGER decision_before_insert BEFORE INSERT ON approval.decision
    FOR EACH ROW EXECUTE FUNCTION approval.decision_before_insert();

-- Withdraws a pending request: its submitter only.
CREATE FUNCTION approval.withdraw(request_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE approval.request r SET state = 'withdrawn', closed_at = now()
    WHERE r.id = request_id AND r.state = 'pending' AND r.submitted_by = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no pending request % submitted by %', request_id, session_user
            USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION approval.withdraw(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION approval.withdraw(bigint) TO mtl_editor;

-- Security. Requests: readers read within scope, editors submit within scope; nobody updates or
-- deletes them (state changes go through the functions above). Decisions: readers read within
-- scope; approvers decide within their write scope; append-only.
DO $$
DECLARE
    read_scope text := org.scope_condition('unit_id', 'bu_id', false);
    write_scope text := org.scope_condition('unit_id', 'bu_id', true);
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['approval.request', 'approval.decision'] LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY owner_all ON %s TO mtl_owner USING (true) WITH CHECK (true)', target);
        EXECUTE format('CREATE POLICY read_in_scope ON %s FOR SELECT TO mtl_reader, mtl_bi USING (%s)', target, read_scope);
        EXECUTE format('GRANT SELECT ON %s TO mtl_reader, mtl_bi', target);
        PERFORM audit.track(target::regclass, 'unit_id', 'bu_id');
    END LOOP;
    EXECUTE format('CREATE POLICY submit_in_scope ON approval.request FOR INSERT TO mtl_editor WITH CHECK (%s)', write_scope);
    EXECUTE format('CREATE POLICY decide_in_scope ON approval.decision FOR INSERT TO mtl_approver WITH CHECK (%s)', write_scope);
END
$$;
GRANT INSERT (kind, subject_id, unit_id, bu_id, title) ON approval.request TO mtl_editor;
GRANT INSERT (request_id, decision, comment) ON approval.decision TO mtl_approver;
