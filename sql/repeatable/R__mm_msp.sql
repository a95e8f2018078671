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

-- A quarter belongs to its plan's fiscal year, takes the plan's unit and BU and its currency (its
-- other quarters', else its unit's; another is refused: amounts are never mixed), and changes only
-- while the plan is a draft, approved or active (not under review, rejected or closed).
CREATE OR REPLACE FUNCTION mm.msp_quarter_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan mm.msp;
    plan_currency text;
BEGIN
    SELECT * INTO plan FROM mm.msp m WHERE m.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.msp_id ELSE NEW.msp_id END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See your MSPs with: mtl msp list';
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, plan.unit_id, plan.bu_id);
    IF plan.state NOT IN ('draft', 'approved', 'active') THEN
        RAISE EXCEPTION 'MSP % is %; its quarterly plans cannot change now', plan.id, plan.state
            USING ERRCODE = 'check_violation',
                  HINT = 'Quarterly plans change while the MSP is a draft, approved or active.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.fiscal_year <> plan.fiscal_year THEN
        RAISE EXCEPTION 'FY%-Q% is not in MSP %''s fiscal year FY%', NEW.fiscal_year, NEW.quarter, plan.id, plan.fiscal_year
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := plan.unit_id;
    NEW.bu_id := plan.bu_id;
    -- One currency per plan: its other quarters', else its unit's.
    SELECT x.currency INTO plan_currency FROM mm.msp_quarter x
    WHERE x.msp_id = NEW.msp_id AND (x.fiscal_year, x.quarter) IS DISTINCT FROM (NEW.fiscal_year, NEW.quarter) LIMIT 1;
    plan_currency := coalesce(plan_currency, (SELECT u.currency FROM org.unit u WHERE u.id = plan.unit_id));
    NEW.currency := coalesce(NEW.currency, plan_currency);
    IF NEW.currency <> plan_currency AND EXISTS (SELECT FROM mm.msp_quarter x WHERE x.msp_id = NEW.msp_id
                                                  AND (x.fiscal_year, x.quarter) IS DISTINCT FROM (NEW.fiscal_year, NEW.quarter)) THEN
        RAISE EXCEPTION 'MSP %''s quarters are planned in %, not %', plan.id, plan_currency, NEW.currency
            USING ERRCODE = 'check_violation', HINT = 'Give the amounts in the plan''s currency; amounts are never mixed.';
    END IF;
    IF EXISTS (SELECT FROM dg.programme g WHERE g.msp_id = NEW.msp_id AND g.currency <> NEW.currency) THEN
        RAISE EXCEPTION 'MSP %''s programmes are in another currency than %', plan.id, NEW.currency
            USING ERRCODE = 'check_violation', HINT = 'Amounts are never mixed: keep the plan''s currency.';
    END IF;
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
