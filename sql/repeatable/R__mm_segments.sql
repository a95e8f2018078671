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

-- The weights of each axis of a BU and fiscal year sum to 1, checked at commit (so a whole set
-- changes in one transaction). V0010's hint named a command that does not exist.
CREATE OR REPLACE FUNCTION mm.check_weight_sums() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed mm.factor_weight;
    wrong record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    FOR wrong IN
        SELECT f.axis, sum(w.weight) AS total, b.code AS bu
        FROM mm.factor_weight w
        JOIN mm.factor f ON f.code = w.factor_code
        JOIN org.business_unit b ON b.id = w.bu_id
        WHERE w.bu_id = changed.bu_id AND w.fiscal_year = changed.fiscal_year
        GROUP BY f.axis, b.code
        HAVING sum(w.weight) <> 1
    LOOP
        RAISE EXCEPTION 'the % weights of BU % for FY% sum to %, not 1', wrong.axis, wrong.bu, changed.fiscal_year, wrong.total
            USING ERRCODE = 'check_violation',
                  HINT = 'Set all the weights of an axis together, so that they sum to 1: mtl segment weights --bu BU --year FY --set factor=weight …';
    END LOOP;
    RETURN NULL;
END
$$;
