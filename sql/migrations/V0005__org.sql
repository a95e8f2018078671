-- V0005: the organisation (DESIGN.md, "Tenancy and security"): the unit hierarchy
-- HQ → region → country, business units, the fiscal calendar, the people who log in (user
-- accounts) and the grants that give them units. Security (RLS, policies, privileges, audit)
-- follows in V0006.

-- Org units -----------------------------------------------------------------------------------

CREATE TABLE org.unit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE,
    name       text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    kind       text NOT NULL CHECK (kind IN ('hq', 'region', 'country')),
    parent_id  bigint REFERENCES org.unit (id),
    -- The ids from HQ down to this unit, kept by org.unit_before_write(). A unit's subtree is
    -- every unit whose path contains its id.
    path       bigint[] NOT NULL,
    -- IANA time zone of HQ and of each region; a country keeps its region's (NULL here).
    time_zone  text,
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT unit_code_format CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,15}$'),
    CONSTRAINT unit_hq_has_no_parent CHECK ((kind = 'hq') = (parent_id IS NULL)),
    CONSTRAINT unit_country_code CHECK (kind <> 'country' OR code ~ '^[A-Z]{2}$'),
    CONSTRAINT unit_time_zone CHECK ((kind = 'country') = (time_zone IS NULL))
);
CREATE UNIQUE INDEX unit_one_hq ON org.unit ((true)) WHERE parent_id IS NULL;
CREATE INDEX unit_parent_idx ON org.unit (parent_id);
CREATE INDEX unit_path_idx ON org.unit USING gin (path);

COMMENT ON TABLE org.unit IS 'Org units: HQ → regions → countries. A grant on a unit covers its subtree.';

-- Keeps path, checks the hierarchy's shape, country codes, time zones and activation rules.
CREATE FUNCTION org.unit_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parent org.unit;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kind <> OLD.kind THEN
        RAISE EXCEPTION 'the kind of unit % cannot change (it is a %)', OLD.code, OLD.kind;
    END IF;
    IF NEW.parent_id IS NOT NULL THEN
        SELECT * INTO parent FROM org.unit WHERE id = NEW.parent_id;
        IF NEW.parent_id = NEW.id OR NEW.id = ANY (parent.path) THEN
            RAISE EXCEPTION 'unit % cannot be its own ancestor', NEW.code
                USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.kind, parent.kind) NOT IN (('region', 'hq'), ('country', 'region')) THEN
            RAISE EXCEPTION 'a % cannot belong to a % (%)', NEW.kind, parent.kind, parent.code
                USING ERRCODE = 'check_violation',
                      HINT = 'Regions belong to HQ; countries belong to a region.';
        END IF;
        IF NEW.active AND NOT parent.active THEN
            RAISE EXCEPTION 'unit % cannot be active under inactive unit %', NEW.code, parent.code
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.path := parent.path || NEW.id;
    ELSE
        NEW.path := ARRAY[NEW.id];
    END IF;

    IF NEW.kind = 'country' THEN
        IF TG_OP = 'INSERT' OR NEW.code <> OLD.code THEN
            IF NOT EXISTS (SELECT FROM org.iso_country c WHERE c.code = NEW.code) THEN
                RAISE EXCEPTION 'unknown country code %', NEW.code
                    USING ERRCODE = 'check_violation',
                          HINT = 'A country''s code is its ISO 3166-1 alpha-2 code, such as DE or BR.';
            END IF;
        END IF;
        IF NEW.name IS NULL THEN
            SELECT c.name INTO NEW.name FROM org.iso_country c WHERE c.code = NEW.code;
        END IF;
    ELSIF TG_OP = 'INSERT' OR NEW.code <> OLD.code THEN
        IF EXISTS (SELECT FROM org.iso_country c WHERE c.code = NEW.code) THEN
            RAISE EXCEPTION 'code % is an ISO country code; it is kept for the country', NEW.code
                USING ERRCODE = 'check_violation',
                      HINT = 'Give regions a code of their own, such as EMEA or APAC.';
        END IF;
    END IF;

    IF NEW.time_zone IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.time_zone IS DISTINCT FROM OLD.time_zone)
       AND NOT EXISTS (SELECT FROM pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone %', NEW.time_zone
            USING ERRCODE = 'check_violation',
                  HINT = 'Use an IANA time zone name, such as Europe/Berlin or Asia/Shanghai.';
    END IF;

    IF TG_OP = 'UPDATE' AND OLD.active AND NOT NEW.active
       AND EXISTS (SELECT FROM org.unit c WHERE c.parent_id = NEW.id AND c.active) THEN
        RAISE EXCEPTION 'unit % still has active units below it: %', NEW.code,
            (SELECT string_agg(c.code, ', ' ORDER BY c.code) FROM org.unit c WHERE c.parent_id = NEW.id AND c.active)
            USING ERRCODE = 'check_violation',
                  HINT = 'Deactivate those first.';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER unit_before_write BEFORE INSERT OR UPDATE ON org.unit
    FOR EACH ROW EXECUTE FUNCTION org.unit_before_write();

-- A unit that moved takes its subtree along: each child recomputes its path from its parent
-- (in unit_before_write), which moves the grandchildren in turn.
CREATE FUNCTION org.unit_after_move() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE org.unit SET path = '{}' WHERE parent_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER unit_after_move AFTER UPDATE ON org.unit
    FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
    EXECUTE FUNCTION org.unit_after_move();

-- Units that own data are kept: deactivate them instead. Foreign keys to org.unit guarantee it;
-- this trigger says which table holds the data, as far as the deleting role can see it.
CREATE FUNCTION org.unit_before_delete() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    reference record;
    found boolean;
BEGIN
    FOR reference IN
        SELECT c.conrelid::regclass AS tab, a.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.confrelid = 'org.unit'::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1
    LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM %s WHERE %I = $1)', reference.tab, reference.attname)
            INTO found USING OLD.id;
        IF found THEN
            RAISE EXCEPTION 'unit % owns rows in %; it cannot be deleted', OLD.code, reference.tab
                USING ERRCODE = 'foreign_key_violation',
                      HINT = format('Deactivate it instead: mtl org deactivate %s', OLD.code);
        END IF;
    END LOOP;
    RETURN OLD;
