-- Scope guards of the approval tables: refuse, as RLS would, a request or decision outside the
-- caller's scope before any trigger of the table says anything about it.

-- A decision is on a request the caller can see and may decide (their write scope), checked
-- as the caller before approval.decision_before_insert (SECURITY DEFINER: it closes the request)
-- says whether the request is pending or who submitted it.
CREATE OR REPLACE FUNCTION approval.decision_scope_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    request_unit bigint;
    request_bu bigint;
BEGIN
    SELECT r.unit_id, r.bu_id INTO request_unit, request_bu FROM approval.request r WHERE r.id = NEW.request_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, request_unit, request_bu);
    RETURN NEW;
END
$$;

-- Named to fire first (triggers fire in name order).
CREATE OR REPLACE TRIGGER a_scope_guard BEFORE INSERT ON approval.decision
    FOR EACH ROW EXECUTE FUNCTION approval.decision_scope_guard();
