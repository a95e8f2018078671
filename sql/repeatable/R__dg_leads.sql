-- Leads (dg.lead): rules that hold for every writer, the import and direct SQL alike.

-- A lead comes from an activity its writer can see, of the lead's unit or a unit above it (a
-- country's lead from a regional summit, not a DE lead counted in FR's programme). Checked once
-- per statement over the rows it wrote (transition table), as the caller: an activity outside
-- the caller's scope is refused like a row outside it (the foreign key alone is checked by the
-- owner, who sees every activity). Statement-level, so a bulk import pays one query. Likewise a
-- lead's import is an import record of the lead's unit (V0027: no foreign key per row).
CREATE OR REPLACE FUNCTION dg.lead_check_sources() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wrong record;
    wrong_import bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- Each import and unit once: an import's thousands of rows name one record.
        SELECT n.import_id INTO wrong_import
        FROM (SELECT DISTINCT r.import_id, r.unit_id FROM new_rows r WHERE r.import_id IS NOT NULL) n
        LEFT JOIN dg.lead_import i ON i.id = n.import_id AND i.unit_id = n.unit_id
        WHERE i.id IS NULL
        LIMIT 1;
    ELSE
        SELECT n.import_id INTO wrong_import
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        LEFT JOIN dg.lead_import i ON i.id = n.import_id AND i.unit_id = n.unit_id
        WHERE n.import_id IS NOT NULL AND i.id IS NULL AND (n.import_id IS DISTINCT FROM o.import_id OR n.unit_id <> o.unit_id)
        LIMIT 1;
    END IF;
    -- The same words whether the record exists elsewhere or not at all.
    IF wrong_import IS NOT NULL THEN
        RAISE EXCEPTION 'import % is not an import of the lead''s unit', wrong_import
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'A lead names the import (dg.lead_import) that brought it into its own unit, or none.';
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT n.activity_id, a.id IS NULL AS invisible INTO wrong
        FROM new_rows n
        JOIN org.unit lu ON lu.id = n.unit_id
        LEFT JOIN dg.activity a ON a.id = n.activity_id
        WHERE n.activity_id IS NOT NULL AND (a.id IS NULL OR NOT lu.path @> ARRAY[a.unit_id])
        ORDER BY a.id IS NULL DESC
        LIMIT 1;
    ELSE
        -- Only a source that changed: a DE lead an EMEA editor recorded for EMEA's summit stays
        -- DE's to work on, though DE cannot see the summit.
        SELECT n.activity_id, a.id IS NULL AS invisible INTO wrong
        FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN org.unit lu ON lu.id = n.unit_id
        LEFT JOIN dg.activity a ON a.id = n.activity_id
        WHERE n.activity_id IS NOT NULL AND n.activity_id IS DISTINCT FROM o.activity_id
          AND (a.id IS NULL OR NOT lu.path @> ARRAY[a.unit_id])
        ORDER BY a.id IS NULL DESC
        LIMIT 1;
    END IF;
    IF FOUND THEN
        IF wrong.invisible THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        RAISE EXCEPTION 'a lead of activity % belongs to the activity''s unit or a unit below it', wrong.activity_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Record the lead in the unit of the activity it came from, or in a unit below it.';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER lead_check_sources_insert AFTER INSERT ON dg.lead
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg.lead_check_sources();
CREATE OR REPLACE TRIGGER lead_check_sources_update AFTER UPDATE ON dg.lead
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg.lead_check_sources();

-- The daily SLA check is the scheduler's (its schedule lead.sla_check).
INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('lead.sla_check', 'dg', 'Flag hand-offs waiting past their acceptance SLA.', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;

-- A pipeline value is in the currency of the programme the lead came from (through its
-- activity), else of the lead's unit; another currency is refused, so a review never adds up
-- mixed amounts. Taking the value off takes the currency off. SECURITY DEFINER: the programme of
-- a country's lead may be its region's, which the country does not see; on an update the lead is
-- the caller's (RLS chose the rows before this runs), and an insert with a value, which only the
-- owner and superusers may make (people cannot insert an accepted lead), is left to the CHECKs
-- otherwise, so nothing is read for a row RLS has not vetted.
CREATE OR REPLACE FUNCTION dg.lead_pipeline_currency() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    source_currency text;
BEGIN
    IF NEW.pipeline_value IS NULL THEN
        NEW.currency := NULL;
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' AND NOT org.is_unrestricted(org.caller()) THEN
        RETURN NEW;
    END IF;
    SELECT p.currency INTO source_currency
    FROM dg.activity a JOIN dg.programme p ON p.id = a.programme_id WHERE a.id = NEW.activity_id;
    IF source_currency IS NULL THEN
        SELECT u.currency INTO source_currency FROM org.unit u WHERE u.id = NEW.unit_id;
    END IF;
    NEW.currency := coalesce(NEW.currency, source_currency);
    IF NEW.activity_id IS NOT NULL AND NEW.currency <> source_currency THEN
        RAISE EXCEPTION 'lead %''s pipeline is in its programme''s currency, %, not %', NEW.id, source_currency, NEW.currency
            USING ERRCODE = 'check_violation', HINT = 'Give the value in ' || source_currency || ' (or no currency: it takes it).';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER lead_pipeline_currency BEFORE UPDATE OF pipeline_value, currency, activity_id ON dg.lead
    FOR EACH ROW EXECUTE FUNCTION dg.lead_pipeline_currency();
-- Leads are inserted without a pipeline value (people cannot insert an accepted lead); the owner
-- and superusers, who write history, get the same currency rule. The WHEN keeps an import's
-- rows from calling the function.
CREATE OR REPLACE TRIGGER lead_pipeline_currency_insert BEFORE INSERT ON dg.lead
    FOR EACH ROW WHEN (NEW.pipeline_value IS NOT NULL OR NEW.currency IS NOT NULL)
    EXECUTE FUNCTION dg.lead_pipeline_currency();
REVOKE ALL ON FUNCTION dg.lead_pipeline_currency() FROM PUBLIC;

-- An import record's counts may be written only in the transaction that inserted it (the
-- import counts its rows at the end: V0027), and nothing else of it ever. Scope is row-level
-- security's (update_in_scope); a record outside it is not seen, so this never runs for one.
-- A record that leads name is not deleted either (in place of the foreign key V0027 dropped).
CREATE OR REPLACE FUNCTION dg.lead_import_counted_once() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT FROM dg.lead l WHERE l.import_id = OLD.id) THEN
            RAISE EXCEPTION 'import % brought leads that still name it', OLD.id
                USING ERRCODE = 'foreign_key_violation', HINT = 'Delete or detach those leads first.';
        END IF;
        RETURN OLD;
    END IF;
    IF to_jsonb(NEW) - ARRAY['rows_read', 'rows_imported', 'rows_rejected'] IS DISTINCT FROM
       to_jsonb(OLD) - ARRAY['rows_read', 'rows_imported', 'rows_rejected']
       OR OLD.created_tx <> pg_current_xact_id() THEN
        RAISE EXCEPTION 'import records are append-only: only the import that made one counts its rows'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION dg.lead_import_counted_once() FROM PUBLIC;
CREATE OR REPLACE TRIGGER lead_import_counted_once BEFORE UPDATE OR DELETE ON dg.lead_import
    FOR EACH ROW EXECUTE FUNCTION dg.lead_import_counted_once();
