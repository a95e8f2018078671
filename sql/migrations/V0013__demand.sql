-- V0013: demand generation (issue 5, DOMAIN.md "DG"): programmes, activities, assets and
-- budgets. Programmes serve MSPs and follow the published marketing framework; a programme's
-- budget is approved through the approval mechanism; spending beyond the approved budget is
-- refused. Every table is tenant-owned (org.secure_tenant_table).

-- Programmes -------------------------------------------------------------------------------------

CREATE TABLE dg.programme (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id            bigint NOT NULL REFERENCES org.unit (id),
    bu_id              bigint NOT NULL REFERENCES org.business_unit (id),
    name               text NOT NULL CHECK (btrim(name) <> ''),
    -- company: few, thought leadership, owned by HQ; region: scenarios for similar customers;
    -- customer_group: content for one customer group, to produce leads.
    tier               text NOT NULL CONSTRAINT programme_tier CHECK (tier IN ('company', 'region', 'customer_group')),
    fiscal_year        integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    -- The MSP it serves (optional for company-tier thought leadership) and that MSP's segment.
    msp_id             bigint REFERENCES mm.msp (id),
    segment_id         bigint REFERENCES mm.segment (id),
    -- The concept package of the year's published framework it follows.
    concept_package_id bigint NOT NULL REFERENCES mm.concept_package (id),
    lead_target        integer NOT NULL DEFAULT 0 CHECK (lead_target >= 0),
    pipeline_target    numeric(18,2) NOT NULL DEFAULT 0 CHECK (pipeline_target >= 0),
    currency           text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    starts_on          date NOT NULL,
    ends_on            date NOT NULL,
    state              text NOT NULL DEFAULT 'planned'
                       CONSTRAINT programme_state CHECK (state IN ('planned', 'approved', 'running', 'closed')),
    state_changed_at   timestamptz NOT NULL DEFAULT now(),
    state_changed_by   name NOT NULL DEFAULT session_user,
    created_by         name NOT NULL DEFAULT session_user,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT programme_dates CHECK (ends_on >= starts_on),
    CONSTRAINT programme_serves_msp CHECK (tier = 'company' OR msp_id IS NOT NULL),
    CONSTRAINT programme_scope UNIQUE (id, unit_id, bu_id)
);
CREATE INDEX programme_unit_idx ON dg.programme (unit_id, fiscal_year);
CREATE INDEX programme_msp_idx ON dg.programme (msp_id);

COMMENT ON TABLE dg.programme IS 'Marketing programmes: a package of activities with one goal and budget, serving an MSP and following the framework; planned → approved → running → closed.';

-- A programme follows a concept package of its year's published framework; a company-tier
-- programme belongs to HQ; the MSP it serves is of its BU and year, in its unit or below, and
-- approved or active. Checked when it is created and whenever these links change.
CREATE FUNCTION dg.programme_check_links() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    framework_year integer;
    framework_state text;
    plan mm.msp;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'programme % cannot move to another unit or BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.tier = 'company' AND NEW.unit_id <> org.hq() THEN
        RAISE EXCEPTION 'company-tier programmes are owned by HQ'
            USING ERRCODE = 'check_violation', HINT = 'Create it at HQ, or make it a region or customer_group programme.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.concept_package_id <> OLD.concept_package_id OR NEW.fiscal_year <> OLD.fiscal_year THEN
        SELECT f.fiscal_year, f.state INTO framework_year, framework_state
        FROM mm.concept_package c JOIN mm.framework f ON f.id = c.framework_id
        WHERE c.id = NEW.concept_package_id;
        IF framework_year IS DISTINCT FROM NEW.fiscal_year OR framework_state <> 'published' THEN
            RAISE EXCEPTION 'programme % must follow a concept package of the published FY% framework', NEW.name, NEW.fiscal_year
                USING ERRCODE = 'check_violation',
                      HINT = CASE WHEN framework_year IS DISTINCT FROM NEW.fiscal_year
                                  THEN format('The concept package is from FY%s''s framework.', framework_year)
                                  ELSE format('The FY%s framework is %s; programmes follow it once it is published.', framework_year, framework_state) END;
        END IF;
    END IF;
    IF NEW.msp_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.msp_id IS DISTINCT FROM OLD.msp_id) THEN
        SELECT * INTO plan FROM mm.msp m WHERE m.id = NEW.msp_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF plan.bu_id <> NEW.bu_id OR plan.fiscal_year <> NEW.fiscal_year
           OR NOT EXISTS (SELECT FROM org.unit u WHERE u.id = plan.unit_id AND u.path @> ARRAY[NEW.unit_id]) THEN
            RAISE EXCEPTION 'programme % cannot serve MSP %: it must be of the same BU and fiscal year, in the programme''s unit or below', NEW.name, plan.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF plan.state NOT IN ('approved', 'active') THEN
            RAISE EXCEPTION 'MSP % is %; programmes serve approved or active MSPs', plan.id, plan.state
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.segment_id := plan.segment_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER programme_check_links BEFORE INSERT OR UPDATE ON dg.programme
    FOR EACH ROW EXECUTE FUNCTION dg.programme_check_links();

