-- V0010: market management (issue 4, DOMAIN.md "MM"): segments, their scores and the portfolio,
-- performance gaps, Market Segment Plans (MSPs) and their quarterly execution plans.
--
-- Every table here is tenant-owned (org.secure_tenant_table). Rows that belong to a segment or an
-- MSP carry its unit and BU, copied by a trigger and kept consistent by a composite foreign key,
-- so that row-level security reads them like any other tenant row.

-- State machines ------------------------------------------------------------------------------

-- The allowed state changes of MSPs and frameworks. `automatic` changes are made by the database
-- itself (an approval decision, a withdrawal, next year's framework being published), never by a
-- person's UPDATE: the functions that make them run as mtl_owner.
CREATE TABLE mm.state_transition (
    machine    text NOT NULL CHECK (machine IN ('msp', 'framework')),
    from_state text NOT NULL,
    to_state   text NOT NULL,
    automatic  boolean NOT NULL,
    -- Said to the person who tries the change by hand.
    how        text NOT NULL,
    PRIMARY KEY (machine, from_state, to_state)
);

INSERT INTO mm.state_transition VALUES
    ('msp', 'draft', 'submitted', false, 'mtl msp submit'),
    ('msp', 'submitted', 'approved', true, 'an approver approves it: mtl approvals approve'),
    ('msp', 'submitted', 'rejected', true, 'an approver rejects it: mtl approvals reject'),
    ('msp', 'submitted', 'draft', true, 'the submitter withdraws the approval request'),
    ('msp', 'approved', 'active', false, 'mtl msp activate'),
    ('msp', 'active', 'closed', false, 'mtl msp close'),
    ('msp', 'rejected', 'draft', false, 'mtl msp revise'),
    ('framework', 'draft', 'submitted', false, 'mtl framework submit'),
    ('framework', 'submitted', 'approved', true, 'an HQ approver approves it: mtl approvals approve'),
    ('framework', 'submitted', 'rejected', true, 'an HQ approver rejects it: mtl approvals reject'),
    ('framework', 'submitted', 'draft', true, 'the submitter withdraws the approval request'),
    ('framework', 'approved', 'published', false, 'mtl framework publish'),
    ('framework', 'published', 'superseded', true, 'the next fiscal year''s framework is published'),
    ('framework', 'rejected', 'draft', false, 'mtl framework revise');

COMMENT ON TABLE mm.state_transition IS 'The allowed state changes of MSPs and frameworks; automatic ones are made by the database only.';

-- Refuses a state change the machine (TG_ARGV[0]) does not allow, and an automatic one made by
-- hand; stamps who changed the state and when. A BEFORE UPDATE trigger of the machine's table.
CREATE FUNCTION mm.enforce_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    machine_name text := TG_ARGV[0];
    allowed mm.state_transition;
    choices text;
BEGIN
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;
    SELECT * INTO allowed FROM mm.state_transition t
    WHERE t.machine = machine_name AND t.from_state = OLD.state AND t.to_state = NEW.state;
    IF NOT FOUND THEN
        SELECT string_agg(format('%s (%s)', t.to_state, t.how), ', ' ORDER BY t.to_state) INTO choices
        FROM mm.state_transition t WHERE t.machine = machine_name AND t.from_state = OLD.state;
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

-- Segments --------------------------------------------------------------------------------------

CREATE TABLE mm.segment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id       bigint NOT NULL REFERENCES org.unit (id),
    bu_id         bigint NOT NULL REFERENCES org.business_unit (id),
    -- A short handle, unique within the unit: the CLI names a segment UNIT/CODE (DE/RAIL).
    code          text NOT NULL CONSTRAINT segment_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    name          text NOT NULL CHECK (btrim(name) <> ''),
    industry      text NOT NULL CHECK (btrim(industry) <> ''),
    customer_type text NOT NULL CHECK (btrim(customer_type) <> ''),
    solution_line text NOT NULL CHECK (btrim(solution_line) <> ''),
    -- H1 core market, H2 growth market, H3 emerging market.
    horizon       text NOT NULL CONSTRAINT segment_horizon CHECK (horizon IN ('H1', 'H2', 'H3')),
    needs         text NOT NULL DEFAULT '',
    pain_points   text NOT NULL DEFAULT '',
    active        boolean NOT NULL DEFAULT true,
    created_by    name NOT NULL DEFAULT session_user,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT segment_code_in_unit UNIQUE (unit_id, code),
    -- The target of the composite keys below.
    CONSTRAINT segment_scope UNIQUE (id, unit_id, bu_id)
);
CREATE INDEX segment_bu_idx ON mm.segment (bu_id);

