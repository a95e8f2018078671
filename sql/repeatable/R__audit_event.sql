-- Reading the audit trail: audit.event, one row per changed row with its images as jsonb, over
-- audit.change and audit.row_change (V0026). A plain join, so that the planner reads the newest
-- events by the primary key and decodes only those (`ORDER BY id DESC LIMIT n`). security_invoker: each reader sees the events its own row-level security
-- lets it (admins, within their scope; V0006, V0026).

-- The fields of a row's text (record_out): NULL for an empty unquoted field, quotes and doubled
-- quotes and backslashes undone for a quoted one.
CREATE OR REPLACE FUNCTION audit.record_fields(image text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (
    SELECT pg_catalog.array_agg(CASE WHEN f.m[1] = '' THEN NULL
                                     WHEN pg_catalog.left(f.m[1], 1) = '"'
                                     THEN pg_catalog.regexp_replace(pg_catalog.substr(f.m[1], 2, pg_catalog.length(f.m[1]) - 2),
                                                                    '(["\\])\1', '\1', 'g')
                                     ELSE f.m[1] END ORDER BY f.n)
    FROM pg_catalog.regexp_matches(pg_catalog.substr(image, 2, pg_catalog.length(image) - 2) || ',',
                                   '("(?:[^"\\]|""|\\\\)*"|[^,]*),', 'g') WITH ORDINALITY AS f (m, n)
);

-- A captured row's image as jsonb, the same object to_jsonb(row) gave when it was written. A row
-- of its table's current shape is read as that table's type; one of an older shape (a column
-- since added, dropped or retyped) field by field, each as the type it had (as text where that
-- type is gone). SECURITY DEFINER so that reading needs no privilege on the audited schemas; it
-- only decodes the text it is given.
CREATE OR REPLACE FUNCTION audit.row_image(shape_id bigint, image text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp SET DateStyle = 'ISO, YMD' SET IntervalStyle = 'postgres'
AS $$
DECLARE
    shape  audit.row_shape;
    target regclass;
    fields text[];
    result jsonb := '{}';
    value  jsonb;
BEGIN
    IF image IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO shape FROM audit.row_shape s WHERE s.id = shape_id;
    IF shape.images = 'jsonb' THEN  -- captured before V0026, as jsonb
        RETURN image::jsonb;
    END IF;
    target := to_regclass(format('%I.%I', shape.table_schema, shape.table_name));
    IF target IS NOT NULL AND (shape.columns, shape.types) = (SELECT c.columns, c.types FROM audit.columns_of(target) c) THEN
        EXECUTE format('SELECT to_jsonb($1::%s)', target) INTO value USING image;
        RETURN value;
    END IF;
    fields := audit.record_fields(image);
    FOR i IN 1 .. cardinality(shape.columns) LOOP
        IF fields[i] IS NULL THEN
            value := 'null';
        ELSE
            BEGIN
                EXECUTE format('SELECT to_jsonb($1::%s)', shape.types[i]) INTO value USING fields[i];
            EXCEPTION WHEN OTHERS THEN
                value := to_jsonb(fields[i]);
            END;
        END IF;
        result := result || jsonb_build_object(shape.columns[i], value);
    END LOOP;
    RETURN result;
END
$$;
-- Costly, so that the planner decodes the rows a query returns, not every row it looks at.
ALTER FUNCTION audit.row_image(bigint, text) COST 10000;
REVOKE ALL ON FUNCTION audit.row_image(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.row_image(bigint, text) TO mtl_admin;

CREATE OR REPLACE VIEW audit.event WITH (security_invoker = true) AS
SELECT r.id, c.tx_time, c.clock_time, c.actor, c.acting_role, c.table_name, c.operation, r.row_key,
       r.unit_id, r.bu_id, audit.row_image(c.shape_id, r.old_row) AS old_row,
       audit.row_image(c.shape_id, r.new_row) AS new_row, c.tx_id
FROM audit.row_change r JOIN audit.change c ON c.id = r.change_id;
COMMENT ON VIEW audit.event IS
    'Every recorded change to a domain table, one row per changed row, its images as jsonb. Admins read those of their scope.';
GRANT SELECT ON audit.event TO mtl_admin;
