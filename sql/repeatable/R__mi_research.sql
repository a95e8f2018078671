-- What research gathers and keeps (V0035): observations, market sizes, battlecards, competitors
-- met by leads, voice of the customer, data contributions and uses of insights. Each trigger
-- reads as the caller and checks the row's scope first (R__org_scope.sql); a row takes the unit
-- and BU of what it belongs to (its topic, segment or lead) as the caller sees it.

-- The unit and BU of a topic, segment or lead the caller can see; refused as RLS refuses if
-- it cannot, and for a write outside the caller's scope.
CREATE OR REPLACE FUNCTION mi.owner_scope(table_name text, kind text, id bigint, OUT unit_id bigint, OUT bu_id bigint)
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    CASE kind
        WHEN 'topic' THEN SELECT t.unit_id, t.bu_id INTO unit_id, bu_id FROM mi.topic t WHERE t.id = owner_scope.id;
        WHEN 'segment' THEN SELECT s.unit_id, s.bu_id INTO unit_id, bu_id FROM mm.segment s WHERE s.id = owner_scope.id;
        WHEN 'lead' THEN SELECT l.unit_id, l.bu_id INTO unit_id, bu_id FROM dg.lead l WHERE l.id = owner_scope.id;
    END CASE;
    IF unit_id IS NULL THEN
        PERFORM org.refuse_out_of_scope(table_name);
    END IF;
    PERFORM org.require_write_scope(table_name, unit_id, bu_id);
END
$$;

-- What a delivered or closed topic covered stays: stages, observations and delivered insights are
-- not taken back (and the credits they earned stay earned).
CREATE OR REPLACE FUNCTION mi.topic_part_before_delete() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    topic_state text;
BEGIN
    -- Fails closed: a part of a topic the caller cannot write (or see) stays, as RLS refuses.
    PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', OLD.topic_id);
    SELECT t.state INTO topic_state FROM mi.topic t WHERE t.id = OLD.topic_id;
    IF topic_state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
        RAISE EXCEPTION 'topic % is %; what it delivered stays', OLD.topic_id, topic_state USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
END
$$;
-- An observation: of a topic being researched, an item of the data model of the topic's
-- industry (or of any), by the caller.
CREATE OR REPLACE FUNCTION mi.observation_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    topic mi.topic;
    topic_industry text;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF topic.state NOT IN ('accepted', 'in_research') THEN
        RAISE EXCEPTION 'topic % is %; observations are made while it is researched', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    topic_industry := coalesce(topic.industry, (SELECT s.industry FROM mm.segment s WHERE s.id = topic.segment_id));
    IF NOT EXISTS (SELECT FROM mi.data_item d WHERE d.id = NEW.item_id AND (d.domain IS NULL OR lower(d.domain) = lower(topic_industry))) THEN
        RAISE EXCEPTION 'item % is not in the data model of the topic''s industry', NEW.item_id
            USING ERRCODE = 'check_violation', HINT = 'Name an item of any domain or of the topic''s industry.';
    END IF;
    NEW.observed_by := org.caller();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER observation_before_insert BEFORE INSERT ON mi.observation
    FOR EACH ROW EXECUTE FUNCTION mi.observation_before_insert();
CREATE OR REPLACE TRIGGER observation_before_delete BEFORE DELETE ON mi.observation
    FOR EACH ROW EXECUTE FUNCTION mi.topic_part_before_delete();

