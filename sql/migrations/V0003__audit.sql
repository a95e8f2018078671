-- V0003: the audit trail (DESIGN.md, "Tenancy and security").
--
-- audit.event is append-only. Rows are written only by audit.capture(), a statement-level
-- trigger with transition tables (one INSERT … SELECT per statement, so bulk imports stay fast),
-- attached to every domain table by audit.track(). Nobody may UPDATE, DELETE or TRUNCATE it, and
-- an INSERT that does not come from audit.capture() is refused, whoever sends it.

CREATE TABLE audit.event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_time     timestamptz NOT NULL,   -- the transaction's start (transaction_timestamp())
    clock_time  timestamptz NOT NULL,   -- the wall clock when the row was written
    actor       name NOT NULL,          -- the login role (session_user)
    acting_role name,                   -- the role set with SET ROLE, if any
    table_name  text NOT NULL,          -- schema-qualified
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    row_key     jsonb NOT NULL,         -- the primary key columns of the row
    unit_id     bigint NOT NULL,        -- the row's org unit (HQ for rows without one): scopes reading
    bu_id       bigint,                 -- the row's business unit, where it has one
    old_row     jsonb,
    new_row     jsonb,
    tx_id       xid8 NOT NULL
);

CREATE INDEX event_tx_time_idx ON audit.event (tx_time);
CREATE INDEX event_table_idx ON audit.event (table_name, tx_time);
CREATE INDEX event_unit_idx ON audit.event (unit_id, tx_time);

-- The primary key columns of a row, as a jsonb object.
CREATE FUNCTION audit.row_key(row_data jsonb, key_columns text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT pg_catalog.jsonb_object_agg(k, row_data -> k) FROM pg_catalog.unnest(key_columns) AS k);

-- Trigger arguments: the unit column ('' if none), the BU column ('' if none), then the primary
-- key columns. SECURITY DEFINER so that people need no INSERT privilege on audit.event.
CREATE FUNCTION audit.capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unit_column text := TG_ARGV[0];
    bu_column   text := TG_ARGV[1];
    key_columns text[] := TG_ARGV[2:];
    table_name  text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    hq          bigint;
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
        SELECT transaction_timestamp(), clock_timestamp(), session_user,
               nullif(current_setting('role'), 'none'), table_name, TG_OP,
               audit.row_key(n.j, key_columns), coalesce((n.j ->> unit_column)::bigint, hq),
               (n.j ->> bu_column)::bigint, NULL, n.j, pg_current_xact_id()
        FROM (SELECT to_jsonb(r) AS j FROM new_rows r) n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit.event (tx_time, clock_time, actor, acting_role, table_name, operation,
                                 row_key, unit_id, bu_id, old_row, new_row, tx_id)
        SELECT transaction_timestamp(), clock_timestamp(), session_user,
               nullif(current_setting('role'), 'none'), table_name, TG_OP,
               audit.row_key(o.j, key_columns), coalesce((o.j ->> unit_column)::bigint, hq),
               (o.j ->> bu_column)::bigint, o.j, NULL, pg_current_xact_id()
        FROM (SELECT to_jsonb(r) AS j FROM old_rows r) o;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old and new rows are paired by primary key; a row whose key changed appears as an
        -- update with only its old or only its new image. Updates that change nothing are skipped.
        INSERT INTO audit.event (tx_time, clock_time, actor, acting_role, table_name, operation,
                                 row_key, unit_id, bu_id, old_row, new_row, tx_id)
        SELECT transaction_timestamp(), clock_timestamp(), session_user,
               nullif(current_setting('role'), 'none'), table_name, TG_OP,
               coalesce(n.k, o.k), coalesce((n.j ->> unit_column)::bigint, (o.j ->> unit_column)::bigint, hq),
               coalesce((n.j ->> bu_column)::bigint, (o.j ->> bu_column)::bigint), o.j, n.j,
               pg_current_xact_id()
        FROM (SELECT audit.row_key(to_jsonb(r), key_columns) AS k, to_jsonb(r) AS j FROM old_rows r) o
        FULL JOIN (SELECT audit.row_key(to_jsonb(r), key_columns) AS k, to_jsonb(r) AS j FROM new_rows r) n
            ON n.k = o.k
        WHERE o.j IS DISTINCT FROM n.j;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit.capture() FROM PUBLIC;

-- Refuses every change to audit.event except the INSERT that audit.capture() makes.
CREATE FUNCTION audit.refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- audit.capture() runs as a trigger, so its INSERT arrives here at depth 2 or more.
    IF TG_OP = 'INSERT' AND pg_trigger_depth() >= 2 THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit.event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit events are written by triggers on the domain tables and are never changed.';
END
$$;

CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit.event
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

-- Attaches audit.capture() to a table: one statement trigger per operation (a trigger with
-- transition tables may serve one event only).
CREATE FUNCTION audit.track(target regclass, unit_column name, bu_column name DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    key_columns text[];
    arguments text;
BEGIN
    SELECT array_agg(a.attname::text ORDER BY k.ordinality) INTO key_columns
    FROM pg_index i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = target AND i.indisprimary;
    IF key_columns IS NULL THEN
        RAISE EXCEPTION 'table % has no primary key; audited tables need one', target;
    END IF;
    SELECT string_agg(quote_literal(x), ', ')
    INTO arguments
    FROM unnest(ARRAY[coalesce(unit_column::text, ''), coalesce(bu_column::text, '')] || key_columns) AS x;

    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%s)', target, arguments);
    EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%s)', target, arguments);
    EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.capture(%s)', target, arguments);
END
$$;
REVOKE ALL ON FUNCTION audit.track(regclass, name, name) FROM PUBLIC;
