-- The audit trail's months (V0038): made ahead by the daily job audit.partitions, detached for
-- the archive after the retention, dropped only once `mtl audit archive` has dumped them.

-- Makes the partitions of this month and of audit.partition_setting.months_ahead months ahead,
-- of both tables; returns how many it created. Run by the daily job (as the scheduler role) and
-- by the migration; SECURITY DEFINER so that the job needs no DDL privilege.
CREATE OR REPLACE FUNCTION audit.make_partitions() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ahead   integer := (SELECT s.months_ahead FROM audit.partition_setting s);
    created integer := 0;
    month   date;
BEGIN
    FOR month IN SELECT m::date FROM generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
                                                     date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => ahead),
                                                     interval '1 month') AS m LOOP
        created := created + audit.create_month_partition('audit.change', month)::integer
                           + audit.create_month_partition('audit.row_change', month)::integer;
    END LOOP;
    RETURN created;
END
$$;
REVOKE ALL ON FUNCTION audit.make_partitions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.make_partitions() TO mtl_scheduler;

-- Detaches the months that ended more than audit.partition_setting.retention_months whole months
-- ago (none while it is NULL): both tables' partitions of a month go to the schema audit_archive
-- and the month is listed in audit.archive as detached. Nothing is deleted: `mtl audit archive`
-- dumps them and only then drops them (audit.drop_archived). Returns the months detached.
CREATE OR REPLACE FUNCTION audit.detach_expired() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    keep     integer := (SELECT s.retention_months FROM audit.partition_setting s);
    cutoff   timestamptz;
    part     record;
    detached integer := 0;
    changes  bigint;
    rows     bigint;
BEGIN
    IF keep IS NULL THEN
        RETURN 0;
    END IF;
    cutoff := (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => keep)) AT TIME ZONE 'UTC';
    FOR part IN
        SELECT c.relname AS name, substr(c.relname, 8) AS suffix,
               to_date(substr(c.relname, 8), '"y"YYYY"m"MM') AS month
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit.change'::regclass AND c.relname ~ '^change_y[0-9]{4}m[0-9]{2}$'
          AND (to_date(substr(c.relname, 8), '"y"YYYY"m"MM')::timestamp + interval '1 month') AT TIME ZONE 'UTC' <= cutoff
        ORDER BY 3
    LOOP
        -- Counted through the parents (a partition itself shows nobody a row: see V0038).
        SELECT count(*) INTO changes FROM audit.change c
        WHERE c.tx_time >= part.month::timestamp AT TIME ZONE 'UTC' AND c.tx_time < (part.month + interval '1 month') AT TIME ZONE 'UTC';
        SELECT count(*) INTO rows FROM audit.row_change r
        WHERE r.tx_time >= part.month::timestamp AT TIME ZONE 'UTC' AND r.tx_time < (part.month + interval '1 month') AT TIME ZONE 'UTC';
        EXECUTE format('ALTER TABLE audit.change DETACH PARTITION audit.%I', part.name);
        EXECUTE format('ALTER TABLE audit.%I SET SCHEMA audit_archive', part.name);
        IF to_regclass(format('audit.%I', 'row_change_' || part.suffix)) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE audit.row_change DETACH PARTITION audit.%I', 'row_change_' || part.suffix);
            EXECUTE format('ALTER TABLE audit.%I SET SCHEMA audit_archive', 'row_change_' || part.suffix);
        END IF;
        INSERT INTO audit.archive (month, changes, rows) VALUES (part.month, changes, rows);
        detached := detached + 1;
    END LOOP;
    RETURN detached;
END
$$;
REVOKE ALL ON FUNCTION audit.detach_expired() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.detach_expired() TO mtl_scheduler;

-- Records a detached month's dump and drops its tables. Called by `mtl audit archive` once the
-- dump is written and read back; refuses a month that is not detached, or a dump that does not
-- say what it holds. Only the database's owner (the migrating role) may call it.
CREATE OR REPLACE FUNCTION audit.drop_archived(archived_month date, dump_file text, dump_bytes bigint, dump_sha256 text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    suffix text := to_char(archived_month, '"y"YYYY"m"MM');
BEGIN
    IF NOT EXISTS (SELECT FROM audit.archive a WHERE a.month = archived_month AND a.state = 'detached') THEN
        RAISE EXCEPTION 'the audit month % is not detached', to_char(archived_month, 'YYYY-MM')
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'mtl audit archives lists the months and their states.';
    END IF;
    IF coalesce(dump_bytes, 0) <= 0 OR dump_sha256 !~ '^[0-9a-f]{64}$' OR coalesce(dump_file, '') = '' THEN
        RAISE EXCEPTION 'an archive needs its dump file, its size and its SHA-256' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE audit.archive a SET state = 'archived', file = dump_file, bytes = dump_bytes, sha256 = dump_sha256,
                               archived_at = now(), archived_by = session_user
    WHERE a.month = archived_month;
    EXECUTE format('DROP TABLE IF EXISTS audit_archive.%I, audit_archive.%I', 'change_' || suffix, 'row_change_' || suffix);
END
$$;
REVOKE ALL ON FUNCTION audit.drop_archived(date, text, bigint, text) FROM PUBLIC;

SELECT audit.make_partitions();