END
$$;

CREATE TRIGGER unit_before_delete BEFORE DELETE ON org.unit
    FOR EACH ROW EXECUTE FUNCTION org.unit_before_delete();

-- HQ exists from the start: every grant and every region hangs from it.
INSERT INTO org.unit (code, name, kind, time_zone) VALUES ('HQ', 'Headquarters', 'hq', 'UTC');

-- Business units ------------------------------------------------------------------------------

CREATE TABLE org.business_unit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CONSTRAINT business_unit_code_format CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,15}$'),
    name       text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE org.business_unit IS 'Business units (BUs), such as carrier, enterprise and consumer.';

-- The fiscal calendar -------------------------------------------------------------------------

CREATE TABLE org.fiscal_calendar (
    id                 boolean PRIMARY KEY DEFAULT true CONSTRAINT fiscal_calendar_single_row CHECK (id),
    -- The month (1–12) in which the fiscal year starts.
    start_month        smallint NOT NULL DEFAULT 1 CHECK (start_month BETWEEN 1 AND 12),
    -- A fiscal year is named after the calendar year in which it ends ('end', so a year that
    -- starts in April 2026 is FY2027) or in which it starts ('start', FY2026).
    named_by           text NOT NULL DEFAULT 'end' CHECK (named_by IN ('start', 'end')),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
INSERT INTO org.fiscal_calendar DEFAULT VALUES;

COMMENT ON TABLE org.fiscal_calendar IS 'The fiscal calendar: one row. Quarterly reviews use it with each region''s time zone.';

-- The fiscal year and quarter that contain a date, such as (2027, 1) for FY2027-Q1.
CREATE FUNCTION org.fiscal_quarter_of(day date, OUT fiscal_year integer, OUT quarter integer)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT extract(year FROM s.start)::integer + CASE WHEN c.named_by = 'end' AND c.start_month > 1 THEN 1 ELSE 0 END,
           (extract(month FROM age(day_start, s.start))::integer / 3) + 1
    FROM org.fiscal_calendar c,
         LATERAL (SELECT date_trunc('month', day)::date AS day_start) d,
         LATERAL (SELECT make_date(extract(year FROM day)::integer
                                   - CASE WHEN extract(month FROM day) < c.start_month THEN 1 ELSE 0 END,
                                   c.start_month, 1) AS start) s;
END;

-- The label of a fiscal quarter: FY2027-Q1.
CREATE FUNCTION org.fiscal_quarter_label(day date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT format('FY%s-Q%s', q.fiscal_year, q.quarter) FROM org.fiscal_quarter_of(day) q;
END;

-- The time zone that governs a unit: its own, else its region's.
CREATE FUNCTION org.unit_time_zone(unit bigint) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(u.time_zone, p.time_zone) FROM org.unit u LEFT JOIN org.unit p ON p.id = u.parent_id WHERE u.id = unit;
END;

-- People and grants ---------------------------------------------------------------------------

-- A person who logs in: a PostgreSQL LOGIN role of the same name, created by org.create_user().
CREATE TABLE org.user_account (
    role_name    name PRIMARY KEY,
    -- What the person may do: one of the mtl_* group roles.
    capability   text NOT NULL CHECK (capability IN ('reader', 'editor', 'approver', 'admin', 'bi')),
    -- The unit the person belongs to; admins whose scope covers it manage the account.
    home_unit_id bigint NOT NULL REFERENCES org.unit (id),
    created_by   name NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    disabled_at  timestamptz,
    disabled_by  name
);

COMMENT ON TABLE org.user_account IS 'People: one LOGIN role each. Created and disabled only through org.create_user() and org.disable_user().';

-- What a role may see: a unit and everything below it, for all BUs or one.
CREATE TABLE org.grant (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role_name  name NOT NULL REFERENCES org.user_account (role_name),
    unit_id    bigint NOT NULL REFERENCES org.unit (id),
    bu_id      bigint REFERENCES org.business_unit (id),
    granted_by name NOT NULL DEFAULT session_user,
    granted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grant_once UNIQUE NULLS NOT DISTINCT (role_name, unit_id, bu_id)
);
CREATE INDEX grant_unit_idx ON org.grant (unit_id);

COMMENT ON TABLE org.grant IS 'Grants: role_name may see unit_id and its subtree; bu_id NULL means every BU.';
