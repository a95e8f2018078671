-- The audit trail's capture (V0003 first defined it; V0026 split what it writes in two). A
-- statement's rows become one audit.change per unit and BU they belong to — who, when, the
-- transaction, the table, the operation, read once — and one audit.row_change per row: its key,
-- its scope and its image as the text of its row (record_out), written by one INSERT … SELECT over
-- the transition table. Text costs a third of what to_jsonb(row) does and is exact: audit.event
-- turns it back into jsonb through the row's type when it is read (R__audit_event.sql).

-- A table's columns and their types, in order, as they are now.
CREATE OR REPLACE FUNCTION audit.columns_of(target oid, OUT columns text[], OUT types text[])
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
RETURN (SELECT ROW(array_agg(a.attname::text ORDER BY a.attnum), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum))
        FROM pg_attribute a WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped);

-- The shape (columns and types, in order) a table has now, found or added.
CREATE OR REPLACE FUNCTION audit.shape_of(target oid) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    schema_name name;
    relation    name;
    names       text[];
    kinds       text[];
    shape       bigint;
BEGIN
    SELECT n.nspname, c.relname INTO schema_name, relation
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = target;
    SELECT c.columns, c.types INTO names, kinds FROM audit.columns_of(target) c;
    SELECT s.id INTO shape FROM audit.row_shape s
    WHERE s.table_schema = schema_name AND s.table_name = relation AND s.columns = names AND s.types = kinds;
    IF shape IS NULL THEN
        INSERT INTO audit.row_shape (table_schema, table_name, columns, types)
        VALUES (schema_name, relation, names, kinds)
        ON CONFLICT DO NOTHING RETURNING id INTO shape;
        IF shape IS NULL THEN  -- another transaction added it meanwhile
            SELECT s.id INTO shape FROM audit.row_shape s
            WHERE s.table_schema = schema_name AND s.table_name = relation AND s.columns = names AND s.types = kinds;
        END IF;
    END IF;
    RETURN shape;
END
$$;
REVOKE ALL ON FUNCTION audit.shape_of(oid) FROM PUBLIC;

-- Trigger arguments: the unit column ('' if none), the BU column ('' if none), then the primary
-- key columns. SECURITY DEFINER so that people need no INSERT privilege on the audit tables. The
-- settings fix how values are written as text (dates in ISO form, intervals in PostgreSQL's,
-- floats exactly, bytea in hex) whatever the session says, so that every image reads back.
CREATE OR REPLACE FUNCTION audit.capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
SET extra_float_digits = 1 SET bytea_output = 'hex'
AS $$
DECLARE
    unit_column text := TG_ARGV[0];
    bu_column   text := TG_ARGV[1];
    row_key     text := (SELECT 'jsonb_build_object(' || string_agg(format('%L, r.%I', k, k), ', ') || ')'
                         FROM unnest(TG_ARGV[2:]) AS k);
    unit_of     text := CASE WHEN unit_column = '' THEN 'NULL::bigint' ELSE format('r.%I', unit_column) END;
    bu_of       text := CASE WHEN bu_column = '' THEN 'NULL::bigint' ELSE format('r.%I', bu_column) END;
    hq          bigint;
    shape       bigint;
    changes     bigint[];
    units       bigint[];
    bus         bigint[];
    -- What is the same for every row of the statement, found once.
    header      text := 'INSERT INTO audit.change (tx_time, clock_time, actor, acting_role, table_name, operation, tx_id, '
                        'unit_id, bu_id, shape_id) '
                        'SELECT transaction_timestamp(), clock_timestamp(), session_user, nullif(current_setting(''role''), ''none''), '
                        '$1, $2, pg_current_xact_id(), g.unit_id, g.bu_id, $3 ';