-- A market size takes its segment's unit and BU; the estimate it replaces is marked superseded
-- by the definer trigger after it (people cannot update estimates).
CREATE OR REPLACE FUNCTION mi.market_size_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'segment', NEW.segment_id) s;
    IF NEW.insight_id IS NOT NULL AND NOT EXISTS (SELECT FROM mi.insight i WHERE i.id = NEW.insight_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.estimated_by := org.caller();
    NEW.superseded_by := NULL;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER market_size_before_insert BEFORE INSERT ON mi.market_size
    FOR EACH ROW EXECUTE FUNCTION mi.market_size_before_insert();

CREATE OR REPLACE FUNCTION mi.market_size_supersede() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE mi.market_size m SET superseded_by = NEW.id
    WHERE m.segment_id = NEW.segment_id AND m.fiscal_year = NEW.fiscal_year AND m.superseded_by IS NULL AND m.id <> NEW.id;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION mi.market_size_supersede() FROM PUBLIC;
-- BEFORE INSERT, named to fire after market_size_before_insert (triggers fire in name order),
-- so that the one current estimate per segment and year (the unique index) is the new one.
CREATE OR REPLACE TRIGGER market_size_then_supersede BEFORE INSERT ON mi.market_size
    FOR EACH ROW EXECUTE FUNCTION mi.market_size_supersede();

-- A battlecard takes its segment's unit and BU; its owner is an mtl user.
CREATE OR REPLACE FUNCTION mi.battlecard_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.segment_id, NEW.competitor_id) IS DISTINCT FROM (OLD.segment_id, OLD.competitor_id) THEN
        RAISE EXCEPTION 'battlecard % keeps its competitor and segment', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'segment', NEW.segment_id) s;
    IF NOT org.is_person(NEW.owner) THEN
        RAISE EXCEPTION 'no mtl user %', quote_literal(NEW.owner) USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(NEW.objections) o
               WHERE jsonb_typeof(o) <> 'object' OR jsonb_typeof(o -> 'objection') <> 'string' OR jsonb_typeof(o -> 'answer') <> 'string') THEN
        RAISE EXCEPTION 'objections are a list of {"objection": text, "answer": text}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER battlecard_before_write BEFORE INSERT OR UPDATE ON mi.battlecard
    FOR EACH ROW EXECUTE FUNCTION mi.battlecard_before_write();

-- A competitor met takes its lead's unit and BU.
CREATE OR REPLACE FUNCTION mi.lead_competitor_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.lead_id, NEW.competitor_id) IS DISTINCT FROM (OLD.lead_id, OLD.competitor_id) THEN
        RAISE EXCEPTION 'record the other competitor as a new row' USING ERRCODE = 'check_violation';
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'lead', NEW.lead_id) s;
    NEW.recorded_by := org.caller();
    NEW.recorded_at := now();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER lead_competitor_before_write BEFORE INSERT OR UPDATE ON mi.lead_competitor
    FOR EACH ROW EXECUTE FUNCTION mi.lead_competitor_before_write();

-- Voice of the customer: scope first; a segment it names is one the caller sees, of its unit or
-- above; it is accepted or rejected by someone other than its recorder (four-eyes), and once
-- decided it does not change.
CREATE OR REPLACE FUNCTION mi.voice_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        NEW.recorded_by := org.caller();
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.recorded_by) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.recorded_by) THEN
        RAISE EXCEPTION 'entry % keeps its unit, BU and recorder', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.segment_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.segment_id IS DISTINCT FROM OLD.segment_id) THEN
        IF NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF NOT EXISTS (SELECT FROM mm.segment s JOIN org.unit u ON u.id = NEW.unit_id WHERE s.id = NEW.segment_id AND u.path @> ARRAY[s.unit_id]) THEN
            RAISE EXCEPTION 'a voice entry names a segment of its unit or a unit above it' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.state <> 'submitted' THEN
        RAISE EXCEPTION 'entry % is %; it no longer changes', OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.state <> OLD.state AND OLD.recorded_by = org.caller() AND NOT org.is_unrestricted(current_user) THEN
        RAISE EXCEPTION 'four-eyes: % recorded entry % and cannot decide it', OLD.recorded_by, OLD.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Someone else in its scope accepts or rejects it.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER voice_before_write BEFORE INSERT OR UPDATE ON mi.voice
    FOR EACH ROW EXECUTE FUNCTION mi.voice_before_write();
CREATE OR REPLACE TRIGGER voice_allowed_transition BEFORE UPDATE OF state ON mi.voice
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('voice');

