-- V0023: the workflow is core, its behaviour the modules' (issue 16).
--
--   * Approval kinds are a registry (approval.kind), not a CHECK that every module edits. Each
--     module registers its kinds in its own repeatable file with two functions of its own schema:
--     the subject function (which submitted subject a request is about, and its unit and BU) and
--     the outcome function (what happens to the subject when the request closes). The generic
--     triggers of approval.request (sql/repeatable/R__approval_requests.sql) call them; MM's
--     dispatch no longer decides DG's budgets.
--   * State machines are core (org.state_machine, org.state_transition, org.enforce_transition):
--     a module registers its machine and its transitions as data in its own versioned file and
--     attaches the trigger to its table; nobody re-ALTERs a CHECK.

-- Approval kinds ---------------------------------------------------------------------------------

CREATE TABLE approval.kind (
    kind          text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
    -- The module (schema) that owns the kind and registers it.
    owner_schema  name NOT NULL,
    description   text NOT NULL,
    -- The name of a function owner_schema.f(subject_id bigint) RETURNS TABLE (state text, unit_id
    -- bigint, bu_id bigint), SECURITY INVOKER: the subject as the caller sees it (no row when it
    -- is missing or outside their scope). The request takes the subject's unit and BU; the subject
    -- must be submitted. NULL: the request names its own unit and BU (tests of the mechanism).
    subject_function name,
    -- The name of a function owner_schema.f(subject_id bigint, outcome text) RETURNS void: moves
    -- the subject when its request closes as approved, rejected or withdrawn. NULL: nothing follows.
    -- (Names, not regprocedure: pg_upgrade refuses tables with regprocedure columns.)
    outcome_function name
);
COMMENT ON TABLE approval.kind IS 'Approval kinds, each registered by the module that owns its subject, with the functions that match a request to its subject and apply the outcome.';

-- The kinds of V0008's CHECK, registered here so that the foreign key holds for existing requests;
-- their modules' repeatable files fill in the functions.
INSERT INTO approval.kind (kind, owner_schema, description) VALUES
    ('framework', 'mm', 'The fiscal year''s marketing framework, decided at HQ.'),
    ('msp', 'mm', 'A Market Segment Plan.'),
    ('quarterly_review', 'mm', 'A quarterly MSP review and its draft plan for the next quarter.'),
    ('budget', 'dg', 'A programme''s budget request (initial or change).');

ALTER TABLE approval.kind ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON approval.kind TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_all ON approval.kind FOR SELECT TO mtl_reader USING (true);
REVOKE ALL ON approval.kind FROM PUBLIC;
GRANT SELECT ON approval.kind TO mtl_reader;
SELECT audit.track('approval.kind', NULL, NULL);

ALTER TABLE approval.request DROP CONSTRAINT request_kind,
    ADD CONSTRAINT request_kind FOREIGN KEY (kind) REFERENCES approval.kind (kind);

-- Job kinds name their enqueue check the same way (V0020's regprocedure column would stop
-- pg_upgrade); the modules' repeatable files register the names again.
ALTER TABLE scheduler.job_kind DROP COLUMN enqueue_check;
ALTER TABLE scheduler.job_kind ADD COLUMN enqueue_check name;
COMMENT ON COLUMN scheduler.job_kind.enqueue_check IS 'The name of a function owner_schema.f(args jsonb, caller name) RETURNS jsonb that refuses a caller who may not ask for the job (42501) or invalid arguments (22023) and returns the arguments to store; NULL: people may not enqueue the kind.';

-- MM's dispatch for every kind; R__approval_requests.sql attaches the generic triggers.
DROP TRIGGER request_subject ON approval.request;
DROP TRIGGER request_outcome ON approval.request;
DROP FUNCTION mm.match_request_subject();
DROP FUNCTION mm.apply_request_outcome();

-- State machines ---------------------------------------------------------------------------------

