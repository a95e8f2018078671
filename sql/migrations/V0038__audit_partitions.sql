-- V0038: an audit trail that grows for years (issue 21). audit.change and audit.row_change are
-- partitioned by month of tx_time (UTC months; declarative range partitioning), so that a month
-- can be detached, dumped to an archive and dropped as a whole, and reads of recent events touch
-- recent partitions only. row_change carries its change's tx_time (the partition key; the same
-- value, transaction_timestamp(), its column's default). A default partition of each catches what no month's partition
-- holds, so that a missed run of the partition job never fails a write; the job
-- (audit.partitions, daily) makes months ahead (R__audit_partitions.sql).
--
-- Partitions are reached only through their parent: they have no grants, row-level security
-- enabled and forced with no policy (nobody but a superuser reads one directly), and their own
-- append-only triggers (statement triggers on a partitioned table do not fire for statements on
-- a partition). `mtl db check` checks exactly that of every partition.
-- mtl:then-apply R__audit_event
-- mtl:then-apply R__audit_partitions

DROP VIEW audit.event;
ALTER TABLE audit.change RENAME TO change_unpartitioned;
ALTER TABLE audit.row_change RENAME TO row_change_unpartitioned;
ALTER INDEX audit.change_pkey RENAME TO change_unpartitioned_pkey;
ALTER INDEX audit.row_change_pkey RENAME TO row_change_unpartitioned_pkey;
ALTER INDEX audit.change_tx_time_brin RENAME TO change_unpartitioned_tx_time_brin;
ALTER INDEX audit.change_table_idx RENAME TO change_unpartitioned_table_idx;
ALTER INDEX audit.row_change_change_brin RENAME TO row_change_unpartitioned_change_brin;

CREATE TABLE audit.change (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    tx_time     timestamptz NOT NULL,   -- the transaction's start (transaction_timestamp()): the partition key
    clock_time  timestamptz NOT NULL,   -- the wall clock when the rows were written
    actor       name NOT NULL,          -- the login role (session_user)
    acting_role name,                   -- the role set with SET ROLE, if any
    table_name  text NOT NULL,          -- schema-qualified
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    tx_id       xid8 NOT NULL,
    unit_id     bigint NOT NULL,        -- the rows' org unit (HQ for rows without one): scopes reading
    bu_id       bigint,                 -- the rows' business unit, where they have one
    shape_id    bigint NOT NULL REFERENCES audit.row_shape,
    PRIMARY KEY (id, tx_time)
) PARTITION BY RANGE (tx_time);
CREATE INDEX change_tx_time_brin ON audit.change USING brin (tx_time);
CREATE INDEX change_table_idx ON audit.change (table_name, id);

CREATE TABLE audit.row_change (
    id        bigint GENERATED ALWAYS AS IDENTITY,
    change_id bigint NOT NULL,
    -- Its change's (the same transaction_timestamp(), as a default so that audit.capture() need
    -- not name it): the partition key.
    tx_time   timestamptz NOT NULL DEFAULT transaction_timestamp(),
    unit_id   bigint NOT NULL,          -- as its change's: scopes reading
    bu_id     bigint,
    row_key   jsonb NOT NULL,           -- the primary key columns of the row
    old_row   text,                     -- the row's text (record_out) before and after
    new_row   text,
    PRIMARY KEY (id, tx_time)
) PARTITION BY RANGE (tx_time);
CREATE INDEX row_change_change_brin ON audit.row_change USING brin (change_id);
COMMENT ON TABLE audit.change IS 'One per statement (and unit and BU) that changed audited rows; partitioned by UTC month of tx_time.';
COMMENT ON TABLE audit.row_change IS 'One per changed row, its image as the row''s text; partitioned by UTC month of tx_time, like its change.';

