-- Insight topics (mi.topic, V0035): who may move a topic, what each scenario names, roles and
-- four-eyes on evaluation. A topic's parts take its unit and BU through mi.owner_scope
-- (R__mi_research.sql). Every trigger reads as the caller and checks the row's scope first
-- (R__org_scope.sql): a row outside it, or a reference the caller cannot see, is refused as RLS
-- refuses.

-- The person on whose behalf a statement runs, for the topic's roles (a login's name).
CREATE OR REPLACE FUNCTION mi.holds_role(topic bigint, role_name text, who name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
RETURN EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = holds_role.topic AND r.role = holds_role.role_name AND r.person = holds_role.who);

-- A topic: scope first; what it is about must be something the caller sees, of the topic's unit
-- or a unit below it; once accepted, what it asks stays as the setter accepted it. State
-- changes: accepted or rejected by a setter, started and delivered by a researcher, delivered
-- only with an insight attached.
CREATE OR REPLACE FUNCTION mi.topic_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    who name := org.caller();
    about_unit bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'topic % cannot move to another unit or BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.segment_id, NEW.subject_unit_id, NEW.lead_id) IS DISTINCT FROM (OLD.segment_id, OLD.subject_unit_id, OLD.lead_id) THEN
        FOR about_unit IN
            SELECT s.unit_id FROM mm.segment s WHERE s.id = NEW.segment_id
            UNION ALL SELECT u.id FROM org.unit u WHERE u.id = NEW.subject_unit_id AND u.id = ANY (org.visible_units())
            UNION ALL SELECT l.unit_id FROM dg.lead l WHERE l.id = NEW.lead_id
        LOOP
            IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = about_unit AND u.path @> ARRAY[NEW.unit_id]) THEN
                RAISE EXCEPTION 'a topic of a unit is about that unit or a unit below it'
                    USING ERRCODE = 'check_violation', HINT = 'Set the topic in the unit of what it is about, or in a unit above it.';
            END IF;
        END LOOP;
        -- A segment, unit or lead the caller cannot see: as RLS refuses.
        IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
           OR (NEW.subject_unit_id IS NOT NULL AND NOT NEW.subject_unit_id = ANY (org.visible_units()))
           OR (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.accepted_at := NULL; NEW.started_at := NULL; NEW.delivered_at := NULL; NEW.evaluated_at := NULL; NEW.closed_at := NULL;
        RETURN NEW;
    END IF;
    -- The stamps of each state are the database's.
    NEW.accepted_at := CASE WHEN NEW.state = 'accepted' AND OLD.state <> 'accepted' THEN now() ELSE OLD.accepted_at END;
    NEW.started_at := CASE WHEN NEW.state = 'in_research' AND OLD.state <> 'in_research' THEN now() ELSE OLD.started_at END;
    NEW.delivered_at := CASE WHEN NEW.state = 'delivered' AND OLD.state <> 'delivered' THEN now() ELSE OLD.delivered_at END;
    NEW.evaluated_at := CASE WHEN NEW.state = 'evaluated' AND OLD.state <> 'evaluated' THEN now() ELSE OLD.evaluated_at END;
    NEW.closed_at := CASE WHEN NEW.state IN ('rejected', 'cancelled') AND OLD.state NOT IN ('rejected', 'cancelled') THEN now() ELSE OLD.closed_at END;
    IF OLD.state <> 'proposed' AND (NEW.title, NEW.question, NEW.scenario, NEW.segment_id, NEW.customer, NEW.subject_unit_id,
                                    NEW.industry, NEW.lead_id, NEW.fiscal_year)
       IS DISTINCT FROM (OLD.title, OLD.question, OLD.scenario, OLD.segment_id, OLD.customer, OLD.subject_unit_id,
                         OLD.industry, OLD.lead_id, OLD.fiscal_year) THEN
        RAISE EXCEPTION 'topic % is %: what it asks stays as its setter accepted it', OLD.id, OLD.state
            USING ERRCODE = 'check_violation', HINT = 'Propose a new topic instead.';
    END IF;
    IF OLD.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') AND (NEW.due_on, NEW.priority) IS DISTINCT FROM (OLD.due_on, OLD.priority) THEN
        RAISE EXCEPTION 'topic % is %: its due date and priority stay', OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state AND NOT org.is_unrestricted(current_user) THEN
        IF NEW.state IN ('accepted', 'rejected') AND NOT mi.holds_role(OLD.id, 'setter', who) THEN
            RAISE EXCEPTION 'only a setter of topic % accepts or rejects it', OLD.id
                USING ERRCODE = 'insufficient_privilege', HINT = 'The leader or expert who sets a topic decides whether it is the right one.';
        END IF;
        IF NEW.state IN ('in_research', 'delivered') AND NOT mi.holds_role(OLD.id, 'researcher', who) THEN
            RAISE EXCEPTION 'only a researcher of topic % starts or delivers it', OLD.id
                USING ERRCODE = 'insufficient_privilege', HINT = 'Assign the researcher role first.';
        END IF;
    END IF;
    IF NEW.state = 'delivered' AND OLD.state <> 'delivered'
       AND NOT EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = OLD.id) THEN
        RAISE EXCEPTION 'topic % has no insight to deliver', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Attach at least one insight to the topic first.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER topic_before_write BEFORE INSERT OR UPDATE ON mi.topic
    FOR EACH ROW EXECUTE FUNCTION mi.topic_before_write();
