-- The framework's plan of company-tier activities (mm.framework.company_events_planned, V0034):
-- like its concept limit, it changes only in a draft; a framework made from another year's
-- starts with that year's plan. (The framework's older rules are in V0011.)
CREATE OR REPLACE FUNCTION mm.framework_event_plan() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.company_events_planned IS NULL AND NEW.based_on_id IS NOT NULL THEN
            SELECT f.company_events_planned INTO NEW.company_events_planned FROM mm.framework f WHERE f.id = NEW.based_on_id;
        END IF;
    ELSIF NEW.company_events_planned IS DISTINCT FROM OLD.company_events_planned AND OLD.state <> 'draft' THEN
        RAISE EXCEPTION 'the FY% framework is %; its plan of company-tier activities changes only in a draft', OLD.fiscal_year, OLD.state
            USING ERRCODE = 'check_violation',
                  HINT = 'Plan it in the next year''s draft (mtl framework create), or revise a rejected one.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER framework_event_plan BEFORE INSERT OR UPDATE OF company_events_planned ON mm.framework
    FOR EACH ROW EXECUTE FUNCTION mm.framework_event_plan();
