-- DG's approval kind (approval.kind): budget requests (dg.budget). The request is about a
-- submitted budget, scoped like its programme; when it closes the budget takes its state, and
-- the first approved budget approves a planned programme (SECURITY DEFINER: automatic state
-- changes, which people cannot make by hand; approval.apply_outcome calls it).

CREATE OR REPLACE FUNCTION dg.budget_request_subject(subject_id bigint) RETURNS TABLE (state text, unit_id bigint, bu_id bigint)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT b.state, b.unit_id, b.bu_id FROM dg.budget b WHERE b.id = budget_request_subject.subject_id;
END;

CREATE OR REPLACE FUNCTION dg.budget_request_outcome(subject_id bigint, outcome text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    programme_id bigint;
BEGIN
    UPDATE dg.budget b SET state = outcome WHERE b.id = subject_id AND b.state = 'submitted'
    RETURNING b.programme_id INTO programme_id;
    IF FOUND AND outcome = 'approved' THEN
        UPDATE dg.programme p SET state = 'approved' WHERE p.id = programme_id AND p.state = 'planned';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION dg.budget_request_outcome(bigint, text) FROM PUBLIC;

INSERT INTO approval.kind (kind, owner_schema, description, subject_function, outcome_function)
VALUES ('budget', 'dg', 'A programme''s budget request (initial or change).', 'budget_request_subject', 'budget_request_outcome')
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 subject_function = EXCLUDED.subject_function, outcome_function = EXCLUDED.outcome_function;
