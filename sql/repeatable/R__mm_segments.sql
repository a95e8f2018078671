-- Segments (mm.segment) and what belongs to them.

-- A gap's amounts are in its segment's unit's currency unless given (V0010 said USD).
CREATE OR REPLACE FUNCTION mm.segment_gap_currency() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.currency IS NULL THEN
        SELECT u.currency INTO NEW.currency FROM mm.segment s JOIN org.unit u ON u.id = s.unit_id WHERE s.id = NEW.segment_id;
    END IF;
    RETURN NEW;
END
$$;

-- Named to fire after segment_gap_scope, which reads the segment as the caller.
CREATE OR REPLACE TRIGGER segment_gap_unit_currency BEFORE INSERT ON mm.segment_gap
    FOR EACH ROW EXECUTE FUNCTION mm.segment_gap_currency();
