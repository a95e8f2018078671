-- Approval requests for MM's and DG's subjects (frameworks, MSPs, budgets, quarterly reviews).

-- A request for a subject takes its scope from the subject, which must be submitted. Runs as the
-- caller (V0012–V0017's ran as the owner and told whether another unit's MSP was active or
-- submitted): a subject the caller cannot see is refused like a row outside their scope; the
-- request's insert policy then checks the caller's scope against the subject's unit and BU.
CREATE OR REPLACE FUNCTION mm.match_request_subject() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
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
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = 'A request is opened by submitting its subject, not by hand.';
    END IF;
    RETURN NEW;
END
$$;

-- Moves the subject of a request that has just closed. SECURITY DEFINER: these are automatic
-- state changes (mm.state_transition), which people cannot make by hand. An approved quarterly
-- review writes its draft plan into the MSP's next quarter when the review has one (it is made
-- from a real plan only), that quarter has no plan yet and is in the same year.
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
        IF FOUND AND NEW.state = 'approved' AND review.draft_plan IS NOT NULL AND review.next_fiscal_year = review.fiscal_year
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