BEGIN
    -- Only tables owned by mtl_owner are audited: nobody can attach this to a table of their own
    -- (a temporary table, say) to forge events.
    IF TG_LEVEL <> 'STATEMENT' OR TG_WHEN <> 'AFTER'
       OR (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID) <> 'mtl_owner'::regrole THEN
        RAISE EXCEPTION 'audit.capture() records changes to tables owned by mtl_owner only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT u.id INTO hq FROM org.unit u WHERE u.parent_id IS NULL;
    shape := audit.shape_of(TG_RELID);

    IF TG_OP IN ('INSERT', 'DELETE') THEN
        -- One change per unit and BU the rows belong to (nearly always one), then the rows.
        EXECUTE 'WITH c AS (' || header
                || format('FROM (SELECT DISTINCT coalesce(%s, $4) AS unit_id, %s AS bu_id FROM %I r) g ',
                          unit_of, bu_of, CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END)
                || 'RETURNING id, unit_id, bu_id) SELECT array_agg(id), array_agg(unit_id), array_agg(bu_id) FROM c'
            INTO changes, units, bus
            USING TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP, shape, hq;
        IF cardinality(changes) = 1 THEN
            EXECUTE format('INSERT INTO audit.row_change (change_id, unit_id, bu_id, row_key, %s) '
                           'SELECT $1, $2, $3, %s, r::text FROM %I r',
                           CASE TG_OP WHEN 'INSERT' THEN 'new_row' ELSE 'old_row' END, row_key,
                           CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END)
                USING changes[1], units[1], bus[1];
        ELSIF cardinality(changes) > 1 THEN
            EXECUTE format('INSERT INTO audit.row_change (change_id, unit_id, bu_id, row_key, %s) '
                           'SELECT c.id, c.unit_id, c.bu_id, %s, r::text FROM %I r '
                           'JOIN unnest($1, $2, $3) AS c (id, unit_id, bu_id) '
                           'ON c.unit_id = coalesce(%s, $4) AND c.bu_id IS NOT DISTINCT FROM %s',
                           CASE TG_OP WHEN 'INSERT' THEN 'new_row' ELSE 'old_row' END, row_key,
                           CASE TG_OP WHEN 'INSERT' THEN 'new_rows' ELSE 'old_rows' END, unit_of, bu_of)
                USING changes, units, bus, hq;
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old and new rows are paired by primary key; a row whose key changed appears as an
        -- update with only its old or only its new image. Updates that change nothing are skipped.
        EXECUTE format('WITH p AS MATERIALIZED ('
                       'SELECT coalesce(n.k, o.k) AS row_key, coalesce(n.u, o.u, $4) AS unit_id, '
                       'coalesce(n.b, o.b) AS bu_id, o.t AS old_row, n.t AS new_row '
                       'FROM (SELECT %1$s AS k, %2$s AS u, %3$s AS b, r::text AS t FROM old_rows r) o '
                       'FULL JOIN (SELECT %1$s AS k, %2$s AS u, %3$s AS b, r::text AS t FROM new_rows r) n ON n.k = o.k '
                       'WHERE o.t IS DISTINCT FROM n.t), ', row_key, unit_of, bu_of)
                || 'c AS (' || header || 'FROM (SELECT DISTINCT unit_id, bu_id FROM p) g RETURNING id, unit_id, bu_id) '
                || 'INSERT INTO audit.row_change (change_id, unit_id, bu_id, row_key, old_row, new_row) '
                || 'SELECT c.id, p.unit_id, p.bu_id, p.row_key, p.old_row, p.new_row '
                || 'FROM p JOIN c ON c.unit_id = p.unit_id AND c.bu_id IS NOT DISTINCT FROM p.bu_id'
            USING TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP, shape, hq;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit.capture() FROM PUBLIC;

-- The shape of every audited table as it is now. The migrator calls it after each run that applied
-- something, so that no writer has to add one: the first statement to write a changed table would
-- hold the new shape's key, and every other writer of that table with it, until it committed.
CREATE OR REPLACE FUNCTION audit.ensure_shapes() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM audit.shape_of(t.tgrelid)
    FROM (SELECT DISTINCT g.tgrelid FROM pg_trigger g WHERE g.tgfoid = 'audit.capture'::regproc) t;
END
$$;
REVOKE ALL ON FUNCTION audit.ensure_shapes() FROM PUBLIC;
