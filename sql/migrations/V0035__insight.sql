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
    -- When it entered each state after proposed, stamped by the database: lead times per state.
    accepted_at      timestamptz,
    started_at       timestamptz,
    delivered_at     timestamptz,
    evaluated_at     timestamptz,
    closed_at        timestamptz,
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

-- Data models (HQ reference data): per industry or domain (NULL: any), the items of information
-- to gather and the method for each. A topic's observations refer to items and methods, so a
-- delivered topic shows which items it covered and which it missed.
CREATE TABLE mi.data_item (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain      text CHECK (btrim(domain) <> ''),
    code        text NOT NULL CONSTRAINT data_item_code CHECK (code ~ '^[a-z][a-z0-9_]{0,47}$'),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    method      text NOT NULL CONSTRAINT data_item_method
                CHECK (method IN ('site_visit', 'machine_room', 'store', 'customer_experience', 'interview', 'desk_research', 'purchased_report')),
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT data_item_once UNIQUE NULLS NOT DISTINCT (domain, code)
);
COMMENT ON TABLE mi.data_item IS 'Data models: per industry or domain (NULL: any), the information to gather and how (site visit, machine room, store, customer experience, interview, desk research, purchased report).';
SELECT org.secure_reference_table('mi.data_item');
SELECT org.protect_system_columns('mi.data_item');

-- A data model every industry shares; HQ adds each industry's own items.
INSERT INTO mi.data_item (domain, code, name, method, description) VALUES
    (NULL, 'decision_makers', 'Decision makers and how they buy', 'interview', 'Who decides, who influences, the buying steps.'),
    (NULL, 'site_operations', 'How the sites run day to day', 'site_visit', 'Shifts, bottlenecks, what fails and how it is fixed.'),
    (NULL, 'installed_base', 'Installed equipment and its age', 'machine_room', 'What runs in the machine rooms and data centres, by vendor.'),
    (NULL, 'branch_operations', 'Shops and branches', 'store', 'What happens at the counter and in the branch.'),
    (NULL, 'customer_journey', 'Their customers'' experience', 'customer_experience', 'Use the customer''s service as their customers do.'),
    (NULL, 'market_figures', 'Market figures', 'purchased_report', 'Sizes and shares from analysts.'),
    (NULL, 'public_sources', 'Public sources', 'desk_research', 'Annual reports, tenders, press, regulation.');