-- Secures a partition of audit.change or audit.row_change as the header says.
CREATE FUNCTION audit.secure_partition(part regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', part);
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', part);
    EXECUTE format('CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()', part);
END
$$;
REVOKE ALL ON FUNCTION audit.secure_partition(regclass) FROM PUBLIC;

-- The partition of `parent` (audit.change or audit.row_change) for the UTC month that starts on
-- `month`, named parent_yYYYYmMM; created and secured when missing. Returns whether it created
-- one. Refuses (returns false, with a warning the worker logs) while the default partition holds
-- rows of that month: they stay readable there (see docs/operations.md).
CREATE FUNCTION audit.create_month_partition(parent regclass, month date) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    base     text := (SELECT c.relname FROM pg_class c WHERE c.oid = parent);
    name     text := base || '_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM');
    lower    timestamptz := (date_trunc('month', month::timestamp) AT TIME ZONE 'UTC');
    upper    timestamptz := ((date_trunc('month', month::timestamp) + interval '1 month') AT TIME ZONE 'UTC');
    stranded boolean;
BEGIN
    IF base NOT IN ('change', 'row_change') OR parent::text NOT IN ('audit.change', 'audit.row_change') THEN
        RAISE EXCEPTION 'audit.create_month_partition: % is not audit.change or audit.row_change', parent;
    END IF;
    IF to_regclass(format('audit.%I', name)) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM audit.%I WHERE tx_time >= $1 AND tx_time < $2)', base || '_default')
        INTO stranded USING lower, upper;
    IF stranded THEN
        RAISE WARNING 'audit partition % not created: the default partition holds rows of that month', name
            USING HINT = 'They stay readable; see docs/operations.md (audit partitions).';
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE audit.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', name, parent, lower, upper);
    PERFORM audit.secure_partition(format('audit.%I', name)::regclass);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION audit.create_month_partition(regclass, date) FROM PUBLIC;

CREATE TABLE audit.change_default PARTITION OF audit.change DEFAULT;
CREATE TABLE audit.row_change_default PARTITION OF audit.row_change DEFAULT;
SELECT audit.secure_partition('audit.change_default');
SELECT audit.secure_partition('audit.row_change_default');

