-- MM's approval kinds (approval.kind): frameworks, MSPs and quarterly reviews. For each, the
-- subject a request is about (read as the caller: one they cannot see yields no row, and the
-- generic trigger refuses it as outside their scope) and what the subject does when its request
-- closes (SECURITY DEFINER: these are automatic state changes, org.state_transition, which people
-- cannot make by hand; approval.apply_outcome calls them).

CREATE OR REPLACE FUNCTION mm.msp_request_subject(subject_id bigint) RETURNS TABLE (state text, unit_id bigint, bu_id bigint)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT m.state, m.unit_id, m.bu_id FROM mm.msp m WHERE m.id = msp_request_subject.subject_id;
END;

-- A framework's requests are HQ's (every BU), so only HQ approvers decide them.
CREATE OR REPLACE FUNCTION mm.framework_request_subject(subject_id bigint) RETURNS TABLE (state text, unit_id bigint, bu_id bigint)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT f.state, org.hq(), NULL::bigint FROM mm.framework f WHERE f.id = framework_request_subject.subject_id;
END;

CREATE OR REPLACE FUNCTION mm.quarterly_review_request_subject(subject_id bigint) RETURNS TABLE (state text, unit_id bigint, bu_id bigint)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT r.state, r.unit_id, r.bu_id FROM mm.quarterly_review r WHERE r.id = quarterly_review_request_subject.subject_id;
END;

-- approved → approved, rejected → rejected, withdrawn → back to draft.
CREATE OR REPLACE FUNCTION mm.msp_request_outcome(subject_id bigint, outcome text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE mm.msp SET state = CASE outcome WHEN 'withdrawn' THEN 'draft' ELSE outcome END
    WHERE id = subject_id AND state = 'submitted';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'msp % is not waiting for a decision', subject_id USING ERRCODE = 'check_violation';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION mm.msp_request_outcome(bigint, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION mm.framework_request_outcome(subject_id bigint, outcome text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE mm.framework SET state = CASE outcome WHEN 'withdrawn' THEN 'draft' ELSE outcome END
    WHERE id = subject_id AND state = 'submitted';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'framework % is not waiting for a decision', subject_id USING ERRCODE = 'check_violation';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION mm.framework_request_outcome(bigint, text) FROM PUBLIC;

-- A review takes its request's state. An approved review writes its draft plan into the MSP's
-- next quarter when the review has one (it is made from a real plan only), that quarter has no
-- plan yet and is in the same year.
CREATE OR REPLACE FUNCTION mm.quarterly_review_request_outcome(subject_id bigint, outcome text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    review mm.quarterly_review;
BEGIN
    UPDATE mm.quarterly_review r SET state = outcome WHERE r.id = subject_id AND r.state = 'submitted'
    RETURNING * INTO review;
    IF FOUND AND outcome = 'approved' AND review.draft_plan IS NOT NULL AND review.next_fiscal_year = review.fiscal_year
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
END
$$;
REVOKE ALL ON FUNCTION mm.quarterly_review_request_outcome(bigint, text) FROM PUBLIC;

INSERT INTO approval.kind (kind, owner_schema, description, subject_function, outcome_function) VALUES
    ('framework', 'mm', 'The fiscal year''s marketing framework, decided at HQ.', 'framework_request_subject', 'framework_request_outcome'),
    ('msp', 'mm', 'A Market Segment Plan.', 'msp_request_subject', 'msp_request_outcome'),
    ('quarterly_review', 'mm', 'A quarterly MSP review and its draft plan for the next quarter.',
     'quarterly_review_request_subject', 'quarterly_review_request_outcome')
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 subject_function = EXCLUDED.subject_function, outcome_function = EXCLUDED.outcome_function;
