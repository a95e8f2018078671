-- Units (org.unit): their clocks and currencies (V0022).

-- A new unit without a time zone or currency takes its defaults: a country its main zone and
-- currency (org.iso_country), else its region's; a region HQ's currency (its time zone is given:
-- mtl org add-region --time-zone); HQ USD. Named to fire after unit_before_write, which checks
-- the zone and code it is given.
CREATE OR REPLACE FUNCTION org.unit_defaults() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parent org.unit;
    country org.iso_country;
BEGIN
    SELECT * INTO parent FROM org.unit p WHERE p.id = NEW.parent_id;
    IF NEW.kind = 'country' THEN
        SELECT * INTO country FROM org.iso_country c WHERE c.code = NEW.code;
    END IF;
    NEW.time_zone := coalesce(NEW.time_zone, country.time_zone, parent.time_zone, 'UTC');
    NEW.currency := coalesce(NEW.currency, country.currency, parent.currency, 'USD');
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER unit_defaults BEFORE INSERT ON org.unit
    FOR EACH ROW EXECUTE FUNCTION org.unit_defaults();

-- The unit whose clock a unit keeps: itself (since V0022 every unit has its own time zone).
CREATE OR REPLACE FUNCTION org.time_zone_unit(unit_id bigint) RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT u.id FROM org.unit u WHERE u.id = time_zone_unit.unit_id;
END;

-- One quarterly review schedule per unit, on the unit's clock: 06:00 local the day after each
-- fiscal quarter closes; it reviews the unit's own active MSPs. Created with the unit and kept in
-- step with its time zone.
CREATE OR REPLACE FUNCTION scheduler.keep_review_schedule() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.time_zone IS NOT NULL THEN
        INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
        VALUES ('msp.quarterly_review:' || lower(NEW.code),
                format('Review the active MSPs of %s after each fiscal quarter closes, at 06:00 its time.', NEW.code),
                'msp.quarterly_review', jsonb_build_object('unit', NEW.code), 'quarter-close + 1 day 06:00',
                NEW.time_zone, 'fire_once', 10)
        ON CONFLICT (name) DO UPDATE SET time_zone = EXCLUDED.time_zone;
    END IF;
    RETURN NULL;
END
$$;
