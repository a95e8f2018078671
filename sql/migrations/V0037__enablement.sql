-- V0037 (issue 20): seller competence enablement (SCE), schema sce. Materials organised by sales
-- stage, scenario and role, built at HQ (global), derived by regions (regional) and customised by
-- countries, with versions and lineage; kits per battle scenario; uses and ratings by the front
-- line only; programmes, sessions, exams and certifications that expire. Sellers may log in as
-- mtl_seller (registered here in org.capability, V0036): they read enablement material in scope
-- and write their own uses, ratings, attendance and exam results, nothing else. Functions,
-- triggers, policies and views are in sql/repeatable/R__sce_*.sql.

-- Title search by similarity (trusted: the database's owner installs it; in sce, where only
-- enablement uses it).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA sce;

-- The seller capability: mtl user add NAME --role seller. Creates mtl_seller (V0036).
INSERT INTO org.capability (code, group_role, owner_schema, description, position)
VALUES ('seller', 'mtl_seller', 'sce', 'A seller of the front line: reads enablement material in scope; records their own uses, ratings, attendance and exam results.', 10);
GRANT USAGE ON SCHEMA sce TO mtl_seller;

-- The text-search configuration of a language tag (its stemming and stop words): the material's
-- search column uses it, and so does a search in that language. A helper the table below needs,
-- so it is versioned here.
CREATE FUNCTION sce.text_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE split_part(language, '-', 1)
           WHEN 'de' THEN 'pg_catalog.german'::regconfig WHEN 'fr' THEN 'pg_catalog.french'::regconfig
           WHEN 'es' THEN 'pg_catalog.spanish'::regconfig WHEN 'it' THEN 'pg_catalog.italian'::regconfig
           WHEN 'nl' THEN 'pg_catalog.dutch'::regconfig WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig
           WHEN 'en' THEN 'pg_catalog.english'::regconfig ELSE 'pg_catalog.simple'::regconfig END;
GRANT EXECUTE ON FUNCTION sce.text_config(text) TO mtl_reader, mtl_seller;

-- HQ reference data --------------------------------------------------------------------------------

-- Who is enabled: seller roles (extendable by HQ admins).
CREATE TABLE sce.seller_role (
    code     text PRIMARY KEY CONSTRAINT seller_role_code CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    name     text NOT NULL CHECK (btrim(name) <> ''),
    position smallint NOT NULL DEFAULT 100
);
COMMENT ON TABLE sce.seller_role IS 'Seller roles enablement is organised by (HQ reference data): account manager, product sales, channel sales, solution manager, front-line sales, …';
SELECT org.secure_reference_table('sce.seller_role');
INSERT INTO sce.seller_role (code, name, position) VALUES
    ('account_manager', 'Account manager', 1), ('product_sales', 'Product sales', 2), ('channel_sales', 'Channel sales', 3),
    ('solution_manager', 'Solution manager', 4), ('front_line_sales', 'Front-line sales', 5);

-- The sales stages materials are organised by.
CREATE TABLE sce.sales_stage (
    code     text PRIMARY KEY CONSTRAINT sales_stage_code CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    name     text NOT NULL CHECK (btrim(name) <> ''),
    position smallint NOT NULL DEFAULT 100
);
COMMENT ON TABLE sce.sales_stage IS 'The sales stages enablement material is organised by (HQ reference data), in order.';
SELECT org.secure_reference_table('sce.sales_stage');
INSERT INTO sce.sales_stage (code, name, position) VALUES
    ('discover', 'Discover the need', 1), ('qualify', 'Qualify the opportunity', 2), ('propose', 'Propose a solution', 3),
    ('negotiate', 'Negotiate', 4), ('close', 'Close', 5), ('deliver', 'Deliver and expand', 6);

