-- Market Segment Plans (mm.msp).

-- A new plan starts as a draft for a unit at or below its segment's, in the segment's BU. The
-- segment is read as the caller (one outside their scope is as unknown as a missing one), and the
-- plan's unit and BU must be in the caller's write scope before anything else is checked.
CREATE OR REPLACE FUNCTION mm.msp_before_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    segment mm.segment;
BEGIN
    SELECT * INTO segment FROM mm.segment s WHERE s.id = NEW.segment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no segment % in your scope', NEW.segment_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See the segments you can use with: mtl segment list';
    END IF;
    -- The plan's unit is the caller's; its BU is the segment's. Checked first (V0010 said whether
    -- another unit lies below the segment's before RLS refused the row).
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, segment.bu_id);
    IF NOT segment.active THEN
        RAISE EXCEPTION 'segment % is inactive', segment.code USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[segment.unit_id]) THEN
        RAISE EXCEPTION 'an MSP for segment % belongs to its unit or a unit below it', segment.code
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.bu_id := segment.bu_id;
    NEW.state := 'draft';
    NEW.state_changed_at := now();
    NEW.state_changed_by := session_user;
    NEW.created_by := session_user;
    NEW.created_at := now();
    RETURN NEW;
END
$$;
