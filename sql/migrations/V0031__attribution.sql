-- V0031: campaign influence (issue 18). A lead may be touched by several activities — it came
-- from a summit, then attended a workshop — and attribution models share the lead (and its
-- pipeline) among them.

-- Touchpoints beyond a lead's source: the lead's own activity (dg.lead.activity_id, at its
-- creation) is its first touch and is not repeated here, so an import pays nothing for it.
CREATE TABLE dg.touchpoint (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id     bigint NOT NULL REFERENCES dg.lead (id),
    activity_id bigint NOT NULL REFERENCES dg.activity (id),
    -- The lead's, set by the database.
    unit_id     bigint NOT NULL,
    bu_id       bigint,
    touched_at  timestamptz NOT NULL,
    -- How it was recorded: by hand (the CLI), or by an import.
    source      text NOT NULL DEFAULT 'cli' CONSTRAINT touchpoint_source CHECK (source IN ('cli', 'import')),
    created_by  name NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT touchpoint_once UNIQUE (lead_id, activity_id, touched_at)
);
CREATE INDEX touchpoint_activity_idx ON dg.touchpoint (activity_id);
COMMENT ON TABLE dg.touchpoint IS 'Touchpoints: an activity that touched a lead after its source (lead × activity × time × how recorded).';
SELECT org.secure_tenant_table('dg.touchpoint', 'unit_id', 'bu_id');
SELECT org.protect_system_columns('dg.touchpoint');
REVOKE UPDATE ON dg.touchpoint FROM mtl_editor;

-- Attribution models, versioned: a version never changes, so every attributed figure names the
-- model and version that made it and can be made again.
CREATE TABLE mqa.attribution_model (
    code           text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    version        integer NOT NULL CHECK (version >= 1),
    method         text NOT NULL CONSTRAINT attribution_method CHECK (method IN ('source', 'first_touch', 'last_touch', 'linear', 'time_decay')),
    -- time_decay: a touch half_life_days before the lead's last touch counts half as much.
    half_life_days numeric(8,2) CHECK (half_life_days > 0),
    description    text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version),
    CONSTRAINT attribution_half_life CHECK ((method = 'time_decay') = (half_life_days IS NOT NULL))
);
COMMENT ON TABLE mqa.attribution_model IS 'Attribution models, versioned and never changed: how a lead and its pipeline are shared among the activities that touched it.';
SELECT org.secure_reference_table('mqa.attribution_model');
REVOKE UPDATE, DELETE ON mqa.attribution_model FROM mtl_admin;
SELECT org.protect_system_columns('mqa.attribution_model');

INSERT INTO mqa.attribution_model (code, version, method, half_life_days, description) VALUES
    ('source', 1, 'source', NULL, 'All to the activity the lead came from (its source), as before touchpoints.'),
    ('first_touch', 1, 'first_touch', NULL, 'All to the first activity that touched the lead.'),
    ('last_touch', 1, 'last_touch', NULL, 'All to the last activity that touched the lead.'),
    ('linear', 1, 'linear', NULL, 'Shared equally among every touch.'),
    ('time_decay', 1, 'time_decay', 7, 'Shared by recency: a touch 7 days before the last counts half.');