CREATE TABLE mi.observation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id    bigint NOT NULL,
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    item_id     bigint NOT NULL REFERENCES mi.data_item (id),
    method      text NOT NULL CONSTRAINT observation_method
                CHECK (method IN ('site_visit', 'machine_room', 'store', 'customer_experience', 'interview', 'desk_research', 'purchased_report')),
    note        text NOT NULL CHECK (btrim(note) <> ''),
    observed_on date NOT NULL DEFAULT current_date,
    observed_by name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT observation_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic (id, unit_id)
);
CREATE INDEX observation_topic_idx ON mi.observation (topic_id);
COMMENT ON TABLE mi.observation IS 'What research gathered for a topic: an item of the data model, by a method, with a note.';
SELECT org.secure_tenant_table('mi.observation', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.observation');
-- An observation is a record of what was gathered: not rewritten afterwards.
REVOKE UPDATE ON mi.observation FROM mtl_editor;

-- Market size per segment and fiscal year: a new estimate supersedes the current one; the
-- history stays.
CREATE TABLE mi.market_size (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id    bigint NOT NULL REFERENCES mm.segment (id),
    -- The segment's, set by the database.
    unit_id       bigint NOT NULL,
    bu_id         bigint,
    fiscal_year   integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
    currency      text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    tam           numeric(18,2) NOT NULL CHECK (tam >= 0),
    sam           numeric(18,2) NOT NULL CHECK (sam >= 0),
    som           numeric(18,2) NOT NULL CHECK (som >= 0),
    -- Yearly growth as a fraction (0.08 = 8 %).
    growth_rate   numeric(6,4) NOT NULL CHECK (growth_rate BETWEEN -1 AND 10),
    assumptions   text NOT NULL DEFAULT '',
    source        text NOT NULL CHECK (btrim(source) <> ''),
    insight_id    bigint REFERENCES mi.insight (id),
    estimated_by  name NOT NULL DEFAULT session_user,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Set when a newer estimate is inserted, in the same statement (hence deferred).
    superseded_by bigint REFERENCES mi.market_size (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT market_size_nested CHECK (som <= sam AND sam <= tam)
);
CREATE UNIQUE INDEX market_size_current ON mi.market_size (segment_id, fiscal_year) WHERE superseded_by IS NULL;
COMMENT ON TABLE mi.market_size IS 'Market size estimates per segment and fiscal year: TAM ⊇ SAM ⊇ SOM in a currency, growth, assumptions and source; a new estimate supersedes the current one, history kept.';
SELECT org.secure_tenant_table('mi.market_size', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.market_size');
REVOKE UPDATE, DELETE ON mi.market_size FROM mtl_editor;

-- Competitors (HQ reference data) and battlecards per competitor and segment.
CREATE TABLE mi.competitor (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CONSTRAINT competitor_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    website    text,
    notes      text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE mi.competitor IS 'Competitors tracked in depth, over years, by a dedicated group (HQ reference data).';
SELECT org.secure_reference_table('mi.competitor');
SELECT org.protect_system_columns('mi.competitor');

CREATE TABLE mi.battlecard (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    competitor_id        bigint NOT NULL REFERENCES mi.competitor (id),
    segment_id           bigint NOT NULL REFERENCES mm.segment (id),
    -- The segment's, set by the database.
    unit_id              bigint NOT NULL,
    bu_id                bigint,
    strengths            text NOT NULL DEFAULT '',
    weaknesses           text NOT NULL DEFAULT '',
    why_we_win           text NOT NULL DEFAULT '',
    their_pitch          text NOT NULL DEFAULT '',
    -- [{"objection": "...", "answer": "..."}, …]
    objections           jsonb NOT NULL DEFAULT '[]' CONSTRAINT battlecard_objections CHECK (jsonb_typeof(objections) = 'array'),
    pricing_notes        text NOT NULL DEFAULT '',
    owner                name NOT NULL DEFAULT session_user,
    last_reviewed_on     date NOT NULL DEFAULT current_date,
    review_interval_days smallint NOT NULL DEFAULT 90 CHECK (review_interval_days BETWEEN 1 AND 730),
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT battlecard_once UNIQUE (competitor_id, segment_id)
);
COMMENT ON TABLE mi.battlecard IS 'Battlecards per competitor and segment: strengths, weaknesses, why we win, their pitch, objections with answers, pricing notes, owner, last review and review interval.';
SELECT org.secure_tenant_table('mi.battlecard', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.battlecard');

-- The competitors a lead met and, once decided, whether we won against each or lost to it.
CREATE TABLE mi.lead_competitor (
    lead_id       bigint NOT NULL REFERENCES dg.lead (id),
    competitor_id bigint NOT NULL REFERENCES mi.competitor (id),
    -- The lead's, set by the database.
    unit_id       bigint NOT NULL,
    bu_id         bigint,
    outcome       text NOT NULL DEFAULT 'open' CONSTRAINT lead_competitor_outcome CHECK (outcome IN ('open', 'won', 'lost')),
    recorded_by   name NOT NULL DEFAULT session_user,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (lead_id, competitor_id)
);
CREATE INDEX lead_competitor_competitor_idx ON mi.lead_competitor (competitor_id);
COMMENT ON TABLE mi.lead_competitor IS 'Competitors met by a lead or opportunity, and the outcome against each: open, won (against it) or lost (to it).';
SELECT org.secure_tenant_table('mi.lead_competitor', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.lead_competitor');

-- Voice of the customer: what a customer said, where, in which mood. An entry accepted by
-- someone other than its recorder earns its unit credits.
CREATE TABLE mi.voice (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    bu_id       bigint REFERENCES org.business_unit (id),
    segment_id  bigint REFERENCES mm.segment (id),
    customer    text NOT NULL CHECK (btrim(customer) <> ''),
    channel     text NOT NULL CONSTRAINT voice_channel CHECK (channel IN ('visit', 'survey', 'support', 'social')),
    sentiment   smallint NOT NULL CONSTRAINT voice_sentiment CHECK (sentiment BETWEEN -2 AND 2),
    themes      text[] NOT NULL DEFAULT '{}',
    verbatim    text NOT NULL CHECK (btrim(verbatim) <> ''),
    heard_on    date NOT NULL,
    state       text NOT NULL DEFAULT 'submitted' CONSTRAINT voice_state CHECK (state IN ('submitted', 'accepted', 'rejected')),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    recorded_by name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voice_unit_idx ON mi.voice (unit_id, heard_on);
COMMENT ON TABLE mi.voice IS 'Voice of the customer: customer, unit, segment, channel, sentiment (−2..2), themes, verbatim and date; accepted by someone other than its recorder, it earns its unit credits.';
SELECT org.secure_tenant_table('mi.voice', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.voice', true);

INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES ('voice', 'mi', 'mi.voice');
INSERT INTO org.state_transition (machine, from_state, to_state, automatic, how) VALUES
    ('voice', 'submitted', 'accepted', false, 'mtl insight voice accept, by someone other than its recorder'),
    ('voice', 'submitted', 'rejected', false, 'mtl insight voice reject, by someone other than its recorder');

-- When an insight informed something: an MSP, a topic's evaluation, a battlecard, a programme.
CREATE TABLE mi.insight_use (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    insight_id  bigint NOT NULL REFERENCES mi.insight (id),
    -- The user's unit, set by the database from what was informed.
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    used_for    text NOT NULL CONSTRAINT insight_use_for CHECK (used_for IN ('msp', 'evaluation', 'battlecard', 'programme')),
    subject_id  bigint NOT NULL,
    used_by     name NOT NULL DEFAULT session_user,
    used_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insight_use_once UNIQUE (insight_id, used_for, subject_id)
);
COMMENT ON TABLE mi.insight_use IS 'Uses of insights: an insight informed an MSP, a topic''s evaluation, a battlecard or a programme.';
SELECT org.secure_tenant_table('mi.insight_use', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.insight_use');
REVOKE UPDATE ON mi.insight_use FROM mtl_editor;

-- Data provided for a topic by a unit (its own, or one named as a data provider): accepted by a
-- researcher of the topic who did not submit it, it earns the providing unit credits.
CREATE TABLE mi.contribution (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id         bigint NOT NULL,
    -- The topic's, set by the database.
    unit_id          bigint NOT NULL,
    bu_id            bigint,
    provider_unit_id bigint NOT NULL REFERENCES org.unit (id),
    description      text NOT NULL CHECK (btrim(description) <> ''),
    uri              text,
    state            text NOT NULL DEFAULT 'submitted' CONSTRAINT contribution_state CHECK (state IN ('submitted', 'accepted', 'rejected')),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    submitted_by     name NOT NULL DEFAULT session_user,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contribution_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic (id, unit_id)
);
COMMENT ON TABLE mi.contribution IS 'Data provided for a topic by a unit; accepted by a researcher of the topic who did not submit it, it earns the providing unit credits.';
SELECT org.secure_tenant_table('mi.contribution', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('mi.contribution', true);

INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES ('contribution', 'mi', 'mi.contribution');
INSERT INTO org.state_transition (machine, from_state, to_state, automatic, how) VALUES
    ('contribution', 'submitted', 'accepted', false, 'mtl insight topic accept-data, by a researcher of the topic'),
    ('contribution', 'submitted', 'rejected', false, 'mtl insight topic reject-data, by a researcher of the topic');

-- Battlecards past their review interval and topics past due, flagged by the daily
-- insight.review_check job, once per subject and due date.
CREATE TABLE mi.review_flag (
    subject_kind text NOT NULL CONSTRAINT review_flag_kind CHECK (subject_kind IN ('battlecard', 'topic')),
    subject_id   bigint NOT NULL,
    unit_id      bigint NOT NULL,
    bu_id        bigint,
    due_on       date NOT NULL,
    flagged_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject_kind, subject_id, due_on)
);
COMMENT ON TABLE mi.review_flag IS 'Battlecards past their review interval and topics past due, found by the daily insight.review_check job (once per subject and due date).';
SELECT org.secure_tenant_table('mi.review_flag', 'unit_id', 'bu_id');
REVOKE INSERT, UPDATE, DELETE ON mi.review_flag FROM mtl_editor;
GRANT USAGE ON SCHEMA mi TO mtl_scheduler;

INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('insight.review_check', 'Flag battlecards past their review interval and insight topics past due.', 'insight.review_check',
        '15 7 * * *', 'UTC', 'fire_once');