COMMENT ON TABLE mm.segment IS 'Market segments a unit chose, per BU: needs, pain points and horizon (H1 core, H2 growth, H3 emerging).';

-- A segment keeps its unit and BU: its scores, gaps and plans are scoped by them.
CREATE FUNCTION mm.segment_before_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.unit_id <> OLD.unit_id OR NEW.bu_id <> OLD.bu_id THEN
        RAISE EXCEPTION 'segment % cannot move to another unit or BU', OLD.code
            USING ERRCODE = 'check_violation', HINT = 'Deactivate it and add a new segment where it belongs.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER segment_before_update BEFORE UPDATE ON mm.segment
    FOR EACH ROW EXECUTE FUNCTION mm.segment_before_update();

-- Copies the unit and BU of the segment (segment_id) into a row that belongs to it. Runs as the
-- caller, so a segment outside the caller's scope is as unknown as a missing one.
CREATE FUNCTION mm.inherit_segment_scope() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mm.segment s WHERE s.id = NEW.segment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no segment % in your scope', NEW.segment_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See the segments you can use with: mtl segment list';
    END IF;
    RETURN NEW;
END
$$;

-- Scoring and the portfolio ---------------------------------------------------------------------

-- What segments are scored on: market attractiveness and our capability (HQ reference data).
CREATE TABLE mm.factor (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
    axis        text NOT NULL CONSTRAINT factor_axis CHECK (axis IN ('attractiveness', 'capability')),
    name        text NOT NULL,
    description text NOT NULL DEFAULT ''
);

INSERT INTO mm.factor (code, axis, name, description) VALUES
    ('market_size', 'attractiveness', 'Market size', 'The spend the segment can offer (market space).'),
    ('market_growth', 'attractiveness', 'Market growth', 'How fast the segment''s spend grows.'),
    ('profitability', 'attractiveness', 'Profitability', 'The margins the segment allows.'),
    ('market_share', 'capability', 'Market share', 'Our share of the segment today.'),
    ('competitiveness', 'capability', 'Competitiveness', 'Our solutions against the competitors'' in this segment.'),
    ('customer_relationship', 'capability', 'Customer relationship', 'Our access to the segment''s key people.');

COMMENT ON TABLE mm.factor IS 'The factors segments are scored on (1–5), on two axes: market attractiveness and our capability.';

-- The weight of each factor for a BU and fiscal year. The weights of each axis sum to 1 (checked
-- at commit, so a whole set can be changed in one transaction). A BU and year without weights
-- weighs every factor of an axis equally (mm.effective_weight).
CREATE TABLE mm.factor_weight (
    bu_id       bigint NOT NULL REFERENCES org.business_unit (id),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    factor_code text NOT NULL REFERENCES mm.factor (code),
    weight      numeric(4,3) NOT NULL CHECK (weight >= 0 AND weight <= 1),
    PRIMARY KEY (bu_id, fiscal_year, factor_code)
);

COMMENT ON TABLE mm.factor_weight IS 'Factor weights per BU and fiscal year; each axis''s weights sum to 1.';

CREATE FUNCTION mm.check_weight_sums() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed mm.factor_weight;
    wrong record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    FOR wrong IN
        SELECT f.axis, sum(w.weight) AS total, b.code AS bu
        FROM mm.factor_weight w
        JOIN mm.factor f ON f.code = w.factor_code
        JOIN org.business_unit b ON b.id = w.bu_id
        WHERE w.bu_id = changed.bu_id AND w.fiscal_year = changed.fiscal_year
        GROUP BY f.axis, b.code
        HAVING sum(w.weight) <> 1
    LOOP
        RAISE EXCEPTION 'the % weights of BU % for FY% sum to %, not 1', wrong.axis, wrong.bu, changed.fiscal_year, wrong.total
            USING ERRCODE = 'check_violation',
                  HINT = 'Set all the weights of an axis together (mtl segment weights set), so that they sum to 1.';
    END LOOP;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER factor_weight_sums AFTER INSERT OR UPDATE OR DELETE ON mm.factor_weight
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mm.check_weight_sums();

