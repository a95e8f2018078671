-- V0028: marketing quality assurance, quality checks (issue 18, DOMAIN.md "MQA"). Rules are data,
-- registered by the module that owns them (its own repeatable file): a code, a title, a
-- severity, parameters with defaults, and a view in the owner's schema that returns the rule's
-- violations. The quality.check job (R__mqa_checks.sql) turns violations into findings: one per
-- rule and subject, open → acknowledged → resolved, or waived through a four-eyes approval; a
-- finding resolves itself when its violation is gone and reopens when it comes back.

-- Every key of a rule's settings is one of its parameters, with a value of the same JSON type.
-- (A CHECK of mqa.rule calls it, so it is defined here.)
CREATE FUNCTION mqa.settings_fit(defaults jsonb, settings jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN jsonb_typeof(settings) = 'object'
   AND NOT EXISTS (SELECT FROM jsonb_each(settings) s
                   WHERE NOT defaults ? s.key OR jsonb_typeof(defaults -> s.key) <> jsonb_typeof(s.value));

CREATE TABLE mqa.rule (
    -- <owner schema>.<name>, such as dg.activity_without_leads.
    code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$'),
    -- The module (schema) that registers the rule and holds its view.
    owner_schema    name NOT NULL,
    title           text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    severity        text NOT NULL CONSTRAINT rule_severity CHECK (severity IN ('info', 'warning', 'critical')),
    -- A view owner_schema.<violations_view> returning (subject_kind text, subject_id bigint,
    -- unit_id bigint, bu_id bigint, details jsonb): what breaks the rule now.
    violations_view name NOT NULL,
    -- The rule's parameters and their defaults (registered); HQ's settings override them.
    defaults        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(defaults) = 'object'),
    settings        jsonb NOT NULL DEFAULT '{}',
    enabled         boolean NOT NULL DEFAULT true,
    last_checked_at timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      name NOT NULL DEFAULT session_user,
    CONSTRAINT rule_code_in_owner CHECK (split_part(code, '.', 1) = owner_schema::text),
    CONSTRAINT rule_settings_fit CHECK (mqa.settings_fit(defaults, settings))
);
COMMENT ON TABLE mqa.rule IS 'Quality rules: registered by the module that owns each (code, title, severity, violations view, parameter defaults); HQ admins enable, disable and set their parameters.';

-- A rule's parameter as in effect: HQ's setting, else the registered default. The modules' rule
-- views call it; it is defined here because their repeatable files run before this module's.
CREATE FUNCTION mqa.parameter(rule_code text, name text) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT (r.defaults || r.settings) -> parameter.name FROM mqa.rule r WHERE r.code = parameter.rule_code;
END;

-- Registers a rule, or updates what its module says about it: HQ's enabled and settings are
-- kept (but for settings of parameters the rule no longer has). The modules' repeatable files call
-- it, so it is defined here.
CREATE FUNCTION mqa.register_rule(code text, title text, severity text, violations_view name, defaults jsonb DEFAULT '{}')
RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    INSERT INTO mqa.rule AS r (code, owner_schema, title, severity, violations_view, defaults)
    VALUES (register_rule.code, split_part(register_rule.code, '.', 1), register_rule.title, register_rule.severity,
            register_rule.violations_view, register_rule.defaults)
    ON CONFLICT ON CONSTRAINT rule_pkey DO UPDATE
    SET owner_schema = EXCLUDED.owner_schema, title = EXCLUDED.title, severity = EXCLUDED.severity,
        violations_view = EXCLUDED.violations_view, defaults = EXCLUDED.defaults,
        settings = (SELECT coalesce(jsonb_object_agg(s.key, s.value), '{}') FROM jsonb_each(r.settings) s
                    WHERE EXCLUDED.defaults ? s.key AND jsonb_typeof(EXCLUDED.defaults -> s.key) = jsonb_typeof(s.value));
END;
REVOKE ALL ON FUNCTION mqa.register_rule(text, text, text, name, jsonb) FROM PUBLIC;

