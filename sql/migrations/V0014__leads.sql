-- V0014: leads (issue 5, DOMAIN.md "Leads and opportunities"): who raised which need, how good
-- the lead is, whether it is a lead or an opportunity, and its way to sales.

-- Settings of the lead process (HQ reference data, one row).
CREATE TABLE dg.lead_setting (
    id                   boolean PRIMARY KEY DEFAULT true CONSTRAINT lead_setting_single_row CHECK (id),
    -- Days a sales team or partner has to accept or reject a lead handed to it.
    acceptance_sla_days  integer NOT NULL DEFAULT 5 CHECK (acceptance_sla_days BETWEEN 1 AND 90),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dg.lead_setting DEFAULT VALUES;

COMMENT ON TABLE dg.lead_setting IS 'Settings of the lead process: the hand-off acceptance SLA in days.';

-- Information completeness, 0–5: the share of the nine things worth knowing about a lead that
-- are known (contact title, email, phone, industry, need, and the four target-customer checks).
CREATE FUNCTION dg.lead_completeness(contact_title text, email text, phone text, industry text, need text,
                                     project_approved boolean, budget_this_year boolean,
                                     budget_in_price_band boolean, kpi_tied boolean) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN round(5.0 * ((nullif(btrim(contact_title), '') IS NOT NULL)::int + (email IS NOT NULL)::int
                    + (nullif(btrim(phone), '') IS NOT NULL)::int + (nullif(btrim(industry), '') IS NOT NULL)::int
                    + (nullif(btrim(need), '') IS NOT NULL)::int + (project_approved IS NOT NULL)::int
                    + (budget_this_year IS NOT NULL)::int + (budget_in_price_band IS NOT NULL)::int
                    + (kpi_tied IS NOT NULL)::int) / 9, 2);

CREATE TABLE dg.lead_import (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id       bigint NOT NULL REFERENCES org.unit (id),
    bu_id         bigint REFERENCES org.business_unit (id),
    file_name     text NOT NULL,
    -- SHA-256 of the file's bytes, hex: the same file imported again is detected.
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    rows_read     integer NOT NULL CHECK (rows_read >= 0),
    rows_imported integer NOT NULL CHECK (rows_imported >= 0),
    rows_rejected integer NOT NULL CHECK (rows_rejected >= 0),
    forced        boolean NOT NULL DEFAULT false,
    imported_by   name NOT NULL DEFAULT session_user,
    imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_import_hash_idx ON dg.lead_import (unit_id, sha256);

COMMENT ON TABLE dg.lead_import IS 'Lead imports: file, hash, counts, who and when.';

CREATE TABLE dg.lead (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The country unit (or another unit) and BU the lead belongs to.
    unit_id              bigint NOT NULL REFERENCES org.unit (id),
    bu_id                bigint REFERENCES org.business_unit (id),
    -- Where it came from: an activity, or a channel.
    activity_id          bigint REFERENCES dg.activity (id),
    channel              text CONSTRAINT lead_channel CHECK (channel IN ('event', 'web', 'email', 'phone', 'partner', 'referral', 'social', 'other')),
    company              text NOT NULL CHECK (btrim(company) <> ''),
    contact_name         text NOT NULL CHECK (btrim(contact_name) <> ''),
    contact_title        text,
    email                text CONSTRAINT lead_email CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' AND email = lower(email)),
    phone                text,
    -- A key person cares about the need and can influence the decision.
    key_person           boolean NOT NULL DEFAULT false,
    industry             text,
    need                 text,
    -- Target-customer checks; NULL is unknown.
    project_approved     boolean,
    budget_this_year     boolean,
    budget_in_price_band boolean,
    kpi_tied             boolean,
    -- Quality, 0–5: of the customer, of the informant; completeness is computed.
    customer_quality     smallint NOT NULL DEFAULT 0 CONSTRAINT lead_customer_quality CHECK (customer_quality BETWEEN 0 AND 5),
    informant_quality    smallint NOT NULL DEFAULT 0 CONSTRAINT lead_informant_quality CHECK (informant_quality BETWEEN 0 AND 5),
    completeness         numeric(3,2) GENERATED ALWAYS AS (dg.lead_completeness(contact_title, email, phone, industry, need,
                             project_approved, budget_this_year, budget_in_price_band, kpi_tied)) STORED,
    -- 0.4 customer + 0.3 informant + 0.3 completeness, 0–5.
    quality_score        numeric(3,2) GENERATED ALWAYS AS (round(0.4 * customer_quality + 0.3 * informant_quality
                             + 0.3 * dg.lead_completeness(contact_title, email, phone, industry, need,
                               project_approved, budget_this_year, budget_in_price_band, kpi_tied), 2)) STORED,
    -- A need raised by a key person is an opportunity; passed on by someone else, a lead.
    classification       text GENERATED ALWAYS AS (CASE WHEN key_person THEN 'opportunity' ELSE 'lead' END) STORED,
    state                text NOT NULL DEFAULT 'new'
                         CONSTRAINT lead_state CHECK (state IN ('new', 'qualifying', 'qualified', 'handed_off', 'accepted', 'rejected', 'recycled')),
    handed_to            text,
    handed_to_kind       text CONSTRAINT lead_handed_to_kind CHECK (handed_to_kind IN ('sales_team', 'partner')),
    handed_off_at        timestamptz,
    sla_due_at           timestamptz,
    responded_at         timestamptz,
    rejection_reason     text,
    pipeline_value       numeric(18,2) CHECK (pipeline_value >= 0),
    currency             text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    import_id            bigint REFERENCES dg.lead_import (id),
    state_changed_at     timestamptz NOT NULL DEFAULT now(),
    state_changed_by     name NOT NULL DEFAULT session_user,
    created_by           name NOT NULL DEFAULT session_user,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lead_source CHECK (activity_id IS NOT NULL OR channel IS NOT NULL),
    CONSTRAINT lead_handoff CHECK (state NOT IN ('handed_off', 'accepted', 'rejected')
                                   OR (handed_to IS NOT NULL AND handed_to_kind IS NOT NULL AND handed_off_at IS NOT NULL)),
    CONSTRAINT lead_rejection_reason CHECK (state <> 'rejected' OR nullif(btrim(rejection_reason), '') IS NOT NULL)
);
-- No silent duplicates within a unit: the same email, or the same company and contact name.
CREATE UNIQUE INDEX lead_email_once ON dg.lead (unit_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX lead_contact_once ON dg.lead (unit_id, lower(company), lower(contact_name));
CREATE INDEX lead_state_idx ON dg.lead (unit_id, state);
CREATE INDEX lead_handed_off_idx ON dg.lead (sla_due_at) WHERE state = 'handed_off';
CREATE INDEX lead_activity_idx ON dg.lead (activity_id);

COMMENT ON TABLE dg.lead IS 'Leads and opportunities: source, customer, contact, target-customer checks, quality, and the way to sales (new → qualifying → qualified → handed_off → accepted / rejected / recycled).';

ALTER TABLE mm.state_transition DROP CONSTRAINT state_transition_machine,
    ADD CONSTRAINT state_transition_machine CHECK (machine IN ('msp', 'framework', 'programme', 'lead'));
INSERT INTO mm.state_transition VALUES
    ('lead', 'new', 'qualifying', false, 'mtl lead qualify'),
    ('lead', 'qualifying', 'qualified', false, 'mtl lead qualify'),
    ('lead', 'qualifying', 'recycled', false, 'mtl lead recycle'),
    ('lead', 'qualified', 'handed_off', false, 'mtl lead handoff'),
    ('lead', 'handed_off', 'accepted', false, 'mtl lead accept'),
    ('lead', 'handed_off', 'rejected', false, 'mtl lead reject --reason'),
    ('lead', 'handed_off', 'recycled', false, 'mtl lead recycle'),
    ('lead', 'rejected', 'recycled', false, 'mtl lead recycle'),
    ('lead', 'recycled', 'qualifying', false, 'mtl lead qualify');

-- Hand-off stamps the time and the SLA due time; the answer stamps the response.
CREATE FUNCTION dg.lead_before_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.unit_id <> OLD.unit_id THEN
        RAISE EXCEPTION 'lead % cannot move to another unit', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state = 'handed_off' AND OLD.state <> 'handed_off' THEN
        NEW.handed_off_at := now();
        NEW.sla_due_at := now() + make_interval(days => (SELECT s.acceptance_sla_days FROM dg.lead_setting s));
        NEW.responded_at := NULL;
    ELSIF OLD.state = 'handed_off' AND NEW.state IN ('accepted', 'rejected', 'recycled') THEN
        NEW.responded_at := now();
    END IF;
    IF NEW.pipeline_value IS NOT NULL AND NEW.state <> 'accepted' THEN
        RAISE EXCEPTION 'lead %: only an accepted lead carries a pipeline value', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER lead_allowed_transition BEFORE UPDATE OF state ON dg.lead
    FOR EACH ROW EXECUTE FUNCTION mm.enforce_transition('lead');
CREATE TRIGGER lead_rules BEFORE UPDATE ON dg.lead
    FOR EACH ROW EXECUTE FUNCTION dg.lead_before_update();

-- Hand-offs past their acceptance SLA: still waiting after the due time, or answered late.
CREATE VIEW dg.lead_sla_breach WITH (security_invoker = true) AS
SELECT l.id AS lead_id, l.unit_id, l.bu_id, l.company, l.contact_name, l.handed_to, l.handed_to_kind,
       l.handed_off_at, l.sla_due_at, l.responded_at, l.state,
       coalesce(l.responded_at, now()) - l.sla_due_at AS overdue_by
FROM dg.lead l
WHERE l.sla_due_at IS NOT NULL
  AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at);

COMMENT ON VIEW dg.lead_sla_breach IS 'Hand-offs past their acceptance SLA (dg.lead_setting): waiting after the due time, or answered late.';

SELECT org.secure_tenant_table('dg.lead', 'unit_id', 'bu_id');
SELECT org.secure_tenant_table('dg.lead_import', 'unit_id', 'bu_id');
SELECT org.secure_reference_table('dg.lead_setting');
GRANT SELECT ON dg.lead_sla_breach TO mtl_reader, mtl_bi;
-- Import records are append-only.
REVOKE UPDATE, DELETE ON dg.lead_import FROM mtl_editor;
