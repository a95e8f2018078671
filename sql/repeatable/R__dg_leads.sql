-- Leads (dg.lead): rules that hold for every writer, the import and direct SQL alike.

-- A lead comes from an activity its writer can see, of the lead's unit or a unit above it (a
-- country's lead from a regional summit, not a DE lead counted in FR's programme). Checked once
-- per statement over the rows it wrote (transition table), as the caller: an activity outside
-- the caller's scope is refused like a row outside it (the foreign key alone is checked by the
-- owner, who sees every activity). Statement-level, so a bulk import pays one query.
CREATE OR REPLACE FUNCTION dg.lead_check_sources() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wrong record;
BEGIN
    SELECT n.activity_id, a.id IS NULL AS invisible INTO wrong
    FROM new_rows n
    JOIN org.unit lu ON lu.id = n.unit_id
    LEFT JOIN dg.activity a ON a.id = n.activity_id
    WHERE n.activity_id IS NOT NULL AND (a.id IS NULL OR NOT lu.path @> ARRAY[a.unit_id])
    ORDER BY a.id IS NULL DESC
    LIMIT 1;
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
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg.lead_check_sources();

-- The daily SLA check is the scheduler's (its schedule lead.sla_check).
INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('lead.sla_check', 'dg', 'Flag hand-offs waiting past their acceptance SLA.', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;
