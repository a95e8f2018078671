-- Touchpoints (dg.touchpoint, V0031): an activity that touched a lead after its source.

-- A touchpoint takes its lead's unit and BU, as the caller sees the lead (one they cannot see is
-- refused like a row outside their scope), and its activity must be one the caller can see, of
-- the lead's unit or a unit above it — the rule of a lead's source (dg.lead_check_sources).
CREATE OR REPLACE FUNCTION dg.touchpoint_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    lead_unit bigint;
    lead_bu bigint;
    lead_path bigint[];
    activity_unit bigint;
BEGIN
    SELECT l.unit_id, l.bu_id, u.path INTO lead_unit, lead_bu, lead_path
    FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id WHERE l.id = NEW.lead_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := lead_unit;
    NEW.bu_id := lead_bu;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    SELECT a.unit_id INTO activity_unit FROM dg.activity a WHERE a.id = NEW.activity_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT lead_path @> ARRAY[activity_unit] THEN
        RAISE EXCEPTION 'a lead is touched by activities of its unit or a unit above it, not by activity %', NEW.activity_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Record the touch on a lead of the activity''s unit or of a unit below it.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER touchpoint_before_insert BEFORE INSERT ON dg.touchpoint
    FOR EACH ROW EXECUTE FUNCTION dg.touchpoint_before_insert();