-- A segment's score on a factor for a fiscal year: 1 (weak) to 5 (strong).
CREATE TABLE mm.segment_score (
    segment_id  bigint NOT NULL,
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    factor_code text NOT NULL REFERENCES mm.factor (code),
    score       smallint NOT NULL CONSTRAINT score_range CHECK (score BETWEEN 1 AND 5),
    note        text NOT NULL DEFAULT '',
    -- Copied from the segment (mm.inherit_segment_scope).
    unit_id     bigint NOT NULL,
    bu_id       bigint NOT NULL,
    scored_by   name NOT NULL DEFAULT session_user,
    scored_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, fiscal_year, factor_code),
    FOREIGN KEY (segment_id, unit_id, bu_id) REFERENCES mm.segment (id, unit_id, bu_id)
);

COMMENT ON TABLE mm.segment_score IS 'Scores (1–5) of a segment on each factor, per fiscal year.';

CREATE TRIGGER segment_score_scope BEFORE INSERT OR UPDATE OF segment_id ON mm.segment_score
    FOR EACH ROW EXECUTE FUNCTION mm.inherit_segment_scope();

-- The weight of every factor for every BU and fiscal year that has scores or weights: the set
-- weights, or, for a BU and year without any, equal weights within each axis.
CREATE VIEW mm.effective_weight WITH (security_invoker = true) AS
WITH years AS (
    SELECT DISTINCT s.bu_id, s.fiscal_year FROM mm.segment_score s
    UNION
    SELECT DISTINCT w.bu_id, w.fiscal_year FROM mm.factor_weight w
)
SELECT y.bu_id, y.fiscal_year, f.code AS factor_code, f.axis,
       CASE WHEN EXISTS (SELECT FROM mm.factor_weight c WHERE c.bu_id = y.bu_id AND c.fiscal_year = y.fiscal_year)
            THEN coalesce(w.weight, 0)
            ELSE 1.0 / count(*) OVER (PARTITION BY y.bu_id, y.fiscal_year, f.axis)
       END AS weight,
       w.weight IS NOT NULL AS set_explicitly
FROM years y
CROSS JOIN mm.factor f
LEFT JOIN mm.factor_weight w ON w.bu_id = y.bu_id AND w.fiscal_year = y.fiscal_year AND w.factor_code = f.code;

COMMENT ON VIEW mm.effective_weight IS 'The weight each factor carries per BU and fiscal year (equal within an axis when none are set).';