-- The front line's battle scenarios.
CREATE TABLE sce.scenario (
    code     text PRIMARY KEY CONSTRAINT scenario_code CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    name     text NOT NULL CHECK (btrim(name) <> ''),
    position smallint NOT NULL DEFAULT 100
);
COMMENT ON TABLE sce.scenario IS 'The front line''s battle scenarios materials and kits are organised by (HQ reference data): summit, workshop, customer experience, …';
SELECT org.secure_reference_table('sce.scenario');
INSERT INTO sce.scenario (code, name, position) VALUES
    ('summit', 'Summit', 1), ('workshop', 'Workshop', 2), ('customer_experience', 'Customer experience', 3),
    ('technical_exchange', 'Technical exchange', 4), ('value_proposition', 'Value proposition', 5),
    ('opportunity_insight', 'Opportunity insight', 6), ('ecosystem', 'Ecosystem', 7);

-- HQ's settings: the Bayesian average's prior (a material with few ratings is pulled towards
-- prior_mean as if it had prior_weight ratings of that score) and how many days ahead the daily
-- job warns of expiring certifications.
CREATE TABLE sce.setting (
    id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
    rating_prior_mean   numeric(3,2) NOT NULL DEFAULT 3 CHECK (rating_prior_mean BETWEEN 1 AND 5),
    rating_prior_weight numeric(6,2) NOT NULL DEFAULT 5 CHECK (rating_prior_weight >= 0),
    expiry_warning_days smallint NOT NULL DEFAULT 30 CHECK (expiry_warning_days BETWEEN 1 AND 365),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sce.setting IS 'Enablement settings (HQ): the prior of the ratings'' Bayesian average, and how far ahead expiring certifications are flagged.';
SELECT org.secure_reference_table('sce.setting');
SELECT org.protect_system_columns('sce.setting');
REVOKE INSERT, DELETE ON sce.setting FROM mtl_admin;
INSERT INTO sce.setting DEFAULT VALUES;

-- Sellers -------------------------------------------------------------------------------------------

-- People to enable, in a unit and BU, with a seller role; a seller may be a login (any mtl
-- person, typically of the seller capability), which is how their own uses and ratings are theirs.
CREATE TABLE sce.seller (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES org.unit (id),
    bu_id      bigint REFERENCES org.business_unit (id),
    name       text NOT NULL CHECK (btrim(name) <> ''),
    email      text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    role_code  text NOT NULL REFERENCES sce.seller_role (code),
    login      name UNIQUE REFERENCES org.user_account (role_name),
    active     boolean NOT NULL DEFAULT true,
    created_by name NOT NULL DEFAULT session_user,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seller_unit_idx ON sce.seller (unit_id, role_code) WHERE active;
COMMENT ON TABLE sce.seller IS 'Sellers to enable: a unit and BU, a seller role, and optionally their login (who records their uses, ratings and results).';
SELECT org.secure_tenant_table('sce.seller', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.seller');

-- Materials and versions -------------------------------------------------------------------------------

CREATE TABLE sce.material (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id          bigint NOT NULL REFERENCES org.unit (id),
    -- NULL: for every BU.
    bu_id            bigint REFERENCES org.business_unit (id),
    title            text NOT NULL CHECK (btrim(title) <> ''),
    summary          text NOT NULL DEFAULT '',
    kind             text NOT NULL CONSTRAINT material_kind CHECK (kind IN (
                         'slides', 'white_paper', 'article', 'success_case', 'video', 'tool', 'document')),
    language         text NOT NULL DEFAULT 'en' CONSTRAINT material_language CHECK (language ~ '^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$'),
    uri              text CONSTRAINT material_uri CHECK (uri ~ '^[a-z][a-z0-9+.-]*:\S+$'),
    -- global (HQ), regional (a region), customised (a country): the database's, from the unit.
    tier             text NOT NULL DEFAULT 'global' CONSTRAINT material_tier CHECK (tier IN ('global', 'regional', 'customised')),
    -- Lineage: the material this one derives from or customises, and the parent's major version
    -- it was built on (the database's).
    parent_id        bigint REFERENCES sce.material (id),
    parent_major     smallint,
    -- A DG asset published as a material: the catalogue holds it once.
    dg_asset_id      bigint UNIQUE REFERENCES dg.asset (id),
    -- A success case harvested from an accepted (won) opportunity or a done activity.
    case_lead_id     bigint REFERENCES dg.lead (id),
    case_activity_id bigint REFERENCES dg.activity (id),
    stages           text[] NOT NULL DEFAULT '{}',
    scenarios        text[] NOT NULL DEFAULT '{}',
    roles            text[] NOT NULL DEFAULT '{}',
    segment_ids      bigint[] NOT NULL DEFAULT '{}',
    -- The concept packages (mm.concept_package, of a year's framework) it supports.
    concept_package_ids bigint[] NOT NULL DEFAULT '{}',
    state            text NOT NULL DEFAULT 'draft' CONSTRAINT material_state CHECK (state IN ('draft', 'published', 'retired')),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    published_at     timestamptz,
    -- Who changed its content after creating it (the database's): authors too, who do not rate it.
    editors          name[] NOT NULL DEFAULT '{}',
    -- The front line's ratings and uses, kept by the database (sce.rating, sce.material_use)
    -- so that every reader of the material sees the same score, whatever their scope.
    rating_count     integer NOT NULL DEFAULT 0,
    rating_sum       integer NOT NULL DEFAULT 0,
    use_count        integer NOT NULL DEFAULT 0,
    last_used_at     timestamptz,
    created_by       name NOT NULL DEFAULT session_user,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- Language-aware full-text search over title and summary.
    search           tsvector GENERATED ALWAYS AS (
                         setweight(to_tsvector(sce.text_config(language), title), 'A')
                         || setweight(to_tsvector(sce.text_config(language), summary), 'B')) STORED,
    CONSTRAINT material_parent CHECK (parent_id IS DISTINCT FROM id),
    CONSTRAINT material_case CHECK ((case_lead_id IS NULL AND case_activity_id IS NULL) OR kind = 'success_case'),
    CONSTRAINT material_located CHECK (uri IS NOT NULL OR dg_asset_id IS NOT NULL)
);
CREATE INDEX material_search_idx ON sce.material USING gin (search);
CREATE INDEX material_title_trgm_idx ON sce.material USING gin (title sce.gin_trgm_ops);
CREATE INDEX material_filters_idx ON sce.material USING gin (stages, scenarios, roles);
CREATE INDEX material_parent_idx ON sce.material (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX material_unit_idx ON sce.material (unit_id, state);
COMMENT ON TABLE sce.material IS 'Enablement materials: by sales stage, scenario, role and segment; global at HQ, regional, or customised in a country (lineage to what they derive from); draft → published → retired; rated by the front line only.';
SELECT org.secure_tenant_table('sce.material', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.material', true);
-- The tier, lineage version and ratings are the database's.
REVOKE INSERT (tier, parent_major, rating_count, rating_sum, use_count, last_used_at, editors),
       UPDATE (tier, parent_major, rating_count, rating_sum, use_count, last_used_at, editors) ON sce.material FROM mtl_editor;

INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES ('material', 'sce', 'sce.material');
INSERT INTO org.state_transition (machine, from_state, to_state, automatic, how) VALUES
    ('material', 'draft', 'published', false, 'mtl material publish'),
    ('material', 'published', 'retired', false, 'mtl material retire'),
    ('material', 'draft', 'retired', false, 'mtl material retire');

-- Versions: a material starts at 1.0 (the database adds it); a new major version is a change that
-- invalidates what was built on the old one (customised materials, certifications).
CREATE TABLE sce.material_version (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    material_id bigint NOT NULL,
    -- The material's, set by the database.
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    major       smallint NOT NULL CHECK (major >= 1),
    minor       smallint NOT NULL DEFAULT 0 CHECK (minor >= 0),
    change_note text NOT NULL CHECK (btrim(change_note) <> ''),
    created_by  name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT material_version_once UNIQUE (material_id, major, minor),
    CONSTRAINT material_version_material FOREIGN KEY (material_id) REFERENCES sce.material (id)
);
COMMENT ON TABLE sce.material_version IS 'Versions of a material (major.minor) with their change notes; 1.0 is made with the material.';
SELECT org.secure_tenant_table('sce.material_version', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.material_version');
REVOKE UPDATE, DELETE ON sce.material_version FROM mtl_editor;

-- Kits ---------------------------------------------------------------------------------------------

-- A kit per battle scenario: materials and tools in the order they are used.
CREATE TABLE sce.kit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    bu_id       bigint REFERENCES org.business_unit (id),
    code        text NOT NULL CONSTRAINT kit_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    title       text NOT NULL CHECK (btrim(title) <> ''),
    scenario    text NOT NULL REFERENCES sce.scenario (code),
    description text NOT NULL DEFAULT '',
    created_by  name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kit_once UNIQUE (unit_id, code)
);
COMMENT ON TABLE sce.kit IS 'Kits per battle scenario (a summit kit: insight tool, case library, experience cloud): materials and tools in order.';
SELECT org.secure_tenant_table('sce.kit', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.kit');

CREATE TABLE sce.kit_item (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kit_id      bigint NOT NULL REFERENCES sce.kit (id),
    -- The kit's, set by the database.
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    position    smallint NOT NULL CHECK (position >= 1),
    step        text NOT NULL CHECK (btrim(step) <> ''),
    material_id bigint REFERENCES sce.material (id),
    tool        text CHECK (btrim(tool) <> ''),
    note        text NOT NULL DEFAULT '',
    CONSTRAINT kit_item_what CHECK ((material_id IS NULL) <> (tool IS NULL)),
    CONSTRAINT kit_item_position UNIQUE (kit_id, position)
);
COMMENT ON TABLE sce.kit_item IS 'What a kit holds, in order: at each step a material or a tool.';
SELECT org.secure_tenant_table('sce.kit_item', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.kit_item');

-- Uses and ratings ----------------------------------------------------------------------------------

-- A use: who (a seller, by their login), which version, in which scenario, with which lead or
-- activity, when. Scoped by the seller's unit.
CREATE TABLE sce.material_use (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    material_id bigint NOT NULL REFERENCES sce.material (id),
    version_id  bigint NOT NULL REFERENCES sce.material_version (id),
    -- The seller's, set by the database.
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    seller_id   bigint NOT NULL REFERENCES sce.seller (id),
    scenario    text REFERENCES sce.scenario (code),
    lead_id     bigint REFERENCES dg.lead (id),
    activity_id bigint REFERENCES dg.activity (id),
    used_by     name NOT NULL DEFAULT session_user,
    used_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX material_use_material_idx ON sce.material_use (material_id, used_at);
CREATE INDEX material_use_seller_idx ON sce.material_use (seller_id, version_id);
COMMENT ON TABLE sce.material_use IS 'Uses of materials by sellers: which version, scenario, lead or activity, when. Only a seller who used a version rates it.';
SELECT org.secure_tenant_table('sce.material_use', 'unit_id', 'bu_id');
REVOKE UPDATE, DELETE ON sce.material_use FROM mtl_editor;
SELECT org.protect_system_columns('sce.material_use');

-- A rating of a version by a seller who used it (once per version); never by the material's
-- authors or the approvers and admins of its owner unit (the database's, R__sce_ratings.sql).
-- Scoped by the rater's unit; the material keeps the totals, readable wherever it is.
CREATE TABLE sce.rating (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    material_id bigint NOT NULL REFERENCES sce.material (id),
    version_id  bigint NOT NULL REFERENCES sce.material_version (id),
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    seller_id   bigint NOT NULL REFERENCES sce.seller (id),
    score       smallint NOT NULL CONSTRAINT rating_score CHECK (score BETWEEN 1 AND 5),
    comment     text NOT NULL DEFAULT '',
    rated_by    name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Once per person and version (whichever seller record their login is on).
    CONSTRAINT rating_once UNIQUE (version_id, rated_by)
);
COMMENT ON TABLE sce.rating IS 'Ratings (1–5) by the front-line sellers who used a material''s version, once per version.';
SELECT org.secure_tenant_table('sce.rating', 'unit_id', 'bu_id');
REVOKE UPDATE, DELETE ON sce.rating FROM mtl_editor;
SELECT org.protect_system_columns('sce.rating');

-- How many ratings a material has per rater role and country (the unit's country, or the unit
-- itself above country level): kept by the database, read like the material. Counts only: a
-- cell of one rating would otherwise show that person's score.
CREATE TABLE sce.rating_tally (
    material_id bigint NOT NULL REFERENCES sce.material (id),
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    role_code   text NOT NULL REFERENCES sce.seller_role (code),
    rater_unit_id bigint NOT NULL REFERENCES org.unit (id),
    ratings     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (material_id, role_code, rater_unit_id)
);
COMMENT ON TABLE sce.rating_tally IS 'How many ratings a material has per rater role and rater unit (its country), kept by the database.';
SELECT org.secure_tenant_table('sce.rating_tally', 'unit_id', 'bu_id');
REVOKE INSERT, UPDATE, DELETE ON sce.rating_tally FROM mtl_editor;

-- Training, exams, certifications -----------------------------------------------------------------------

-- An enablement programme for a segment or a key project (a lead or opportunity).
CREATE TABLE sce.programme (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES org.unit (id),
    bu_id      bigint REFERENCES org.business_unit (id),
    title      text NOT NULL CHECK (btrim(title) <> ''),
    segment_id bigint REFERENCES mm.segment (id),
    lead_id    bigint REFERENCES dg.lead (id),
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    created_by name NOT NULL DEFAULT session_user,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT programme_dates CHECK (ends_on >= starts_on)
);
COMMENT ON TABLE sce.programme IS 'Enablement programmes, for a segment or a key project: their sessions train sellers.';
SELECT org.secure_tenant_table('sce.programme', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.programme');

CREATE TABLE sce.session (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint NOT NULL REFERENCES sce.programme (id),
    unit_id      bigint NOT NULL,
    bu_id        bigint,
    title        text NOT NULL CHECK (btrim(title) <> ''),
    channel      text NOT NULL CONSTRAINT session_channel CHECK (channel IN ('classroom', 'online', 'meeting', 'mobile')),
    held_on      date NOT NULL,
    material_id  bigint REFERENCES sce.material (id),
    created_by   name NOT NULL DEFAULT session_user,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sce.session IS 'Sessions of a programme (classroom, online, meeting, mobile), perhaps on a material.';
SELECT org.secure_tenant_table('sce.session', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.session');

-- Attendance, scoped by the seller's unit.
CREATE TABLE sce.attendance (
    session_id  bigint NOT NULL REFERENCES sce.session (id),
    seller_id   bigint NOT NULL REFERENCES sce.seller (id),
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    recorded_by name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, seller_id)
);
COMMENT ON TABLE sce.attendance IS 'Who attended a session: by the seller themselves, or recorded by an editor of their scope.';
SELECT org.secure_tenant_table('sce.attendance', 'unit_id', 'bu_id');
REVOKE UPDATE ON sce.attendance FROM mtl_editor;
SELECT org.protect_system_columns('sce.attendance');

-- An exam: for a seller role (and perhaps a segment), on a material perhaps; passing it certifies
-- for validity_months.
CREATE TABLE sce.exam (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id         bigint NOT NULL REFERENCES org.unit (id),
    bu_id           bigint REFERENCES org.business_unit (id),
    code            text NOT NULL CONSTRAINT exam_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    title           text NOT NULL CHECK (btrim(title) <> ''),
    role_code       text NOT NULL REFERENCES sce.seller_role (code),
    segment_id      bigint REFERENCES mm.segment (id),
    material_id     bigint REFERENCES sce.material (id),
    pass_mark       numeric(5,2) NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
    validity_months smallint NOT NULL DEFAULT 24 CHECK (validity_months BETWEEN 1 AND 120),
    created_by      name NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT exam_once UNIQUE (unit_id, code)
);
COMMENT ON TABLE sce.exam IS 'Exams per seller role (and segment), perhaps on a material: a pass mark and how long the certification it grants lasts.';
SELECT org.secure_tenant_table('sce.exam', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('sce.exam');

CREATE TABLE sce.exam_result (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    exam_id     bigint NOT NULL REFERENCES sce.exam (id),
    seller_id   bigint NOT NULL REFERENCES sce.seller (id),
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    score       numeric(5,2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    -- The database's: score against the exam's pass mark.
    passed      boolean NOT NULL DEFAULT false,
    taken_on    date NOT NULL DEFAULT current_date,
    recorded_by name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- A result the seller recorded themselves certifies once someone of their scope who is not
    -- them confirms it (the database's: confirmed_by is the confirmer).
    confirmed   boolean NOT NULL DEFAULT false,
    confirmed_by name,
    confirmed_at timestamptz
);
COMMENT ON TABLE sce.exam_result IS 'Exam results of sellers: a score against the pass mark; a pass certifies (sce.certification) when recorded, or confirmed, by someone of the seller''s scope other than the seller.';
SELECT org.secure_tenant_table('sce.exam_result', 'unit_id', 'bu_id');
REVOKE DELETE ON sce.exam_result FROM mtl_editor;
SELECT org.protect_system_columns('sce.exam_result');
-- Editors confirm (UPDATE … SET confirmed = true); nothing else of a result changes.
REVOKE INSERT (passed, confirmed, confirmed_by, confirmed_at) ON sce.exam_result FROM mtl_editor;
REVOKE UPDATE ON sce.exam_result FROM mtl_editor;
GRANT UPDATE (confirmed) ON sce.exam_result TO mtl_editor;

-- Certifications: granted by the database on a passed exam, with an expiry; flagged for
-- recertification when the material the exam is on gets a new major version.
CREATE TABLE sce.certification (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id            bigint NOT NULL REFERENCES sce.seller (id),
    unit_id              bigint NOT NULL,
    bu_id                bigint,
    exam_id              bigint NOT NULL REFERENCES sce.exam (id),
    result_id            bigint NOT NULL UNIQUE REFERENCES sce.exam_result (id),
    role_code            text NOT NULL REFERENCES sce.seller_role (code),
    segment_id           bigint REFERENCES mm.segment (id),
    material_id          bigint REFERENCES sce.material (id),
    material_major       smallint,
    granted_on           date NOT NULL,
    expires_on           date NOT NULL,
    recertify_since      timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certification_dates CHECK (expires_on > granted_on)
);
CREATE INDEX certification_seller_idx ON sce.certification (seller_id, role_code);
CREATE INDEX certification_material_idx ON sce.certification (material_id) WHERE material_id IS NOT NULL;
COMMENT ON TABLE sce.certification IS 'Certifications per role (and segment), granted by the database on a passed exam, with an expiry; recertify_since is set when the exam''s material got a new major version.';
SELECT org.secure_tenant_table('sce.certification', 'unit_id', 'bu_id');
REVOKE INSERT, UPDATE, DELETE ON sce.certification FROM mtl_editor;

-- Certifications expiring within HQ's warning days, expired, or to recertify: flagged by the daily
-- enablement.cert_check job, once per certification and kind.
CREATE TABLE sce.cert_flag (
    certification_id bigint NOT NULL REFERENCES sce.certification (id),
    kind             text NOT NULL CONSTRAINT cert_flag_kind CHECK (kind IN ('expiring', 'expired', 'recertify')),
    unit_id          bigint NOT NULL,
    bu_id            bigint,
    flagged_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (certification_id, kind)
);
COMMENT ON TABLE sce.cert_flag IS 'Certifications flagged by the daily check: expiring within the warning days, expired, or to recertify after a new major version of their material.';
SELECT org.secure_tenant_table('sce.cert_flag', 'unit_id', 'bu_id');
REVOKE INSERT, UPDATE, DELETE ON sce.cert_flag FROM mtl_editor;

GRANT USAGE ON SCHEMA sce TO mtl_scheduler;
INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('enablement.cert_check', 'Flag certifications expiring soon, expired, or to recertify.', 'enablement.cert_check',
        '30 7 * * *', 'UTC', 'fire_once');
