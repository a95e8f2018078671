-- V0035 (issue 19): market insight (MI), schema mi. Insight is a service: a leader or expert sets
-- a topic for a scenario, researchers deliver insights, someone who is not a researcher evaluates
-- the result. Topics cover the customer's whole business process, checked against HQ's stages.
-- Shared insights follow contribute-to-consume: the insight table's own row-level security lets
-- a unit read another scope's shared insights only while it has earned enough credits
-- (sql/repeatable/R__mi_credits.sql). Functions, triggers and the sharing policy are in
-- sql/repeatable/R__mi_*.sql.

-- HQ reference data: the stages of a customer's business process, per industry (NULL: stages
-- every industry has). A topic names the stages it covers; the coverage grid shows the rest.
CREATE TABLE mi.business_stage (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    industry   text CHECK (btrim(industry) <> ''),
    code       text NOT NULL CONSTRAINT business_stage_code CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    position   smallint NOT NULL CHECK (position BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT business_stage_once UNIQUE NULLS NOT DISTINCT (industry, code)
);
COMMENT ON TABLE mi.business_stage IS 'The stages of a customer''s business process, per industry (NULL: every industry): the coverage checklist topics are laid out against.';
SELECT org.secure_reference_table('mi.business_stage');
SELECT org.protect_system_columns('mi.business_stage');

INSERT INTO mi.business_stage (industry, code, name, position) VALUES
    (NULL, 'plan', 'Plan', 1), (NULL, 'build', 'Build', 2), (NULL, 'operate', 'Operate', 3),
    (NULL, 'maintain', 'Maintain', 4), (NULL, 'market', 'Market', 5), (NULL, 'sell', 'Sell', 6),
    (NULL, 'serve', 'Serve', 7);

-- Topics: what a business leader or expert asks insight to answer, in a scenario.
CREATE TABLE mi.topic (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id          bigint NOT NULL REFERENCES org.unit (id),
    bu_id            bigint REFERENCES org.business_unit (id),
    fiscal_year      integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    title            text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    question         text NOT NULL CHECK (btrim(question) <> ''),
    -- The scenario: what the insight serves, and the one thing it is about.
    scenario         text NOT NULL
                     CONSTRAINT topic_scenario CHECK (scenario IN ('project', 'customer', 'segment', 'region', 'industry_trend', 'solution_trend')),
    segment_id       bigint REFERENCES mm.segment (id),
    customer         text CHECK (btrim(customer) <> ''),
    subject_unit_id  bigint REFERENCES org.unit (id),
    industry         text CHECK (btrim(industry) <> ''),
    lead_id          bigint REFERENCES dg.lead (id),
    due_on           date NOT NULL,
    priority         text NOT NULL DEFAULT 'normal' CONSTRAINT topic_priority CHECK (priority IN ('low', 'normal', 'high', 'critical')),
    state            text NOT NULL DEFAULT 'proposed'
                     CONSTRAINT topic_state CHECK (state IN ('proposed', 'accepted', 'in_research', 'delivered', 'evaluated', 'rejected', 'cancelled')),
    rejection_reason text,
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    created_by       name NOT NULL DEFAULT session_user,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- Each scenario names what it is about.
    CONSTRAINT topic_scenario_subject CHECK (CASE scenario
        WHEN 'segment' THEN segment_id IS NOT NULL
        WHEN 'customer' THEN customer IS NOT NULL
        WHEN 'project' THEN lead_id IS NOT NULL OR customer IS NOT NULL
        WHEN 'region' THEN subject_unit_id IS NOT NULL
        ELSE industry IS NOT NULL END),
    CONSTRAINT topic_rejection_reason CHECK (state <> 'rejected' OR nullif(btrim(rejection_reason), '') IS NOT NULL),
    CONSTRAINT topic_scope UNIQUE (id, unit_id)
);
CREATE INDEX topic_unit_idx ON mi.topic (unit_id, fiscal_year);
CREATE INDEX topic_segment_idx ON mi.topic (segment_id) WHERE segment_id IS NOT NULL;
COMMENT ON TABLE mi.topic IS 'Insight topics set by a leader or expert for a scenario: proposed → accepted → in_research → delivered → evaluated (or rejected with a reason, or cancelled).';
SELECT org.secure_tenant_table('mi.topic', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.topic', true);

INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES ('topic', 'mi', 'mi.topic');
INSERT INTO org.state_transition (machine, from_state, to_state, automatic, how) VALUES
    ('topic', 'proposed', 'accepted', false, 'mtl insight topic accept, by its setter'),
    ('topic', 'proposed', 'rejected', false, 'mtl insight topic reject --reason, by its setter'),
    ('topic', 'proposed', 'cancelled', false, 'mtl insight topic cancel'),
    ('topic', 'accepted', 'in_research', false, 'mtl insight topic start, by a researcher'),
    ('topic', 'accepted', 'cancelled', false, 'mtl insight topic cancel'),
    ('topic', 'in_research', 'delivered', false, 'mtl insight topic deliver, by a researcher, with an insight attached'),
    ('topic', 'in_research', 'cancelled', false, 'mtl insight topic cancel'),
    ('topic', 'delivered', 'evaluated', true, 'its evaluator evaluates it (mtl insight topic evaluate)');

-- Who does what on a topic: a person (a login) or, for data providers, a unit.
CREATE TABLE mi.topic_role (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id      bigint NOT NULL,
    -- The topic's, set by the database.
    unit_id       bigint NOT NULL,
    bu_id         bigint,
    role          text NOT NULL
                  CONSTRAINT topic_role_kind CHECK (role IN ('setter', 'researcher', 'data_provider', 'consumer', 'evaluator')),
    person        name,
    provider_unit_id bigint REFERENCES org.unit (id),
    created_by    name NOT NULL DEFAULT session_user,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT topic_role_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic (id, unit_id),
    CONSTRAINT topic_role_who CHECK ((person IS NULL) <> (provider_unit_id IS NULL)
                                     AND (provider_unit_id IS NULL OR role = 'data_provider')),
    CONSTRAINT topic_role_once UNIQUE NULLS NOT DISTINCT (topic_id, role, person, provider_unit_id)
);
CREATE INDEX topic_role_person_idx ON mi.topic_role (person) WHERE person IS NOT NULL;
COMMENT ON TABLE mi.topic_role IS 'The roles of a topic: its setter, researchers, data providers (people or units), consumers and evaluator.';
SELECT org.secure_tenant_table('mi.topic_role', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.topic_role');
REVOKE UPDATE ON mi.topic_role FROM mtl_editor;

-- The business-process stages a topic covers.
CREATE TABLE mi.topic_stage (
    topic_id  bigint NOT NULL,
    stage_id  bigint NOT NULL REFERENCES mi.business_stage (id),
    unit_id   bigint NOT NULL,
    bu_id     bigint,
    PRIMARY KEY (topic_id, stage_id),
    CONSTRAINT topic_stage_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic (id, unit_id)
);
COMMENT ON TABLE mi.topic_stage IS 'The stages of the customer''s business process a topic covers (mi.business_stage).';
SELECT org.secure_tenant_table('mi.topic_stage', 'unit_id', 'bu_id');
REVOKE UPDATE ON mi.topic_stage FROM mtl_editor;

-- Insights: what research found, of one of three kinds, shared at a level.
CREATE TABLE mi.insight (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id      bigint NOT NULL REFERENCES org.unit (id),
    bu_id        bigint REFERENCES org.business_unit (id),
    -- The region of its unit (NULL for HQ), set by the database: region-level sharing reaches it.
    region_id    bigint,
    topic_id     bigint REFERENCES mi.topic (id),
    kind         text NOT NULL CONSTRAINT insight_kind CHECK (kind IN ('market', 'competitor', 'customer')),
    title        text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    summary      text NOT NULL CHECK (btrim(summary) <> ''),
    findings     text NOT NULL DEFAULT '',
    evidence     text[] NOT NULL DEFAULT '{}',
    confidence   text NOT NULL DEFAULT 'medium' CONSTRAINT insight_confidence CHECK (confidence IN ('low', 'medium', 'high')),
    valid_until  date,
    -- unit: its unit's scope only; region: every unit of its region; global: every unit.
    sharing      text NOT NULL DEFAULT 'unit' CONSTRAINT insight_sharing CHECK (sharing IN ('unit', 'region', 'global')),
    author       name NOT NULL DEFAULT session_user,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insight_region_sharing CHECK (sharing <> 'region' OR region_id IS NOT NULL)
);
CREATE INDEX insight_topic_idx ON mi.insight (topic_id) WHERE topic_id IS NOT NULL;
CREATE INDEX insight_shared_idx ON mi.insight (sharing, region_id) WHERE sharing <> 'unit';
COMMENT ON TABLE mi.insight IS 'Insights (market, competitor, customer): summary, findings, evidence, confidence, validity and sharing; shared ones are read by other scopes only while they contribute (contribute to consume).';
SELECT org.secure_tenant_table('mi.insight', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.insight');

-- A topic's evaluation, one per topic: how useful it was and the decision it informed.
CREATE TABLE mi.evaluation (
    topic_id     bigint PRIMARY KEY,
    unit_id      bigint NOT NULL,
    bu_id        bigint,
    usefulness   smallint NOT NULL CONSTRAINT evaluation_usefulness CHECK (usefulness BETWEEN 1 AND 5),
    comment      text NOT NULL DEFAULT '',
    decision     text NOT NULL CHECK (btrim(decision) <> ''),
    evaluated_by name NOT NULL DEFAULT session_user,
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evaluation_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic (id, unit_id)
);
COMMENT ON TABLE mi.evaluation IS 'Evaluations of delivered topics by their evaluator (never one of their researchers): usefulness 1–5, a comment and the decision the insight informed.';
SELECT org.secure_tenant_table('mi.evaluation', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.evaluation');
REVOKE UPDATE, DELETE ON mi.evaluation FROM mtl_editor;

-- Contribute to consume: HQ's settings (one row), the credits each kind of contribution earns,
-- and the append-only ledger of credits earned.
CREATE TABLE mi.credit_setting (
    id             boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- A unit reads other scopes' shared insights while it earned at least `threshold` credits
    -- in the last `window_months` months.
    threshold      numeric(8,2) NOT NULL DEFAULT 1 CHECK (threshold >= 0),
    window_months  smallint NOT NULL DEFAULT 12 CHECK (window_months BETWEEN 1 AND 120),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE mi.credit_setting IS 'Contribute to consume (HQ setting): the credits a unit must have earned in a trailing window to read other scopes'' shared insights.';
SELECT org.secure_reference_table('mi.credit_setting');
SELECT org.protect_system_columns('mi.credit_setting');
REVOKE INSERT, DELETE ON mi.credit_setting FROM mtl_admin;
INSERT INTO mi.credit_setting DEFAULT VALUES;

CREATE TABLE mi.credit_rate (
    kind    text PRIMARY KEY CONSTRAINT credit_rate_kind CHECK (kind IN ('insight', 'data', 'voice')),
    credits numeric(8,2) NOT NULL CHECK (credits >= 0)
);
COMMENT ON TABLE mi.credit_rate IS 'Credits each kind of accepted contribution earns its unit (HQ setting): an insight delivered, data accepted by a researcher, a voice-of-the-customer entry accepted.';
SELECT org.secure_reference_table('mi.credit_rate');
REVOKE INSERT, DELETE ON mi.credit_rate FROM mtl_admin;
INSERT INTO mi.credit_rate (kind, credits) VALUES ('insight', 1), ('data', 0.5), ('voice', 0.25);

CREATE TABLE mi.credit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    bu_id       bigint REFERENCES org.business_unit (id),
    kind        text NOT NULL CONSTRAINT credit_kind CHECK (kind IN ('insight', 'data', 'voice')),
    -- What earned it: the insight, the data contribution or the voice entry.
    subject_id  bigint NOT NULL,
    credits     numeric(8,2) NOT NULL CHECK (credits >= 0),
    earned_at   timestamptz NOT NULL DEFAULT now(),
    -- Who accepted the contribution.
    accepted_by name NOT NULL DEFAULT session_user,
    CONSTRAINT credit_once UNIQUE (kind, subject_id)
);
CREATE INDEX credit_unit_idx ON mi.credit (unit_id, earned_at);
COMMENT ON TABLE mi.credit IS 'The ledger of credits earned by units for accepted contributions (append-only, written by the database only).';
SELECT org.secure_tenant_table('mi.credit', 'unit_id', 'bu_id');
REVOKE INSERT, UPDATE, DELETE ON mi.credit FROM mtl_editor;