-- The portfolio: each segment's weighted attractiveness and capability (1–5) for a fiscal year,
-- its rank within its unit and its quadrant. A segment is ranked once every factor that carries
-- weight is scored. Quadrants split each axis at 3, the middle of the scale:
--   attractiveness ≥ 3 and capability ≥ 3: invest_grow;  attractiveness ≥ 3, capability < 3: selective;
--   attractiveness < 3, capability ≥ 3: maintain;         both < 3: harvest.
-- Axis scores are rounded to 4 decimals before they are compared, so that equal weights of 1/3
-- cannot turn a 3 into 2.9999.
CREATE VIEW mm.portfolio WITH (security_invoker = true) AS
WITH axes AS (
    SELECT s.segment_id, s.fiscal_year,
           round(sum(w.weight * s.score) FILTER (WHERE w.axis = 'attractiveness'), 4) AS attractiveness,
           round(sum(w.weight * s.score) FILTER (WHERE w.axis = 'capability'), 4) AS capability,
           count(*) FILTER (WHERE w.weight > 0) AS scored
    FROM mm.segment_score s
    JOIN mm.effective_weight w ON w.bu_id = s.bu_id AND w.fiscal_year = s.fiscal_year AND w.factor_code = s.factor_code
    GROUP BY s.segment_id, s.fiscal_year
), needed AS (
    SELECT w.bu_id, w.fiscal_year, count(*) FILTER (WHERE w.weight > 0) AS factors
    FROM mm.effective_weight w GROUP BY w.bu_id, w.fiscal_year
), scored AS (
    SELECT g.id AS segment_id, g.unit_id, g.bu_id, g.code, g.name, g.horizon, a.fiscal_year,
           a.attractiveness, a.capability, a.scored = n.factors AS complete
    FROM axes a
    JOIN mm.segment g ON g.id = a.segment_id
    JOIN needed n ON n.bu_id = g.bu_id AND n.fiscal_year = a.fiscal_year
    WHERE g.active
)
SELECT s.segment_id, s.unit_id, s.bu_id, s.code, s.name, s.horizon, s.fiscal_year,
       s.complete,
       CASE WHEN s.complete THEN s.attractiveness END AS attractiveness,
       CASE WHEN s.complete THEN s.capability END AS capability,
       CASE WHEN s.complete THEN round((s.attractiveness + s.capability) / 2, 4) END AS overall,
       CASE WHEN s.complete THEN rank() OVER (PARTITION BY s.unit_id, s.fiscal_year, s.complete
                                              ORDER BY s.attractiveness + s.capability DESC, s.attractiveness DESC) END AS rank,
       CASE WHEN NOT s.complete THEN NULL
            WHEN s.attractiveness >= 3 AND s.capability >= 3 THEN 'invest_grow'
            WHEN s.attractiveness >= 3 THEN 'selective'
            WHEN s.capability >= 3 THEN 'maintain'
            ELSE 'harvest'
       END AS quadrant
FROM scored s;

COMMENT ON VIEW mm.portfolio IS 'One row per active scored segment and fiscal year: weighted attractiveness and capability (1–5), overall, rank within the unit, quadrant.';

-- Performance gaps ------------------------------------------------------------------------------

-- Target against actual for a segment in a fiscal quarter, and what will be done about the gap.
CREATE TABLE mm.segment_gap (
    segment_id          bigint NOT NULL,
    fiscal_year         integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    quarter             smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    currency            text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    revenue_target      numeric(18,2) CHECK (revenue_target >= 0),
    revenue_actual      numeric(18,2) CHECK (revenue_actual >= 0),
    pipeline_target     numeric(18,2) CHECK (pipeline_target >= 0),
    pipeline_actual     numeric(18,2) CHECK (pipeline_actual >= 0),
    -- Market share in percent.
    share_target        numeric(5,2) CHECK (share_target BETWEEN 0 AND 100),
    share_actual        numeric(5,2) CHECK (share_actual BETWEEN 0 AND 100),
    improvement_actions text NOT NULL DEFAULT '',
    unit_id             bigint NOT NULL,
    bu_id               bigint NOT NULL,
    updated_by          name NOT NULL DEFAULT session_user,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, fiscal_year, quarter),
    FOREIGN KEY (segment_id, unit_id, bu_id) REFERENCES mm.segment (id, unit_id, bu_id)
);

COMMENT ON TABLE mm.segment_gap IS 'Per segment and fiscal quarter: revenue, pipeline and share, target against actual, and improvement actions.';

CREATE TRIGGER segment_gap_scope BEFORE INSERT OR UPDATE OF segment_id ON mm.segment_gap
    FOR EACH ROW EXECUTE FUNCTION mm.inherit_segment_scope();

CREATE VIEW mm.segment_gap_summary WITH (security_invoker = true) AS
SELECT g.segment_id, g.unit_id, g.bu_id, g.fiscal_year, g.quarter,
       format('FY%s-Q%s', g.fiscal_year, g.quarter) AS fiscal_quarter, g.currency,
       g.revenue_target, g.revenue_actual, g.revenue_actual - g.revenue_target AS revenue_gap,
       g.pipeline_target, g.pipeline_actual, g.pipeline_actual - g.pipeline_target AS pipeline_gap,
       g.share_target, g.share_actual, g.share_actual - g.share_target AS share_gap,
       g.improvement_actions
FROM mm.segment_gap g;

COMMENT ON VIEW mm.segment_gap_summary IS 'Performance gaps (actual minus target; negative is behind) per segment and fiscal quarter.';