ALTER TABLE mm.state_transition DROP CONSTRAINT state_transition_machine_check,
    ADD CONSTRAINT state_transition_machine CHECK (machine IN ('msp', 'framework', 'programme'));
INSERT INTO mm.state_transition VALUES
    ('programme', 'planned', 'approved', true, 'its budget is approved: mtl approvals approve'),
    ('programme', 'approved', 'running', false, 'mtl programme start'),
    ('programme', 'running', 'closed', false, 'mtl programme close');

CREATE TRIGGER programme_allowed_transition BEFORE UPDATE OF state ON dg.programme
    FOR EACH ROW EXECUTE FUNCTION mm.enforce_transition('programme');

-- Activities and assets --------------------------------------------------------------------------

CREATE TABLE dg.activity (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint NOT NULL REFERENCES dg.programme (id),
    -- The programme's unit or one below it; the programme's BU.
    unit_id      bigint NOT NULL REFERENCES org.unit (id),
    bu_id        bigint NOT NULL REFERENCES org.business_unit (id),
    name         text NOT NULL CHECK (btrim(name) <> ''),
    type         text NOT NULL CONSTRAINT activity_type CHECK (type IN (
                     'summit', 'exhibition', 'workshop', 'seminar', 'webinar', 'digital_campaign',
                     'customer_visit', 'customer_experience', 'roadshow', 'joint_innovation', 'other')),
    starts_on    date NOT NULL,
    ends_on      date NOT NULL,
    planned_cost numeric(18,2) NOT NULL DEFAULT 0 CHECK (planned_cost >= 0),
    -- Known once the activity is done; until then the planned cost counts against the budget.
    actual_cost  numeric(18,2) CHECK (actual_cost >= 0),
    invited      integer NOT NULL DEFAULT 0 CHECK (invited >= 0),
    attended     integer NOT NULL DEFAULT 0 CHECK (attended >= 0),
    state        text NOT NULL DEFAULT 'planned' CONSTRAINT activity_state CHECK (state IN ('planned', 'done', 'cancelled')),
    created_by   name NOT NULL DEFAULT session_user,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT activity_dates CHECK (ends_on >= starts_on)
);
CREATE INDEX activity_programme_idx ON dg.activity (programme_id);
CREATE INDEX activity_unit_idx ON dg.activity (unit_id, starts_on);

COMMENT ON TABLE dg.activity IS 'Marketing activities (summits, workshops, webinars, …) of a programme: dates, planned and actual cost, invited and attended.';