CREATE TABLE org.state_machine (
    machine      text PRIMARY KEY CHECK (machine ~ '^[a-z][a-z0-9_]*$'),
    -- The module (schema) that owns the machine.
    owner_schema name NOT NULL,
    -- The table whose state column it governs (schema-qualified).
    subject      text NOT NULL
);
COMMENT ON TABLE org.state_machine IS 'The state machines of the modules: which table each governs and who owns it.';

-- The allowed state changes. `automatic` changes are made by the database itself (an approval
-- decision, a withdrawal, next year's framework being published), never by a person's UPDATE.
CREATE TABLE org.state_transition (
    machine    text NOT NULL REFERENCES org.state_machine (machine),
    from_state text NOT NULL,
    to_state   text NOT NULL,
    automatic  boolean NOT NULL,
    -- Said to the person who tries another change.
    how        text NOT NULL,
    PRIMARY KEY (machine, from_state, to_state)
);
COMMENT ON TABLE org.state_transition IS 'The allowed state changes of each machine; automatic ones are made by the database only.';

INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES
    ('msp', 'mm', 'mm.msp'),
    ('framework', 'mm', 'mm.framework'),
    ('programme', 'dg', 'dg.programme'),
    ('lead', 'dg', 'dg.lead');
INSERT INTO org.state_transition SELECT machine, from_state, to_state, automatic, how FROM mm.state_transition;

DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['org.state_machine', 'org.state_transition'] LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
        EXECUTE format('CREATE POLICY owner_all ON %s TO mtl_owner USING (true) WITH CHECK (true)', target);
        EXECUTE format('CREATE POLICY read_all ON %s FOR SELECT TO mtl_reader USING (true)', target);
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', target);
        EXECUTE format('GRANT SELECT ON %s TO mtl_reader', target);
        PERFORM audit.track(target::regclass, NULL, NULL);
    END LOOP;
END
$$;

-- Refuses a state change the machine (TG_ARGV[0]) does not allow, and an automatic one made by
-- hand; stamps who changed the state and when. A BEFORE UPDATE OF state trigger of the machine's
-- table. (Defined here, not in a repeatable file, because the triggers below need it; a change
-- to it moves it to sql/repeatable/R__org_workflow.sql.)
CREATE FUNCTION org.enforce_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    machine_name text := TG_ARGV[0];
    allowed org.state_transition;
    choices text;
BEGIN
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;
    SELECT * INTO allowed FROM org.state_transition t
    WHERE t.machine = machine_name AND t.from_state = OLD.state AND t.to_state = NEW.state;
    IF NOT FOUND THEN
        SELECT string_agg(format('%s (%s)', t.to_state, t.how), ', ' ORDER BY t.to_state) INTO choices
        FROM org.state_transition t WHERE t.machine = machine_name AND t.from_state = OLD.state;
        RAISE EXCEPTION 'invalid % state change: % → %', machine_name, OLD.state, NEW.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE WHEN choices IS NULL THEN format('A %s that is %s is final.', machine_name, OLD.state)
                              ELSE format('From %s it can become: %s.', OLD.state, choices) END;
    END IF;
    IF allowed.automatic AND current_user <> 'mtl_owner' THEN
        RAISE EXCEPTION '% cannot be made % by hand', machine_name, NEW.state
            USING ERRCODE = 'insufficient_privilege', HINT = format('It becomes %s when %s.', NEW.state, allowed.how);
    END IF;
    NEW.state_changed_at := now();
    NEW.state_changed_by := session_user;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER msp_allowed_transition BEFORE UPDATE OF state ON mm.msp
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('msp');
CREATE OR REPLACE TRIGGER framework_allowed_transition BEFORE UPDATE OF state ON mm.framework
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('framework');
CREATE OR REPLACE TRIGGER programme_allowed_transition BEFORE UPDATE OF state ON dg.programme
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('programme');
CREATE OR REPLACE TRIGGER lead_allowed_transition BEFORE UPDATE OF state ON dg.lead
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('lead');

DROP FUNCTION mm.enforce_transition();
DROP TABLE mm.state_transition;
