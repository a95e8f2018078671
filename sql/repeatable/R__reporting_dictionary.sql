-- The reporting schema described as data, for BI tools that do not read comments (psqlODBC
-- returns no column REMARKS, Tableau ignores them): every view and column of `reporting`, with
-- its type and description (its COMMENT, the one home of the words) and each view's grain (the
-- "Grain: …" sentence of its comment). Superset and SQLAlchemy read the comments themselves.

-- Not security_invoker: it reads the catalog, and the refresh times of the materialized views
-- behind the scorecard views (reporting_private, the owner's alone); nothing of any unit.
CREATE OR REPLACE VIEW reporting.data_dictionary WITH (security_barrier = true) AS
SELECT c.relname::text AS object_name,
       NULL::text AS column_name,
       0 AS position,
       CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS data_type,
       obj_description(c.oid, 'pg_class') AS description,
       substring(obj_description(c.oid, 'pg_class') FROM 'Grain: ([^.]*)\.?') AS grain,
       (SELECT r.refreshed_at FROM reporting_private.refresh r WHERE r.name = regexp_replace(c.relname, '^fct_', '')) AS refreshed_at
FROM pg_class c
WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind IN ('v', 'm', 'r')
UNION ALL
SELECT c.relname::text, a.attname::text, a.attnum::integer, format_type(a.atttypid, a.atttypmod),
       col_description(c.oid, a.attnum), NULL, NULL
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind IN ('v', 'm', 'r');

COMMENT ON VIEW reporting.data_dictionary IS 'The reporting schema''s views and columns, with types and descriptions, for tools that do not read comments. Grain: one row per view (column_name NULL) and one per column.';
COMMENT ON COLUMN reporting.data_dictionary.object_name IS 'The view, in schema reporting.';
COMMENT ON COLUMN reporting.data_dictionary.column_name IS 'The column; NULL on the row that describes the view itself.';
COMMENT ON COLUMN reporting.data_dictionary.position IS 'The column''s position in the view, from 1; 0 for the view''s own row.';
COMMENT ON COLUMN reporting.data_dictionary.data_type IS 'The column''s PostgreSQL type, such as numeric(18,2); for the view''s row: view or materialized view.';
COMMENT ON COLUMN reporting.data_dictionary.description IS 'What it holds (the object''s or column''s COMMENT).';
COMMENT ON COLUMN reporting.data_dictionary.grain IS 'On a view''s row: what one row of the view is.';
COMMENT ON COLUMN reporting.data_dictionary.refreshed_at IS 'On a view''s row: when the data behind it was last refreshed; NULL for a view computed when read.';

GRANT SELECT ON reporting.data_dictionary TO mtl_bi, mtl_reader;