-- Market Segment Plans --------------------------------------------------------------------------

-- One plan per segment, unit and fiscal year. The unit is the segment's or one below it (a region
-- plans for its countries' share of a regional segment); the BU is the segment's.
CREATE TABLE mm.msp (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id        bigint NOT NULL REFERENCES mm.segment (id),
    unit_id           bigint NOT NULL REFERENCES org.unit (id),
    bu_id             bigint NOT NULL REFERENCES org.business_unit (id),
    fiscal_year       integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    goals             text NOT NULL DEFAULT '',
    gtm_strategy      text NOT NULL DEFAULT '',
    value_proposition text NOT NULL DEFAULT '',
    -- The person accountable for the plan.
    owner_role        name NOT NULL REFERENCES org.user_account (role_name),
    state             text NOT NULL DEFAULT 'draft'
                      CONSTRAINT msp_state CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'active', 'closed')),
    state_changed_at  timestamptz NOT NULL DEFAULT now(),
    state_changed_by  name NOT NULL DEFAULT session_user,
    created_by        name NOT NULL DEFAULT session_user,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT msp_once UNIQUE (segment_id, unit_id, fiscal_year),
    CONSTRAINT msp_scope UNIQUE (id, unit_id, bu_id)
);
CREATE INDEX msp_unit_idx ON mm.msp (unit_id, fiscal_year);

COMMENT ON TABLE mm.msp IS 'Market Segment Plans: goals, go-to-market strategy and value proposition per segment, unit and fiscal year; draft → submitted → approved → active → closed.';

-- A new plan starts as a draft for a unit at or below its segment's, in the segment's BU.
CREATE FUNCTION mm.msp_before_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    segment mm.segment;
BEGIN
    SELECT * INTO segment FROM mm.segment s WHERE s.id = NEW.segment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no segment % in your scope', NEW.segment_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See the segments you can use with: mtl segment list';
    END IF;
    IF NOT segment.active THEN
        RAISE EXCEPTION 'segment % is inactive', segment.code USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[segment.unit_id]) THEN
        RAISE EXCEPTION 'an MSP for segment % belongs to its unit or a unit below it', segment.code
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.bu_id := segment.bu_id;
    NEW.state := 'draft';
    NEW.state_changed_at := now();
    NEW.state_changed_by := session_user;
    NEW.created_by := session_user;
    NEW.created_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER msp_before_insert BEFORE INSERT ON mm.msp
    FOR EACH ROW EXECUTE FUNCTION mm.msp_before_insert();