CREATE OR REPLACE TRIGGER topic_allowed_transition BEFORE UPDATE OF state ON mi.topic
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('topic');

-- A role takes its topic's unit and BU, as the caller sees the topic. Roles are given and taken
-- by a setter of the topic (its first setter by whoever proposed it), so nobody makes themselves
-- setter, researcher or evaluator of a colleague's topic. Four-eyes: a researcher is neither a
-- setter nor the evaluator of the same topic, so nobody sets, researches and judges alone. A
-- person is an mtl user; a researcher and the evaluator stay once research has started (so
-- nobody leaves a role to evaluate their own work); a data-providing unit is one the setter's
-- scope covers.
CREATE OR REPLACE FUNCTION mi.topic_role_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    topic mi.topic;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT * INTO topic FROM mi.topic t WHERE t.id = OLD.topic_id;
        IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(OLD.topic_id, 'setter', org.caller()) THEN
            RAISE EXCEPTION 'only a setter of topic % changes its roles', OLD.topic_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF topic.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
            RAISE EXCEPTION 'topic % is %; its roles no longer change', OLD.topic_id, topic.state USING ERRCODE = 'check_violation';
        END IF;
        IF (OLD.role IN ('researcher', 'evaluator') AND topic.state NOT IN ('proposed', 'accepted'))
           OR (OLD.role = 'setter' AND topic.state <> 'proposed') THEN
            RAISE EXCEPTION 'topic % is %: its % stays', OLD.topic_id, topic.state, replace(OLD.role, '_', ' ')
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(topic.id, 'setter', org.caller())
       AND NOT (NEW.role = 'setter' AND topic.created_by = org.caller()
                AND NOT EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = topic.id AND r.role = 'setter')) THEN
        RAISE EXCEPTION 'only a setter of topic % gives its roles', topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Its setter assigns researchers, data providers, consumers and the evaluator.';
    END IF;
    IF topic.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
        RAISE EXCEPTION 'topic % is %; its roles no longer change', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.provider_unit_id IS NOT NULL AND NOT org.is_unrestricted(current_user)
       AND NOT coalesce(org.in_write_scope(NEW.provider_unit_id, topic.bu_id), false) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NEW.person IS NOT NULL AND NOT org.is_person(NEW.person) THEN
        RAISE EXCEPTION 'no mtl user %', quote_literal(NEW.person)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Name a person by their login.';
    END IF;
    IF NEW.provider_unit_id IS NOT NULL AND NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.provider_unit_id) THEN
        RAISE EXCEPTION 'no unit %', NEW.provider_unit_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.role = 'evaluator' AND (mi.holds_role(topic.id, 'researcher', NEW.person)
                                   OR EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = topic.id AND i.author = NEW.person)) THEN
        RAISE EXCEPTION 'four-eyes: % researches topic % and cannot evaluate it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Name an evaluator who did not research it.';
    END IF;
    IF NEW.role = 'researcher' AND (mi.holds_role(topic.id, 'evaluator', NEW.person) OR mi.holds_role(topic.id, 'setter', NEW.person)) THEN
        RAISE EXCEPTION 'four-eyes: % sets or evaluates topic % and cannot research it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Name another researcher.';
    END IF;
    IF NEW.role = 'setter' AND mi.holds_role(topic.id, 'researcher', NEW.person) THEN
        RAISE EXCEPTION 'four-eyes: % researches topic % and cannot set it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.role = 'evaluator' AND EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = topic.id AND r.role = 'evaluator') THEN
        RAISE EXCEPTION 'topic % has its evaluator', topic.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER topic_role_before_write BEFORE INSERT OR DELETE ON mi.topic_role
    FOR EACH ROW EXECUTE FUNCTION mi.topic_role_before_write();

