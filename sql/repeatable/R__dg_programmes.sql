-- Programmes (dg.programme).

-- A programme follows a concept package of its year's published framework; a company-tier
-- programme belongs to HQ; the MSP it serves is of its BU and year, in its unit or below, and
-- approved or active (read as the caller: one outside their scope is as unknown as a missing one).
-- It runs within its fiscal year, its activities within its dates, its name is its unit's only
-- one that year, and it is cancelled only with no budget request waiting. Checked when it is
-- created and whenever these change.
CREATE OR REPLACE FUNCTION dg.programme_check_links() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    framework_year integer;
    framework_state text;
    plan mm.msp;
    msp_currency text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'programme % cannot move to another unit or BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    -- A new programme's unit and BU are the caller's: checked before anything else (V0013 told the
    -- rules of another unit's programme before RLS refused the row).
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    END IF;
    IF NEW.tier = 'company' AND NEW.unit_id <> org.hq() THEN
        RAISE EXCEPTION 'company-tier programmes are owned by HQ'
            USING ERRCODE = 'check_violation', HINT = 'Create it at HQ, or make it a region or customer_group programme.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.concept_package_id <> OLD.concept_package_id OR NEW.fiscal_year <> OLD.fiscal_year THEN
        SELECT f.fiscal_year, f.state INTO framework_year, framework_state
        FROM mm.concept_package c JOIN mm.framework f ON f.id = c.framework_id
        WHERE c.id = NEW.concept_package_id;
        IF framework_year IS DISTINCT FROM NEW.fiscal_year OR framework_state <> 'published' THEN
            RAISE EXCEPTION 'programme % must follow a concept package of the published FY% framework', NEW.name, NEW.fiscal_year
                USING ERRCODE = 'check_violation',
                      HINT = CASE WHEN framework_year IS DISTINCT FROM NEW.fiscal_year
                                  THEN format('The concept package is from FY%s''s framework.', framework_year)
                                  ELSE format('The FY%s framework is %s; programmes follow it once it is published.', framework_year, framework_state) END;
        END IF;
    END IF;
    IF NEW.msp_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.msp_id IS DISTINCT FROM OLD.msp_id) THEN
        SELECT * INTO plan FROM mm.msp m WHERE m.id = NEW.msp_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF plan.bu_id <> NEW.bu_id OR plan.fiscal_year <> NEW.fiscal_year
           OR NOT EXISTS (SELECT FROM org.unit u WHERE u.id = plan.unit_id AND u.path @> ARRAY[NEW.unit_id]) THEN
            RAISE EXCEPTION 'programme % cannot serve MSP %: it must be of the same BU and fiscal year, in the programme''s unit or below', NEW.name, plan.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF plan.state NOT IN ('approved', 'active') THEN
            RAISE EXCEPTION 'MSP % is %; programmes serve approved or active MSPs', plan.id, plan.state
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.segment_id := plan.segment_id;
    END IF;
    -- Amounts in one currency: an MSP's programme in the MSP's plans' currency, any other in its
    -- unit's unless given.
    IF TG_OP = 'UPDATE' AND NEW.currency IS DISTINCT FROM OLD.currency
       AND EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.id) THEN
        RAISE EXCEPTION 'programme % has budgets in %; its currency stays', NEW.name, OLD.currency
            USING ERRCODE = 'check_violation', HINT = 'Amounts are never mixed: plan a new programme in the other currency.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.currency IS DISTINCT FROM OLD.currency OR NEW.msp_id IS DISTINCT FROM OLD.msp_id THEN
        SELECT x.currency INTO msp_currency FROM mm.msp_quarter x WHERE x.msp_id = NEW.msp_id LIMIT 1;
        NEW.currency := coalesce(NEW.currency, msp_currency, (SELECT u.currency FROM org.unit u WHERE u.id = NEW.unit_id));
        IF NEW.currency <> msp_currency THEN
            RAISE EXCEPTION 'programme % is in %, but MSP % is planned in %', NEW.name, NEW.currency, NEW.msp_id, msp_currency
                USING ERRCODE = 'check_violation', HINT = 'Give the programme the MSP''s currency (or none: it takes it); amounts are never mixed.';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.starts_on, NEW.ends_on, NEW.fiscal_year) IS DISTINCT FROM (OLD.starts_on, OLD.ends_on, OLD.fiscal_year) THEN
        IF NEW.starts_on < org.fiscal_year_start(NEW.fiscal_year) OR NEW.ends_on >= org.fiscal_year_start(NEW.fiscal_year + 1) THEN
            RAISE EXCEPTION 'programme % runs from % to %, outside its fiscal year FY% (% to %)', NEW.name, NEW.starts_on, NEW.ends_on,
                            NEW.fiscal_year, org.fiscal_year_start(NEW.fiscal_year), org.fiscal_year_start(NEW.fiscal_year + 1) - 1
                USING ERRCODE = 'check_violation', HINT = 'A programme runs within the fiscal year it is planned for; plan one per year.';
        END IF;
        IF EXISTS (SELECT FROM dg.activity a WHERE a.programme_id = NEW.id AND (a.starts_on < NEW.starts_on OR a.ends_on > NEW.ends_on)) THEN
            RAISE EXCEPTION 'programme % has activities outside % to %', NEW.name, NEW.starts_on, NEW.ends_on
                USING ERRCODE = 'check_violation', HINT = 'Move those activities first (mtl programme show lists them).';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.name, NEW.unit_id, NEW.fiscal_year) IS DISTINCT FROM (OLD.name, OLD.unit_id, OLD.fiscal_year) THEN
        -- The unique index programme_name_once holds it under concurrency; this says it clearly.
        IF EXISTS (SELECT FROM dg.programme p WHERE p.unit_id = NEW.unit_id AND p.bu_id = NEW.bu_id AND p.fiscal_year = NEW.fiscal_year
                   AND lower(p.name) = lower(NEW.name) AND p.id IS DISTINCT FROM NEW.id) THEN
            RAISE EXCEPTION 'there is already a programme named % in this unit and BU for FY%', NEW.name, NEW.fiscal_year
                USING ERRCODE = 'unique_violation', HINT = 'Give it another name, or use the programme there is.';
        END IF;
    END IF;
    IF NEW.state = 'cancelled' AND OLD.state <> 'cancelled'
       AND EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.id AND b.state = 'submitted') THEN
        RAISE EXCEPTION 'programme % has a budget request waiting for a decision', NEW.name
            USING ERRCODE = 'check_violation', HINT = 'Withdraw it first (mtl approvals withdraw), then cancel the programme.';
    END IF;
    RETURN NEW;
END
$$;

-- A new budget request takes its programme's scope and currency (the programme is read as the
-- caller), is the initial one while nothing is approved yet, and is submitted (one open request
-- per programme). A closed or cancelled programme takes none.
CREATE OR REPLACE FUNCTION dg.budget_before_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    programme dg.programme;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no programme % in your scope', NEW.programme_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, programme.unit_id, programme.bu_id);
    IF programme.state IN ('closed', 'cancelled') THEN
        RAISE EXCEPTION 'programme % is %', programme.name, programme.state USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := programme.unit_id;
    NEW.bu_id := programme.bu_id;
    NEW.currency := programme.currency;
    NEW.kind := CASE WHEN EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.programme_id AND b.state = 'approved')
                     THEN 'change' ELSE 'initial' END;
    NEW.state := 'submitted';
    NEW.requested_by := session_user;
    NEW.requested_at := now();
    RETURN NEW;
END
$$;