CREATE TABLE mqa.finding (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule_code      text NOT NULL REFERENCES mqa.rule (code),
    -- What breaks the rule: a lead, an activity, a programme, an MSP, a quarterly review, ….
    subject_kind   text NOT NULL CHECK (subject_kind ~ '^[a-z][a-z0-9_]*$'),
    subject_id     bigint NOT NULL,
    -- The subject's unit and BU: a finding is seen and worked on by the subject's people.
    unit_id        bigint NOT NULL REFERENCES org.unit (id),
    bu_id          bigint REFERENCES org.business_unit (id),
    -- What the rule's view said about it when last found (stable facts, not ages).
    details        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    state          text NOT NULL DEFAULT 'open'
                   CONSTRAINT finding_state CHECK (state IN ('open', 'acknowledged', 'resolved', 'waived')),
    first_found_at timestamptz NOT NULL DEFAULT now(),
    -- 1, then one more each time it comes back after being resolved.
    times_opened   integer NOT NULL DEFAULT 1 CHECK (times_opened >= 1),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    -- One finding per rule and subject, ever: a violation that comes back reopens it.
    CONSTRAINT finding_once UNIQUE (rule_code, subject_kind, subject_id)
);
CREATE INDEX finding_unit_state_idx ON mqa.finding (unit_id, state);
COMMENT ON TABLE mqa.finding IS 'Quality findings: a rule''s violation by one subject, open → acknowledged → resolved (by hand, or by the check when the violation is gone), waived through an approved waiver; reopened when the violation comes back.';

CREATE TABLE mqa.waiver (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id   bigint NOT NULL REFERENCES mqa.finding (id),
    -- The finding's, set by the database.
    unit_id      bigint NOT NULL,
    bu_id        bigint,
    reason       text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 2000),
    -- The finding's times_opened when asked, set by the database: a waiver waives the finding as
    -- it was asked about, not one that was resolved and came back since.
    finding_occurrence integer NOT NULL,
    state        text NOT NULL DEFAULT 'submitted'
                 CONSTRAINT waiver_state CHECK (state IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    requested_by name NOT NULL DEFAULT session_user,
    requested_at timestamptz NOT NULL DEFAULT now()
);
-- One waiver waiting per finding.
CREATE UNIQUE INDEX waiver_one_waiting ON mqa.waiver (finding_id) WHERE state = 'submitted';
COMMENT ON TABLE mqa.waiver IS 'Requests to waive a finding, with the reason; decided through approval.request (kind finding_waiver) by an approver other than the requester.';

-- The finding's machine. Automatic changes are the check's and the waiver's outcome.
INSERT INTO org.state_machine (machine, owner_schema, subject) VALUES ('finding', 'mqa', 'mqa.finding');
INSERT INTO org.state_transition (machine, from_state, to_state, automatic, how) VALUES
    ('finding', 'open', 'acknowledged', false, 'mtl quality ack'),
    ('finding', 'open', 'resolved', false, 'mtl quality resolve, or the check finds the violation gone'),
    ('finding', 'acknowledged', 'resolved', false, 'mtl quality resolve, or the check finds the violation gone'),
    ('finding', 'open', 'waived', true, 'a waiver (mtl quality waive --reason) is approved'),
    ('finding', 'acknowledged', 'waived', true, 'a waiver (mtl quality waive --reason) is approved'),
    ('finding', 'waived', 'resolved', true, 'the check finds the violation gone'),
    ('finding', 'resolved', 'open', true, 'the check finds the violation again');

SELECT org.secure_reference_table('mqa.rule');
SELECT org.secure_tenant_table('mqa.finding', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('mqa.waiver', 'unit_id', 'bu_id');

-- Rules are registered by their modules' files; HQ admins change only whether a rule runs and
-- its settings. Findings are written by the check; people change only their state. Waivers are
-- asked for with a finding and a reason; the rest follows from the approval.
REVOKE INSERT, UPDATE, DELETE ON mqa.rule FROM mtl_admin;
GRANT UPDATE (enabled, settings) ON mqa.rule TO mtl_admin;
REVOKE INSERT, UPDATE, DELETE ON mqa.finding FROM mtl_editor;
GRANT UPDATE (state) ON mqa.finding TO mtl_editor;
REVOKE INSERT, UPDATE, DELETE ON mqa.waiver FROM mtl_editor;
GRANT INSERT (finding_id, reason) ON mqa.waiver TO mtl_editor;

CREATE TRIGGER rule_stamp BEFORE UPDATE OF enabled, settings ON mqa.rule
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');
CREATE TRIGGER finding_allowed_transition BEFORE UPDATE OF state ON mqa.finding
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('finding');

-- The daily check (the job kind quality.check, R__mqa_checks.sql), after the SLA check.
INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('quality.check', 'Check every enabled quality rule and keep the findings.', 'quality.check', '30 7 * * *', 'UTC', 'fire_once');