-- Content. Everybody reads assets (HQ builds typical material that regions and countries use);
-- people write the assets of their own units.
CREATE TABLE dg.asset (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    bu_id       bigint REFERENCES org.business_unit (id),
    type        text NOT NULL CONSTRAINT asset_type CHECK (type IN (
                    'slides', 'white_paper', 'article', 'case_study', 'video', 'brochure', 'demo', 'kit', 'other')),
    title       text NOT NULL CHECK (btrim(title) <> ''),
    -- A language tag such as en, de or zh-CN.
    language    text NOT NULL CONSTRAINT asset_language CHECK (language ~ '^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$'),
    uri         text NOT NULL CONSTRAINT asset_uri CHECK (uri ~ '^[a-z][a-z0-9+.-]*:\S+$'),
    owner_role  name NOT NULL REFERENCES org.user_account (role_name),
    state       text NOT NULL DEFAULT 'draft' CONSTRAINT asset_state CHECK (state IN ('draft', 'published', 'retired')),
    created_by  name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE dg.asset IS 'Marketing assets (slides, white papers, case studies, videos, …): language, location, owner, draft → published → retired.';

-- Which assets an activity used; scoped like the activity.
CREATE TABLE dg.activity_asset (
    activity_id bigint NOT NULL REFERENCES dg.activity (id),
    asset_id    bigint NOT NULL REFERENCES dg.asset (id),
    unit_id     bigint NOT NULL,
    bu_id       bigint NOT NULL,
    PRIMARY KEY (activity_id, asset_id)
);

COMMENT ON TABLE dg.activity_asset IS 'The assets each activity used.';

CREATE FUNCTION dg.activity_asset_scope() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    SELECT a.unit_id, a.bu_id INTO NEW.unit_id, NEW.bu_id FROM dg.activity a WHERE a.id = NEW.activity_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no activity % in your scope', NEW.activity_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT FROM dg.asset s WHERE s.id = NEW.asset_id AND s.state = 'published') THEN
        RAISE EXCEPTION 'asset % is not published', NEW.asset_id
            USING ERRCODE = 'check_violation', HINT = 'Activities use published assets.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER activity_asset_scope BEFORE INSERT OR UPDATE ON dg.activity_asset
    FOR EACH ROW EXECUTE FUNCTION dg.activity_asset_scope();

-- Budgets ---------------------------------------------------------------------------------------

-- A request for budget: the programme's first, or a change (an increase) later. Each is decided
-- through the approval mechanism (kind 'budget'); its state follows the decision.
CREATE TABLE dg.budget (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint NOT NULL,
    unit_id      bigint NOT NULL,
    bu_id        bigint NOT NULL,
    kind         text NOT NULL CONSTRAINT budget_kind CHECK (kind IN ('initial', 'change')),
    amount       numeric(18,2) NOT NULL CONSTRAINT budget_amount CHECK (amount > 0),
    currency     text NOT NULL,
    reason       text NOT NULL DEFAULT '',
    state        text NOT NULL DEFAULT 'submitted'
                 CONSTRAINT budget_state CHECK (state IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    requested_by name NOT NULL DEFAULT session_user,
    requested_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (programme_id, unit_id, bu_id) REFERENCES dg.programme (id, unit_id, bu_id)
);
CREATE UNIQUE INDEX budget_one_open ON dg.budget (programme_id) WHERE state = 'submitted';

COMMENT ON TABLE dg.budget IS 'Budget requests of programmes (initial, then changes), approved or rejected through approval.request; a programme''s approved budget is the sum of its approved ones.';

-- The approved budget of a programme.
CREATE FUNCTION dg.approved_budget(programme_id bigint) RETURNS numeric
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(b.amount), 0) FROM dg.budget b WHERE b.programme_id = approved_budget.programme_id AND b.state = 'approved';
END;

-- A new request takes its programme's scope and currency, is the initial one while nothing is
-- approved yet, and is submitted (one open request per programme).
CREATE FUNCTION dg.budget_before_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    programme dg.programme;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no programme % in your scope', NEW.programme_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF programme.state = 'closed' THEN
        RAISE EXCEPTION 'programme % is closed', programme.name USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := programme.unit_id;
    NEW.bu_id := programme.bu_id;
    NEW.currency := programme.currency;
    NEW.kind := CASE WHEN EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.programme_id AND b.state = 'approved')
                     THEN 'change' ELSE 'initial' END;
    NEW.state := 'submitted';
    NEW.requested_by := session_user;
    NEW.requested_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_before_insert BEFORE INSERT ON dg.budget
    FOR EACH ROW EXECUTE FUNCTION dg.budget_before_insert();

