-- The audit trail's capture (audit.event; V0003 first defined it). Each changed row's image is
-- built once: without OFFSET 0 the planner inlines the subquery and builds to_jsonb(row) again
-- for every reference to it (the key, the unit, the BU, the image: four times per row), which
-- was most of the cost of an import (issue 17). A one-column key (all but a few tables) is built
-- directly rather than through audit.row_key's aggregate. Who, the transaction and the clock
-- are read once per statement, not per row (every row of a statement is captured at the same
-- moment, after it). The same events as before.

-- Trigger arguments: the unit column ('' if none), the BU column ('' if none), then the primary
-- key columns. SECURITY DEFINER so that people need no INSERT privilege on audit.event.
CREATE OR REPLACE FUNCTION audit.capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unit_column text := TG_ARGV[0];
    bu_column   text := TG_ARGV[1];
    key_columns text[] := TG_ARGV[2:];
    table_name  text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    hq          bigint;
    one_key     text := CASE WHEN cardinality(TG_ARGV[2:]) = 1 THEN TG_ARGV[2] END;
    -- What is the same for every row of the statement, found once per statement.
    actor       name := session_user;
    acting_role name := nullif(current_setting('role'), 'none');
    tx_id       xid8 := pg_current_xact_id();
    clock_time  timestamptz := clock_timestamp();
BEGIN
    -- Only tables owned by mtl_owner are audited: nobody can attach this to a table of their own
    -- (a temporary table, say) to forge events.
    IF TG_LEVEL <> 'STATEMENT' OR TG_WHEN <> 'AFTER'
       OR (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID) <> 'mtl_owner'::regrole THEN
        RAISE EXCEPTION 'audit.capture() records changes to tables owned by mtl_owner only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT u.id INTO hq FROM org.unit u WHERE u.parent_id IS NULL;

    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit.event (tx_time, clock_time, actor, acting_role, table_name, operation,
                                 row_key, unit_id, bu_id, old_row, new_row, tx_id)
        SELECT transaction_timestamp(), clock_time, actor, acting_role, table_name, TG_OP,
               CASE WHEN one_key IS NOT NULL THEN jsonb_build_object(one_key, n.j -> one_key) ELSE audit.row_key(n.j, key_columns) END,
               coalesce((n.j ->> unit_column)::bigint, hq), (n.j ->> bu_column)::bigint, NULL, n.j, tx_id
        FROM (SELECT to_jsonb(r) AS j FROM new_rows r OFFSET 0) n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit.event (tx_time, clock_time, actor, acting_role, table_name, operation,
                                 row_key, unit_id, bu_id, old_row, new_row, tx_id)
        SELECT transaction_timestamp(), clock_time, actor, acting_role, table_name, TG_OP,
               CASE WHEN one_key IS NOT NULL THEN jsonb_build_object(one_key, o.j -> one_key) ELSE audit.row_key(o.j, key_columns) END,
               coalesce((o.j ->> unit_column)::bigint, hq), (o.j ->> bu_column)::bigint, o.j, NULL, tx_id
        FROM (SELECT to_jsonb(r) AS j FROM old_rows r OFFSET 0) o;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old and new rows are paired by primary key; a row whose key changed appears as an
        -- update with only its old or only its new image. Updates that change nothing are skipped.
        INSERT INTO audit.event (tx_time, clock_time, actor, acting_role, table_name, operation,
                                 row_key, unit_id, bu_id, old_row, new_row, tx_id)
        SELECT transaction_timestamp(), clock_time, actor, acting_role, table_name, TG_OP,
               coalesce(n.k, o.k), coalesce((n.j ->> unit_column)::bigint, (o.j ->> unit_column)::bigint, hq),
               coalesce((n.j ->> bu_column)::bigint, (o.j ->> bu_column)::bigint), o.j, n.j, tx_id
        FROM (SELECT CASE WHEN one_key IS NOT NULL THEN jsonb_build_object(one_key, x.j -> one_key) ELSE audit.row_key(x.j, key_columns) END AS k, x.j
              FROM (SELECT to_jsonb(r) AS j FROM old_rows r OFFSET 0) x) o
        FULL JOIN (SELECT CASE WHEN one_key IS NOT NULL THEN jsonb_build_object(one_key, x.j -> one_key) ELSE audit.row_key(x.j, key_columns) END AS k, x.j
                   FROM (SELECT to_jsonb(r) AS j FROM new_rows r OFFSET 0) x) n
            ON n.k = o.k
        WHERE o.j IS DISTINCT FROM n.j;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit.capture() FROM PUBLIC;