-- A data contribution takes its topic's unit and BU; its providing unit is the topic's own, or a
-- unit named as a data provider of it, or the unit of a person so named; it comes from someone
-- who may write for the providing unit (so FR's people answer for FR on a DE topic, and nobody
-- else in FR's name); a researcher of the topic who did not submit it decides.
CREATE OR REPLACE FUNCTION mi.contribution_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- The topic as the caller sees it: of its scope, or naming it (R__mi_topics.sql).
        SELECT t.unit_id, t.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.topic t WHERE t.id = NEW.topic_id;
        IF NOT FOUND THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        NEW.submitted_by := org.caller();
        IF NEW.provider_unit_id <> NEW.unit_id
           AND NOT EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = NEW.topic_id AND r.role = 'data_provider'
                           AND (r.provider_unit_id = NEW.provider_unit_id OR r.person = current_user)) THEN
            RAISE EXCEPTION 'unit % is not a data provider of topic %', NEW.provider_unit_id, NEW.topic_id
                USING ERRCODE = 'check_violation', HINT = 'Name the unit as a data provider of the topic first.';
        END IF;
        -- The providing unit's data comes from someone who may write for it.
        IF NOT org.is_unrestricted(current_user) AND NOT coalesce(org.in_write_scope(NEW.provider_unit_id, NEW.bu_id), false) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM mi.topic t WHERE t.id = NEW.topic_id AND t.state NOT IN ('accepted', 'in_research')) THEN
            RAISE EXCEPTION 'topic % is not being researched', NEW.topic_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    -- Only the decision changes a contribution (what was submitted is what is accepted), once, while
    -- its topic is open or just delivered.
    IF (NEW.topic_id, NEW.unit_id, NEW.bu_id, NEW.provider_unit_id, NEW.submitted_by, NEW.description, NEW.uri)
       IS DISTINCT FROM (OLD.topic_id, OLD.unit_id, OLD.bu_id, OLD.provider_unit_id, OLD.submitted_by, OLD.description, OLD.uri)
       OR OLD.state <> 'submitted' THEN
        RAISE EXCEPTION 'contribution % is %; only its decision changes it', OLD.id, OLD.state USING ERRCODE = 'check_violation',
            HINT = 'Submit corrected data as a new contribution.';
    END IF;
    IF EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state NOT IN ('accepted', 'in_research', 'delivered')) THEN
        RAISE EXCEPTION 'topic % is closed; its data is no longer decided', OLD.topic_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state <> OLD.state AND NOT org.is_unrestricted(current_user) THEN
        IF OLD.submitted_by = org.caller() THEN
            RAISE EXCEPTION 'four-eyes: % submitted contribution % and cannot decide it', OLD.submitted_by, OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT mi.holds_role(OLD.topic_id, 'researcher', org.caller()) THEN
            RAISE EXCEPTION 'only a researcher of topic % decides its data', OLD.topic_id USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
-- The providing unit reads and submits its contributions to a topic of another scope that names
-- it (the topic's own scope has the standard policies). The trigger above checks the rest.
DROP POLICY IF EXISTS read_provided ON mi.contribution;
DROP POLICY IF EXISTS insert_provided ON mi.contribution;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY read_provided ON mi.contribution FOR SELECT TO mtl_reader, mtl_bi USING (%s)',
                   org.scope_condition('provider_unit_id', 'bu_id', false));
    EXECUTE format('CREATE POLICY insert_provided ON mi.contribution FOR INSERT TO mtl_editor WITH CHECK ((%s) '
                   'AND EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = contribution.topic_id AND r.role = ''data_provider'' '
                   'AND (r.provider_unit_id = contribution.provider_unit_id OR r.person = current_user)))',
                   org.scope_condition('provider_unit_id', 'bu_id', true));
END
$$;
CREATE OR REPLACE TRIGGER contribution_before_write BEFORE INSERT OR UPDATE ON mi.contribution
    FOR EACH ROW EXECUTE FUNCTION mi.contribution_before_write();
CREATE OR REPLACE TRIGGER contribution_allowed_transition BEFORE UPDATE OF state ON mi.contribution
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('contribution');

-- A decided voice entry or data contribution stays (the credits it earned too).
CREATE OR REPLACE FUNCTION mi.decided_stays() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF OLD.state <> 'submitted' THEN
        RAISE EXCEPTION '% % is %; it stays', replace(TG_TABLE_NAME, '_', ' '), OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
END
$$;
CREATE OR REPLACE TRIGGER voice_before_delete BEFORE DELETE ON mi.voice FOR EACH ROW EXECUTE FUNCTION mi.decided_stays();
CREATE OR REPLACE TRIGGER contribution_before_delete BEFORE DELETE ON mi.contribution FOR EACH ROW EXECUTE FUNCTION mi.decided_stays();