-- What a plan is about never changes; its content changes only while it is a draft; it is
-- submitted only when complete.
CREATE FUNCTION mm.msp_before_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (NEW.segment_id, NEW.unit_id, NEW.bu_id, NEW.fiscal_year, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM (OLD.segment_id, OLD.unit_id, OLD.bu_id, OLD.fiscal_year, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'MSP %: its segment, unit, BU and fiscal year do not change', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Create another MSP instead.';
    END IF;
    IF OLD.state <> 'draft' AND (NEW.goals, NEW.gtm_strategy, NEW.value_proposition, NEW.owner_role)
       IS DISTINCT FROM (OLD.goals, OLD.gtm_strategy, OLD.value_proposition, OLD.owner_role) THEN
        RAISE EXCEPTION 'MSP % is %; only a draft can be edited', OLD.id, OLD.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE OLD.state WHEN 'rejected' THEN 'Make it a draft again first: mtl msp revise ' || OLD.id
                                        ELSE 'Its content was reviewed as it is.' END;
    END IF;
    IF NEW.state = 'submitted' AND OLD.state = 'draft' THEN
        IF btrim(NEW.goals) = '' OR btrim(NEW.gtm_strategy) = '' OR btrim(NEW.value_proposition) = '' THEN
            RAISE EXCEPTION 'MSP % is incomplete: goals, go-to-market strategy and value proposition are all needed', OLD.id
                USING ERRCODE = 'check_violation', HINT = 'Fill them in before submitting.';
        END IF;
        IF NOT EXISTS (SELECT FROM mm.msp_quarter q WHERE q.msp_id = OLD.id) THEN
            RAISE EXCEPTION 'MSP % has no quarterly plan', OLD.id
                USING ERRCODE = 'check_violation', HINT = 'Plan at least one quarter: mtl msp quarter set';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
-- (Triggers fire in name order: the allowed-transition check comes first.)
CREATE TRIGGER msp_rules BEFORE UPDATE ON mm.msp
    FOR EACH ROW EXECUTE FUNCTION mm.msp_before_update();
CREATE TRIGGER msp_allowed_transition BEFORE UPDATE OF state ON mm.msp
    FOR EACH ROW EXECUTE FUNCTION mm.enforce_transition('msp');

-- A quarterly execution plan: what the MSP's unit will do in one quarter of the plan's year.
CREATE TABLE mm.msp_quarter (
    msp_id             bigint NOT NULL,
    fiscal_year        integer NOT NULL,
    quarter            smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    fiscal_quarter     text NOT NULL GENERATED ALWAYS AS ('FY' || fiscal_year || '-Q' || quarter) STORED,
    pipeline_target    numeric(18,2) NOT NULL DEFAULT 0 CHECK (pipeline_target >= 0),
    lead_target        integer NOT NULL DEFAULT 0 CHECK (lead_target >= 0),
    budget             numeric(18,2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
    currency           text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    headcount          numeric(6,1) NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    resources          text NOT NULL DEFAULT '',
    -- Free text until the DG issue links real programmes.
    planned_programmes text NOT NULL DEFAULT '',
    unit_id            bigint NOT NULL,
    bu_id              bigint NOT NULL,
    updated_by         name NOT NULL DEFAULT session_user,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (msp_id, fiscal_year, quarter),
    FOREIGN KEY (msp_id, unit_id, bu_id) REFERENCES mm.msp (id, unit_id, bu_id)
);

COMMENT ON TABLE mm.msp_quarter IS 'Quarterly execution plans of an MSP: pipeline and lead targets, budget, headcount and planned programmes per fiscal quarter.';

-- A quarter belongs to its plan's fiscal year, takes the plan's unit and BU, and changes only
-- while the plan is a draft, approved or active (not under review, rejected or closed).
CREATE FUNCTION mm.msp_quarter_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan mm.msp;
BEGIN
    SELECT * INTO plan FROM mm.msp m WHERE m.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.msp_id ELSE NEW.msp_id END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See your MSPs with: mtl msp list';
    END IF;
    IF plan.state NOT IN ('draft', 'approved', 'active') THEN
        RAISE EXCEPTION 'MSP % is %; its quarterly plans cannot change now', plan.id, plan.state
            USING ERRCODE = 'check_violation',
                  HINT = 'Quarterly plans change while the MSP is a draft, approved or active.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.fiscal_year <> plan.fiscal_year THEN
        RAISE EXCEPTION 'FY%-Q% is not in MSP %''s fiscal year FY%', NEW.fiscal_year, NEW.quarter, plan.id, plan.fiscal_year
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := plan.unit_id;
    NEW.bu_id := plan.bu_id;
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER msp_quarter_before_write BEFORE INSERT OR UPDATE OR DELETE ON mm.msp_quarter
    FOR EACH ROW EXECUTE FUNCTION mm.msp_quarter_before_write();

-- Security --------------------------------------------------------------------------------------

SELECT org.secure_tenant_table('mm.segment', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('mm.segment_score', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('mm.segment_gap', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('mm.msp', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('mm.msp_quarter', 'unit_id', 'bu_id');
SELECT org.secure_reference_table('mm.factor');
SELECT org.secure_reference_table('mm.factor_weight');

-- The state machines are part of the schema: everybody reads them, nobody changes them.
ALTER TABLE mm.state_transition ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON mm.state_transition TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_all ON mm.state_transition FOR SELECT TO mtl_reader, mtl_bi USING (true);
GRANT SELECT ON mm.state_transition TO mtl_reader, mtl_bi;
SELECT audit.track('mm.state_transition', NULL, NULL);

GRANT SELECT ON mm.effective_weight, mm.portfolio, mm.segment_gap_summary TO mtl_reader, mtl_bi;