-- Each request opens an approval request, scoped like the programme: for a company-tier
-- programme that is HQ, so only HQ approvers decide its budget.
CREATE FUNCTION dg.budget_open_request() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'budget', NEW.id, NEW.unit_id, NEW.bu_id,
           format('Budget %s %s: %s %s (%s)', p.name, 'FY' || p.fiscal_year, NEW.amount, NEW.currency, NEW.kind)
    FROM dg.programme p WHERE p.id = NEW.programme_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER budget_open_request AFTER INSERT ON dg.budget
    FOR EACH ROW EXECUTE FUNCTION dg.budget_open_request();

-- Spending: an activity's cost (actual once known, else planned) counts against its programme's
-- approved budget; the total may not exceed it. SECURITY DEFINER: it counts every activity of
-- the programme, and locks the programme row so that concurrent activities are checked one
-- after the other.
CREATE FUNCTION dg.activity_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    programme dg.programme;
    spend numeric;
    budget numeric;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id FOR UPDATE;
    IF TG_OP = 'INSERT' OR NEW.programme_id <> OLD.programme_id OR NEW.unit_id <> OLD.unit_id THEN
        IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[programme.unit_id]) THEN
            RAISE EXCEPTION 'activity % belongs to its programme''s unit or a unit below it', NEW.name USING ERRCODE = 'check_violation';
        END IF;
        IF programme.state = 'closed' THEN
            RAISE EXCEPTION 'programme % is closed', programme.name USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    NEW.bu_id := programme.bu_id;
    IF NEW.state <> 'cancelled' THEN
        SELECT coalesce(sum(coalesce(a.actual_cost, a.planned_cost)), 0) INTO spend
        FROM dg.activity a WHERE a.programme_id = NEW.programme_id AND a.state <> 'cancelled' AND a.id IS DISTINCT FROM NEW.id;
        spend := spend + coalesce(NEW.actual_cost, NEW.planned_cost);
        budget := dg.approved_budget(NEW.programme_id);
        IF spend > budget THEN
            RAISE EXCEPTION 'programme % would spend % %, over its approved budget of % %', programme.name,
                            spend, programme.currency, budget, programme.currency
                USING ERRCODE = 'check_violation',
                      HINT = 'Request a budget change and have it approved first: mtl programme budget request';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION dg.activity_check() FROM PUBLIC;
CREATE TRIGGER activity_check BEFORE INSERT OR UPDATE ON dg.activity
    FOR EACH ROW EXECUTE FUNCTION dg.activity_check();

-- Approvals of budgets ------------------------------------------------------------------------

-- Requests of kind 'budget' must match a submitted budget; others as before (V0012).
CREATE OR REPLACE FUNCTION mm.match_request_subject() RETURNS trigger
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
    ELSIF NEW.kind = 'budget' THEN
        SELECT b.state, b.unit_id, b.bu_id INTO subject_state, NEW.unit_id, NEW.bu_id
        FROM dg.budget b WHERE b.id = NEW.subject_id;
    ELSE
        RETURN NEW;
    END IF;
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = 'A request is opened by submitting its subject, not by hand.';
    END IF;
    RETURN NEW;
END
$$;

-- A closed budget request decides its budget; the first approved budget approves its programme.
CREATE OR REPLACE FUNCTION mm.apply_request_outcome() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    outcome text := CASE NEW.state WHEN 'withdrawn' THEN 'draft' ELSE NEW.state END;
    programme_id bigint;
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
    ELSE
        RETURN NULL;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% % is not waiting for a decision', NEW.kind, NEW.subject_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

-- Security --------------------------------------------------------------------------------------

SELECT org.secure_tenant_table('dg.programme', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.activity', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.asset', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.activity_asset', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.budget', 'unit_id', 'bu_id');

-- Assets are read by everybody.
DROP POLICY read_in_scope ON dg.asset;
CREATE POLICY read_all ON dg.asset FOR SELECT TO mtl_reader, mtl_bi USING (true);
-- Budget requests are append-only: their state follows the approval decision.
REVOKE UPDATE, DELETE ON dg.budget FROM mtl_editor;