-- Accepted voice entries and data contributions earn their units credits (the ledger is the
-- database's: SECURITY DEFINER, after the invoker triggers above checked the caller).
CREATE OR REPLACE FUNCTION mi.credit_accepted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO mi.credit (unit_id, bu_id, kind, subject_id, credits, accepted_by)
    SELECT CASE TG_TABLE_NAME WHEN 'voice' THEN NEW.unit_id ELSE (to_jsonb(NEW) ->> 'provider_unit_id')::bigint END,
           NEW.bu_id,
           r.kind, NEW.id, r.credits, org.caller()
    FROM mi.credit_rate r WHERE r.kind = CASE TG_TABLE_NAME WHEN 'voice' THEN 'voice' ELSE 'data' END
    ON CONFLICT ON CONSTRAINT credit_once DO NOTHING;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mi.credit_accepted() FROM PUBLIC;
CREATE OR REPLACE TRIGGER voice_credit_accepted AFTER UPDATE OF state ON mi.voice
    FOR EACH ROW WHEN (NEW.state = 'accepted' AND OLD.state <> 'accepted') EXECUTE FUNCTION mi.credit_accepted();
CREATE OR REPLACE TRIGGER contribution_credit_accepted AFTER UPDATE OF state ON mi.contribution
    FOR EACH ROW WHEN (NEW.state = 'accepted' AND OLD.state <> 'accepted') EXECUTE FUNCTION mi.credit_accepted();

-- A use of an insight takes the unit and BU of what it informed, which the caller must see and
-- may write; the insight must be one the caller can read.
CREATE OR REPLACE FUNCTION mi.insight_use_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM mi.insight i WHERE i.id = NEW.insight_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    CASE NEW.used_for
        WHEN 'msp' THEN SELECT m.unit_id, m.bu_id INTO NEW.unit_id, NEW.bu_id FROM mm.msp m WHERE m.id = NEW.subject_id;
        WHEN 'evaluation' THEN SELECT e.unit_id, e.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.evaluation e WHERE e.topic_id = NEW.subject_id;
        WHEN 'battlecard' THEN SELECT b.unit_id, b.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.battlecard b WHERE b.id = NEW.subject_id;
        WHEN 'programme' THEN SELECT p.unit_id, p.bu_id INTO NEW.unit_id, NEW.bu_id FROM dg.programme p WHERE p.id = NEW.subject_id;
        ELSE NULL;
    END CASE;
    IF NOT FOUND OR NEW.unit_id IS NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    NEW.used_by := org.caller();
    NEW.used_at := now();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER insight_use_before_insert BEFORE INSERT ON mi.insight_use
    FOR EACH ROW EXECUTE FUNCTION mi.insight_use_before_insert();

-- A topic against its data model: each item of the topic's industry (or of any), observed or
-- missed, and by which methods.
CREATE OR REPLACE VIEW mi.topic_item WITH (security_invoker = true) AS
SELECT t.id AS topic_id, t.unit_id, d.id AS item_id, d.domain, d.code, d.name, d.method AS planned_method,
       count(o.id) AS observations, count(o.id) > 0 AS covered,
       coalesce(array_agg(DISTINCT o.method) FILTER (WHERE o.id IS NOT NULL), '{}') AS methods_used
FROM mi.topic t
LEFT JOIN mm.segment s ON s.id = t.segment_id
JOIN mi.data_item d ON d.domain IS NULL OR lower(d.domain) = lower(coalesce(t.industry, s.industry))
LEFT JOIN mi.observation o ON o.topic_id = t.id AND o.item_id = d.id
GROUP BY t.id, t.unit_id, d.id, d.domain, d.code, d.name, d.method;
COMMENT ON VIEW mi.topic_item IS 'Each topic against its data model: every item of its industry (or of any), covered by observations or missed.';
GRANT SELECT ON mi.topic_item TO mtl_reader;

-- The daily review check (the scheduler's): flags battlecards whose review is overdue and open
-- topics past their due date, once per subject and due date; returns how many it flagged.
CREATE OR REPLACE FUNCTION mi.flag_reviews() RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH flagged AS (
        INSERT INTO mi.review_flag (subject_kind, subject_id, unit_id, bu_id, due_on)
        SELECT 'battlecard', b.id, b.unit_id, b.bu_id, b.last_reviewed_on + b.review_interval_days
        FROM mi.battlecard b WHERE b.last_reviewed_on + b.review_interval_days < current_date
        UNION ALL
        SELECT 'topic', t.id, t.unit_id, t.bu_id, t.due_on
        FROM mi.topic t WHERE t.state IN ('proposed', 'accepted', 'in_research') AND t.due_on < current_date
        ON CONFLICT ON CONSTRAINT review_flag_pkey DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM flagged;
END;
REVOKE ALL ON FUNCTION mi.flag_reviews() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mi.flag_reviews() TO mtl_scheduler;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('insight.review_check', 'mi', 'Flag battlecards past their review interval and insight topics past due.', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;