-- People and units named on a topic of another scope (FR named as a data provider of a DE topic,
-- a consumer elsewhere) read the topic and their own roles on it, so that they know what is asked
-- and can answer it (mi.contribution). The second SELECT policies of mi.topic_role and mi.topic
-- (permissive: a row either policy admits is read); a named unit is read through the caller's
-- grants (its BU too), as read_in_scope reads unit_id. Nothing else of the topic widens: its
-- stages, observations and insights keep their own policies.
DROP POLICY IF EXISTS read_named ON mi.topic_role;
DROP POLICY IF EXISTS read_named ON mi.topic;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY read_named ON mi.topic_role FOR SELECT TO mtl_reader, mtl_bi USING (person = current_user OR (%s))',
                   org.scope_condition('provider_unit_id', 'bu_id', false));
END
$$;
-- The roles read here are those the caller sees: its own scope's and those naming it.
CREATE POLICY read_named ON mi.topic FOR SELECT TO mtl_reader, mtl_bi
USING (EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = topic.id));

-- A covered stage takes its topic's unit and BU; the stage is one of every industry's or of the
-- topic's industry (its own, or its segment's).
CREATE OR REPLACE FUNCTION mi.topic_stage_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    topic mi.topic;
    topic_industry text;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF topic.state NOT IN ('proposed', 'accepted', 'in_research') THEN
        RAISE EXCEPTION 'topic % is %; the stages it covers stay', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    topic_industry := coalesce(topic.industry, (SELECT s.industry FROM mm.segment s WHERE s.id = topic.segment_id));
    IF NOT EXISTS (SELECT FROM mi.business_stage b WHERE b.id = NEW.stage_id
                   AND (b.industry IS NULL OR lower(b.industry) = lower(topic_industry))) THEN
        RAISE EXCEPTION 'stage % is not a stage of the topic''s industry', NEW.stage_id
            USING ERRCODE = 'check_violation', HINT = 'Name a stage of every industry or of the topic''s own.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER topic_stage_before_insert BEFORE INSERT ON mi.topic_stage
    FOR EACH ROW EXECUTE FUNCTION mi.topic_stage_before_insert();

-- (mi.topic_part_before_delete is in R__mi_research.sql, which is applied first.)
CREATE OR REPLACE TRIGGER topic_stage_before_delete BEFORE DELETE ON mi.topic_stage
    FOR EACH ROW EXECUTE FUNCTION mi.topic_part_before_delete();

-- An evaluation: of a delivered topic the caller sees, by its evaluator, never by one of its
-- researchers or the authors of its insights (four-eyes, even if the roles were set wrongly).
CREATE OR REPLACE FUNCTION mi.evaluation_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    who name := org.caller();
    topic mi.topic;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    NEW.evaluated_by := who;
    NEW.evaluated_at := now();
    IF mi.holds_role(topic.id, 'researcher', who) OR EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = topic.id AND i.author = who) THEN
        RAISE EXCEPTION 'four-eyes: % researched topic % and cannot evaluate it', who, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Its evaluator, who did not research it, evaluates it.';
    END IF;
    IF NOT mi.holds_role(topic.id, 'evaluator', who) THEN
        RAISE EXCEPTION 'only the evaluator of topic % evaluates it', topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Assign the evaluator role first.';
    END IF;
    IF topic.state <> 'delivered' THEN
        RAISE EXCEPTION 'topic % is %; a topic is evaluated once delivered', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER evaluation_before_insert BEFORE INSERT ON mi.evaluation
    FOR EACH ROW EXECUTE FUNCTION mi.evaluation_before_insert();

