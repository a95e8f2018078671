-- Activities (dg.activity): spending held to the programme's approved budget.

-- An activity's cost (actual once known, else planned) counts against its programme's approved
-- budget; the total may not exceed it. Runs as the caller (V0013's ran as the owner and told a
-- person of another unit the programme's name and budget): the programme is read under the
-- caller's row-level security, so a programme the caller cannot see is refused like any row
-- outside their scope, and the activity's own unit and BU are checked before anything else.
-- Whoever sees a programme sees all its activities (they are in its unit's subtree, in its BU),
-- so the sum is complete. Locking the programme row serialises concurrent activities. An
-- activity runs within its programme's dates, and a closed or cancelled programme takes none.
CREATE OR REPLACE FUNCTION dg.activity_check() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    programme dg.programme;
    spend numeric;
    budget numeric;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.bu_id := programme.bu_id;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF TG_OP = 'INSERT' OR NEW.programme_id <> OLD.programme_id OR NEW.unit_id <> OLD.unit_id THEN
        IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[programme.unit_id]) THEN
            RAISE EXCEPTION 'activity % belongs to its programme''s unit or a unit below it', NEW.name USING ERRCODE = 'check_violation';
        END IF;
        IF programme.state IN ('closed', 'cancelled') THEN
            RAISE EXCEPTION 'programme % is %', programme.name, programme.state USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.starts_on < programme.starts_on OR NEW.ends_on > programme.ends_on THEN
        RAISE EXCEPTION 'activity % runs from % to %, outside its programme''s dates (% to %)', NEW.name, NEW.starts_on, NEW.ends_on,
                        programme.starts_on, programme.ends_on
            USING ERRCODE = 'check_violation', HINT = 'Date it within its programme, or change the programme''s dates first.';
    END IF;
    IF NEW.state <> 'cancelled' THEN
        SELECT coalesce(sum(coalesce(a.actual_cost, a.planned_cost)), 0) INTO spend
        FROM dg.activity a WHERE a.programme_id = NEW.programme_id AND a.state <> 'cancelled' AND a.id IS DISTINCT FROM NEW.id;
        spend := spend + coalesce(NEW.actual_cost, NEW.planned_cost);
        budget := dg.approved_budget(NEW.programme_id);
        IF spend > budget THEN
            RAISE EXCEPTION 'programme % would spend % %, over its approved budget of % %', programme.name,
                            spend, programme.currency, budget, programme.currency
                USING ERRCODE = 'check_violation',
                      HINT = 'Request a budget change and have it approved first: mtl programme budget request';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
