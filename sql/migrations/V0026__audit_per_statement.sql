-- V0026: the audit trail in two parts (issue 17). What is the same for every row a statement
-- changes — when, who, the transaction, the table, the operation — is stored once per statement
-- (and per unit and BU it touched), in audit.change; each row adds only its key, its scope and its
-- image, as the text of its row, to audit.row_change. Building a jsonb image of every row and
-- indexing every event four ways was most of the cost of a bulk import (25 µs a row, more than the
-- row's own insert); text images and one btree cost about 5 µs, and take a third of the space.
-- audit.event becomes what people, tests and tools read: a view that rebuilds the jsonb images.
--
-- Each image is read back through the shape (columns and types) its table had when it was
-- captured (audit.row_shape): a table changed by a later migration still reads its old events.
-- Events captured before this migration move into the new tables as they were: their jsonb
-- images as text, under a shape that says so.
-- mtl:then-apply R__audit_capture
-- mtl:then-apply R__audit_event

-- The columns and types of an audited table, as they were when rows were captured.
CREATE TABLE audit.row_shape (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_schema name NOT NULL,
    table_name   name NOT NULL,
    columns      text[] NOT NULL,
    types        text[] NOT NULL CHECK (cardinality(types) = cardinality(columns)),
    -- 'record': images are the row's text; 'jsonb': jsonb as text (events captured before V0026).
    images       text NOT NULL DEFAULT 'record' CHECK (images IN ('record', 'jsonb')),
    UNIQUE (table_schema, table_name, columns, types)
);

-- One per statement and per unit and BU among the rows it changed.
CREATE TABLE audit.change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_time     timestamptz NOT NULL,   -- the transaction's start (transaction_timestamp())
    clock_time  timestamptz NOT NULL,   -- the wall clock when the rows were written
    actor       name NOT NULL,          -- the login role (session_user)
    acting_role name,                   -- the role set with SET ROLE, if any
    table_name  text NOT NULL,          -- schema-qualified
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    tx_id       xid8 NOT NULL,
    unit_id     bigint NOT NULL,        -- the rows' org unit (HQ for rows without one): scopes reading
    bu_id       bigint,                 -- the rows' business unit, where they have one
    shape_id    bigint NOT NULL REFERENCES audit.row_shape
);
CREATE INDEX change_tx_time_brin ON audit.change USING brin (tx_time);
CREATE INDEX change_table_idx ON audit.change (table_name, id);

-- One per changed row. Its change is not a foreign key (checked per row, it would cost as much as
-- the rest of the row): only audit.capture() writes here, with the id it has just inserted.
CREATE TABLE audit.row_change (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_id bigint NOT NULL,
    unit_id   bigint NOT NULL,          -- as its change's: scopes reading
    bu_id     bigint,
    row_key   jsonb NOT NULL,           -- the primary key columns of the row
    old_row   text,                     -- the row's text (record_out) before and after
    new_row   text
);
CREATE INDEX row_change_change_brin ON audit.row_change USING brin (change_id);

-- The events captured before: one change and one row each, with the same ids.
INSERT INTO audit.row_shape (table_schema, table_name, columns, types, images)
SELECT DISTINCT split_part(e.table_name, '.', 1), split_part(e.table_name, '.', 2), '{}'::text[], '{}'::text[], 'jsonb'
FROM audit.event e;
INSERT INTO audit.change (id, tx_time, clock_time, actor, acting_role, table_name, operation, tx_id, unit_id, bu_id, shape_id)
OVERRIDING SYSTEM VALUE
SELECT e.id, e.tx_time, e.clock_time, e.actor, e.acting_role, e.table_name, e.operation, e.tx_id, e.unit_id, e.bu_id, s.id
FROM audit.event e
JOIN audit.row_shape s ON s.images = 'jsonb' AND s.table_schema = split_part(e.table_name, '.', 1)
                      AND s.table_name = split_part(e.table_name, '.', 2);
INSERT INTO audit.row_change (id, change_id, unit_id, bu_id, row_key, old_row, new_row)
OVERRIDING SYSTEM VALUE
SELECT e.id, e.id, e.unit_id, e.bu_id, e.row_key, e.old_row::text, e.new_row::text FROM audit.event e;
SELECT setval(pg_get_serial_sequence('audit.change', 'id'), max(id)) FROM audit.change HAVING max(id) IS NOT NULL;
SELECT setval(pg_get_serial_sequence('audit.row_change', 'id'), max(id)) FROM audit.row_change HAVING max(id) IS NOT NULL;
DROP TABLE audit.event;

-- Append-only, like audit.event was: only audit.capture() (a trigger, so at depth 2 here) inserts.
-- Shapes are also added by the migrator (audit.ensure_shapes, as mtl_owner, the only role with
-- INSERT on them); none is ever changed or removed.
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.row_shape
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit.change
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit.row_change
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

-- Admins read the changes of the units (and BUs) they cover, as before; shapes are no secret.
ALTER TABLE audit.row_shape ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE audit.change ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE audit.row_change ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON audit.row_shape TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON audit.change TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON audit.row_change TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY admin_read ON audit.row_shape FOR SELECT TO mtl_admin USING (true);
DO $$
BEGIN
    EXECUTE format('CREATE POLICY admin_read ON audit.change FOR SELECT TO mtl_admin USING (%s)',
                   org.scope_condition('unit_id', 'bu_id', false));
    EXECUTE format('CREATE POLICY admin_read ON audit.row_change FOR SELECT TO mtl_admin USING (%s)',
                   org.scope_condition('unit_id', 'bu_id', false));
END
$$;
GRANT SELECT ON audit.row_shape, audit.change, audit.row_change TO mtl_admin;