-- The evaluation makes its topic evaluated (an automatic change) and records that the topic's
-- insights informed it (mi.insight_use). SECURITY DEFINER, after the invoker trigger above
-- checked the caller.
CREATE OR REPLACE FUNCTION mi.evaluation_after_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE mi.topic SET state = 'evaluated' WHERE id = NEW.topic_id AND state = 'delivered';
    INSERT INTO mi.insight_use (insight_id, unit_id, bu_id, used_for, subject_id, used_by)
    SELECT i.id, NEW.unit_id, NEW.bu_id, 'evaluation', NEW.topic_id, NEW.evaluated_by
    FROM mi.insight i WHERE i.topic_id = NEW.topic_id
    ON CONFLICT ON CONSTRAINT insight_use_once DO NOTHING;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mi.evaluation_after_insert() FROM PUBLIC;
CREATE OR REPLACE TRIGGER evaluation_after_insert AFTER INSERT ON mi.evaluation
    FOR EACH ROW EXECUTE FUNCTION mi.evaluation_after_insert();

-- An insight: scope first; its region is its unit's; a topic it answers is one the caller sees,
-- still in research (or accepted); a unit-level insight of HQ shares globally or not at all.
CREATE OR REPLACE FUNCTION mi.insight_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    topic_state text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        NEW.author := org.caller();
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.author) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.author) THEN
        RAISE EXCEPTION 'insight % keeps its unit, BU and author', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT r.id INTO NEW.region_id FROM org.unit u JOIN org.unit r ON r.id = ANY (u.path) AND r.kind = 'region' WHERE u.id = NEW.unit_id;
    IF NEW.sharing = 'region' AND NEW.region_id IS NULL THEN
        RAISE EXCEPTION 'an HQ insight is shared with its own scope or globally, not with a region'
            USING ERRCODE = 'check_violation', HINT = 'Share it globally, or keep it to HQ.';
    END IF;
    -- An insight of a topic the caller cannot see, or can see only as a named party (read_named):
    -- as RLS refuses; nothing of it changes from outside the topic's scope.
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL THEN
        PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', OLD.topic_id);
    END IF;
    IF NEW.topic_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.topic_id IS DISTINCT FROM OLD.topic_id) THEN
        -- A topic's insights are written in its scope (not by a unit merely named on it), by one
        -- of its researchers.
        PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id);
        SELECT t.state INTO topic_state FROM mi.topic t WHERE t.id = NEW.topic_id;
        IF topic_state NOT IN ('accepted', 'in_research') THEN
            RAISE EXCEPTION 'topic % is %; insights answer a topic while it is researched', NEW.topic_id, topic_state
                USING ERRCODE = 'check_violation';
        END IF;
        IF mi.holds_role(NEW.topic_id, 'evaluator', NEW.author) THEN
            RAISE EXCEPTION 'four-eyes: % evaluates topic % and cannot write its insights', NEW.author, NEW.topic_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(NEW.topic_id, 'researcher', NEW.author) THEN
            RAISE EXCEPTION 'only a researcher of topic % writes its insights', NEW.topic_id
                USING ERRCODE = 'insufficient_privilege', HINT = 'Its setter assigns researchers: mtl insight topic assign.';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL
       AND (NEW.kind, NEW.title, NEW.summary, NEW.findings, NEW.evidence, NEW.confidence, NEW.valid_until)
           IS DISTINCT FROM (OLD.kind, OLD.title, OLD.summary, OLD.findings, OLD.evidence, OLD.confidence, OLD.valid_until)
       AND EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state IN ('delivered', 'evaluated')) THEN
        RAISE EXCEPTION 'insight % was delivered with topic %: what it says stays', OLD.id, OLD.topic_id
            USING ERRCODE = 'check_violation', HINT = 'Write a new insight, or share this one differently.';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL AND NEW.topic_id IS DISTINCT FROM OLD.topic_id
       AND EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state IN ('delivered', 'evaluated')) THEN
        RAISE EXCEPTION 'insight % was delivered with topic % and stays with it', OLD.id, OLD.topic_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER insight_before_write BEFORE INSERT OR UPDATE ON mi.insight
    FOR EACH ROW EXECUTE FUNCTION mi.insight_before_write();
CREATE OR REPLACE TRIGGER insight_before_delete BEFORE DELETE ON mi.insight
    FOR EACH ROW WHEN (OLD.topic_id IS NOT NULL) EXECUTE FUNCTION mi.topic_part_before_delete();