-- Every month with events, and three ahead.
SELECT audit.create_month_partition(p.parent, m::date)
FROM (VALUES ('audit.change'::regclass), ('audit.row_change'::regclass)) AS p (parent),
     generate_series(date_trunc('month', coalesce((SELECT min(tx_time) FROM audit.change_unpartitioned), now()) AT TIME ZONE 'UTC'),
                     date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months', interval '1 month') AS m;

-- The events so far, with their ids. The append-only triggers refuse inserts at depth 1: these
-- go in before the parent's triggers exist.
INSERT INTO audit.change (id, tx_time, clock_time, actor, acting_role, table_name, operation, tx_id, unit_id, bu_id, shape_id)
OVERRIDING SYSTEM VALUE
SELECT id, tx_time, clock_time, actor, acting_role, table_name, operation, tx_id, unit_id, bu_id, shape_id
FROM audit.change_unpartitioned;
INSERT INTO audit.row_change (id, change_id, tx_time, unit_id, bu_id, row_key, old_row, new_row)
OVERRIDING SYSTEM VALUE
SELECT r.id, r.change_id, c.tx_time, r.unit_id, r.bu_id, r.row_key, r.old_row, r.new_row
FROM audit.row_change_unpartitioned r JOIN audit.change_unpartitioned c ON c.id = r.change_id;
SELECT setval(pg_get_serial_sequence('audit.change', 'id'), max(id)) FROM audit.change_unpartitioned HAVING max(id) IS NOT NULL;
SELECT setval(pg_get_serial_sequence('audit.row_change', 'id'), max(id)) FROM audit.row_change_unpartitioned HAVING max(id) IS NOT NULL;
DROP TABLE audit.change_unpartitioned, audit.row_change_unpartitioned;

-- As before (V0026): append-only, only audit.capture() inserts; admins read their scope.
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit.change
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit.row_change
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
ALTER TABLE audit.change ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE audit.row_change ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON audit.change TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON audit.row_change TO mtl_owner USING (true) WITH CHECK (true);
DO $$
BEGIN
    EXECUTE format('CREATE POLICY admin_read ON audit.change FOR SELECT TO mtl_admin USING (%s)',
                   org.scope_condition('unit_id', 'bu_id', false));
    EXECUTE format('CREATE POLICY admin_read ON audit.row_change FOR SELECT TO mtl_admin USING (%s)',
                   org.scope_condition('unit_id', 'bu_id', false));
END
$$;
GRANT SELECT ON audit.change, audit.row_change TO mtl_admin;

-- How far ahead months are made, and after how many whole months they are detached for the
-- archive (NULL: kept for ever). Changed by the database's owner (`mtl audit archive
-- --retention-months`).
CREATE TABLE audit.partition_setting (
    only_row         boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    months_ahead     integer NOT NULL DEFAULT 3 CHECK (months_ahead BETWEEN 1 AND 24),
    retention_months integer CHECK (retention_months >= 1),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit.partition_setting DEFAULT VALUES;
COMMENT ON TABLE audit.partition_setting IS 'Audit partitions: months made ahead, and the age in months after which a month is detached for the archive (NULL: never).';

-- A month of the audit trail taken out of the database: detached (its two tables moved to the
-- schema audit_archive, which nobody may use), then dumped by `mtl audit archive` and dropped.
-- Nothing is dropped without its dump's name, size and SHA-256 here.
CREATE SCHEMA audit_archive;
REVOKE ALL ON SCHEMA audit_archive FROM PUBLIC;
COMMENT ON SCHEMA audit_archive IS 'Months of the audit trail detached for the archive, until mtl audit archive dumps and drops them.';
CREATE TABLE audit.archive (
    month        date PRIMARY KEY CHECK (month = date_trunc('month', month)),
    changes      bigint NOT NULL,
    rows         bigint NOT NULL,
    detached_at  timestamptz NOT NULL DEFAULT now(),
    state        text NOT NULL DEFAULT 'detached' CHECK (state IN ('detached', 'archived')),
    file         text,
    bytes        bigint,
    sha256       text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    archived_at  timestamptz,
    archived_by  name,
    CHECK ((state = 'archived') = (file IS NOT NULL AND bytes IS NOT NULL AND sha256 IS NOT NULL AND archived_at IS NOT NULL))
);
COMMENT ON TABLE audit.archive IS 'Months of the audit trail detached and archived: the dump file, its size and SHA-256.';
ALTER TABLE audit.partition_setting ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE audit.archive ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON audit.partition_setting TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON audit.archive TO mtl_owner USING (true) WITH CHECK (true);
-- Every admin reads the setting; only admins at the top of the tree (HQ) read the archive list,
-- whose counts span every unit.
CREATE POLICY admin_read ON audit.partition_setting FOR SELECT TO mtl_admin USING (true);
CREATE POLICY hq_admin_read ON audit.archive FOR SELECT TO mtl_admin
    USING ((SELECT u.id FROM org.unit u WHERE u.parent_id IS NULL) = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
GRANT SELECT ON audit.partition_setting, audit.archive TO mtl_admin;
SELECT audit.track('audit.partition_setting', NULL, NULL);
SELECT audit.track('audit.archive', NULL, NULL);

-- The daily job that makes months ahead and detaches expired ones (R__audit_partitions.sql).
INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('audit.partitions', 'audit', 'Make the audit trail''s monthly partitions ahead; detach months past the retention.', NULL);
INSERT INTO scheduler.schedule (name, description, kind, rule, time_zone, misfire_policy)
VALUES ('audit.partitions', 'Make the audit trail''s monthly partitions ahead; detach months older than the retention for the archive.',
        'audit.partitions', '15 2 * * *', 'UTC', 'fire_once');
