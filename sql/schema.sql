CREATE SCHEMA approval;

ALTER SCHEMA approval OWNER TO mtl_owner;

COMMENT ON SCHEMA approval IS 'Generic approval requests and decisions (four-eyes), for frameworks, MSPs and budgets.';

CREATE SCHEMA audit;

ALTER SCHEMA audit OWNER TO mtl_owner;

COMMENT ON SCHEMA audit IS 'Append-only audit trail of changes to domain tables.';

CREATE SCHEMA audit_archive;

ALTER SCHEMA audit_archive OWNER TO mtl_owner;

COMMENT ON SCHEMA audit_archive IS 'Months of the audit trail detached for the archive, until mtl audit archive dumps and drops them.';

CREATE SCHEMA dg;

ALTER SCHEMA dg OWNER TO mtl_owner;

COMMENT ON SCHEMA dg IS 'Demand Generation (DG): programmes, activities, assets, budgets and leads.';

CREATE SCHEMA mi;

ALTER SCHEMA mi OWNER TO mtl_owner;

COMMENT ON SCHEMA mi IS 'Market Insight (MI): insight topics, analyses and their sources.';

CREATE SCHEMA mm;

ALTER SCHEMA mm OWNER TO mtl_owner;

COMMENT ON SCHEMA mm IS 'Market Management (MM): segments, portfolio scoring, Market Segment Plans, marketing frameworks.';

CREATE SCHEMA mqa;

ALTER SCHEMA mqa OWNER TO mtl_owner;

COMMENT ON SCHEMA mqa IS 'Marketing Quality Assurance (MQA): scorecards and quality checks.';

CREATE SCHEMA mtl_meta;

ALTER SCHEMA mtl_meta OWNER TO postgres;

COMMENT ON SCHEMA mtl_meta IS 'Bookkeeping of the mtl migration runner.';

CREATE SCHEMA org;

ALTER SCHEMA org OWNER TO mtl_owner;

COMMENT ON SCHEMA org IS 'Organisation: units (HQ, regions, countries), business units, grants of units to roles.';

CREATE SCHEMA reporting;

ALTER SCHEMA reporting OWNER TO mtl_owner;

COMMENT ON SCHEMA reporting IS 'Stable, documented views for BI tools (row-level security applies).';

CREATE SCHEMA reporting_private;

ALTER SCHEMA reporting_private OWNER TO mtl_owner;

CREATE SCHEMA sce;

ALTER SCHEMA sce OWNER TO mtl_owner;

COMMENT ON SCHEMA sce IS 'Seller Competence Enablement (SCE): enablement materials, kits and ratings.';

CREATE SCHEMA scheduler;

ALTER SCHEMA scheduler OWNER TO mtl_owner;

COMMENT ON SCHEMA scheduler IS 'Durable jobs and schedules shared by scheduler workers.';

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA sce;

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

CREATE TYPE org.unit_bu AS (
	unit_id bigint,
	bu_id bigint
);

ALTER TYPE org.unit_bu OWNER TO mtl_owner;

CREATE DOMAIN scheduler.job_args AS jsonb
	CONSTRAINT job_args CHECK ((jsonb_typeof(VALUE) = 'object'::text));

ALTER DOMAIN scheduler.job_args OWNER TO mtl_owner;

COMMENT ON DOMAIN scheduler.job_args IS 'A job''s arguments: a JSON object.';

CREATE DOMAIN scheduler.kind_name AS text
	CONSTRAINT kind_name CHECK ((VALUE ~ '^[a-z][a-z0-9_.]{0,62}$'::text));

ALTER DOMAIN scheduler.kind_name OWNER TO mtl_owner;

COMMENT ON DOMAIN scheduler.kind_name IS 'A job kind''s name: lower-case letters, digits, _ .; starts with a letter; at most 63.';

CREATE DOMAIN scheduler.queue_name AS text
	CONSTRAINT queue_name CHECK ((VALUE ~ '^[a-z][a-z0-9_.-]{0,62}$'::text));

ALTER DOMAIN scheduler.queue_name OWNER TO mtl_owner;

COMMENT ON DOMAIN scheduler.queue_name IS 'A queue''s name: lower-case letters, digits, _ . -; starts with a letter; at most 63.';

CREATE FUNCTION approval.apply_outcome() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    registered approval.kind;
BEGIN
    SELECT * INTO registered FROM approval.kind k WHERE k.kind = NEW.kind;
    IF registered.outcome_function IS NOT NULL THEN
        EXECUTE format('SELECT %I.%I($1, $2)', registered.owner_schema, registered.outcome_function)
            USING NEW.subject_id, NEW.state;
    END IF;
    RETURN NULL;
END
$_$;

ALTER FUNCTION approval.apply_outcome() OWNER TO mtl_owner;

CREATE FUNCTION approval.decision_before_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    pending approval.request;
BEGIN
    SELECT * INTO pending FROM approval.request r WHERE r.id = NEW.request_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no approval request %', NEW.request_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF pending.state <> 'pending' THEN
        RAISE EXCEPTION 'approval request % is already %', pending.id, pending.state
            USING ERRCODE = 'check_violation';
    END IF;
    IF pending.submitted_by = session_user THEN
        RAISE EXCEPTION 'four-eyes: % submitted request % and cannot decide it', session_user, pending.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Another approver must decide.';
    END IF;
    NEW.decided_by := session_user;
    NEW.decided_at := now();
    NEW.unit_id := pending.unit_id;
    NEW.bu_id := pending.bu_id;
    UPDATE approval.request SET state = NEW.decision, closed_at = now() WHERE id = pending.id;
    RETURN NEW;
END
$$;

ALTER FUNCTION approval.decision_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION approval.decision_scope_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    request_unit bigint;
    request_bu bigint;
BEGIN
    SELECT r.unit_id, r.bu_id INTO request_unit, request_bu FROM approval.request r WHERE r.id = NEW.request_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, request_unit, request_bu);
    RETURN NEW;
END
$$;

ALTER FUNCTION approval.decision_scope_guard() OWNER TO mtl_owner;

CREATE FUNCTION approval.match_subject() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    registered approval.kind;
    subject_state text;
    subject_unit bigint;
    subject_bu bigint;
BEGIN
    SELECT * INTO registered FROM approval.kind k WHERE k.kind = NEW.kind;
    IF registered.subject_function IS NULL THEN
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT s.state, s.unit_id, s.bu_id FROM %I.%I($1) s', registered.owner_schema, registered.subject_function)
        INTO subject_state, subject_unit, subject_bu USING NEW.subject_id;
    IF subject_unit IS NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := subject_unit;
    NEW.bu_id := subject_bu;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF subject_state IS DISTINCT FROM 'submitted' THEN
        RAISE EXCEPTION 'no submitted % %', NEW.kind, NEW.subject_id
            USING ERRCODE = 'check_violation',
                  HINT = 'A request is opened by submitting its subject, not by hand.';
    END IF;
    RETURN NEW;
END
$_$;

ALTER FUNCTION approval.match_subject() OWNER TO mtl_owner;

CREATE FUNCTION approval.request_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.submitted_by := session_user;
    NEW.submitted_at := now();
    NEW.state := 'pending';
    NEW.closed_at := NULL;
    RETURN NEW;
END
$$;

ALTER FUNCTION approval.request_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION approval.withdraw(request_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE approval.request r SET state = 'withdrawn', closed_at = now()
    WHERE r.id = request_id AND r.state = 'pending' AND r.submitted_by = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no pending request % submitted by %', request_id, session_user
            USING ERRCODE = 'no_data_found';
    END IF;
END
$$;

ALTER FUNCTION approval.withdraw(request_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION audit.capture() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "DateStyle" TO 'ISO, YMD'
    SET "IntervalStyle" TO 'postgres'
    SET extra_float_digits TO '1'
    SET bytea_output TO 'hex'
    AS $_$
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
$_$;

ALTER FUNCTION audit.capture() OWNER TO mtl_owner;

CREATE FUNCTION audit.columns_of(target oid, OUT columns text[], OUT types text[]) RETURNS record
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (SELECT ROW(array_agg((a.attname)::text ORDER BY a.attnum), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)) AS "row" FROM pg_attribute a WHERE ((a.attrelid = columns_of.target) AND (a.attnum > 0) AND (NOT a.attisdropped)));

ALTER FUNCTION audit.columns_of(target oid, OUT columns text[], OUT types text[]) OWNER TO mtl_owner;

CREATE FUNCTION audit.create_month_partition(parent regclass, month date) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION audit.create_month_partition(parent regclass, month date) OWNER TO mtl_owner;

CREATE FUNCTION audit.detach_expired() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION audit.detach_expired() OWNER TO mtl_owner;

CREATE FUNCTION audit.drop_archived(archived_month date, dump_file text, dump_bytes bigint, dump_sha256 text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION audit.drop_archived(archived_month date, dump_file text, dump_bytes bigint, dump_sha256 text) OWNER TO mtl_owner;

CREATE FUNCTION audit.ensure_shapes() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM audit.shape_of(t.tgrelid)
    FROM (SELECT DISTINCT g.tgrelid FROM pg_trigger g WHERE g.tgfoid = 'audit.capture'::regproc) t;
END
$$;

ALTER FUNCTION audit.ensure_shapes() OWNER TO mtl_owner;

CREATE FUNCTION audit.make_partitions() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.make_partitions() OWNER TO mtl_owner;

CREATE FUNCTION audit.record_fields(image text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT array_agg(CASE WHEN (f.m[1] = ''::text) THEN NULL::text WHEN ("left"(f.m[1], 1) = '"'::text) THEN regexp_replace(substr(f.m[1], 2, (length(f.m[1]) - 2)), '(["\\])\1'::text, '\1'::text, 'g'::text) ELSE f.m[1] END ORDER BY f.n) AS array_agg FROM regexp_matches((substr(record_fields.image, 2, (length(record_fields.image) - 2)) || ','::text), '("(?:[^"\\]|""|\\\\)*"|[^,]*),'::text, 'g'::text) WITH ORDINALITY f(m, n));

ALTER FUNCTION audit.record_fields(image text) OWNER TO mtl_owner;

CREATE FUNCTION audit.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.refuse_change() OWNER TO mtl_owner;

CREATE FUNCTION audit.row_image(shape_id bigint, image text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER COST 10000
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "DateStyle" TO 'ISO, YMD'
    SET "IntervalStyle" TO 'postgres'
    AS $_$
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
$_$;

ALTER FUNCTION audit.row_image(shape_id bigint, image text) OWNER TO mtl_owner;

CREATE FUNCTION audit.row_key(row_data jsonb, key_columns text[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT jsonb_object_agg(k.k, (row_key.row_data -> k.k)) AS jsonb_object_agg FROM unnest(row_key.key_columns) k(k));

ALTER FUNCTION audit.row_key(row_data jsonb, key_columns text[]) OWNER TO mtl_owner;

CREATE FUNCTION audit.secure_partition(part regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', part);
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', part);
    EXECUTE format('CREATE TRIGGER append_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()', part);
END
$$;

ALTER FUNCTION audit.secure_partition(part regclass) OWNER TO mtl_owner;

CREATE FUNCTION audit.shape_of(target oid) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.shape_of(target oid) OWNER TO mtl_owner;

CREATE FUNCTION audit.track(target regclass, unit_column name, bu_column name DEFAULT NULL::name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION audit.track(target regclass, unit_column name, bu_column name) OWNER TO mtl_owner;

CREATE FUNCTION dg.activity_asset_scope() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    SELECT a.unit_id, a.bu_id INTO NEW.unit_id, NEW.bu_id FROM dg.activity a WHERE a.id = NEW.activity_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no activity % in your scope', NEW.activity_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT FROM dg.asset s WHERE s.id = NEW.asset_id AND s.state = 'published') THEN
        RAISE EXCEPTION 'asset % is not published', NEW.asset_id
            USING ERRCODE = 'check_violation', HINT = 'Activities use published assets.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.activity_asset_scope() OWNER TO mtl_owner;

CREATE FUNCTION dg.activity_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    programme dg.programme;
    spend numeric;
    budget numeric;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.bu_id := programme.bu_id;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF TG_OP = 'INSERT' OR NEW.programme_id <> OLD.programme_id OR NEW.unit_id <> OLD.unit_id THEN
        IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[programme.unit_id]) THEN
            RAISE EXCEPTION 'activity % belongs to its programme''s unit or a unit below it', NEW.name USING ERRCODE = 'check_violation';
        END IF;
        IF programme.state IN ('closed', 'cancelled') THEN
            RAISE EXCEPTION 'programme % is %', programme.name, programme.state USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.starts_on < programme.starts_on OR NEW.ends_on > programme.ends_on THEN
        RAISE EXCEPTION 'activity % runs from % to %, outside its programme''s dates (% to %)', NEW.name, NEW.starts_on, NEW.ends_on,
                        programme.starts_on, programme.ends_on
            USING ERRCODE = 'check_violation', HINT = 'Date it within its programme, or change the programme''s dates first.';
    END IF;
    IF NEW.state <> 'cancelled' THEN
        SELECT coalesce(sum(coalesce(a.actual_cost, a.planned_cost)), 0) INTO spend
        FROM dg.activity a WHERE a.programme_id = NEW.programme_id AND a.state <> 'cancelled' AND a.id IS DISTINCT FROM NEW.id;
        spend := spend + coalesce(NEW.actual_cost, NEW.planned_cost);
        budget := dg.approved_budget(NEW.programme_id);
        IF spend > budget THEN
            RAISE EXCEPTION 'programme % would spend % %, over its approved budget of % %', programme.name,
                            spend, programme.currency, budget, programme.currency
                USING ERRCODE = 'check_violation',
                      HINT = 'Request a budget change and have it approved first: mtl programme budget request';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.activity_check() OWNER TO mtl_owner;

CREATE TABLE dg.budget (
    id bigint NOT NULL,
    programme_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    kind text NOT NULL,
    amount numeric(18,2) NOT NULL,
    currency text NOT NULL,
    reason text DEFAULT ''::text NOT NULL,
    state text DEFAULT 'submitted'::text NOT NULL,
    requested_by name DEFAULT SESSION_USER NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT budget_amount CHECK ((amount > (0)::numeric)),
    CONSTRAINT budget_kind CHECK ((kind = ANY (ARRAY['initial'::text, 'change'::text]))),
    CONSTRAINT budget_state CHECK ((state = ANY (ARRAY['submitted'::text, 'approved'::text, 'rejected'::text, 'withdrawn'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.budget FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.budget OWNER TO mtl_owner;

COMMENT ON TABLE dg.budget IS 'Budget requests of programmes (initial, then changes), approved or rejected through approval.request; a programme''s approved budget is the sum of its approved ones.';

CREATE FUNCTION dg.approved_budget(programme_id bigint) RETURNS numeric
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(sum(b.amount), (0)::numeric) AS "coalesce"
    FROM dg.budget b
   WHERE ((b.programme_id = approved_budget.programme_id) AND (b.state = 'approved'::text));
END;

ALTER FUNCTION dg.approved_budget(programme_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION dg.budget_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    programme dg.programme;
BEGIN
    SELECT * INTO programme FROM dg.programme p WHERE p.id = NEW.programme_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no programme % in your scope', NEW.programme_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, programme.unit_id, programme.bu_id);
    IF programme.state IN ('closed', 'cancelled') THEN
        RAISE EXCEPTION 'programme % is %', programme.name, programme.state USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := programme.unit_id;
    NEW.bu_id := programme.bu_id;
    NEW.currency := programme.currency;
    NEW.kind := CASE WHEN EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.programme_id AND b.state = 'approved')
                     THEN 'change' ELSE 'initial' END;
    NEW.state := 'submitted';
    NEW.requested_by := session_user;
    NEW.requested_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.budget_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION dg.budget_open_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'budget', NEW.id, NEW.unit_id, NEW.bu_id,
           format('Budget %s %s: %s %s (%s)', p.name, 'FY' || p.fiscal_year, NEW.amount, NEW.currency, NEW.kind)
    FROM dg.programme p WHERE p.id = NEW.programme_id;
    RETURN NULL;
END
$$;

ALTER FUNCTION dg.budget_open_request() OWNER TO mtl_owner;

CREATE FUNCTION dg.budget_request_outcome(subject_id bigint, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    programme_id bigint;
BEGIN
    UPDATE dg.budget b SET state = outcome WHERE b.id = subject_id AND b.state = 'submitted'
    RETURNING b.programme_id INTO programme_id;
    IF FOUND AND outcome = 'approved' THEN
        UPDATE dg.programme p SET state = 'approved' WHERE p.id = programme_id AND p.state = 'planned';
    END IF;
END
$$;

ALTER FUNCTION dg.budget_request_outcome(subject_id bigint, outcome text) OWNER TO mtl_owner;

CREATE FUNCTION dg.budget_request_subject(subject_id bigint) RETURNS TABLE(state text, unit_id bigint, bu_id bigint)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT b.state,
     b.unit_id,
     b.bu_id
    FROM dg.budget b
   WHERE (b.id = budget_request_subject.subject_id);
END;

ALTER FUNCTION dg.budget_request_subject(subject_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION dg.lead_completeness(contact_title text, email text, phone text, industry text, need text, project_approved boolean, budget_this_year boolean, budget_in_price_band boolean, kpi_tied boolean) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN round(((5.0 * (((((((((((NULLIF(btrim(contact_title), ''::text) IS NOT NULL))::integer + ((email IS NOT NULL))::integer) + ((NULLIF(btrim(phone), ''::text) IS NOT NULL))::integer) + ((NULLIF(btrim(industry), ''::text) IS NOT NULL))::integer) + ((NULLIF(btrim(need), ''::text) IS NOT NULL))::integer) + ((project_approved IS NOT NULL))::integer) + ((budget_this_year IS NOT NULL))::integer) + ((budget_in_price_band IS NOT NULL))::integer) + ((kpi_tied IS NOT NULL))::integer))::numeric) / (9)::numeric), 2);

ALTER FUNCTION dg.lead_completeness(contact_title text, email text, phone text, industry text, need text, project_approved boolean, budget_this_year boolean, budget_in_price_band boolean, kpi_tied boolean) OWNER TO mtl_owner;

CREATE TABLE dg.lead (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    activity_id bigint,
    channel text,
    company text NOT NULL,
    contact_name text NOT NULL,
    contact_title text,
    email text,
    phone text,
    key_person boolean DEFAULT false NOT NULL,
    industry text,
    need text,
    project_approved boolean,
    budget_this_year boolean,
    budget_in_price_band boolean,
    kpi_tied boolean,
    customer_quality smallint DEFAULT 0 NOT NULL,
    informant_quality smallint DEFAULT 0 NOT NULL,
    completeness numeric(3,2) GENERATED ALWAYS AS (dg.lead_completeness(contact_title, email, phone, industry, need, project_approved, budget_this_year, budget_in_price_band, kpi_tied)) STORED,
    quality_score numeric(3,2) GENERATED ALWAYS AS (round((((0.4 * (customer_quality)::numeric) + (0.3 * (informant_quality)::numeric)) + (0.3 * dg.lead_completeness(contact_title, email, phone, industry, need, project_approved, budget_this_year, budget_in_price_band, kpi_tied))), 2)) STORED,
    classification text GENERATED ALWAYS AS (
CASE
    WHEN key_person THEN 'opportunity'::text
    ELSE 'lead'::text
END) STORED,
    state text DEFAULT 'new'::text NOT NULL,
    handed_to text,
    handed_to_kind text,
    handed_off_at timestamp with time zone,
    sla_due_at timestamp with time zone,
    responded_at timestamp with time zone,
    rejection_reason text,
    pipeline_value numeric(18,2),
    currency text,
    import_id bigint,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_channel CHECK ((channel = ANY (ARRAY['event'::text, 'web'::text, 'email'::text, 'phone'::text, 'partner'::text, 'referral'::text, 'social'::text, 'other'::text]))),
    CONSTRAINT lead_company_check CHECK ((btrim(company) <> ''::text)),
    CONSTRAINT lead_contact_name_check CHECK ((btrim(contact_name) <> ''::text)),
    CONSTRAINT lead_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT lead_currency_with_pipeline CHECK (((pipeline_value IS NULL) = (currency IS NULL))),
    CONSTRAINT lead_customer_quality CHECK (((customer_quality >= 0) AND (customer_quality <= 5))),
    CONSTRAINT lead_email CHECK (((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text) AND (email = lower(email)))),
    CONSTRAINT lead_handed_to_kind CHECK ((handed_to_kind = ANY (ARRAY['sales_team'::text, 'partner'::text]))),
    CONSTRAINT lead_handoff CHECK (((state <> ALL (ARRAY['handed_off'::text, 'accepted'::text, 'rejected'::text])) OR ((handed_to IS NOT NULL) AND (handed_to_kind IS NOT NULL) AND (handed_off_at IS NOT NULL)))),
    CONSTRAINT lead_informant_quality CHECK (((informant_quality >= 0) AND (informant_quality <= 5))),
    CONSTRAINT lead_pipeline_value_check CHECK ((pipeline_value >= (0)::numeric)),
    CONSTRAINT lead_pipeline_when_accepted CHECK (((pipeline_value IS NULL) OR (state = 'accepted'::text))),
    CONSTRAINT lead_rejection_reason CHECK (((state <> 'rejected'::text) OR (NULLIF(btrim(rejection_reason), ''::text) IS NOT NULL))),
    CONSTRAINT lead_source CHECK (((activity_id IS NOT NULL) OR (channel IS NOT NULL))),
    CONSTRAINT lead_state CHECK ((state = ANY (ARRAY['new'::text, 'qualifying'::text, 'qualified'::text, 'handed_off'::text, 'accepted'::text, 'rejected'::text, 'recycled'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.lead FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.lead OWNER TO mtl_owner;

COMMENT ON TABLE dg.lead IS 'Leads and opportunities: source, customer, contact, target-customer checks, quality, and the way to sales (new → qualifying → qualified → handed_off → accepted / rejected / recycled).';

CREATE TABLE dg.lead_sla_flag (
    lead_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    sla_due_at timestamp with time zone NOT NULL,
    flagged_at timestamp with time zone DEFAULT now() NOT NULL
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.lead_sla_flag FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_sla_flag OWNER TO mtl_owner;

COMMENT ON TABLE dg.lead_sla_flag IS 'Hand-offs found past their acceptance SLA by the daily lead.sla_check job (once per lead).';

CREATE FUNCTION dg.flag_sla_breaches() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 WITH flagged AS (
          INSERT INTO dg.lead_sla_flag (lead_id, unit_id, bu_id, sla_due_at)  SELECT l.id,
                     l.unit_id,
                     l.bu_id,
                     l.sla_due_at
                    FROM dg.lead l
                   WHERE ((l.state = 'handed_off'::text) AND (l.sla_due_at < now())) ON CONFLICT(lead_id) DO NOTHING
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM flagged;
END;

ALTER FUNCTION dg.flag_sla_breaches() OWNER TO mtl_owner;

CREATE FUNCTION dg.lead_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NEW.unit_id <> OLD.unit_id THEN
        RAISE EXCEPTION 'lead % cannot move to another unit', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state = 'handed_off' AND OLD.state <> 'handed_off' THEN
        NEW.handed_off_at := now();
        NEW.sla_due_at := now() + make_interval(days => (SELECT s.acceptance_sla_days FROM dg.lead_setting s));
        NEW.responded_at := NULL;
    ELSIF OLD.state = 'handed_off' AND NEW.state IN ('accepted', 'rejected', 'recycled') THEN
        NEW.responded_at := now();
    END IF;
    IF NEW.pipeline_value IS NOT NULL AND NEW.state <> 'accepted' THEN
        RAISE EXCEPTION 'lead %: only an accepted lead carries a pipeline value', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.lead_before_update() OWNER TO mtl_owner;

CREATE FUNCTION dg.lead_check_sources() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION dg.lead_check_sources() OWNER TO mtl_owner;

CREATE FUNCTION dg.lead_import_counted_once() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION dg.lead_import_counted_once() OWNER TO mtl_owner;

CREATE FUNCTION dg.lead_pipeline_currency() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION dg.lead_pipeline_currency() OWNER TO mtl_owner;

CREATE FUNCTION dg.programme_check_links() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    framework_year integer;
    framework_state text;
    plan mm.msp;
    msp_currency text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'programme % cannot move to another unit or BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    -- A new programme's unit and BU are the caller's: checked before anything else (V0013 told the
    -- rules of another unit's programme before RLS refused the row).
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    END IF;
    IF NEW.tier = 'company' AND NEW.unit_id <> org.hq() THEN
        RAISE EXCEPTION 'company-tier programmes are owned by HQ'
            USING ERRCODE = 'check_violation', HINT = 'Create it at HQ, or make it a region or customer_group programme.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.concept_package_id <> OLD.concept_package_id OR NEW.fiscal_year <> OLD.fiscal_year THEN
        SELECT f.fiscal_year, f.state INTO framework_year, framework_state
        FROM mm.concept_package c JOIN mm.framework f ON f.id = c.framework_id
        WHERE c.id = NEW.concept_package_id;
        IF framework_year IS DISTINCT FROM NEW.fiscal_year OR framework_state <> 'published' THEN
            RAISE EXCEPTION 'programme % must follow a concept package of the published FY% framework', NEW.name, NEW.fiscal_year
                USING ERRCODE = 'check_violation',
                      HINT = CASE WHEN framework_year IS DISTINCT FROM NEW.fiscal_year
                                  THEN format('The concept package is from FY%s''s framework.', framework_year)
                                  ELSE format('The FY%s framework is %s; programmes follow it once it is published.', framework_year, framework_state) END;
        END IF;
    END IF;
    IF NEW.msp_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.msp_id IS DISTINCT FROM OLD.msp_id) THEN
        SELECT * INTO plan FROM mm.msp m WHERE m.id = NEW.msp_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF plan.bu_id <> NEW.bu_id OR plan.fiscal_year <> NEW.fiscal_year
           OR NOT EXISTS (SELECT FROM org.unit u WHERE u.id = plan.unit_id AND u.path @> ARRAY[NEW.unit_id]) THEN
            RAISE EXCEPTION 'programme % cannot serve MSP %: it must be of the same BU and fiscal year, in the programme''s unit or below', NEW.name, plan.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF plan.state NOT IN ('approved', 'active') THEN
            RAISE EXCEPTION 'MSP % is %; programmes serve approved or active MSPs', plan.id, plan.state
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.segment_id := plan.segment_id;
    END IF;
    -- Amounts in one currency: an MSP's programme in the MSP's plans' currency, any other in its
    -- unit's unless given.
    IF TG_OP = 'UPDATE' AND NEW.currency IS DISTINCT FROM OLD.currency
       AND EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.id) THEN
        RAISE EXCEPTION 'programme % has budgets in %; its currency stays', NEW.name, OLD.currency
            USING ERRCODE = 'check_violation', HINT = 'Amounts are never mixed: plan a new programme in the other currency.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.currency IS DISTINCT FROM OLD.currency OR NEW.msp_id IS DISTINCT FROM OLD.msp_id THEN
        SELECT x.currency INTO msp_currency FROM mm.msp_quarter x WHERE x.msp_id = NEW.msp_id LIMIT 1;
        NEW.currency := coalesce(NEW.currency, msp_currency, (SELECT u.currency FROM org.unit u WHERE u.id = NEW.unit_id));
        IF NEW.currency <> msp_currency THEN
            RAISE EXCEPTION 'programme % is in %, but MSP % is planned in %', NEW.name, NEW.currency, NEW.msp_id, msp_currency
                USING ERRCODE = 'check_violation', HINT = 'Give the programme the MSP''s currency (or none: it takes it); amounts are never mixed.';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.starts_on, NEW.ends_on, NEW.fiscal_year) IS DISTINCT FROM (OLD.starts_on, OLD.ends_on, OLD.fiscal_year) THEN
        IF NEW.starts_on < org.fiscal_year_start(NEW.fiscal_year) OR NEW.ends_on >= org.fiscal_year_start(NEW.fiscal_year + 1) THEN
            RAISE EXCEPTION 'programme % runs from % to %, outside its fiscal year FY% (% to %)', NEW.name, NEW.starts_on, NEW.ends_on,
                            NEW.fiscal_year, org.fiscal_year_start(NEW.fiscal_year), org.fiscal_year_start(NEW.fiscal_year + 1) - 1
                USING ERRCODE = 'check_violation', HINT = 'A programme runs within the fiscal year it is planned for; plan one per year.';
        END IF;
        IF EXISTS (SELECT FROM dg.activity a WHERE a.programme_id = NEW.id AND (a.starts_on < NEW.starts_on OR a.ends_on > NEW.ends_on)) THEN
            RAISE EXCEPTION 'programme % has activities outside % to %', NEW.name, NEW.starts_on, NEW.ends_on
                USING ERRCODE = 'check_violation', HINT = 'Move those activities first (mtl programme show lists them).';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.name, NEW.unit_id, NEW.fiscal_year) IS DISTINCT FROM (OLD.name, OLD.unit_id, OLD.fiscal_year) THEN
        -- The unique index programme_name_once holds it under concurrency; this says it clearly.
        IF EXISTS (SELECT FROM dg.programme p WHERE p.unit_id = NEW.unit_id AND p.bu_id = NEW.bu_id AND p.fiscal_year = NEW.fiscal_year
                   AND lower(p.name) = lower(NEW.name) AND p.id IS DISTINCT FROM NEW.id) THEN
            RAISE EXCEPTION 'there is already a programme named % in this unit and BU for FY%', NEW.name, NEW.fiscal_year
                USING ERRCODE = 'unique_violation', HINT = 'Give it another name, or use the programme there is.';
        END IF;
    END IF;
    IF NEW.state = 'cancelled' AND OLD.state <> 'cancelled'
       AND EXISTS (SELECT FROM dg.budget b WHERE b.programme_id = NEW.id AND b.state = 'submitted') THEN
        RAISE EXCEPTION 'programme % has a budget request waiting for a decision', NEW.name
            USING ERRCODE = 'check_violation', HINT = 'Withdraw it first (mtl approvals withdraw), then cancel the programme.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.programme_check_links() OWNER TO mtl_owner;

CREATE FUNCTION dg.touchpoint_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    lead_unit bigint;
    lead_bu bigint;
    lead_path bigint[];
    activity_unit bigint;
BEGIN
    SELECT l.unit_id, l.bu_id, u.path INTO lead_unit, lead_bu, lead_path
    FROM dg.lead l JOIN org.unit u ON u.id = l.unit_id WHERE l.id = NEW.lead_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := lead_unit;
    NEW.bu_id := lead_bu;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    SELECT a.unit_id INTO activity_unit FROM dg.activity a WHERE a.id = NEW.activity_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT lead_path @> ARRAY[activity_unit] THEN
        RAISE EXCEPTION 'a lead is touched by activities of its unit or a unit above it, not by activity %', NEW.activity_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Record the touch on a lead of the activity''s unit or of a unit below it.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION dg.touchpoint_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.battlecard_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.segment_id, NEW.competitor_id) IS DISTINCT FROM (OLD.segment_id, OLD.competitor_id) THEN
        RAISE EXCEPTION 'battlecard % keeps its competitor and segment', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'segment', NEW.segment_id) s;
    IF NOT org.is_person(NEW.owner) THEN
        RAISE EXCEPTION 'no mtl user %', quote_literal(NEW.owner) USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(NEW.objections) o
               WHERE jsonb_typeof(o) <> 'object' OR jsonb_typeof(o -> 'objection') <> 'string' OR jsonb_typeof(o -> 'answer') <> 'string') THEN
        RAISE EXCEPTION 'objections are a list of {"objection": text, "answer": text}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.battlecard_before_write() OWNER TO mtl_owner;

CREATE TABLE org."grant" (
    id bigint NOT NULL,
    role_name name NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    granted_by name DEFAULT SESSION_USER NOT NULL,
    granted_at timestamp with time zone DEFAULT now() NOT NULL
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org."grant" FORCE ROW LEVEL SECURITY;

ALTER TABLE org."grant" OWNER TO mtl_owner;

COMMENT ON TABLE org."grant" IS 'Grants: role_name may see unit_id and its subtree; bu_id NULL means every BU.';

CREATE VIEW org.effective_grant WITH (security_barrier='true') AS
 SELECT g.id,
    g.role_name,
    g.unit_id,
    g.bu_id
   FROM org."grant" g
  WHERE pg_has_role(CURRENT_USER, (to_regrole(quote_ident((g.role_name)::text)))::oid, 'MEMBER'::text);

ALTER TABLE org.effective_grant OWNER TO mtl_owner;

COMMENT ON VIEW org.effective_grant IS 'The grants that apply to the current role (its own and its groups'').';

CREATE TABLE org.unit (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    parent_id bigint,
    path bigint[] NOT NULL,
    time_zone text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    currency text NOT NULL,
    CONSTRAINT unit_code_format CHECK ((code ~ '^[A-Z][A-Z0-9_-]{1,15}$'::text)),
    CONSTRAINT unit_country_code CHECK (((kind <> 'country'::text) OR (code ~ '^[A-Z]{2}$'::text))),
    CONSTRAINT unit_currency CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT unit_hq_has_no_parent CHECK (((kind = 'hq'::text) = (parent_id IS NULL))),
    CONSTRAINT unit_kind_check CHECK ((kind = ANY (ARRAY['hq'::text, 'region'::text, 'country'::text]))),
    CONSTRAINT unit_name_check CHECK (((btrim(name) <> ''::text) AND (length(name) <= 200)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org.unit FORCE ROW LEVEL SECURITY;

ALTER TABLE org.unit OWNER TO mtl_owner;

COMMENT ON TABLE org.unit IS 'Org units: HQ → regions → countries. A grant on a unit covers its subtree.';

COMMENT ON COLUMN org.unit.time_zone IS 'The unit''s IANA time zone: its local times, quarters and schedules (a country''s main zone by default).';

COMMENT ON COLUMN org.unit.currency IS 'The unit''s ISO 4217 currency: its amounts'' default (a country''s own, a region''s HQ''s, HQ''s USD by default).';

CREATE FUNCTION org.visible_units() RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(u.id ORDER BY u.id), '{}'::bigint[]) AS "coalesce"
    FROM org.unit u
   WHERE (u.path && ARRAY( SELECT g.unit_id
            FROM org.effective_grant g));
END;

ALTER FUNCTION org.visible_units() OWNER TO mtl_owner;

CREATE TABLE mi.credit (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    kind text NOT NULL,
    subject_id bigint NOT NULL,
    credits numeric(8,2) NOT NULL,
    earned_at timestamp with time zone DEFAULT now() NOT NULL,
    accepted_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT credit_credits_check CHECK ((credits >= (0)::numeric)),
    CONSTRAINT credit_kind CHECK ((kind = ANY (ARRAY['insight'::text, 'data'::text, 'voice'::text])))
);

ALTER TABLE ONLY mi.credit FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.credit OWNER TO mtl_owner;

COMMENT ON TABLE mi.credit IS 'The ledger of credits earned by units for accepted contributions (append-only, written by the database only).';

CREATE TABLE mi.credit_setting (
    id boolean DEFAULT true NOT NULL,
    threshold numeric(8,2) DEFAULT 1 NOT NULL,
    window_months smallint DEFAULT 12 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT credit_setting_id_check CHECK (id),
    CONSTRAINT credit_setting_threshold_check CHECK ((threshold >= (0)::numeric)),
    CONSTRAINT credit_setting_window_months_check CHECK (((window_months >= 1) AND (window_months <= 120)))
);

ALTER TABLE ONLY mi.credit_setting FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.credit_setting OWNER TO mtl_owner;

COMMENT ON TABLE mi.credit_setting IS 'Contribute to consume (HQ setting): the credits a unit must have earned in a trailing window to read other scopes'' shared insights.';

CREATE FUNCTION mi.contributing_units() RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(c.unit_id ORDER BY c.unit_id), '{}'::bigint[]) AS "coalesce"
    FROM ( SELECT x.unit_id
            FROM (mi.credit x
              CROSS JOIN mi.credit_setting s)
           WHERE ((x.unit_id = ANY (org.visible_units())) AND (x.earned_at > (now() - make_interval(months => (s.window_months)::integer))))
           GROUP BY x.unit_id, s.threshold
          HAVING (sum(x.credits) >= s.threshold)) c;
END;

ALTER FUNCTION mi.contributing_units() OWNER TO mtl_owner;

CREATE FUNCTION mi.contributing_regions() RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(DISTINCT r.id), '{}'::bigint[]) AS "coalesce"
    FROM (org.unit u
      JOIN org.unit r ON (((r.id = ANY (u.path)) AND (r.kind = 'region'::text))))
   WHERE (u.id = ANY (mi.contributing_units()));
END;

ALTER FUNCTION mi.contributing_regions() OWNER TO mtl_owner;

CREATE FUNCTION mi.contribution_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- The topic as the caller sees it: of its scope, or naming it (R__mi_topics.sql).
        SELECT t.unit_id, t.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.topic t WHERE t.id = NEW.topic_id;
        IF NOT FOUND THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        NEW.submitted_by := org.caller();
        IF NEW.provider_unit_id <> NEW.unit_id
           AND NOT EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = NEW.topic_id AND r.role = 'data_provider'
                           AND (r.provider_unit_id = NEW.provider_unit_id OR r.person = current_user)) THEN
            RAISE EXCEPTION 'unit % is not a data provider of topic %', NEW.provider_unit_id, NEW.topic_id
                USING ERRCODE = 'check_violation', HINT = 'Name the unit as a data provider of the topic first.';
        END IF;
        -- The providing unit's data comes from someone who may write for it.
        IF NOT org.is_unrestricted(current_user) AND NOT coalesce(org.in_write_scope(NEW.provider_unit_id, NEW.bu_id), false) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM mi.topic t WHERE t.id = NEW.topic_id AND t.state NOT IN ('accepted', 'in_research')) THEN
            RAISE EXCEPTION 'topic % is not being researched', NEW.topic_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    -- Only the decision changes a contribution (what was submitted is what is accepted), once, while
    -- its topic is open or just delivered.
    IF (NEW.topic_id, NEW.unit_id, NEW.bu_id, NEW.provider_unit_id, NEW.submitted_by, NEW.description, NEW.uri)
       IS DISTINCT FROM (OLD.topic_id, OLD.unit_id, OLD.bu_id, OLD.provider_unit_id, OLD.submitted_by, OLD.description, OLD.uri)
       OR OLD.state <> 'submitted' THEN
        RAISE EXCEPTION 'contribution % is %; only its decision changes it', OLD.id, OLD.state USING ERRCODE = 'check_violation',
            HINT = 'Submit corrected data as a new contribution.';
    END IF;
    IF EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state NOT IN ('accepted', 'in_research', 'delivered')) THEN
        RAISE EXCEPTION 'topic % is closed; its data is no longer decided', OLD.topic_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state <> OLD.state AND NOT org.is_unrestricted(current_user) THEN
        IF OLD.submitted_by = org.caller() THEN
            RAISE EXCEPTION 'four-eyes: % submitted contribution % and cannot decide it', OLD.submitted_by, OLD.id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT mi.holds_role(OLD.topic_id, 'researcher', org.caller()) THEN
            RAISE EXCEPTION 'only a researcher of topic % decides its data', OLD.topic_id USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.contribution_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mi.credit_accepted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO mi.credit (unit_id, bu_id, kind, subject_id, credits, accepted_by)
    SELECT CASE TG_TABLE_NAME WHEN 'voice' THEN NEW.unit_id ELSE (to_jsonb(NEW) ->> 'provider_unit_id')::bigint END,
           NEW.bu_id,
           r.kind, NEW.id, r.credits, org.caller()
    FROM mi.credit_rate r WHERE r.kind = CASE TG_TABLE_NAME WHEN 'voice' THEN 'voice' ELSE 'data' END
    ON CONFLICT ON CONSTRAINT credit_once DO NOTHING;
    RETURN NULL;
END
$$;

ALTER FUNCTION mi.credit_accepted() OWNER TO mtl_owner;

CREATE FUNCTION mi.credit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'the credit ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

ALTER FUNCTION mi.credit_append_only() OWNER TO mtl_owner;

CREATE FUNCTION mi.credit_evaluated_insights() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO mi.credit (unit_id, bu_id, kind, subject_id, credits, accepted_by)
    SELECT DISTINCT ON (i.unit_id) i.unit_id, i.bu_id, 'insight', i.id, r.credits, org.caller()
    FROM mi.insight i CROSS JOIN mi.credit_rate r
    WHERE i.topic_id = NEW.id AND r.kind = 'insight'
    ORDER BY i.unit_id, i.id
    ON CONFLICT ON CONSTRAINT credit_once DO NOTHING;
    RETURN NULL;
END
$$;

ALTER FUNCTION mi.credit_evaluated_insights() OWNER TO mtl_owner;

CREATE FUNCTION mi.decided_stays() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF OLD.state <> 'submitted' THEN
        RAISE EXCEPTION '% % is %; it stays', replace(TG_TABLE_NAME, '_', ' '), OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
END
$$;

ALTER FUNCTION mi.decided_stays() OWNER TO mtl_owner;

CREATE FUNCTION mi.evaluation_after_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE mi.topic SET state = 'evaluated' WHERE id = NEW.topic_id AND state = 'delivered';
    INSERT INTO mi.insight_use (insight_id, unit_id, bu_id, used_for, subject_id, used_by)
    SELECT i.id, NEW.unit_id, NEW.bu_id, 'evaluation', NEW.topic_id, NEW.evaluated_by
    FROM mi.insight i WHERE i.topic_id = NEW.topic_id
    ON CONFLICT ON CONSTRAINT insight_use_once DO NOTHING;
    RETURN NULL;
END
$$;

ALTER FUNCTION mi.evaluation_after_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.evaluation_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    who name := org.caller();
    topic mi.topic;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    NEW.evaluated_by := who;
    NEW.evaluated_at := now();
    IF mi.holds_role(topic.id, 'researcher', who) OR EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = topic.id AND i.author = who) THEN
        RAISE EXCEPTION 'four-eyes: % researched topic % and cannot evaluate it', who, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Its evaluator, who did not research it, evaluates it.';
    END IF;
    IF NOT mi.holds_role(topic.id, 'evaluator', who) THEN
        RAISE EXCEPTION 'only the evaluator of topic % evaluates it', topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Assign the evaluator role first.';
    END IF;
    IF topic.state <> 'delivered' THEN
        RAISE EXCEPTION 'topic % is %; a topic is evaluated once delivered', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.evaluation_before_insert() OWNER TO mtl_owner;

CREATE TABLE mi.topic_role (
    id bigint NOT NULL,
    topic_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    role text NOT NULL,
    person name,
    provider_unit_id bigint,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT topic_role_kind CHECK ((role = ANY (ARRAY['setter'::text, 'researcher'::text, 'data_provider'::text, 'consumer'::text, 'evaluator'::text]))),
    CONSTRAINT topic_role_who CHECK ((((person IS NULL) <> (provider_unit_id IS NULL)) AND ((provider_unit_id IS NULL) OR (role = 'data_provider'::text))))
);

ALTER TABLE ONLY mi.topic_role FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.topic_role OWNER TO mtl_owner;

COMMENT ON TABLE mi.topic_role IS 'The roles of a topic: its setter, researchers, data providers (people or units), consumers and evaluator.';

CREATE FUNCTION mi.holds_role(topic bigint, role_name text, who name) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (EXISTS (SELECT FROM mi.topic_role r WHERE ((r.topic_id = holds_role.topic) AND (r.role = holds_role.role_name) AND (r.person = holds_role.who))));

ALTER FUNCTION mi.holds_role(topic bigint, role_name text, who name) OWNER TO mtl_owner;

CREATE FUNCTION mi.insight_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    topic_state text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        NEW.author := org.caller();
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.author) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.author) THEN
        RAISE EXCEPTION 'insight % keeps its unit, BU and author', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT r.id INTO NEW.region_id FROM org.unit u JOIN org.unit r ON r.id = ANY (u.path) AND r.kind = 'region' WHERE u.id = NEW.unit_id;
    IF NEW.sharing = 'region' AND NEW.region_id IS NULL THEN
        RAISE EXCEPTION 'an HQ insight is shared with its own scope or globally, not with a region'
            USING ERRCODE = 'check_violation', HINT = 'Share it globally, or keep it to HQ.';
    END IF;
    -- An insight of a topic the caller cannot see, or can see only as a named party (read_named):
    -- as RLS refuses; nothing of it changes from outside the topic's scope.
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL THEN
        PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', OLD.topic_id);
    END IF;
    IF NEW.topic_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.topic_id IS DISTINCT FROM OLD.topic_id) THEN
        -- A topic's insights are written in its scope (not by a unit merely named on it), by one
        -- of its researchers.
        PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id);
        SELECT t.state INTO topic_state FROM mi.topic t WHERE t.id = NEW.topic_id;
        IF topic_state NOT IN ('accepted', 'in_research') THEN
            RAISE EXCEPTION 'topic % is %; insights answer a topic while it is researched', NEW.topic_id, topic_state
                USING ERRCODE = 'check_violation';
        END IF;
        IF mi.holds_role(NEW.topic_id, 'evaluator', NEW.author) THEN
            RAISE EXCEPTION 'four-eyes: % evaluates topic % and cannot write its insights', NEW.author, NEW.topic_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(NEW.topic_id, 'researcher', NEW.author) THEN
            RAISE EXCEPTION 'only a researcher of topic % writes its insights', NEW.topic_id
                USING ERRCODE = 'insufficient_privilege', HINT = 'Its setter assigns researchers: mtl insight topic assign.';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL
       AND (NEW.kind, NEW.title, NEW.summary, NEW.findings, NEW.evidence, NEW.confidence, NEW.valid_until)
           IS DISTINCT FROM (OLD.kind, OLD.title, OLD.summary, OLD.findings, OLD.evidence, OLD.confidence, OLD.valid_until)
       AND EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state IN ('delivered', 'evaluated')) THEN
        RAISE EXCEPTION 'insight % was delivered with topic %: what it says stays', OLD.id, OLD.topic_id
            USING ERRCODE = 'check_violation', HINT = 'Write a new insight, or share this one differently.';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.topic_id IS NOT NULL AND NEW.topic_id IS DISTINCT FROM OLD.topic_id
       AND EXISTS (SELECT FROM mi.topic t WHERE t.id = OLD.topic_id AND t.state IN ('delivered', 'evaluated')) THEN
        RAISE EXCEPTION 'insight % was delivered with topic % and stays with it', OLD.id, OLD.topic_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.insight_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mi.insight_use_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM mi.insight i WHERE i.id = NEW.insight_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    CASE NEW.used_for
        WHEN 'msp' THEN SELECT m.unit_id, m.bu_id INTO NEW.unit_id, NEW.bu_id FROM mm.msp m WHERE m.id = NEW.subject_id;
        WHEN 'evaluation' THEN SELECT e.unit_id, e.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.evaluation e WHERE e.topic_id = NEW.subject_id;
        WHEN 'battlecard' THEN SELECT b.unit_id, b.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.battlecard b WHERE b.id = NEW.subject_id;
        WHEN 'programme' THEN SELECT p.unit_id, p.bu_id INTO NEW.unit_id, NEW.bu_id FROM dg.programme p WHERE p.id = NEW.subject_id;
        ELSE NULL;
    END CASE;
    IF NOT FOUND OR NEW.unit_id IS NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    NEW.used_by := org.caller();
    NEW.used_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.insight_use_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.lead_competitor_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.lead_id, NEW.competitor_id) IS DISTINCT FROM (OLD.lead_id, OLD.competitor_id) THEN
        RAISE EXCEPTION 'record the other competitor as a new row' USING ERRCODE = 'check_violation';
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'lead', NEW.lead_id) s;
    NEW.recorded_by := org.caller();
    NEW.recorded_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.lead_competitor_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mi.market_size_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'segment', NEW.segment_id) s;
    IF NEW.insight_id IS NOT NULL AND NOT EXISTS (SELECT FROM mi.insight i WHERE i.id = NEW.insight_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.estimated_by := org.caller();
    NEW.superseded_by := NULL;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.market_size_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.market_size_supersede() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE mi.market_size m SET superseded_by = NEW.id
    WHERE m.segment_id = NEW.segment_id AND m.fiscal_year = NEW.fiscal_year AND m.superseded_by IS NULL AND m.id <> NEW.id;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.market_size_supersede() OWNER TO mtl_owner;

CREATE FUNCTION mi.observation_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    topic mi.topic;
    topic_industry text;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF topic.state NOT IN ('accepted', 'in_research') THEN
        RAISE EXCEPTION 'topic % is %; observations are made while it is researched', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    topic_industry := coalesce(topic.industry, (SELECT s.industry FROM mm.segment s WHERE s.id = topic.segment_id));
    IF NOT EXISTS (SELECT FROM mi.data_item d WHERE d.id = NEW.item_id AND (d.domain IS NULL OR lower(d.domain) = lower(topic_industry))) THEN
        RAISE EXCEPTION 'item % is not in the data model of the topic''s industry', NEW.item_id
            USING ERRCODE = 'check_violation', HINT = 'Name an item of any domain or of the topic''s industry.';
    END IF;
    NEW.observed_by := org.caller();
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.observation_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.owner_scope(table_name text, kind text, id bigint, OUT unit_id bigint, OUT bu_id bigint) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    CASE kind
        WHEN 'topic' THEN SELECT t.unit_id, t.bu_id INTO unit_id, bu_id FROM mi.topic t WHERE t.id = owner_scope.id;
        WHEN 'segment' THEN SELECT s.unit_id, s.bu_id INTO unit_id, bu_id FROM mm.segment s WHERE s.id = owner_scope.id;
        WHEN 'lead' THEN SELECT l.unit_id, l.bu_id INTO unit_id, bu_id FROM dg.lead l WHERE l.id = owner_scope.id;
    END CASE;
    IF unit_id IS NULL THEN
        PERFORM org.refuse_out_of_scope(table_name);
    END IF;
    PERFORM org.require_write_scope(table_name, unit_id, bu_id);
END
$$;

ALTER FUNCTION mi.owner_scope(table_name text, kind text, id bigint, OUT unit_id bigint, OUT bu_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION mi.sharing_open() RETURNS boolean
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(( SELECT (s.threshold = (0)::numeric)
            FROM mi.credit_setting s), false) AS "coalesce";
END;

ALTER FUNCTION mi.sharing_open() OWNER TO mtl_owner;

CREATE FUNCTION mi.topic_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    who name := org.caller();
    about_unit bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'topic % cannot move to another unit or BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'INSERT' OR (NEW.segment_id, NEW.subject_unit_id, NEW.lead_id) IS DISTINCT FROM (OLD.segment_id, OLD.subject_unit_id, OLD.lead_id) THEN
        FOR about_unit IN
            SELECT s.unit_id FROM mm.segment s WHERE s.id = NEW.segment_id
            UNION ALL SELECT u.id FROM org.unit u WHERE u.id = NEW.subject_unit_id AND u.id = ANY (org.visible_units())
            UNION ALL SELECT l.unit_id FROM dg.lead l WHERE l.id = NEW.lead_id
        LOOP
            IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = about_unit AND u.path @> ARRAY[NEW.unit_id]) THEN
                RAISE EXCEPTION 'a topic of a unit is about that unit or a unit below it'
                    USING ERRCODE = 'check_violation', HINT = 'Set the topic in the unit of what it is about, or in a unit above it.';
            END IF;
        END LOOP;
        -- A segment, unit or lead the caller cannot see: as RLS refuses.
        IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
           OR (NEW.subject_unit_id IS NOT NULL AND NOT NEW.subject_unit_id = ANY (org.visible_units()))
           OR (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.accepted_at := NULL; NEW.started_at := NULL; NEW.delivered_at := NULL; NEW.evaluated_at := NULL; NEW.closed_at := NULL;
        RETURN NEW;
    END IF;
    -- The stamps of each state are the database's.
    NEW.accepted_at := CASE WHEN NEW.state = 'accepted' AND OLD.state <> 'accepted' THEN now() ELSE OLD.accepted_at END;
    NEW.started_at := CASE WHEN NEW.state = 'in_research' AND OLD.state <> 'in_research' THEN now() ELSE OLD.started_at END;
    NEW.delivered_at := CASE WHEN NEW.state = 'delivered' AND OLD.state <> 'delivered' THEN now() ELSE OLD.delivered_at END;
    NEW.evaluated_at := CASE WHEN NEW.state = 'evaluated' AND OLD.state <> 'evaluated' THEN now() ELSE OLD.evaluated_at END;
    NEW.closed_at := CASE WHEN NEW.state IN ('rejected', 'cancelled') AND OLD.state NOT IN ('rejected', 'cancelled') THEN now() ELSE OLD.closed_at END;
    IF OLD.state <> 'proposed' AND (NEW.title, NEW.question, NEW.scenario, NEW.segment_id, NEW.customer, NEW.subject_unit_id,
                                    NEW.industry, NEW.lead_id, NEW.fiscal_year)
       IS DISTINCT FROM (OLD.title, OLD.question, OLD.scenario, OLD.segment_id, OLD.customer, OLD.subject_unit_id,
                         OLD.industry, OLD.lead_id, OLD.fiscal_year) THEN
        RAISE EXCEPTION 'topic % is %: what it asks stays as its setter accepted it', OLD.id, OLD.state
            USING ERRCODE = 'check_violation', HINT = 'Propose a new topic instead.';
    END IF;
    IF OLD.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') AND (NEW.due_on, NEW.priority) IS DISTINCT FROM (OLD.due_on, OLD.priority) THEN
        RAISE EXCEPTION 'topic % is %: its due date and priority stay', OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state AND NOT org.is_unrestricted(current_user) THEN
        IF NEW.state IN ('accepted', 'rejected') AND NOT mi.holds_role(OLD.id, 'setter', who) THEN
            RAISE EXCEPTION 'only a setter of topic % accepts or rejects it', OLD.id
                USING ERRCODE = 'insufficient_privilege', HINT = 'The leader or expert who sets a topic decides whether it is the right one.';
        END IF;
        IF NEW.state IN ('in_research', 'delivered') AND NOT mi.holds_role(OLD.id, 'researcher', who) THEN
            RAISE EXCEPTION 'only a researcher of topic % starts or delivers it', OLD.id
                USING ERRCODE = 'insufficient_privilege', HINT = 'Assign the researcher role first.';
        END IF;
    END IF;
    IF NEW.state = 'delivered' AND OLD.state <> 'delivered'
       AND NOT EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = OLD.id) THEN
        RAISE EXCEPTION 'topic % has no insight to deliver', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Attach at least one insight to the topic first.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.topic_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mi.topic_part_before_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    topic_state text;
BEGIN
    -- Fails closed: a part of a topic the caller cannot write (or see) stays, as RLS refuses.
    PERFORM mi.owner_scope(TG_TABLE_NAME, 'topic', OLD.topic_id);
    SELECT t.state INTO topic_state FROM mi.topic t WHERE t.id = OLD.topic_id;
    IF topic_state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
        RAISE EXCEPTION 'topic % is %; what it delivered stays', OLD.topic_id, topic_state USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
END
$$;

ALTER FUNCTION mi.topic_part_before_delete() OWNER TO mtl_owner;

CREATE FUNCTION mi.topic_role_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    topic mi.topic;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT * INTO topic FROM mi.topic t WHERE t.id = OLD.topic_id;
        IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(OLD.topic_id, 'setter', org.caller()) THEN
            RAISE EXCEPTION 'only a setter of topic % changes its roles', OLD.topic_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF topic.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
            RAISE EXCEPTION 'topic % is %; its roles no longer change', OLD.topic_id, topic.state USING ERRCODE = 'check_violation';
        END IF;
        IF (OLD.role IN ('researcher', 'evaluator') AND topic.state NOT IN ('proposed', 'accepted'))
           OR (OLD.role = 'setter' AND topic.state <> 'proposed') THEN
            RAISE EXCEPTION 'topic % is %: its % stays', OLD.topic_id, topic.state, replace(OLD.role, '_', ' ')
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF NOT org.is_unrestricted(current_user) AND NOT mi.holds_role(topic.id, 'setter', org.caller())
       AND NOT (NEW.role = 'setter' AND topic.created_by = org.caller()
                AND NOT EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = topic.id AND r.role = 'setter')) THEN
        RAISE EXCEPTION 'only a setter of topic % gives its roles', topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Its setter assigns researchers, data providers, consumers and the evaluator.';
    END IF;
    IF topic.state IN ('delivered', 'evaluated', 'rejected', 'cancelled') THEN
        RAISE EXCEPTION 'topic % is %; its roles no longer change', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.provider_unit_id IS NOT NULL AND NOT org.is_unrestricted(current_user)
       AND NOT coalesce(org.in_write_scope(NEW.provider_unit_id, topic.bu_id), false) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NEW.person IS NOT NULL AND NOT org.is_person(NEW.person) THEN
        RAISE EXCEPTION 'no mtl user %', quote_literal(NEW.person)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Name a person by their login.';
    END IF;
    IF NEW.provider_unit_id IS NOT NULL AND NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.provider_unit_id) THEN
        RAISE EXCEPTION 'no unit %', NEW.provider_unit_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.role = 'evaluator' AND (mi.holds_role(topic.id, 'researcher', NEW.person)
                                   OR EXISTS (SELECT FROM mi.insight i WHERE i.topic_id = topic.id AND i.author = NEW.person)) THEN
        RAISE EXCEPTION 'four-eyes: % researches topic % and cannot evaluate it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Name an evaluator who did not research it.';
    END IF;
    IF NEW.role = 'researcher' AND (mi.holds_role(topic.id, 'evaluator', NEW.person) OR mi.holds_role(topic.id, 'setter', NEW.person)) THEN
        RAISE EXCEPTION 'four-eyes: % sets or evaluates topic % and cannot research it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Name another researcher.';
    END IF;
    IF NEW.role = 'setter' AND mi.holds_role(topic.id, 'researcher', NEW.person) THEN
        RAISE EXCEPTION 'four-eyes: % researches topic % and cannot set it', NEW.person, topic.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.role = 'evaluator' AND EXISTS (SELECT FROM mi.topic_role r WHERE r.topic_id = topic.id AND r.role = 'evaluator') THEN
        RAISE EXCEPTION 'topic % has its evaluator', topic.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.topic_role_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mi.topic_stage_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    topic mi.topic;
    topic_industry text;
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mi.owner_scope(TG_TABLE_NAME, 'topic', NEW.topic_id) s;
    SELECT * INTO topic FROM mi.topic t WHERE t.id = NEW.topic_id;
    IF topic.state NOT IN ('proposed', 'accepted', 'in_research') THEN
        RAISE EXCEPTION 'topic % is %; the stages it covers stay', topic.id, topic.state USING ERRCODE = 'check_violation';
    END IF;
    topic_industry := coalesce(topic.industry, (SELECT s.industry FROM mm.segment s WHERE s.id = topic.segment_id));
    IF NOT EXISTS (SELECT FROM mi.business_stage b WHERE b.id = NEW.stage_id
                   AND (b.industry IS NULL OR lower(b.industry) = lower(topic_industry))) THEN
        RAISE EXCEPTION 'stage % is not a stage of the topic''s industry', NEW.stage_id
            USING ERRCODE = 'check_violation', HINT = 'Name a stage of every industry or of the topic''s own.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.topic_stage_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mi.voice_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        NEW.recorded_by := org.caller();
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.recorded_by) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.recorded_by) THEN
        RAISE EXCEPTION 'entry % keeps its unit, BU and recorder', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.segment_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.segment_id IS DISTINCT FROM OLD.segment_id) THEN
        IF NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF NOT EXISTS (SELECT FROM mm.segment s JOIN org.unit u ON u.id = NEW.unit_id WHERE s.id = NEW.segment_id AND u.path @> ARRAY[s.unit_id]) THEN
            RAISE EXCEPTION 'a voice entry names a segment of its unit or a unit above it' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.state <> 'submitted' THEN
        RAISE EXCEPTION 'entry % is %; it no longer changes', OLD.id, OLD.state USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.state <> OLD.state AND OLD.recorded_by = org.caller() AND NOT org.is_unrestricted(current_user) THEN
        RAISE EXCEPTION 'four-eyes: % recorded entry % and cannot decide it', OLD.recorded_by, OLD.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Someone else in its scope accepts or rejects it.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mi.voice_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mm.check_quarterly_review_job(args jsonb, caller name) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    extra text;
    quarter text := args ->> 'quarter';
    unit_code text := args ->> 'unit';
    target bigint;
    scope bigint[];
BEGIN
    SELECT string_agg(k, ', ' ORDER BY k) INTO extra FROM jsonb_object_keys(args) k WHERE k NOT IN ('quarter', 'unit');
    IF extra IS NOT NULL THEN
        RAISE EXCEPTION 'msp.quarterly_review takes the arguments quarter and unit, not %', extra
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF quarter IS NULL OR quarter !~ '^FY\d{4}-Q[1-4]$' OR jsonb_typeof(args -> 'quarter') <> 'string' THEN
        RAISE EXCEPTION 'msp.quarterly_review needs a quarter like FY2026-Q3'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF unit_code IS NOT NULL AND jsonb_typeof(args -> 'unit') <> 'string' THEN
        RAISE EXCEPTION 'msp.quarterly_review: unit is a unit code such as EMEA' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    scope := CASE WHEN pg_has_role(caller, 'mtl_admin', 'MEMBER') THEN
        org.subtree(ARRAY(SELECT g.unit_id FROM org.grant g JOIN org.unit u ON u.id = g.unit_id
                          WHERE g.bu_id IS NULL AND u.kind IN ('hq', 'region')
                            AND pg_has_role(caller, to_regrole(quote_ident(g.role_name)), 'MEMBER')))
        ELSE '{}' END;
    IF unit_code IS NULL THEN
        target := org.hq();
    ELSE
        SELECT u.id INTO target FROM org.unit u WHERE u.code = unit_code;
    END IF;
    IF target IS NULL OR NOT target = ANY (scope) THEN
        RAISE EXCEPTION 'permission denied: % may not ask for quarterly reviews of %', caller, coalesce(unit_code, 'every unit')
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'HQ and region admins ask for the reviews of the units they cover; the schedules run the rest.';
    END IF;
    RETURN jsonb_strip_nulls(jsonb_build_object('quarter', quarter, 'unit', unit_code));
END
$_$;

ALTER FUNCTION mm.check_quarterly_review_job(args jsonb, caller name) OWNER TO mtl_owner;

CREATE FUNCTION mm.check_weight_sums() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    changed mm.factor_weight;
    wrong record;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
    FOR wrong IN
        SELECT f.axis, sum(w.weight) AS total, b.code AS bu
        FROM mm.factor_weight w
        JOIN mm.factor f ON f.code = w.factor_code
        JOIN org.business_unit b ON b.id = w.bu_id
        WHERE w.bu_id = changed.bu_id AND w.fiscal_year = changed.fiscal_year
        GROUP BY f.axis, b.code
        HAVING sum(w.weight) <> 1
    LOOP
        RAISE EXCEPTION 'the % weights of BU % for FY% sum to %, not 1', wrong.axis, wrong.bu, changed.fiscal_year, wrong.total
            USING ERRCODE = 'check_violation',
                  HINT = 'Set all the weights of an axis together, so that they sum to 1: mtl segment weights --bu BU --year FY --set factor=weight …';
    END LOOP;
    RETURN NULL;
END
$$;

ALTER FUNCTION mm.check_weight_sums() OWNER TO mtl_owner;

CREATE FUNCTION mm.concept_package_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    draft mm.framework;
    taken integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM mm.require_draft_framework(OLD.framework_id);
        RETURN OLD;
    END IF;
    draft := mm.require_draft_framework(NEW.framework_id);
    IF NEW.theme_id IS NOT NULL AND NOT EXISTS (
        SELECT FROM mm.framework_theme ft
        WHERE ft.framework_id = NEW.framework_id AND ft.theme_id = NEW.theme_id AND NOT ft.dropped) THEN
        RAISE EXCEPTION 'concept package %: its theme is not in the FY% framework', NEW.code, draft.fiscal_year
            USING ERRCODE = 'check_violation', HINT = 'See the themes with: mtl framework theme list FY' || draft.fiscal_year;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.framework_id <> OLD.framework_id THEN
        PERFORM FROM mm.framework f WHERE f.id = NEW.framework_id FOR UPDATE;
        SELECT count(*) INTO taken FROM mm.concept_package c WHERE c.framework_id = NEW.framework_id;
        IF taken >= draft.concept_limit THEN
            RAISE EXCEPTION 'the FY% framework already has % concept packages, its limit', draft.fiscal_year, taken
                USING ERRCODE = 'check_violation',
                      HINT = 'Remove one, or raise the limit (mtl framework create … --concept-limit, while it is a draft).';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.concept_package_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mm.create_framework(fiscal_year integer, from_fiscal_year integer DEFAULT NULL::integer, concept_limit integer DEFAULT NULL::integer) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    source mm.framework;
    created bigint;
BEGIN
    IF from_fiscal_year IS NOT NULL THEN
        SELECT * INTO source FROM mm.framework f WHERE f.fiscal_year = from_fiscal_year;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'there is no FY% framework to start from', from_fiscal_year
                USING ERRCODE = 'no_data_found', HINT = 'See the frameworks with: mtl framework list';
        END IF;
    END IF;
    INSERT INTO mm.framework (fiscal_year, based_on_id, concept_limit)
    VALUES (create_framework.fiscal_year, source.id, coalesce(create_framework.concept_limit, source.concept_limit, 12))
    RETURNING id INTO created;
    IF source.id IS NOT NULL THEN
        INSERT INTO mm.framework_theme (framework_id, theme_id, name, statement)
        SELECT created, ft.theme_id, ft.name, ft.statement
        FROM mm.framework_theme ft WHERE ft.framework_id = source.id AND NOT ft.dropped;
        INSERT INTO mm.concept_package (framework_id, code, name, description, scenario, theme_id)
        SELECT created, c.code, c.name, c.description, c.scenario, c.theme_id
        FROM mm.concept_package c WHERE c.framework_id = source.id
        ORDER BY c.id;
    END IF;
    RETURN created;
END
$$;

ALTER FUNCTION mm.create_framework(fiscal_year integer, from_fiscal_year integer, concept_limit integer) OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_after_publish() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE mm.framework f SET state = 'superseded'
    WHERE f.state = 'published' AND f.fiscal_year < NEW.fiscal_year;
    RETURN NULL;
END
$$;

ALTER FUNCTION mm.framework_after_publish() OWNER TO mtl_owner;

CREATE TABLE mm.framework (
    id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    based_on_id bigint,
    concept_limit smallint DEFAULT 12 NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    published_at timestamp with time zone,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    company_events_planned smallint,
    CONSTRAINT framework_company_events_planned CHECK (((company_events_planned >= 0) AND (company_events_planned <= 10000))),
    CONSTRAINT framework_concept_limit CHECK (((concept_limit >= 1) AND (concept_limit <= 100))),
    CONSTRAINT framework_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT framework_state CHECK ((state = ANY (ARRAY['draft'::text, 'submitted'::text, 'approved'::text, 'rejected'::text, 'published'::text, 'superseded'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.framework FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.framework OWNER TO mtl_owner;

COMMENT ON TABLE mm.framework IS 'The marketing framework of a fiscal year: draft → submitted → approved → published → superseded (rejected → draft).';

COMMENT ON COLUMN mm.framework.company_events_planned IS 'How many company-tier activities the year plans (NULL: no number planned). Changes only in a draft.';

CREATE FUNCTION mm.framework_before(fiscal_year integer) RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT f.id
    FROM mm.framework f
   WHERE ((f.fiscal_year < framework_before.fiscal_year) AND (f.state = ANY (ARRAY['published'::text, 'superseded'::text])))
   ORDER BY f.fiscal_year DESC
  LIMIT 1;
END;

ALTER FUNCTION mm.framework_before(fiscal_year integer) OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    taken integer;
    missing text;
BEGIN
    IF (NEW.fiscal_year, NEW.based_on_id, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM (OLD.fiscal_year, OLD.based_on_id, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'a framework keeps its fiscal year and origin' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.concept_limit <> OLD.concept_limit THEN
        IF OLD.state <> 'draft' THEN
            RAISE EXCEPTION 'the FY% framework is %; its concept limit changes only in a draft', OLD.fiscal_year, OLD.state
                USING ERRCODE = 'check_violation';
        END IF;
        SELECT count(*) INTO taken FROM mm.concept_package c WHERE c.framework_id = OLD.id;
        IF taken > NEW.concept_limit THEN
            RAISE EXCEPTION 'the FY% framework has % concept packages, more than a limit of %', OLD.fiscal_year, taken, NEW.concept_limit
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF OLD.state = 'draft' AND NEW.state = 'submitted' THEN
        IF NOT EXISTS (SELECT FROM mm.framework_theme ft WHERE ft.framework_id = OLD.id AND NOT ft.dropped) THEN
            RAISE EXCEPTION 'the FY% framework has no themes', OLD.fiscal_year
                USING ERRCODE = 'check_violation', HINT = 'Add one: mtl framework theme add';
        END IF;
        SELECT string_agg(t.code, ', ' ORDER BY t.code) INTO missing
        FROM mm.framework_theme prev JOIN mm.theme t ON t.id = prev.theme_id
        WHERE prev.framework_id = mm.framework_before(OLD.fiscal_year) AND NOT prev.dropped
          AND NOT EXISTS (SELECT FROM mm.framework_theme ft WHERE ft.framework_id = OLD.id AND ft.theme_id = prev.theme_id);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'the FY% framework leaves out theme(s) % of the framework before it', OLD.fiscal_year, missing
                USING ERRCODE = 'check_violation',
                      HINT = 'Themes stay from year to year: keep them, or drop them with a justification (mtl framework theme drop).';
        END IF;
    END IF;
    IF NEW.state = 'published' AND OLD.state <> 'published' THEN
        SELECT string_agg('FY' || f.fiscal_year, ', ') INTO missing
        FROM mm.framework f WHERE f.fiscal_year > OLD.fiscal_year AND f.state IN ('published', 'superseded');
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'FY% cannot be published after a later year''s framework (%)', OLD.fiscal_year, missing
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.published_at := now();
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.framework_before_update() OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_event_plan() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.company_events_planned IS NULL AND NEW.based_on_id IS NOT NULL THEN
            SELECT f.company_events_planned INTO NEW.company_events_planned FROM mm.framework f WHERE f.id = NEW.based_on_id;
        END IF;
    ELSIF NEW.company_events_planned IS DISTINCT FROM OLD.company_events_planned AND OLD.state <> 'draft' THEN
        RAISE EXCEPTION 'the FY% framework is %; its plan of company-tier activities changes only in a draft', OLD.fiscal_year, OLD.state
            USING ERRCODE = 'check_violation',
                  HINT = 'Plan it in the next year''s draft (mtl framework create), or revise a rejected one.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.framework_event_plan() OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_request_outcome(subject_id bigint, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE mm.framework SET state = CASE outcome WHEN 'withdrawn' THEN 'draft' ELSE outcome END
    WHERE id = subject_id AND state = 'submitted';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'framework % is not waiting for a decision', subject_id USING ERRCODE = 'check_violation';
    END IF;
END
$$;

ALTER FUNCTION mm.framework_request_outcome(subject_id bigint, outcome text) OWNER TO mtl_owner;

CREATE FUNCTION org.hq() RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT u.id
    FROM org.unit u
   WHERE (u.parent_id IS NULL);
END;

ALTER FUNCTION org.hq() OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_request_subject(subject_id bigint) RETURNS TABLE(state text, unit_id bigint, bu_id bigint)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT f.state,
     org.hq() AS hq,
     NULL::bigint AS int8
    FROM mm.framework f
   WHERE (f.id = framework_request_subject.subject_id);
END;

ALTER FUNCTION mm.framework_request_subject(subject_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.framework_theme_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    draft mm.framework;
    theme_row mm.theme;
    previous mm.framework_theme;
    change text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM mm.require_draft_framework(OLD.framework_id);
        RETURN OLD;
    END IF;
    draft := mm.require_draft_framework(NEW.framework_id);
    IF TG_OP = 'UPDATE' AND (NEW.framework_id, NEW.theme_id) <> (OLD.framework_id, OLD.theme_id) THEN
        RAISE EXCEPTION 'a framework theme keeps its framework and theme' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO theme_row FROM mm.theme t WHERE t.id = NEW.theme_id;
    IF theme_row.introduced_in > draft.fiscal_year THEN
        RAISE EXCEPTION 'theme % was introduced in FY%, after FY%', theme_row.code, theme_row.introduced_in, draft.fiscal_year
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT ft.* INTO previous FROM mm.framework_theme ft
    WHERE ft.framework_id = mm.framework_before(draft.fiscal_year) AND ft.theme_id = NEW.theme_id;
    IF NOT FOUND OR previous.dropped THEN
        IF NEW.dropped THEN
            RAISE EXCEPTION 'theme % is not in the framework before FY%, so there is nothing to drop', theme_row.code, draft.fiscal_year
                USING ERRCODE = 'check_violation', HINT = 'Remove it from this year''s framework instead.';
        END IF;
        RETURN NEW;
    END IF;
    change := CASE WHEN NEW.dropped THEN 'dropping'
                   WHEN (NEW.name, NEW.statement) IS DISTINCT FROM (previous.name, previous.statement) THEN 'changing'
              END;
    IF change IS NOT NULL AND draft.fiscal_year - theme_row.introduced_in < 5
       AND nullif(btrim(NEW.justification), '') IS NULL THEN
        RAISE EXCEPTION '% theme % in FY% needs a justification: it was introduced in FY%, less than five years before',
                        change, theme_row.code, draft.fiscal_year, theme_row.introduced_in
            USING ERRCODE = 'check_violation',
                  HINT = 'Themes are meant to stay stable for five years; record why with --justification.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.framework_theme_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mm.inherit_segment_scope() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    SELECT s.unit_id, s.bu_id INTO NEW.unit_id, NEW.bu_id FROM mm.segment s WHERE s.id = NEW.segment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no segment % in your scope', NEW.segment_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See the segments you can use with: mtl segment list';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.inherit_segment_scope() OWNER TO mtl_owner;

CREATE FUNCTION mm.msp_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    segment mm.segment;
BEGIN
    SELECT * INTO segment FROM mm.segment s WHERE s.id = NEW.segment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no segment % in your scope', NEW.segment_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See the segments you can use with: mtl segment list';
    END IF;
    -- The plan's unit is the caller's; its BU is the segment's. Checked first (V0010 said whether
    -- another unit lies below the segment's before RLS refused the row).
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, segment.bu_id);
    IF NOT segment.active THEN
        RAISE EXCEPTION 'segment % is inactive', segment.code USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT FROM org.unit u WHERE u.id = NEW.unit_id AND u.path @> ARRAY[segment.unit_id]) THEN
        RAISE EXCEPTION 'an MSP for segment % belongs to its unit or a unit below it', segment.code
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.bu_id := segment.bu_id;
    NEW.state := 'draft';
    NEW.state_changed_at := now();
    NEW.state_changed_by := session_user;
    NEW.created_by := session_user;
    NEW.created_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.msp_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mm.msp_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF (NEW.segment_id, NEW.unit_id, NEW.bu_id, NEW.fiscal_year, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM (OLD.segment_id, OLD.unit_id, OLD.bu_id, OLD.fiscal_year, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'MSP %: its segment, unit, BU and fiscal year do not change', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Create another MSP instead.';
    END IF;
    IF OLD.state <> 'draft' AND (NEW.goals, NEW.gtm_strategy, NEW.value_proposition, NEW.owner_role)
       IS DISTINCT FROM (OLD.goals, OLD.gtm_strategy, OLD.value_proposition, OLD.owner_role) THEN
        RAISE EXCEPTION 'MSP % is %; only a draft can be edited', OLD.id, OLD.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE OLD.state WHEN 'rejected' THEN 'Make it a draft again first: mtl msp revise ' || OLD.id
                                        ELSE 'Its content was reviewed as it is.' END;
    END IF;
    IF NEW.state = 'submitted' AND OLD.state = 'draft' THEN
        IF btrim(NEW.goals) = '' OR btrim(NEW.gtm_strategy) = '' OR btrim(NEW.value_proposition) = '' THEN
            RAISE EXCEPTION 'MSP % is incomplete: goals, go-to-market strategy and value proposition are all needed', OLD.id
                USING ERRCODE = 'check_violation', HINT = 'Fill them in before submitting.';
        END IF;
        IF NOT EXISTS (SELECT FROM mm.msp_quarter q WHERE q.msp_id = OLD.id) THEN
            RAISE EXCEPTION 'MSP % has no quarterly plan', OLD.id
                USING ERRCODE = 'check_violation', HINT = 'Plan at least one quarter: mtl msp quarter set';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.msp_before_update() OWNER TO mtl_owner;

CREATE FUNCTION mm.msp_quarter_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    plan mm.msp;
    plan_currency text;
BEGIN
    SELECT * INTO plan FROM mm.msp m WHERE m.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.msp_id ELSE NEW.msp_id END;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no MSP % in your scope', NEW.msp_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'See your MSPs with: mtl msp list';
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, plan.unit_id, plan.bu_id);
    IF plan.state NOT IN ('draft', 'approved', 'active') THEN
        RAISE EXCEPTION 'MSP % is %; its quarterly plans cannot change now', plan.id, plan.state
            USING ERRCODE = 'check_violation',
                  HINT = 'Quarterly plans change while the MSP is a draft, approved or active.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.fiscal_year <> plan.fiscal_year THEN
        RAISE EXCEPTION 'FY%-Q% is not in MSP %''s fiscal year FY%', NEW.fiscal_year, NEW.quarter, plan.id, plan.fiscal_year
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.unit_id := plan.unit_id;
    NEW.bu_id := plan.bu_id;
    -- One currency per plan: its other quarters', else its unit's.
    SELECT x.currency INTO plan_currency FROM mm.msp_quarter x
    WHERE x.msp_id = NEW.msp_id AND (x.fiscal_year, x.quarter) IS DISTINCT FROM (NEW.fiscal_year, NEW.quarter) LIMIT 1;
    plan_currency := coalesce(plan_currency, (SELECT u.currency FROM org.unit u WHERE u.id = plan.unit_id));
    NEW.currency := coalesce(NEW.currency, plan_currency);
    IF NEW.currency <> plan_currency AND EXISTS (SELECT FROM mm.msp_quarter x WHERE x.msp_id = NEW.msp_id
                                                  AND (x.fiscal_year, x.quarter) IS DISTINCT FROM (NEW.fiscal_year, NEW.quarter)) THEN
        RAISE EXCEPTION 'MSP %''s quarters are planned in %, not %', plan.id, plan_currency, NEW.currency
            USING ERRCODE = 'check_violation', HINT = 'Give the amounts in the plan''s currency; amounts are never mixed.';
    END IF;
    IF EXISTS (SELECT FROM dg.programme g WHERE g.msp_id = NEW.msp_id AND g.currency <> NEW.currency) THEN
        RAISE EXCEPTION 'MSP %''s programmes are in another currency than %', plan.id, NEW.currency
            USING ERRCODE = 'check_violation', HINT = 'Amounts are never mixed: keep the plan''s currency.';
    END IF;
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.msp_quarter_before_write() OWNER TO mtl_owner;

CREATE FUNCTION mm.msp_request_outcome(subject_id bigint, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE mm.msp SET state = CASE outcome WHEN 'withdrawn' THEN 'draft' ELSE outcome END
    WHERE id = subject_id AND state = 'submitted';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'msp % is not waiting for a decision', subject_id USING ERRCODE = 'check_violation';
    END IF;
END
$$;

ALTER FUNCTION mm.msp_request_outcome(subject_id bigint, outcome text) OWNER TO mtl_owner;

CREATE TABLE mm.msp (
    id bigint NOT NULL,
    segment_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    goals text DEFAULT ''::text NOT NULL,
    gtm_strategy text DEFAULT ''::text NOT NULL,
    value_proposition text DEFAULT ''::text NOT NULL,
    owner_role name NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT msp_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT msp_state CHECK ((state = ANY (ARRAY['draft'::text, 'submitted'::text, 'approved'::text, 'rejected'::text, 'active'::text, 'closed'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.msp FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.msp OWNER TO mtl_owner;

COMMENT ON TABLE mm.msp IS 'Market Segment Plans: goals, go-to-market strategy and value proposition per segment, unit and fiscal year; draft → submitted → approved → active → closed.';

CREATE FUNCTION mm.msp_request_subject(subject_id bigint) RETURNS TABLE(state text, unit_id bigint, bu_id bigint)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT m.state,
     m.unit_id,
     m.bu_id
    FROM mm.msp m
   WHERE (m.id = msp_request_subject.subject_id);
END;

ALTER FUNCTION mm.msp_request_subject(subject_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.open_framework_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    VALUES ('framework', NEW.id, org.hq(), NULL, format('Marketing framework FY%s', NEW.fiscal_year));
    RETURN NULL;
END
$$;

ALTER FUNCTION mm.open_framework_request() OWNER TO mtl_owner;

CREATE FUNCTION mm.open_msp_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'msp', NEW.id, NEW.unit_id, NEW.bu_id,
           format('MSP %s/%s %s FY%s', u.code, s.code, s.name, NEW.fiscal_year)
    FROM mm.segment s, org.unit u
    WHERE s.id = NEW.segment_id AND u.id = NEW.unit_id;
    RETURN NULL;
END
$$;

ALTER FUNCTION mm.open_msp_request() OWNER TO mtl_owner;

CREATE TABLE org.fiscal_calendar (
    id boolean DEFAULT true NOT NULL,
    start_month smallint DEFAULT 1 NOT NULL,
    named_by text DEFAULT 'end'::text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT fiscal_calendar_named_by_check CHECK ((named_by = ANY (ARRAY['start'::text, 'end'::text]))),
    CONSTRAINT fiscal_calendar_single_row CHECK (id),
    CONSTRAINT fiscal_calendar_start_month_check CHECK (((start_month >= 1) AND (start_month <= 12)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org.fiscal_calendar FORCE ROW LEVEL SECURITY;

ALTER TABLE org.fiscal_calendar OWNER TO mtl_owner;

COMMENT ON TABLE org.fiscal_calendar IS 'The fiscal calendar: one row. Quarterly reviews use it with each region''s time zone.';

CREATE FUNCTION org.fiscal_year_start(fiscal_year integer) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT make_date((fiscal_year_start.fiscal_year -
         CASE
             WHEN ((c.named_by = 'end'::text) AND (c.start_month > 1)) THEN 1
             ELSE 0
         END), (c.start_month)::integer, 1) AS make_date
    FROM org.fiscal_calendar c;
END;

ALTER FUNCTION org.fiscal_year_start(fiscal_year integer) OWNER TO mtl_owner;

CREATE FUNCTION org.fiscal_quarter_dates(fiscal_year integer, quarter integer) RETURNS daterange
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT daterange(((s.start + make_interval(months => (3 * (fiscal_quarter_dates.quarter - 1)))))::date, ((s.start + make_interval(months => (3 * fiscal_quarter_dates.quarter))))::date) AS daterange
    FROM ( SELECT org.fiscal_year_start(fiscal_quarter_dates.fiscal_year) AS start) s
   WHERE ((fiscal_quarter_dates.quarter >= 1) AND (fiscal_quarter_dates.quarter <= 4));
END;

ALTER FUNCTION org.fiscal_quarter_dates(fiscal_year integer, quarter integer) OWNER TO mtl_owner;

CREATE FUNCTION org.fiscal_quarter_of(day date, OUT fiscal_year integer, OUT quarter integer) RETURNS record
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT ((EXTRACT(year FROM s.start))::integer +
         CASE
             WHEN ((c.named_by = 'end'::text) AND (c.start_month > 1)) THEN 1
             ELSE 0
         END),
     (((EXTRACT(month FROM age((d.day_start)::timestamp with time zone, (s.start)::timestamp with time zone)))::integer / 3) + 1)
    FROM org.fiscal_calendar c,
     LATERAL ( SELECT (date_trunc('month'::text, (fiscal_quarter_of.day)::timestamp with time zone))::date AS day_start) d,
     LATERAL ( SELECT make_date(((EXTRACT(year FROM fiscal_quarter_of.day))::integer -
                 CASE
                     WHEN (EXTRACT(month FROM fiscal_quarter_of.day) < (c.start_month)::numeric) THEN 1
                     ELSE 0
                 END), (c.start_month)::integer, 1) AS start) s;
END;

ALTER FUNCTION org.fiscal_quarter_of(day date, OUT fiscal_year integer, OUT quarter integer) OWNER TO mtl_owner;

CREATE FUNCTION org.fiscal_quarter_label(day date) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT format('FY%s-Q%s'::text, q.fiscal_year, q.quarter) AS format
    FROM org.fiscal_quarter_of(fiscal_quarter_label.day) q(fiscal_year, quarter);
END;

ALTER FUNCTION org.fiscal_quarter_label(day date) OWNER TO mtl_owner;

CREATE FUNCTION org.fiscal_quarter_closed_before(moment timestamp with time zone, time_zone text) RETURNS text
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT org.fiscal_quarter_label((lower(org.fiscal_quarter_dates(q.fiscal_year, q.quarter)) - 1)) AS fiscal_quarter_label
    FROM org.fiscal_quarter_of(((fiscal_quarter_closed_before.moment AT TIME ZONE fiscal_quarter_closed_before.time_zone))::date) q(fiscal_year, quarter);
END;

ALTER FUNCTION org.fiscal_quarter_closed_before(moment timestamp with time zone, time_zone text) OWNER TO mtl_owner;

CREATE FUNCTION org.unit_time_zone(unit bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT COALESCE(u.time_zone, p.time_zone) AS "coalesce"
    FROM (org.unit u
      LEFT JOIN org.unit p ON ((p.id = u.parent_id)))
   WHERE (u.id = unit_time_zone.unit);
END;

ALTER FUNCTION org.unit_time_zone(unit bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamp with time zone) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT org.fiscal_quarter_closed_before(fire_at, COALESCE(( SELECT org.unit_time_zone(u.id) AS unit_time_zone
            FROM org.unit u
           WHERE (u.code = quarter_to_review.unit_code)), 'UTC'::text)) AS fiscal_quarter_closed_before;
END;

ALTER FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamp with time zone) OWNER TO mtl_owner;

CREATE FUNCTION mm.quarterly_review_request_outcome(subject_id bigint, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    review mm.quarterly_review;
BEGIN
    UPDATE mm.quarterly_review r SET state = outcome WHERE r.id = subject_id AND r.state = 'submitted'
    RETURNING * INTO review;
    IF FOUND AND outcome = 'approved' AND review.draft_plan IS NOT NULL AND review.next_fiscal_year = review.fiscal_year
       AND EXISTS (SELECT FROM mm.msp p WHERE p.id = review.msp_id AND p.state IN ('draft', 'approved', 'active')) THEN
        INSERT INTO mm.msp_quarter (msp_id, fiscal_year, quarter, pipeline_target, lead_target, budget, currency,
                                    headcount, resources, planned_programmes)
        VALUES (review.msp_id, review.next_fiscal_year, review.next_quarter,
                (review.draft_plan->>'pipeline_target')::numeric, (review.draft_plan->>'lead_target')::integer,
                (review.draft_plan->>'budget')::numeric, review.draft_plan->>'currency',
                (review.draft_plan->>'headcount')::numeric, review.draft_plan->>'resources',
                review.draft_plan->>'planned_programmes')
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;

ALTER FUNCTION mm.quarterly_review_request_outcome(subject_id bigint, outcome text) OWNER TO mtl_owner;

CREATE TABLE mm.quarterly_review (
    id bigint NOT NULL,
    msp_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    fiscal_quarter text GENERATED ALWAYS AS (((('FY'::text || fiscal_year) || '-Q'::text) || quarter)) STORED NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    currency text NOT NULL,
    pipeline_target numeric(18,2) NOT NULL,
    pipeline_created numeric(18,2) NOT NULL,
    lead_target integer NOT NULL,
    leads integer NOT NULL,
    qualified_leads integer NOT NULL,
    opportunities integer NOT NULL,
    activities_planned integer NOT NULL,
    activities_done integer NOT NULL,
    budget numeric(18,2) NOT NULL,
    spend numeric(18,2) NOT NULL,
    sla_breaches integer NOT NULL,
    status text NOT NULL,
    gaps text[] NOT NULL,
    next_fiscal_year integer NOT NULL,
    next_quarter smallint NOT NULL,
    draft_plan jsonb,
    state text DEFAULT 'submitted'::text NOT NULL,
    job_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    requested_by name NOT NULL,
    CONSTRAINT quarterly_review_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4))),
    CONSTRAINT review_state CHECK ((state = ANY (ARRAY['submitted'::text, 'approved'::text, 'rejected'::text, 'withdrawn'::text]))),
    CONSTRAINT review_status CHECK ((status = ANY (ARRAY['on_track'::text, 'at_risk'::text, 'off_track'::text, 'no_plan'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.quarterly_review FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.quarterly_review OWNER TO mtl_owner;

COMMENT ON TABLE mm.quarterly_review IS 'Quarterly reviews of MSPs: the quarter''s figures against the plan, a status, the gaps and a draft of the next quarter''s plan; one per MSP and quarter.';

CREATE FUNCTION mm.quarterly_review_request_subject(subject_id bigint) RETURNS TABLE(state text, unit_id bigint, bu_id bigint)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT r.state,
     r.unit_id,
     r.bu_id
    FROM mm.quarterly_review r
   WHERE (r.id = quarterly_review_request_subject.subject_id);
END;

ALTER FUNCTION mm.quarterly_review_request_subject(subject_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.require_draft_framework(framework_id bigint) RETURNS mm.framework
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    result mm.framework;
BEGIN
    SELECT * INTO result FROM mm.framework f WHERE f.id = require_draft_framework.framework_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no framework %', require_draft_framework.framework_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF result.state <> 'draft' THEN
        RAISE EXCEPTION 'the FY% framework is %; only a draft changes', result.fiscal_year, result.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE result.state WHEN 'rejected' THEN format('Make it a draft again: mtl framework revise FY%s', result.fiscal_year)
                                          ELSE 'Its content was reviewed as it is.' END;
    END IF;
    RETURN result;
END
$$;

ALTER FUNCTION mm.require_draft_framework(framework_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text DEFAULT NULL::text, by_time_zone boolean DEFAULT false, job bigint DEFAULT NULL::bigint) RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    fy integer;
    q integer;
    days daterange;
    scope_unit org.unit;
    settings mm.review_setting;
    asked_by name;
    m record;
    f record;
    act record;
    plan mm.msp_quarter;
    next_plan mm.msp_quarter;
    source_plan mm.msp_quarter;
    plan_currency text;
    next_fy integer;
    next_q integer;
    ratio numeric;
    new_status text;
    gaps text[];
    new_id bigint;
BEGIN
    IF NOT (pg_has_role(session_user, 'mtl_scheduler', 'MEMBER')
            OR (pg_has_role(session_user, 'mtl_admin', 'MEMBER')
                AND EXISTS (SELECT FROM org.grant g WHERE g.role_name = session_user AND g.unit_id = org.hq() AND g.bu_id IS NULL))) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins run quarterly reviews'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF fiscal_quarter !~ '^FY\d{4}-Q[1-4]$' THEN
        RAISE EXCEPTION 'quarter % is not like FY2026-Q3', quote_literal(fiscal_quarter)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    fy := substr(fiscal_quarter, 3, 4)::integer;
    q := substr(fiscal_quarter, 9, 1)::integer;
    days := org.fiscal_quarter_dates(fy, q);
    SELECT * INTO next_fy, next_q FROM org.fiscal_quarter_next(fy, q);
    IF unit_code IS NOT NULL THEN
        SELECT * INTO scope_unit FROM org.unit u WHERE u.code = unit_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown unit %', quote_literal(unit_code)
                USING ERRCODE = 'no_data_found', HINT = 'See the units with: mtl org list';
        END IF;
    END IF;
    SELECT * INTO settings FROM mm.review_setting;
    -- A job's requester counts for the scheduler's own runs only: a person cannot credit a review
    -- to someone else by naming their job.
    asked_by := CASE WHEN pg_has_role(session_user, 'mtl_scheduler', 'MEMBER')
                     THEN coalesce((SELECT j.requested_by FROM scheduler.job j WHERE j.id = job), org.caller())
                     ELSE org.caller() END;

    FOR m IN
        SELECT p.id, p.unit_id, p.bu_id, u.code AS unit, s.code AS segment,
               upper(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') <= now() AS closed,
               lower(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') AS starts,
               upper(days)::timestamp AT TIME ZONE coalesce(org.unit_time_zone(p.unit_id), 'UTC') AS ends
        FROM mm.msp p
        JOIN org.unit u ON u.id = p.unit_id
        JOIN mm.segment s ON s.id = p.segment_id
        WHERE p.state = 'active' AND p.fiscal_year = fy
          AND (scope_unit.id IS NULL
               OR (by_time_zone AND org.time_zone_unit(p.unit_id) = scope_unit.id)
               OR (NOT by_time_zone AND u.path @> ARRAY[scope_unit.id]))
          AND NOT EXISTS (SELECT FROM mm.quarterly_review r WHERE r.msp_id = p.id AND r.fiscal_year = fy AND r.quarter = q)
        ORDER BY p.id
    LOOP
        IF NOT m.closed THEN
            RAISE EXCEPTION '% has not closed yet in %''s time zone (it ends at %)', fiscal_quarter, m.unit, m.ends
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Review a quarter once it has closed.';
        END IF;
        plan := NULL;
        next_plan := NULL;
        SELECT * INTO plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = fy AND x.quarter = q;
        SELECT * INTO next_plan FROM mm.msp_quarter x WHERE x.msp_id = m.id AND x.fiscal_year = next_fy AND x.quarter = next_q;
        -- The currency of the MSP's plans (an active MSP has at least one quarter planned).
        plan_currency := coalesce(plan.currency, next_plan.currency,
                                  (SELECT x.currency FROM mm.msp_quarter x WHERE x.msp_id = m.id
                                   ORDER BY abs((x.fiscal_year * 4 + x.quarter) - (fy * 4 + q)), x.fiscal_year, x.quarter LIMIT 1));

        SELECT count(*)::integer AS leads,
               count(*) FILTER (WHERE l.state IN ('qualified', 'handed_off', 'accepted', 'rejected'))::integer AS qualified,
               count(*) FILTER (WHERE l.pipeline_value IS NOT NULL)::integer AS opportunities,
               coalesce(sum(l.pipeline_value), 0)::numeric(18,2) AS pipeline,
               count(*) FILTER (WHERE l.sla_due_at IS NOT NULL
                                  AND ((l.state = 'handed_off' AND now() > l.sla_due_at) OR l.responded_at > l.sla_due_at))::integer AS breaches
        INTO f
        FROM dg.lead l
        JOIN org.unit lu ON lu.id = l.unit_id
        JOIN dg.activity a ON a.id = l.activity_id
        JOIN dg.programme g ON g.id = a.programme_id
        WHERE g.msp_id = m.id AND l.created_at >= m.starts AND l.created_at < m.ends
          AND lu.path @> ARRAY[m.unit_id] AND (l.bu_id IS NULL OR l.bu_id = m.bu_id);

        SELECT count(*) FILTER (WHERE a.state <> 'cancelled')::integer AS planned,
               count(*) FILTER (WHERE a.state = 'done')::integer AS done,
               coalesce(sum(a.actual_cost) FILTER (WHERE a.state = 'done'), 0)::numeric(18,2) AS spend
        INTO act
        FROM dg.activity a
        JOIN dg.programme g ON g.id = a.programme_id
        JOIN org.unit au ON au.id = a.unit_id
        WHERE g.msp_id = m.id AND a.ends_on <@ days AND au.path @> ARRAY[m.unit_id] AND a.bu_id = m.bu_id;

        gaps := '{}';
        IF plan.msp_id IS NULL THEN
            new_status := 'no_plan';
            gaps := gaps || format('no plan for %s: pipeline %s %s, %s lead(s), %s of %s activities done, spend %s %s',
                                   fiscal_quarter, f.pipeline, plan_currency, f.leads, act.done, act.planned, act.spend, plan_currency);
        ELSE
            -- The worst ratio of actual to target; a measure without a target does not count.
            ratio := least(CASE WHEN plan.pipeline_target > 0 THEN f.pipeline / plan.pipeline_target END,
                           CASE WHEN plan.lead_target > 0 THEN f.leads::numeric / plan.lead_target END,
                           CASE WHEN act.planned > 0 THEN act.done::numeric / act.planned END);
            IF f.pipeline < plan.pipeline_target THEN
                gaps := gaps || format('pipeline %s of %s %s (%s%%)', f.pipeline, plan.pipeline_target, plan.currency,
                                       round(100 * f.pipeline / plan.pipeline_target));
            END IF;
            IF f.leads < plan.lead_target THEN
                gaps := gaps || format('leads %s of %s (%s%%)', f.leads, plan.lead_target, round(100.0 * f.leads / plan.lead_target));
            END IF;
            IF act.done < act.planned THEN
                gaps := gaps || format('activities %s of %s done', act.done, act.planned);
            END IF;
            IF act.spend > plan.budget * (1 + settings.spend_tolerance) THEN
                gaps := gaps || format('spend %s over a budget of %s %s', act.spend, plan.budget, plan.currency);
            END IF;
            IF f.breaches > 0 THEN
                gaps := gaps || format('%s hand-off(s) past the acceptance SLA', f.breaches);
            END IF;
            new_status := CASE
                WHEN ratio < settings.off_track_below THEN 'off_track'
                WHEN ratio < settings.at_risk_below OR act.spend > plan.budget * (1 + settings.spend_tolerance)
                     OR f.breaches > 0 THEN 'at_risk'
                ELSE 'on_track'
            END;
        END IF;
        source_plan := CASE WHEN next_plan.msp_id IS NOT NULL THEN next_plan ELSE plan END;

        INSERT INTO mm.quarterly_review (msp_id, fiscal_year, quarter, unit_id, bu_id, currency,
            pipeline_target, pipeline_created, lead_target, leads, qualified_leads, opportunities,
            activities_planned, activities_done, budget, spend, sla_breaches, status, gaps,
            next_fiscal_year, next_quarter, draft_plan, job_id, requested_by)
        VALUES (m.id, fy, q, m.unit_id, m.bu_id, plan_currency,
            coalesce(plan.pipeline_target, 0), f.pipeline, coalesce(plan.lead_target, 0), f.leads, f.qualified, f.opportunities,
            act.planned, act.done, coalesce(plan.budget, 0), act.spend, f.breaches, new_status, gaps,
            next_fy, next_q,
            CASE WHEN source_plan.msp_id IS NOT NULL THEN jsonb_build_object(
                'source', CASE WHEN next_plan.msp_id IS NOT NULL THEN 'planned' ELSE 'carried_forward' END,
                'pipeline_target', source_plan.pipeline_target,
                'lead_target', source_plan.lead_target,
                'budget', source_plan.budget,
                'currency', source_plan.currency,
                'headcount', source_plan.headcount,
                'resources', source_plan.resources,
                'planned_programmes', source_plan.planned_programmes) END,
            job, asked_by)
        ON CONFLICT ON CONSTRAINT review_once DO NOTHING
        RETURNING id INTO new_id;
        IF new_id IS NOT NULL THEN
            INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
            VALUES ('quarterly_review', new_id, m.unit_id, m.bu_id,
                    format('Quarterly review %s %s/%s: %s', fiscal_quarter, m.unit, m.segment, replace(new_status, '_', ' ')));
            RETURN NEXT new_id;
        END IF;
    END LOOP;
END
$_$;

ALTER FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text, by_time_zone boolean, job bigint) OWNER TO mtl_owner;

CREATE FUNCTION mm.segment_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NEW.unit_id <> OLD.unit_id OR NEW.bu_id <> OLD.bu_id THEN
        RAISE EXCEPTION 'segment % cannot move to another unit or BU', OLD.code
            USING ERRCODE = 'check_violation', HINT = 'Deactivate it and add a new segment where it belongs.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.segment_before_update() OWNER TO mtl_owner;

CREATE FUNCTION mm.segment_gap_currency() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NEW.currency IS NULL THEN
        SELECT u.currency INTO NEW.currency FROM mm.segment s JOIN org.unit u ON u.id = s.unit_id WHERE s.id = NEW.segment_id;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mm.segment_gap_currency() OWNER TO mtl_owner;

CREATE FUNCTION mqa.acts_for_every_unit(who name) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (pg_has_role(who, 'mtl_scheduler'::name, 'MEMBER'::text) OR (pg_has_role(who, 'mtl_admin'::name, 'MEMBER'::text) AND (EXISTS (SELECT FROM org."grant" g WHERE ((g.role_name = acts_for_every_unit.who) AND (g.unit_id = org.hq()) AND (g.bu_id IS NULL))))));

ALTER FUNCTION mqa.acts_for_every_unit(who name) OWNER TO mtl_owner;

CREATE FUNCTION mqa.check_quality_job(args jsonb, caller name) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    extra text;
BEGIN
    SELECT string_agg(k, ', ' ORDER BY k) INTO extra FROM jsonb_object_keys(args) k WHERE k <> 'rule';
    IF extra IS NOT NULL THEN
        RAISE EXCEPTION 'quality.check takes the argument rule, not %', extra USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF args ? 'rule' AND jsonb_typeof(args -> 'rule') <> 'string' THEN
        RAISE EXCEPTION 'quality.check: rule is a rule code such as dg.lead_incomplete' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT mqa.acts_for_every_unit(caller) THEN
        RAISE EXCEPTION 'permission denied: % may not ask for quality checks', caller
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'HQ admins ask for them; the daily schedule quality.check runs them.';
    END IF;
    IF args ? 'rule' AND NOT EXISTS (SELECT FROM mqa.rule x WHERE x.code = args ->> 'rule') THEN
        RAISE EXCEPTION 'unknown quality rule %', quote_literal(args ->> 'rule') USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN args;
END
$$;

ALTER FUNCTION mqa.check_quality_job(args jsonb, caller name) OWNER TO mtl_owner;

CREATE FUNCTION mqa.keep_pack_schedule() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NEW.kind = 'region' AND NEW.time_zone IS NOT NULL THEN
        INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
        VALUES ('report.quarterly_pack:' || lower(NEW.code),
                format('Render and store %s''s quarterly report pack after each fiscal quarter closes.', NEW.code),
                'report.quarterly_pack', jsonb_build_object('unit', NEW.code), 'quarter-close + 1 day 07:00', NEW.time_zone, 'fire_once', 5)
        ON CONFLICT (name) DO UPDATE SET time_zone = EXCLUDED.time_zone;
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION mqa.keep_pack_schedule() OWNER TO mtl_owner;

CREATE FUNCTION mqa.settings_fit(defaults jsonb, settings jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((jsonb_typeof(settings) = 'object'::text) AND (NOT (EXISTS (SELECT FROM jsonb_each(settings_fit.settings) s(key, value) WHERE ((NOT (settings_fit.defaults ? s.key)) OR (jsonb_typeof((settings_fit.defaults -> s.key)) <> jsonb_typeof(s.value)))))));

ALTER FUNCTION mqa.settings_fit(defaults jsonb, settings jsonb) OWNER TO mtl_owner;

CREATE TABLE mqa.rule (
    code text NOT NULL,
    owner_schema name NOT NULL,
    title text NOT NULL,
    severity text NOT NULL,
    violations_view name NOT NULL,
    defaults jsonb DEFAULT '{}'::jsonb NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    last_checked_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT rule_code_check CHECK ((code ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT rule_code_in_owner CHECK ((split_part(code, '.'::text, 1) = (owner_schema)::text)),
    CONSTRAINT rule_defaults_check CHECK ((jsonb_typeof(defaults) = 'object'::text)),
    CONSTRAINT rule_settings_fit CHECK (mqa.settings_fit(defaults, settings)),
    CONSTRAINT rule_severity CHECK ((severity = ANY (ARRAY['info'::text, 'warning'::text, 'critical'::text]))),
    CONSTRAINT rule_title_check CHECK (((btrim(title) <> ''::text) AND (length(title) <= 200)))
);

ALTER TABLE ONLY mqa.rule FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.rule OWNER TO mtl_owner;

COMMENT ON TABLE mqa.rule IS 'Quality rules: registered by the module that owns each (code, title, severity, violations view, parameter defaults); HQ admins enable, disable and set their parameters.';

CREATE FUNCTION mqa.parameter(rule_code text, name text) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT ((r.defaults || r.settings) -> parameter.name)
    FROM mqa.rule r
   WHERE (r.code = parameter.rule_code);
END;

ALTER FUNCTION mqa.parameter(rule_code text, name text) OWNER TO mtl_owner;

CREATE FUNCTION mqa.refresh_scorecards(concurrent boolean DEFAULT true) RETURNS TABLE(name text, seconds numeric)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    view_name text;
    started timestamptz;
BEGIN
    IF NOT mqa.acts_for_every_unit(session_user) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins refresh the scorecards'
            USING ERRCODE = 'insufficient_privilege', HINT = 'The nightly scorecard.refresh job refreshes them, and so do imports and reviews.';
    END IF;
    FOREACH view_name IN ARRAY ARRAY['scorecard_activity', 'scorecard_lead'] LOOP
        started := clock_timestamp();
        IF concurrent THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY reporting_private.%I', view_name);
        ELSE
            EXECUTE format('REFRESH MATERIALIZED VIEW reporting_private.%I', view_name);
        END IF;
        name := view_name;
        seconds := round(extract(epoch FROM clock_timestamp() - started)::numeric, 3);
        INSERT INTO reporting_private.refresh AS r (name, refreshed_at, seconds) VALUES (view_name, started, refresh_scorecards.seconds)
        ON CONFLICT ON CONSTRAINT refresh_pkey DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, seconds = EXCLUDED.seconds;
        RETURN NEXT;
    END LOOP;
    PERFORM mqa.freeze_closed_quarters();
END
$$;

ALTER FUNCTION mqa.refresh_scorecards(concurrent boolean) OWNER TO mtl_owner;

CREATE FUNCTION mqa.refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A closed quarter''s scorecard stays as it was frozen; later changes show as restatements (reporting.fct_scorecard_restatement).';
END
$$;

ALTER FUNCTION mqa.refuse_change() OWNER TO mtl_owner;

CREATE FUNCTION mqa.run_checks(only_rule text DEFAULT NULL::text) RETURNS TABLE(rule_code text, violations integer, opened integer, reopened integer, resolved integer, failure text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET lock_timeout TO '30s'
    AS $_$
DECLARE
    r mqa.rule;
BEGIN
    IF NOT mqa.acts_for_every_unit(session_user) THEN
        RAISE EXCEPTION 'only the scheduler and HQ admins run the quality checks'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The daily quality.check job runs them; the findings of your units are in mqa.finding.';
    END IF;
    IF only_rule IS NOT NULL AND NOT EXISTS (SELECT FROM mqa.rule x WHERE x.code = only_rule) THEN
        RAISE EXCEPTION 'unknown quality rule %', quote_literal(only_rule)
            USING ERRCODE = 'no_data_found', HINT = 'The rules are listed in mqa.rule.';
    END IF;
    -- One check at a time: two would race to resolve and reopen the same findings. People may
    -- take no lock on mqa.rule that conflicts with this one.
    LOCK TABLE mqa.rule IN SHARE UPDATE EXCLUSIVE MODE;
    FOR r IN SELECT * FROM mqa.rule x WHERE x.enabled AND (only_rule IS NULL OR x.code = only_rule) ORDER BY x.code LOOP
        rule_code := r.code;
        failure := NULL;
        BEGIN
            EXECUTE format($check$
                WITH v AS (
                    SELECT DISTINCT ON (x.subject_kind, x.subject_id)
                           x.subject_kind, x.subject_id, x.unit_id, x.bu_id, coalesce(x.details, '{}') AS details
                    FROM %I.%I x ORDER BY x.subject_kind, x.subject_id),
                known AS (SELECT f.id, f.subject_kind, f.subject_id, f.state, f.details, f.unit_id, f.bu_id
                          FROM mqa.finding f WHERE f.rule_code = $1),
                fresh AS (
                    INSERT INTO mqa.finding (rule_code, subject_kind, subject_id, unit_id, bu_id, details)
                    SELECT $1, v.subject_kind, v.subject_id, v.unit_id, v.bu_id, v.details FROM v
                    WHERE NOT EXISTS (SELECT FROM known k WHERE k.subject_kind = v.subject_kind AND k.subject_id = v.subject_id)
                    ON CONFLICT ON CONSTRAINT finding_once DO NOTHING
                    RETURNING 1),
                changed AS (
                    SELECT k.id, v.details, v.unit_id, v.bu_id, k.state = 'resolved' AS reopen
                    FROM v JOIN known k ON k.subject_kind = v.subject_kind AND k.subject_id = v.subject_id
                    WHERE k.state = 'resolved' OR k.details IS DISTINCT FROM v.details
                       OR k.unit_id <> v.unit_id OR k.bu_id IS DISTINCT FROM v.bu_id),
                changeable AS (SELECT f.id FROM mqa.finding f WHERE f.id IN (SELECT c.id FROM changed c) FOR UPDATE SKIP LOCKED),
                touched AS (
                    UPDATE mqa.finding f
                    SET state = CASE WHEN c.reopen THEN 'open' ELSE f.state END,
                        times_opened = f.times_opened + CASE WHEN c.reopen THEN 1 ELSE 0 END,
                        details = c.details, unit_id = c.unit_id, bu_id = c.bu_id
                    FROM changed c WHERE f.id = c.id AND f.id IN (SELECT x.id FROM changeable x)
                    RETURNING c.reopen),
                gone AS (
                    SELECT f.id FROM mqa.finding f
                    WHERE f.rule_code = $1 AND f.state <> 'resolved'
                      AND NOT EXISTS (SELECT FROM v WHERE v.subject_kind = f.subject_kind AND v.subject_id = f.subject_id)
                    FOR UPDATE SKIP LOCKED),
                resolving AS (UPDATE mqa.finding f SET state = 'resolved' WHERE f.id IN (SELECT g.id FROM gone g) RETURNING 1)
                SELECT (SELECT count(*) FROM v)::integer, (SELECT count(*) FROM fresh)::integer,
                       (SELECT count(*) FROM touched WHERE reopen)::integer, (SELECT count(*) FROM resolving)::integer
                $check$, r.owner_schema, r.violations_view)
                INTO violations, opened, reopened, resolved USING r.code;
            UPDATE mqa.rule x SET last_checked_at = now() WHERE x.code = r.code;
        EXCEPTION WHEN OTHERS THEN
            violations := NULL;
            opened := 0;
            reopened := 0;
            resolved := 0;
            failure := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$_$;

ALTER FUNCTION mqa.run_checks(only_rule text) OWNER TO mtl_owner;

CREATE FUNCTION mqa.scorecard_stale() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM scheduler.insert_job('scorecard.refresh', '{}', 'default', 0::smallint, now() + interval '1 minute', 3,
                                 'after-change', false, session_user);
    RETURN NULL;
END
$$;

ALTER FUNCTION mqa.scorecard_stale() OWNER TO mtl_owner;

CREATE FUNCTION mqa.store_pack(unit_code text, fiscal_year integer, quarter integer, title text, html text, job bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    stored bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'mtl_scheduler', 'MEMBER') THEN
        RAISE EXCEPTION 'only the scheduler stores report packs' USING ERRCODE = 'insufficient_privilege',
            HINT = 'Each region''s pack is rendered after its quarter closes (schedule report.quarterly_pack:<region>).';
    END IF;
    INSERT INTO mqa.report_pack (unit_id, fiscal_year, quarter, title, html, job_id)
    SELECT u.id, store_pack.fiscal_year, store_pack.quarter, store_pack.title, store_pack.html, store_pack.job
    FROM org.unit u WHERE u.code = store_pack.unit_code
    ON CONFLICT ON CONSTRAINT report_pack_once DO NOTHING
    RETURNING id INTO stored;
    RETURN stored;
END
$$;

ALTER FUNCTION mqa.store_pack(unit_code text, fiscal_year integer, quarter integer, title text, html text, job bigint) OWNER TO mtl_owner;

CREATE FUNCTION mqa.waiver_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    target mqa.finding;
BEGIN
    SELECT * INTO target FROM mqa.finding f WHERE f.id = NEW.finding_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.unit_id := target.unit_id;
    NEW.bu_id := target.bu_id;
    NEW.finding_occurrence := target.times_opened;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF target.state NOT IN ('open', 'acknowledged') THEN
        RAISE EXCEPTION 'finding % is %; only an open or acknowledged finding is waived', target.id, target.state
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION mqa.waiver_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION mqa.waiver_open_request() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO approval.request (kind, subject_id, unit_id, bu_id, title)
    SELECT 'finding_waiver', NEW.id, NEW.unit_id, NEW.bu_id,
           format('Waive finding %s (%s, %s %s): %s', f.id, f.rule_code, f.subject_kind, f.subject_id, left(NEW.reason, 120))
    FROM mqa.finding f WHERE f.id = NEW.finding_id;
    RETURN NULL;
END
$$;

ALTER FUNCTION mqa.waiver_open_request() OWNER TO mtl_owner;

CREATE FUNCTION mqa.waiver_request_outcome(subject_id bigint, outcome text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    asked mqa.waiver;
BEGIN
    UPDATE mqa.waiver w SET state = outcome WHERE w.id = subject_id AND w.state = 'submitted'
    RETURNING w.* INTO asked;
    IF FOUND AND outcome = 'approved' THEN
        UPDATE mqa.finding f SET state = 'waived'
        WHERE f.id = asked.finding_id AND f.state IN ('open', 'acknowledged') AND f.times_opened = asked.finding_occurrence
          AND f.unit_id = asked.unit_id AND f.bu_id IS NOT DISTINCT FROM asked.bu_id;
    END IF;
END
$$;

ALTER FUNCTION mqa.waiver_request_outcome(subject_id bigint, outcome text) OWNER TO mtl_owner;

CREATE TABLE mqa.waiver (
    id bigint NOT NULL,
    finding_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    reason text NOT NULL,
    finding_occurrence integer NOT NULL,
    state text DEFAULT 'submitted'::text NOT NULL,
    requested_by name DEFAULT SESSION_USER NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT waiver_reason_check CHECK (((btrim(reason) <> ''::text) AND (length(reason) <= 2000))),
    CONSTRAINT waiver_state CHECK ((state = ANY (ARRAY['submitted'::text, 'approved'::text, 'rejected'::text, 'withdrawn'::text])))
);

ALTER TABLE ONLY mqa.waiver FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.waiver OWNER TO mtl_owner;

COMMENT ON TABLE mqa.waiver IS 'Requests to waive a finding, with the reason; decided through approval.request (kind finding_waiver) by an approver other than the requester.';

CREATE FUNCTION mqa.waiver_request_subject(subject_id bigint) RETURNS TABLE(state text, unit_id bigint, bu_id bigint)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT w.state,
     w.unit_id,
     w.bu_id
    FROM mqa.waiver w
   WHERE (w.id = waiver_request_subject.subject_id);
END;

ALTER FUNCTION mqa.waiver_request_subject(subject_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION org.subtree(roots bigint[]) RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(u.id ORDER BY u.id), '{}'::bigint[]) AS "coalesce"
    FROM org.unit u
   WHERE (u.path && subtree.roots);
END;

ALTER FUNCTION org.subtree(roots bigint[]) OWNER TO mtl_owner;

CREATE FUNCTION org.admin_units_of(who name) RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN ( SELECT r.rolsuper
                FROM pg_roles r
               WHERE (r.rolname = admin_units_of.who)) THEN ARRAY( SELECT u.id
                FROM org.unit u)
             WHEN (NOT pg_has_role(who, 'mtl_admin'::name, 'MEMBER'::text)) THEN '{}'::bigint[]
             ELSE org.subtree(ARRAY( SELECT g.unit_id
                FROM org."grant" g
               WHERE ((g.bu_id IS NULL) AND pg_has_role(admin_units_of.who, (to_regrole(quote_ident((g.role_name)::text)))::oid, 'MEMBER'::text))))
         END AS subtree;
END;

ALTER FUNCTION org.admin_units_of(who name) OWNER TO mtl_owner;

CREATE FUNCTION org.admit_capability() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    target record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = NEW.group_role) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', NEW.group_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_auth_members m WHERE m.roleid = 'mtl_login'::regrole AND m.member = NEW.group_role::regrole) THEN
        EXECUTE format('GRANT mtl_login TO %I', NEW.group_role);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA org TO %I', NEW.group_role);
    EXECUTE format('GRANT SELECT ON org.effective_grant TO %I', NEW.group_role);
    FOR target IN
        SELECT p.polname, c.oid::regclass AS rel,
               ARRAY(SELECT quote_ident(r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles)) AS roles
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.relnamespace = 'org'::regnamespace AND p.polname IN ('read_all', 'read_own')
          AND NOT NEW.group_role::regrole::oid = ANY (p.polroles)
    LOOP
        EXECUTE format('ALTER POLICY %I ON %s TO %s', target.polname, target.rel,
                       array_to_string(target.roles || quote_ident(NEW.group_role), ', '));
        EXECUTE format('GRANT SELECT ON %s TO %I', target.rel, NEW.group_role);
    END LOOP;
    FOR target IN
        SELECT p.oid::regprocedure AS fn
        FROM pg_proc p, aclexplode(p.proacl) a
        WHERE p.pronamespace = 'org'::regnamespace AND a.grantee = 'mtl_reader'::regrole AND a.privilege_type = 'EXECUTE'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', target.fn, NEW.group_role);
    END LOOP;
    RETURN NULL;
END
$$;

ALTER FUNCTION org.admit_capability() OWNER TO mtl_owner;

CREATE FUNCTION org.apply_bi_login_settings(login name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    setting text;
BEGIN
    FOREACH setting IN ARRAY org.bi_login_settings() LOOP
        IF NOT EXISTS (SELECT FROM pg_db_role_setting s
                       WHERE s.setrole = to_regrole(quote_ident(login)) AND s.setdatabase = 0 AND setting = ANY (s.setconfig)) THEN
            EXECUTE format('ALTER ROLE %I SET %s = %L', login, split_part(setting, '=', 1), split_part(setting, '=', 2));
        END IF;
    END LOOP;
END
$$;

ALTER FUNCTION org.apply_bi_login_settings(login name) OWNER TO mtl_owner;

CREATE FUNCTION org.bi_login_settings() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN ARRAY['statement_timeout=60s'::text, 'default_transaction_read_only=on'::text, 'idle_in_transaction_session_timeout=5min'::text];

ALTER FUNCTION org.bi_login_settings() OWNER TO mtl_owner;

CREATE FUNCTION org.caller() RETURNS name
    LANGUAGE sql STABLE
    RETURN (COALESCE(NULLIF(current_setting('role'::text), 'none'::text), (SESSION_USER)::text))::name;

ALTER FUNCTION org.caller() OWNER TO mtl_owner;

CREATE FUNCTION org.check_user_name(user_name text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
BEGIN
    IF user_name IS NULL OR user_name !~ '^[a-z][a-z0-9_.@-]*$' OR octet_length(user_name) > 63 THEN
        RAISE EXCEPTION 'invalid user name %', quote_literal(coalesce(user_name, ''))
            USING ERRCODE = 'invalid_name',
                  HINT = 'A user name starts with a lower-case letter and has at most 63 of a-z, 0-9, _ . @ -.';
    END IF;
    IF user_name LIKE 'mtl\_%' OR user_name LIKE 'pg\_%' THEN
        RAISE EXCEPTION 'user name % is reserved', quote_literal(user_name)
            USING ERRCODE = 'reserved_name', HINT = 'Names starting with mtl_ or pg_ are kept for system roles.';
    END IF;
END
$_$;

ALTER FUNCTION org.check_user_name(user_name text) OWNER TO mtl_owner;

CREATE FUNCTION org.create_user(user_name text, capability text, unit_code text, bu_code text DEFAULT NULL::text, password_verifier text DEFAULT NULL::text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    home org.unit;
    bu bigint;
    group_role name;
BEGIN
    PERFORM org.check_user_name(user_name);
    SELECT c.group_role INTO group_role FROM org.capability c WHERE c.code = capability;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown role %', quote_literal(coalesce(capability, ''))
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ' || (SELECT string_agg(c.code, ', ' ORDER BY c.position, c.code) FROM org.capability c) || '.';
    END IF;
    home := org.require_admin_of(unit_code, 'create users');
    IF capability = 'scheduler' AND (home.parent_id IS NOT NULL OR bu_code IS NOT NULL) THEN
        RAISE EXCEPTION 'a scheduler login belongs to HQ for every BU'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use --unit HQ without --bu.';
    END IF;
    IF bu_code IS NOT NULL THEN
        SELECT b.id INTO bu FROM org.business_unit b WHERE b.code = bu_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown business unit %', bu_code
                USING ERRCODE = 'no_data_found', HINT = 'See the BUs with: mtl bu list';
        END IF;
    END IF;
    IF EXISTS (SELECT FROM pg_roles r WHERE r.rolname = user_name) THEN
        RAISE EXCEPTION 'a role named % already exists', quote_literal(user_name)
            USING ERRCODE = 'duplicate_object';
    END IF;
    IF password_verifier IS NOT NULL AND password_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the password must be given as a SCRAM-SHA-256 verifier, never as plain text'
            USING ERRCODE = 'invalid_password';
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE %I',
                   user_name, group_role);
    IF password_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', user_name, password_verifier);
    END IF;
    INSERT INTO org.user_account (role_name, capability, home_unit_id, created_by)
    VALUES (user_name, capability, home.id, org.caller());
    INSERT INTO org.grant (role_name, unit_id, bu_id, granted_by)
    VALUES (user_name, home.id, bu, org.caller());
    IF capability = 'bi' THEN
        PERFORM org.apply_bi_login_settings(user_name);
    END IF;
END
$_$;

ALTER FUNCTION org.create_user(user_name text, capability text, unit_code text, bu_code text, password_verifier text) OWNER TO mtl_owner;

CREATE FUNCTION org.csv_cell(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN ((value ~ '^[=+@\t\r-]'::text) AND (value !~ '^-?[0-9]+(\.[0-9]+)?$'::text)) THEN (''''::text || value) ELSE value END;

ALTER FUNCTION org.csv_cell(value text) OWNER TO mtl_owner;

CREATE FUNCTION org.disable_user(user_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    account org.user_account := org.require_account(user_name, 'disable users');
BEGIN
    IF account.role_name = org.caller() THEN
        RAISE EXCEPTION 'you cannot disable your own account'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Ask another admin.';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', account.role_name);
    UPDATE org.user_account SET disabled_at = now(), disabled_by = org.caller()
    WHERE role_name = account.role_name AND disabled_at IS NULL;
END
$$;

ALTER FUNCTION org.disable_user(user_name text) OWNER TO mtl_owner;

CREATE FUNCTION org.enable_user(user_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    account org.user_account := org.require_account(user_name, 'enable users');
BEGIN
    EXECUTE format('ALTER ROLE %I LOGIN', account.role_name);
    UPDATE org.user_account SET disabled_at = NULL, disabled_by = NULL WHERE role_name = account.role_name;
END
$$;

ALTER FUNCTION org.enable_user(user_name text) OWNER TO mtl_owner;

CREATE FUNCTION org.enforce_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    machine_name text := TG_ARGV[0];
    allowed org.state_transition;
    choices text;
BEGIN
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;
    SELECT * INTO allowed FROM org.state_transition t
    WHERE t.machine = machine_name AND t.from_state = OLD.state AND t.to_state = NEW.state;
    IF NOT FOUND THEN
        SELECT string_agg(format('%s (%s)', t.to_state, t.how), ', ' ORDER BY t.to_state) INTO choices
        FROM org.state_transition t WHERE t.machine = machine_name AND t.from_state = OLD.state;
        RAISE EXCEPTION 'invalid % state change: % → %', machine_name, OLD.state, NEW.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE WHEN choices IS NULL THEN format('A %s that is %s is final.', machine_name, OLD.state)
                              ELSE format('From %s it can become: %s.', OLD.state, choices) END;
    END IF;
    IF allowed.automatic AND current_user <> 'mtl_owner' THEN
        RAISE EXCEPTION '% cannot be made % by hand', machine_name, NEW.state
            USING ERRCODE = 'insufficient_privilege', HINT = format('It becomes %s when %s.', NEW.state, allowed.how);
    END IF;
    NEW.state_changed_at := now();
    NEW.state_changed_by := session_user;
    RETURN NEW;
END
$$;

ALTER FUNCTION org.enforce_transition() OWNER TO mtl_owner;

CREATE FUNCTION org.fiscal_quarter_next(fiscal_year integer, quarter integer, OUT next_fiscal_year integer, OUT next_quarter integer) RETURNS record
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT q.fiscal_year,
     q.quarter
    FROM org.fiscal_quarter_of(upper(org.fiscal_quarter_dates(fiscal_quarter_next.fiscal_year, fiscal_quarter_next.quarter))) q(fiscal_year, quarter);
END;

ALTER FUNCTION org.fiscal_quarter_next(fiscal_year integer, quarter integer, OUT next_fiscal_year integer, OUT next_quarter integer) OWNER TO mtl_owner;

CREATE FUNCTION org.visible_unit_bus() RETURNS org.unit_bu[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(DISTINCT ROW(u.id, g.bu_id)::org.unit_bu), '{}'::org.unit_bu[]) AS "coalesce"
    FROM (org.effective_grant g
      JOIN org.unit u ON ((u.path @> ARRAY[g.unit_id])))
   WHERE (g.bu_id IS NOT NULL);
END;

ALTER FUNCTION org.visible_unit_bus() OWNER TO mtl_owner;

CREATE FUNCTION org.visible_units_all_bus() RETURNS bigint[]
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT COALESCE(array_agg(u.id ORDER BY u.id), '{}'::bigint[]) AS "coalesce"
    FROM org.unit u
   WHERE (u.path && ARRAY( SELECT g.unit_id
            FROM org.effective_grant g
           WHERE (g.bu_id IS NULL)));
END;

ALTER FUNCTION org.visible_units_all_bus() OWNER TO mtl_owner;

CREATE FUNCTION org.in_write_scope(unit_id bigint, bu_id bigint) RETURNS boolean
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT ((unit_id = ANY (org.visible_units())) AND ((unit_id = ANY (org.visible_units_all_bus())) OR ((bu_id IS NOT NULL) AND (ROW(unit_id, bu_id)::org.unit_bu = ANY (org.visible_unit_bus())))));
END;

ALTER FUNCTION org.in_write_scope(unit_id bigint, bu_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION org.is_hq_admin() RETURNS boolean
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT (pg_has_role(CURRENT_USER, 'mtl_admin'::name, 'MEMBER'::text) AND (org.hq() = ANY (org.visible_units_all_bus())));
END;

ALTER FUNCTION org.is_hq_admin() OWNER TO mtl_owner;

CREATE FUNCTION org.is_person(who name) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN COALESCE((SELECT (r.rolcanlogin AND (NOT r.rolsuper) AND (NOT r.rolbypassrls) AND (pg_has_role(r.oid, 'mtl_reader'::name, 'MEMBER'::text) OR pg_has_role(r.oid, 'mtl_login'::name, 'MEMBER'::text))) FROM pg_roles r WHERE (r.rolname = is_person.who)), false);

ALTER FUNCTION org.is_person(who name) OWNER TO mtl_owner;

CREATE FUNCTION org.is_unrestricted(who name) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN ((who = 'mtl_owner'::name) OR COALESCE((SELECT r.rolsuper FROM pg_roles r WHERE (r.rolname = is_unrestricted.who)), false));

ALTER FUNCTION org.is_unrestricted(who name) OWNER TO mtl_owner;

CREATE FUNCTION org.protect_system_columns(target regclass, state_machine boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    grantee_role text;
    privilege text;
    allowed text;
BEGIN
    -- The roles that may insert or update the table or any of its columns (so that calling this
    -- again, after a migration added a column, grants the new column too).
    FOR grantee_role, privilege IN
        SELECT DISTINCT r.rolname::text, a.privilege_type
        FROM (SELECT c.relacl AS acl FROM pg_class c WHERE c.oid = target
              UNION ALL SELECT t.attacl FROM pg_attribute t WHERE t.attrelid = target AND t.attacl IS NOT NULL) x,
             aclexplode(x.acl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE a.privilege_type IN ('INSERT', 'UPDATE')
          AND r.rolname IN ('mtl_reader', 'mtl_editor', 'mtl_approver', 'mtl_admin', 'mtl_bi', 'mtl_scheduler')
    LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO allowed
        FROM pg_attribute a
        WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = ''
          AND NOT a.attname = ANY (org.system_column_names())
          AND NOT (state_machine AND privilege = 'INSERT' AND a.attname = 'state');
        EXECUTE format('REVOKE %s ON %s FROM %I', privilege, target, grantee_role);
        EXECUTE format('GRANT %s (%s) ON %s TO %I', privilege, allowed, target, grantee_role);
    END LOOP;
END
$$;

ALTER FUNCTION org.protect_system_columns(target regclass, state_machine boolean) OWNER TO mtl_owner;

CREATE FUNCTION org.refuse_out_of_scope(table_name text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION 'new row violates row-level security policy for table "%"', table_name
        USING ERRCODE = 'insufficient_privilege';
END
$$;

ALTER FUNCTION org.refuse_out_of_scope(table_name text) OWNER TO mtl_owner;

CREATE TABLE org.user_account (
    role_name name NOT NULL,
    capability text NOT NULL,
    home_unit_id bigint NOT NULL,
    created_by name NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    disabled_at timestamp with time zone,
    disabled_by name
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org.user_account FORCE ROW LEVEL SECURITY;

ALTER TABLE org.user_account OWNER TO mtl_owner;

COMMENT ON TABLE org.user_account IS 'People: one LOGIN role each. Created and disabled only through org.create_user() and org.disable_user().';

CREATE FUNCTION org.require_account(user_name text, action text) RETURNS org.user_account
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    account org.user_account;
BEGIN
    SELECT * INTO account FROM org.user_account a WHERE a.role_name = user_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown user %', quote_literal(coalesce(user_name, ''))
            USING ERRCODE = 'no_data_found', HINT = 'See the users with: mtl user list';
    END IF;
    IF NOT account.home_unit_id = ANY (org.admin_units_of(org.caller())) THEN
        RAISE EXCEPTION 'permission denied: % cannot %: % is not in a unit you administer', org.caller(), action, quote_literal(user_name)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only admins whose grants cover a person''s home unit (for every BU) manage their account.';
    END IF;
    RETURN account;
END
$$;

ALTER FUNCTION org.require_account(user_name text, action text) OWNER TO mtl_owner;

CREATE FUNCTION org.require_admin_of(unit_code text, action text) RETURNS org.unit
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    target org.unit;
BEGIN
    SELECT * INTO target FROM org.unit u WHERE u.code = unit_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown unit %', unit_code
            USING ERRCODE = 'no_data_found', HINT = 'See the units with: mtl org list';
    END IF;
    IF NOT target.id = ANY (org.admin_units_of(org.caller())) THEN
        RAISE EXCEPTION 'permission denied: % cannot % in unit %', org.caller(), action, unit_code
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only admins whose grants cover a unit (for every BU) manage its users.';
    END IF;
    RETURN target;
END
$$;

ALTER FUNCTION org.require_admin_of(unit_code text, action text) OWNER TO mtl_owner;

CREATE FUNCTION org.require_write_scope(table_name text, unit_id bigint, bu_id bigint) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF org.is_unrestricted(current_user) THEN
        RETURN;
    END IF;
    IF unit_id IS NULL OR NOT coalesce(org.in_write_scope(unit_id, bu_id), false) THEN
        PERFORM org.refuse_out_of_scope(table_name);
    END IF;
END
$$;

ALTER FUNCTION org.require_write_scope(table_name text, unit_id bigint, bu_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION org.scope_condition(unit_column name, bu_column name, writing boolean) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN (format('%I = ANY ((SELECT org.visible_units())::bigint[])'::text, unit_column) || CASE WHEN (bu_column IS NULL) THEN ''::text ELSE format(' AND ((SELECT org.sees_every_bu()) OR %3$s%1$I = ANY ((SELECT org.visible_units_all_bus())::bigint[]) OR ROW(%1$I, %2$I)::org.unit_bu = ANY ((SELECT org.visible_unit_bus())::org.unit_bu[]))'::text, unit_column, bu_column, CASE WHEN writing THEN ''::text ELSE format('%I IS NULL OR '::text, bu_column) END) END);

ALTER FUNCTION org.scope_condition(unit_column name, bu_column name, writing boolean) OWNER TO mtl_owner;

CREATE FUNCTION org.secure_database() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM mtl_bi', current_database());
    -- mtl_login: the group roles of capabilities that modules register (V0036).
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO mtl_reader, mtl_bi, mtl_scheduler, mtl_login', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO mtl_reader, mtl_scheduler, mtl_owner', current_database());
    EXECUTE format('GRANT CREATE ON DATABASE %I TO mtl_owner', current_database());
END
$$;

ALTER FUNCTION org.secure_database() OWNER TO postgres;

COMMENT ON FUNCTION org.secure_database() IS 'Sets the database''s privileges (connect: mtl roles only; no temporary tables for BI). Run by the database''s owner after a clone or a restore.';

CREATE FUNCTION org.secure_reference_table(target regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY owner_all ON %s TO mtl_owner USING (true) WITH CHECK (true)', target);
    EXECUTE format('CREATE POLICY read_all ON %s FOR SELECT TO mtl_reader, mtl_bi USING (true)', target);
    EXECUTE format('CREATE POLICY hq_admin_write ON %s FOR ALL TO mtl_admin '
                   'USING ((SELECT org.is_hq_admin())) WITH CHECK ((SELECT org.is_hq_admin()))', target);
    EXECUTE format('GRANT SELECT ON %s TO mtl_reader, mtl_bi', target);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO mtl_admin', target);
    PERFORM audit.track(target, NULL, NULL);
END
$$;

ALTER FUNCTION org.secure_reference_table(target regclass) OWNER TO mtl_owner;

CREATE FUNCTION org.secure_tenant_table(target regclass, unit_column name DEFAULT 'unit_id'::name, bu_column name DEFAULT NULL::name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    read_scope text := org.scope_condition(unit_column, bu_column, false);
    write_scope text := org.scope_condition(unit_column, bu_column, true);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY owner_all ON %s TO mtl_owner USING (true) WITH CHECK (true)', target);
    EXECUTE format('CREATE POLICY read_in_scope ON %s FOR SELECT TO mtl_reader, mtl_bi USING (%s)', target, read_scope);
    EXECUTE format('CREATE POLICY insert_in_scope ON %s FOR INSERT TO mtl_editor WITH CHECK (%s)', target, write_scope);
    EXECUTE format('CREATE POLICY update_in_scope ON %s FOR UPDATE TO mtl_editor USING (%s) WITH CHECK (%s)', target, write_scope, write_scope);
    EXECUTE format('CREATE POLICY delete_in_scope ON %s FOR DELETE TO mtl_editor USING (%s)', target, write_scope);
    -- BI roles get SELECT for the reporting views (security_invoker) but no USAGE on the
    -- domain schemas, so they cannot name the table directly.
    EXECUTE format('GRANT SELECT ON %s TO mtl_reader, mtl_bi', target);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO mtl_editor', target);
    PERFORM audit.track(target, unit_column, bu_column);
END
$$;

ALTER FUNCTION org.secure_tenant_table(target regclass, unit_column name, bu_column name) OWNER TO mtl_owner;

CREATE FUNCTION org.sees_every_bu() RETURNS boolean
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT (org.visible_units() <@ org.visible_units_all_bus());
END;

ALTER FUNCTION org.sees_every_bu() OWNER TO mtl_owner;

CREATE FUNCTION org.stamp_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_NARGS > 1 THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now(), TG_ARGV[1], session_user));
    ELSE
        NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], now()));
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION org.stamp_change() OWNER TO mtl_owner;

CREATE FUNCTION org.system_column_names() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN ARRAY['created_at'::text, 'created_by'::text, 'state_changed_at'::text, 'state_changed_by'::text, 'submitted_at'::text, 'submitted_by'::text, 'closed_at'::text, 'decided_at'::text, 'decided_by'::text, 'requested_at'::text, 'requested_by'::text, 'imported_at'::text, 'imported_by'::text, 'scored_at'::text, 'scored_by'::text, 'updated_at'::text, 'updated_by'::text, 'granted_at'::text, 'granted_by'::text, 'published_at'::text, 'handed_off_at'::text, 'sla_due_at'::text, 'responded_at'::text, 'flagged_at'::text, 'disabled_at'::text, 'disabled_by'::text];

ALTER FUNCTION org.system_column_names() OWNER TO mtl_owner;

CREATE FUNCTION org.time_zone_unit(unit_id bigint) RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT u.id
    FROM org.unit u
   WHERE (u.id = time_zone_unit.unit_id);
END;

ALTER FUNCTION org.time_zone_unit(unit_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION org.unit_after_move() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE org.unit SET path = '{}' WHERE parent_id = NEW.id;
    RETURN NULL;
END
$$;

ALTER FUNCTION org.unit_after_move() OWNER TO mtl_owner;

CREATE FUNCTION org.unit_before_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    reference record;
    found boolean;
BEGIN
    FOR reference IN
        SELECT c.conrelid::regclass AS tab, a.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.confrelid = 'org.unit'::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1
    LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM %s WHERE %I = $1)', reference.tab, reference.attname)
            INTO found USING OLD.id;
        IF found THEN
            RAISE EXCEPTION 'unit % owns rows in %; it cannot be deleted', OLD.code, reference.tab
                USING ERRCODE = 'foreign_key_violation',
                      HINT = format('Deactivate it instead: mtl org deactivate %s', OLD.code);
        END IF;
    END LOOP;
    RETURN OLD;
END
$_$;

ALTER FUNCTION org.unit_before_delete() OWNER TO mtl_owner;

CREATE FUNCTION org.unit_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    parent org.unit;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kind <> OLD.kind THEN
        RAISE EXCEPTION 'the kind of unit % cannot change (it is a %)', OLD.code, OLD.kind;
    END IF;
    IF NEW.parent_id IS NOT NULL THEN
        SELECT * INTO parent FROM org.unit WHERE id = NEW.parent_id;
        IF NEW.parent_id = NEW.id OR NEW.id = ANY (parent.path) THEN
            RAISE EXCEPTION 'unit % cannot be its own ancestor', NEW.code
                USING ERRCODE = 'check_violation';
        END IF;
        IF (NEW.kind, parent.kind) NOT IN (('region', 'hq'), ('country', 'region')) THEN
            RAISE EXCEPTION 'a % cannot belong to a % (%)', NEW.kind, parent.kind, parent.code
                USING ERRCODE = 'check_violation',
                      HINT = 'Regions belong to HQ; countries belong to a region.';
        END IF;
        IF NEW.active AND NOT parent.active THEN
            RAISE EXCEPTION 'unit % cannot be active under inactive unit %', NEW.code, parent.code
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.path := parent.path || NEW.id;
    ELSE
        NEW.path := ARRAY[NEW.id];
    END IF;

    IF NEW.kind = 'country' THEN
        IF TG_OP = 'INSERT' OR NEW.code <> OLD.code THEN
            IF NOT EXISTS (SELECT FROM org.iso_country c WHERE c.code = NEW.code) THEN
                RAISE EXCEPTION 'unknown country code %', NEW.code
                    USING ERRCODE = 'check_violation',
                          HINT = 'A country''s code is its ISO 3166-1 alpha-2 code, such as DE or BR.';
            END IF;
        END IF;
        IF NEW.name IS NULL THEN
            SELECT c.name INTO NEW.name FROM org.iso_country c WHERE c.code = NEW.code;
        END IF;
    ELSIF TG_OP = 'INSERT' OR NEW.code <> OLD.code THEN
        IF EXISTS (SELECT FROM org.iso_country c WHERE c.code = NEW.code) THEN
            RAISE EXCEPTION 'code % is an ISO country code; it is kept for the country', NEW.code
                USING ERRCODE = 'check_violation',
                      HINT = 'Give regions a code of their own, such as EMEA or APAC.';
        END IF;
    END IF;

    IF NEW.time_zone IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.time_zone IS DISTINCT FROM OLD.time_zone)
       AND NOT EXISTS (SELECT FROM pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone %', NEW.time_zone
            USING ERRCODE = 'check_violation',
                  HINT = 'Use an IANA time zone name, such as Europe/Berlin or Asia/Shanghai.';
    END IF;

    IF TG_OP = 'UPDATE' AND OLD.active AND NOT NEW.active
       AND EXISTS (SELECT FROM org.unit c WHERE c.parent_id = NEW.id AND c.active) THEN
        RAISE EXCEPTION 'unit % still has active units below it: %', NEW.code,
            (SELECT string_agg(c.code, ', ' ORDER BY c.code) FROM org.unit c WHERE c.parent_id = NEW.id AND c.active)
            USING ERRCODE = 'check_violation',
                  HINT = 'Deactivate those first.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION org.unit_before_write() OWNER TO mtl_owner;

CREATE FUNCTION org.unit_defaults() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    parent org.unit;
    country org.iso_country;
BEGIN
    SELECT * INTO parent FROM org.unit p WHERE p.id = NEW.parent_id;
    IF NEW.kind = 'country' THEN
        SELECT * INTO country FROM org.iso_country c WHERE c.code = NEW.code;
    END IF;
    NEW.time_zone := coalesce(NEW.time_zone, country.time_zone, parent.time_zone, 'UTC');
    NEW.currency := coalesce(NEW.currency, country.currency, parent.currency, 'USD');
    RETURN NEW;
END
$$;

ALTER FUNCTION org.unit_defaults() OWNER TO mtl_owner;

CREATE TABLE sce.seller (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    name text NOT NULL,
    email text,
    role_code text NOT NULL,
    login name,
    active boolean DEFAULT true NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT seller_email_check CHECK ((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text)),
    CONSTRAINT seller_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY sce.seller FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.seller OWNER TO mtl_owner;

COMMENT ON TABLE sce.seller IS 'Sellers to enable: a unit and BU, a seller role, and optionally their login (who records their uses, ratings and results).';

CREATE FUNCTION sce.about_seller(table_name text, named bigint) RETURNS sce.seller
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    seller sce.seller;
BEGIN
    IF named IS NULL OR named = sce.my_seller() THEN
        RETURN sce.require_my_seller(table_name);
    END IF;
    SELECT * INTO seller FROM sce.seller s WHERE s.id = named;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(table_name);
    END IF;
    PERFORM org.require_write_scope(table_name, seller.unit_id, seller.bu_id);
    RETURN seller;
END
$$;

ALTER FUNCTION sce.about_seller(table_name text, named bigint) OWNER TO mtl_owner;

CREATE FUNCTION sce.attendance_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    seller sce.seller := sce.about_seller(TG_TABLE_NAME, NEW.seller_id);
BEGIN
    NEW.seller_id := seller.id; NEW.unit_id := seller.unit_id; NEW.bu_id := seller.bu_id;
    NEW.recorded_by := org.caller(); NEW.created_at := now();
    IF NOT EXISTS (SELECT FROM sce.session s WHERE s.id = NEW.session_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.attendance_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION sce.count_use_or_rating() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    seller sce.seller;
    material sce.material;
    rater_unit bigint;
BEGIN
    IF TG_TABLE_NAME = 'material_use' THEN
        UPDATE sce.material m SET use_count = m.use_count + 1, last_used_at = NEW.used_at WHERE m.id = NEW.material_id;
        RETURN NULL;
    END IF;
    UPDATE sce.material m SET rating_count = m.rating_count + 1, rating_sum = m.rating_sum + (to_jsonb(NEW) ->> 'score')::integer
    WHERE m.id = NEW.material_id RETURNING * INTO material;
    SELECT * INTO seller FROM sce.seller s WHERE s.id = NEW.seller_id;
    -- The rater's country (or their unit, above country level).
    SELECT coalesce((SELECT c.id FROM org.unit c WHERE c.id = ANY (u.path) AND c.kind = 'country'), u.id) INTO rater_unit
    FROM org.unit u WHERE u.id = seller.unit_id;
    INSERT INTO sce.rating_tally AS t (material_id, unit_id, bu_id, role_code, rater_unit_id, ratings)
    VALUES (material.id, material.unit_id, material.bu_id, seller.role_code, rater_unit, 1)
    ON CONFLICT (material_id, role_code, rater_unit_id) DO UPDATE SET ratings = t.ratings + 1;
    RETURN NULL;
END
$$;

ALTER FUNCTION sce.count_use_or_rating() OWNER TO mtl_owner;

CREATE FUNCTION sce.exam_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.role_code, NEW.segment_id, NEW.material_id)
          IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.role_code, OLD.segment_id, OLD.material_id) THEN
        RAISE EXCEPTION 'exam % keeps its unit, BU, role, segment and material', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Add a new exam instead.';
    END IF;
    IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
       OR (NEW.material_id IS NOT NULL AND NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id)) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.exam_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.exam_result_before_confirm() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF OLD.confirmed OR NOT NEW.confirmed THEN
        RAISE EXCEPTION 'result % is %', OLD.id, CASE WHEN OLD.confirmed THEN 'confirmed already' ELSE 'confirmed by setting confirmed' END
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT FROM sce.seller s WHERE s.id = OLD.seller_id AND s.login = org.caller()) THEN
        RAISE EXCEPTION 'four-eyes: % recorded their own result % and cannot confirm it', org.caller(), OLD.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'An editor of the seller''s unit confirms it: mtl exam confirm ID.';
    END IF;
    NEW.confirmed_by := org.caller();
    NEW.confirmed_at := now();
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.exam_result_before_confirm() OWNER TO mtl_owner;

CREATE FUNCTION sce.exam_result_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    seller sce.seller := sce.about_seller(TG_TABLE_NAME, NEW.seller_id);
    exam sce.exam;
BEGIN
    NEW.seller_id := seller.id; NEW.unit_id := seller.unit_id; NEW.bu_id := seller.bu_id;
    NEW.recorded_by := org.caller(); NEW.created_at := now();
    SELECT * INTO exam FROM sce.exam e WHERE e.id = NEW.exam_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NEW.taken_on > current_date THEN
        RAISE EXCEPTION 'an exam is recorded once taken (% is in the future)', NEW.taken_on USING ERRCODE = 'check_violation';
    END IF;
    IF exam.role_code <> seller.role_code THEN
        RAISE EXCEPTION 'exam % certifies %; seller % is %', exam.code, exam.role_code, seller.id, seller.role_code
            USING ERRCODE = 'check_violation', HINT = 'Take an exam for your own seller role.';
    END IF;
    NEW.passed := NEW.score >= exam.pass_mark;
    -- Recorded by someone else (an editor of the seller's scope) it stands; recorded by the seller
    -- themselves it waits for someone else's confirmation.
    NEW.confirmed := seller.login IS DISTINCT FROM NEW.recorded_by;
    NEW.confirmed_by := CASE WHEN NEW.confirmed THEN NEW.recorded_by END;
    NEW.confirmed_at := CASE WHEN NEW.confirmed THEN now() END;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.exam_result_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION sce.exam_result_certify() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO sce.certification (seller_id, unit_id, bu_id, exam_id, result_id, role_code, segment_id, material_id, material_major,
                                   granted_on, expires_on)
    SELECT NEW.seller_id, NEW.unit_id, NEW.bu_id, e.id, NEW.id, e.role_code, e.segment_id, e.material_id,
           (SELECT max(v.major) FROM sce.material_version v WHERE v.material_id = e.material_id),
           NEW.taken_on, (NEW.taken_on + make_interval(months => e.validity_months))::date
    FROM sce.exam e WHERE e.id = NEW.exam_id;
    RETURN NULL;
END
$$;

ALTER FUNCTION sce.exam_result_certify() OWNER TO mtl_owner;

CREATE TABLE sce.material_use (
    id bigint NOT NULL,
    material_id bigint NOT NULL,
    version_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    seller_id bigint NOT NULL,
    scenario text,
    lead_id bigint,
    activity_id bigint,
    used_by name DEFAULT SESSION_USER NOT NULL,
    used_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY sce.material_use FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.material_use OWNER TO mtl_owner;

COMMENT ON TABLE sce.material_use IS 'Uses of materials by sellers: which version, scenario, lead or activity, when. Only a seller who used a version rates it.';

CREATE FUNCTION sce.has_used(seller bigint, version bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT (EXISTS ( SELECT
            FROM (sce.material_use u
              JOIN sce.seller s ON ((s.id = u.seller_id)))
           WHERE ((u.seller_id = has_used.seller) AND (u.version_id = has_used.version) AND (s.login = org.caller())))) AS "exists";
END;

ALTER FUNCTION sce.has_used(seller bigint, version bigint) OWNER TO mtl_owner;

CREATE FUNCTION sce.kit_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'kit % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.kit_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.kit_item_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kit_id IS DISTINCT FROM OLD.kit_id THEN
        RAISE EXCEPTION 'an item stays in its kit' USING ERRCODE = 'check_violation';
    END IF;
    SELECT k.unit_id, k.bu_id INTO NEW.unit_id, NEW.bu_id FROM sce.kit k WHERE k.id = NEW.kit_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF NEW.material_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id AND m.state = 'retired') THEN
            RAISE EXCEPTION 'material % is retired', NEW.material_id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.kit_item_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.material_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    parent sce.material;
    unit_path bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        SELECT CASE u.kind WHEN 'hq' THEN 'global' WHEN 'region' THEN 'regional' ELSE 'customised' END, u.path
        INTO NEW.tier, unit_path FROM org.unit u WHERE u.id = NEW.unit_id;
        NEW.rating_count := 0; NEW.rating_sum := 0; NEW.use_count := 0; NEW.last_used_at := NULL; NEW.published_at := NULL;
        NEW.editors := '{}';
        IF NEW.parent_id IS NOT NULL THEN
            SELECT * INTO parent FROM sce.material m WHERE m.id = NEW.parent_id;
            IF NOT FOUND THEN
                PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
            END IF;
            IF parent.state <> 'published' THEN
                RAISE EXCEPTION 'material % is %; materials derive from published ones', parent.id, parent.state USING ERRCODE = 'check_violation';
            END IF;
            IF NOT parent.unit_id = ANY (unit_path) THEN
                RAISE EXCEPTION 'a material derives from one of its own unit or a unit above it'
                    USING ERRCODE = 'check_violation', HINT = 'Customise a material in a unit below the one that owns it.';
            END IF;
            NEW.parent_major := (SELECT max(v.major) FROM sce.material_version v WHERE v.material_id = parent.id);
        ELSE
            NEW.parent_major := NULL;
        END IF;
        IF NEW.dg_asset_id IS NOT NULL AND NOT EXISTS (
               SELECT FROM dg.asset a JOIN org.unit u ON u.id = NEW.unit_id WHERE a.id = NEW.dg_asset_id AND a.unit_id = ANY (u.path)) THEN
            IF NOT EXISTS (SELECT FROM dg.asset a WHERE a.id = NEW.dg_asset_id) THEN
                PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
            END IF;
            RAISE EXCEPTION 'an asset is published as a material of its own unit or a unit below it' USING ERRCODE = 'check_violation';
        END IF;
        -- Without a location of its own, the material points at the asset's (sellers read no DG table).
        IF NEW.dg_asset_id IS NOT NULL AND NEW.uri IS NULL THEN
            SELECT a.uri INTO NEW.uri FROM dg.asset a WHERE a.id = NEW.dg_asset_id;
        END IF;
        IF (NEW.case_lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.case_lead_id))
           OR (NEW.case_activity_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.case_activity_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.case_lead_id AND l.state <> 'accepted')
           OR EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.case_activity_id AND a.state <> 'done') THEN
            RAISE EXCEPTION 'a success case is harvested from an accepted opportunity or a done activity' USING ERRCODE = 'check_violation';
        END IF;
    ELSE
        IF (NEW.unit_id, NEW.bu_id, NEW.parent_id, NEW.dg_asset_id, NEW.case_lead_id, NEW.case_activity_id)
           IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.parent_id, OLD.dg_asset_id, OLD.case_lead_id, OLD.case_activity_id) THEN
            RAISE EXCEPTION 'material % keeps its unit, BU, lineage and source', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.state = 'retired' THEN
            RAISE EXCEPTION 'material % is retired; it no longer changes', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.state = 'published' AND OLD.state <> 'published' THEN
            NEW.published_at := now();
        END IF;
        -- Whoever changes what it says becomes one of its authors (who do not rate it).
        IF (NEW.title, NEW.summary, NEW.kind, NEW.language, NEW.uri, NEW.stages, NEW.scenarios, NEW.roles, NEW.segment_ids, NEW.concept_package_ids)
           IS DISTINCT FROM (OLD.title, OLD.summary, OLD.kind, OLD.language, OLD.uri, OLD.stages, OLD.scenarios, OLD.roles, OLD.segment_ids,
                             OLD.concept_package_ids)
           AND org.caller() <> OLD.created_by AND NOT org.caller() = ANY (OLD.editors) THEN
            NEW.editors := OLD.editors || org.caller();
        ELSE
            NEW.editors := OLD.editors;
        END IF;
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.stages) c WHERE NOT EXISTS (SELECT FROM sce.sales_stage x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown sales stage in %', NEW.stages USING ERRCODE = 'foreign_key_violation',
            HINT = 'The stages are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.sales_stage) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.scenarios) c WHERE NOT EXISTS (SELECT FROM sce.scenario x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown scenario in %', NEW.scenarios USING ERRCODE = 'foreign_key_violation',
            HINT = 'The scenarios are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.scenario) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.roles) c WHERE NOT EXISTS (SELECT FROM sce.seller_role x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown seller role in %', NEW.roles USING ERRCODE = 'foreign_key_violation',
            HINT = 'The roles are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.seller_role) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.concept_package_ids) x WHERE NOT EXISTS (SELECT FROM mm.concept_package c WHERE c.id = x)) THEN
        RAISE EXCEPTION 'unknown concept package in %', NEW.concept_package_ids USING ERRCODE = 'foreign_key_violation',
            HINT = 'See a framework''s concept packages with: mtl framework concept list FY.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.segment_ids IS DISTINCT FROM OLD.segment_ids THEN
        IF EXISTS (SELECT FROM unnest(NEW.segment_ids) x WHERE NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = x)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM unnest(NEW.segment_ids) x JOIN mm.segment s ON s.id = x JOIN org.unit u ON u.id = NEW.unit_id
                   WHERE NOT (s.unit_id = ANY (u.path) OR EXISTS (SELECT FROM org.unit p WHERE p.id = s.unit_id AND NEW.unit_id = ANY (p.path)))) THEN
            RAISE EXCEPTION 'a material names segments of its unit, of a unit above it or below it' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.material_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.material_first_version() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (NEW.id, 1, 0, 'First version');
    RETURN NULL;
END
$$;

ALTER FUNCTION sce.material_first_version() OWNER TO mtl_owner;

CREATE FUNCTION sce.material_use_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    me sce.seller := sce.require_my_seller(TG_TABLE_NAME);
BEGIN
    -- Another seller's use is theirs to record.
    IF NEW.seller_id IS DISTINCT FROM me.id AND NEW.seller_id IS NOT NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.seller_id := me.id; NEW.unit_id := me.unit_id; NEW.bu_id := me.bu_id;
    NEW.used_by := org.caller(); NEW.used_at := now();
    IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id AND m.state = 'published') THEN
        RAISE EXCEPTION 'material % is not published', NEW.material_id USING ERRCODE = 'check_violation';
    END IF;
    -- What is used is the current version (so a person rates each version once, while it is current).
    IF NEW.version_id IS DISTINCT FROM (SELECT v.id FROM sce.material_version v WHERE v.material_id = NEW.material_id
                                        ORDER BY v.major DESC, v.minor DESC LIMIT 1) THEN
        RAISE EXCEPTION 'version % is not the current version of material %', NEW.version_id, NEW.material_id
            USING ERRCODE = 'check_violation', HINT = 'Sellers use the current version: mtl material use ID.';
    END IF;
    -- A lead or activity the caller cannot see (a seller login, without USAGE on dg, sees none):
    -- as RLS refuses.
    IF NEW.lead_id IS NOT NULL OR NEW.activity_id IS NOT NULL THEN
        IF NOT has_schema_privilege('dg', 'USAGE') THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id))
           OR (NEW.activity_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.activity_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.material_use_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION sce.material_version_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    material sce.material;
    current_version integer;
BEGIN
    SELECT * INTO material FROM sce.material m WHERE m.id = NEW.material_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, material.unit_id, material.bu_id);
    NEW.unit_id := material.unit_id;
    NEW.bu_id := material.bu_id;
    IF material.state = 'retired' THEN
        RAISE EXCEPTION 'material % is retired', material.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT max(v.major * 10000 + v.minor) INTO current_version FROM sce.material_version v WHERE v.material_id = material.id;
    IF current_version IS NOT NULL AND NEW.major * 10000 + NEW.minor <= current_version THEN
        RAISE EXCEPTION 'material % is at version %.%; a new version comes after it', material.id, current_version / 10000, current_version % 10000
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.created_by := org.caller();
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.material_version_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION sce.material_version_recertify() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE sce.certification c SET recertify_since = now()
    WHERE c.material_id = NEW.material_id AND c.material_major < NEW.major AND c.recertify_since IS NULL;
    RETURN NULL;
END
$$;

ALTER FUNCTION sce.material_version_recertify() OWNER TO mtl_owner;

CREATE FUNCTION sce.my_seller() RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT s.id
    FROM sce.seller s
   WHERE ((s.login = CURRENT_USER) AND s.active);
END;

ALTER FUNCTION sce.my_seller() OWNER TO mtl_owner;

CREATE FUNCTION sce.person_of_unit(who name, unit bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT ((EXISTS ( SELECT
            FROM (org.user_account a
              JOIN org.unit h ON ((h.id = a.home_unit_id)))
           WHERE ((a.role_name = person_of_unit.who) AND (h.path @> ARRAY[person_of_unit.unit])))) AND (EXISTS ( SELECT
            FROM (org."grant" g
              JOIN org.unit u ON ((u.id = person_of_unit.unit)))
           WHERE ((g.unit_id = ANY (u.path)) AND pg_has_role(org.caller(), (to_regrole(quote_ident((g.role_name)::text)))::oid, 'MEMBER'::text)))));
END;

ALTER FUNCTION sce.person_of_unit(who name, unit bigint) OWNER TO mtl_owner;

CREATE FUNCTION sce.programme_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'programme % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
       OR (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id)) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.programme_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.rating_before_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    me sce.seller := sce.require_my_seller(TG_TABLE_NAME);
    material sce.material;
BEGIN
    -- Another seller's rating is theirs to give.
    IF NEW.seller_id IS DISTINCT FROM me.id AND NEW.seller_id IS NOT NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.seller_id := me.id; NEW.unit_id := me.unit_id; NEW.bu_id := me.bu_id;
    NEW.rated_by := org.caller(); NEW.created_at := now();
    SELECT * INTO material FROM sce.material m WHERE m.id = NEW.material_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT EXISTS (SELECT FROM sce.material_version v WHERE v.id = NEW.version_id AND v.material_id = material.id) THEN
        RAISE EXCEPTION 'version % is not a version of material %', NEW.version_id, material.id USING ERRCODE = 'check_violation';
    END IF;
    IF material.created_by = NEW.rated_by OR NEW.rated_by = ANY (material.editors)
       OR EXISTS (SELECT FROM sce.material_version v WHERE v.material_id = material.id AND v.created_by = NEW.rated_by) THEN
        RAISE EXCEPTION '% is an author of material % and cannot rate it', NEW.rated_by, material.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Materials are rated by the front-line sellers who use them.';
    END IF;
    IF pg_has_role(current_user, 'mtl_approver', 'MEMBER') AND material.unit_id = ANY (org.visible_units()) THEN
        RAISE EXCEPTION '% approves for the unit that owns material % and cannot rate it', NEW.rated_by, material.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Materials are rated by the front-line sellers who use them, not by their authors'' managers.';
    END IF;
    IF NOT sce.has_used(me.id, NEW.version_id) THEN
        RAISE EXCEPTION '% has not recorded a use of version % of material %', NEW.rated_by, NEW.version_id, material.id
            USING ERRCODE = 'check_violation', HINT = 'Record the use first: mtl material use ID.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.rating_before_insert() OWNER TO mtl_owner;

CREATE FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) RETURNS boolean
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT (EXISTS ( SELECT
            FROM (org.effective_grant g
              JOIN org.unit u ON ((u.id = g.unit_id)))
           WHERE ((reads_above.unit_id = ANY (u.path)) AND ((reads_above.bu_id IS NULL) OR (g.bu_id IS NULL) OR (g.bu_id = reads_above.bu_id))))) AS "exists";
END;

ALTER FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) OWNER TO mtl_owner;

CREATE FUNCTION sce.require_my_seller(table_name text) RETURNS sce.seller
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    me sce.seller;
BEGIN
    SELECT * INTO me FROM sce.seller s WHERE s.login = org.caller() AND s.active;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not an active seller', org.caller()
            USING ERRCODE = 'insufficient_privilege', HINT = 'Uses and ratings are recorded by sellers themselves (mtl seller add … --login).';
    END IF;
    RETURN me;
END
$$;

ALTER FUNCTION sce.require_my_seller(table_name text) OWNER TO mtl_owner;

CREATE FUNCTION sce.seller_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'seller % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation',
            HINT = 'Deactivate the seller and add them in the new unit.';
    END IF;
    IF NEW.login IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.login IS DISTINCT FROM OLD.login) THEN
        -- A person of the seller's unit or a unit below it (their home unit), not someone of
        -- another scope, whose uses and ratings would then be recorded here.
        IF NOT org.is_person(NEW.login) OR NOT sce.person_of_unit(NEW.login, NEW.unit_id) THEN
            RAISE EXCEPTION 'no mtl user % of unit %', quote_literal(NEW.login), (SELECT u.code FROM org.unit u WHERE u.id = NEW.unit_id)
                USING ERRCODE = 'invalid_parameter_value', HINT = 'A seller''s login is a person whose home unit is the seller''s or below it.';
        END IF;
    END IF;
    -- What a seller recorded stays theirs: the login of a seller with uses, ratings or results
    -- does not change (nobody takes over a colleague's record, or rates again from a new one), and
    -- nobody gives their own login to a record that has any (results an editor recorded for a
    -- seller without a login would otherwise certify that editor).
    IF TG_OP = 'UPDATE' AND NEW.login IS DISTINCT FROM OLD.login AND (OLD.login IS NOT NULL OR NEW.login = org.caller())
       AND (EXISTS (SELECT FROM sce.material_use x WHERE x.seller_id = OLD.id) OR EXISTS (SELECT FROM sce.rating x WHERE x.seller_id = OLD.id)
            OR EXISTS (SELECT FROM sce.exam_result x WHERE x.seller_id = OLD.id)) THEN
        RAISE EXCEPTION 'seller % has recorded uses, ratings or results; %', OLD.id,
                        CASE WHEN OLD.login IS NOT NULL THEN 'their login stays' ELSE 'you cannot take it as yours' END
            USING ERRCODE = 'check_violation', HINT = 'Deactivate the seller instead, or have someone else of the unit give it its login.';
    END IF;
    -- Nobody changes their own seller role (an exam certifies the seller's own role).
    IF TG_OP = 'UPDATE' AND NEW.role_code IS DISTINCT FROM OLD.role_code AND OLD.login = org.caller() THEN
        RAISE EXCEPTION 'you cannot change your own seller role' USING ERRCODE = 'insufficient_privilege',
            HINT = 'Someone else of your unit changes it.';
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.seller_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.session_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.programme_id IS DISTINCT FROM OLD.programme_id THEN
        RAISE EXCEPTION 'session % stays in its programme', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT p.unit_id, p.bu_id INTO NEW.unit_id, NEW.bu_id FROM sce.programme p WHERE p.id = NEW.programme_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF NEW.material_id IS NOT NULL AND NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION sce.session_before_write() OWNER TO mtl_owner;

CREATE FUNCTION sce.text_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE split_part(language, '-'::text, 1) WHEN 'de'::text THEN 'german'::regconfig WHEN 'fr'::text THEN 'french'::regconfig WHEN 'es'::text THEN 'spanish'::regconfig WHEN 'it'::text THEN 'italian'::regconfig WHEN 'nl'::text THEN 'dutch'::regconfig WHEN 'pt'::text THEN 'portuguese'::regconfig WHEN 'en'::text THEN 'english'::regconfig ELSE 'simple'::regconfig END;

ALTER FUNCTION sce.text_config(language text) OWNER TO mtl_owner;

CREATE TABLE scheduler.job (
    id bigint NOT NULL,
    queue scheduler.queue_name DEFAULT 'default'::text NOT NULL,
    kind scheduler.kind_name NOT NULL,
    args scheduler.job_args DEFAULT '{}'::jsonb NOT NULL,
    priority smallint DEFAULT 0 NOT NULL,
    state text DEFAULT 'available'::text NOT NULL,
    attempt integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    run_at timestamp with time zone DEFAULT now() NOT NULL,
    worker_id text,
    attempted_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    finalized_at timestamp with time zone,
    unique_key text,
    unique_forever boolean DEFAULT false NOT NULL,
    errors jsonb DEFAULT '[]'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    requested_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT job_attempt_check CHECK ((attempt >= 0)),
    CONSTRAINT job_max_attempts CHECK (((max_attempts >= 1) AND (max_attempts <= 100))),
    CONSTRAINT job_running CHECK (((state <> 'running'::text) OR ((worker_id IS NOT NULL) AND (heartbeat_at IS NOT NULL)))),
    CONSTRAINT job_state CHECK ((state = ANY (ARRAY['available'::text, 'running'::text, 'completed'::text, 'retryable'::text, 'discarded'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY scheduler.job FORCE ROW LEVEL SECURITY;

ALTER TABLE scheduler.job OWNER TO mtl_owner;

COMMENT ON TABLE scheduler.job IS 'Durable jobs: queue, kind, args, priority, state (available → running → completed, or retryable → … → discarded; cancelled), attempts, run_at, worker and heartbeat, unique key, error history.';

CREATE FUNCTION scheduler.claim(worker text, queues text[], batch integer, after_priority smallint DEFAULT NULL::smallint, after_run_at timestamp with time zone DEFAULT NULL::timestamp with time zone, after_id bigint DEFAULT NULL::bigint, done_ids bigint[] DEFAULT NULL::bigint[], done_attempts integer[] DEFAULT NULL::integer[]) RETURNS SETOF scheduler.job
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_seqscan TO 'off'
    SET enable_bitmapscan TO 'off'
    SET enable_sort TO 'off'
    SET jit TO 'off'
    AS $$
BEGIN
    IF cardinality(claim.done_ids) IS DISTINCT FROM cardinality(claim.done_attempts) THEN
        RAISE EXCEPTION 'claim: % completed ids but % attempts', cardinality(claim.done_ids), cardinality(claim.done_attempts)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Give one attempt per completed id, in the same order.';
    END IF;
    IF cardinality(claim.done_ids) > 0 THEN
        RETURN QUERY
        UPDATE scheduler.job j SET state = 'completed', finalized_at = now(), heartbeat_at = NULL
        WHERE j.id = ANY (claim.done_ids)
          AND j.attempt = claim.done_attempts[array_position(claim.done_ids, j.id)]
          AND j.worker_id = claim.worker AND j.state = 'running'
        RETURNING j.*;
    END IF;
    RETURN QUERY
    WITH claimed AS (
        UPDATE scheduler.job j
        SET state = 'running', attempt = j.attempt + 1, worker_id = claim.worker, attempted_at = now(), heartbeat_at = now()
        WHERE j.id = ANY (ARRAY(
            SELECT d.id FROM scheduler.job d
            WHERE d.state IN ('available', 'retryable') AND d.queue = ANY (claim.queues) AND d.run_at <= now()
              AND (d.priority, d.run_at, d.id) > (coalesce(claim.after_priority, -32768), coalesce(claim.after_run_at, '-infinity'),
                                                  coalesce(claim.after_id, 0))
            ORDER BY d.priority, d.run_at, d.id
            LIMIT claim.batch
            FOR UPDATE SKIP LOCKED))
        RETURNING j.*)
    SELECT * FROM claimed c ORDER BY c.priority, c.run_at, c.id;
END
$$;

ALTER FUNCTION scheduler.claim(worker text, queues text[], batch integer, after_priority smallint, after_run_at timestamp with time zone, after_id bigint, done_ids bigint[], done_attempts integer[]) OWNER TO mtl_owner;

COMMENT ON FUNCTION scheduler.claim(worker text, queues text[], batch integer, after_priority smallint, after_run_at timestamp with time zone, after_id bigint, done_ids bigint[], done_attempts integer[]) IS 'Completes the worker''s done_ids (pairwise with done_attempts, each under its guard) and claims up to batch due jobs of the queues (FOR UPDATE SKIP LOCKED) by priority, run_at and id, after a position when given. Returns the jobs it completed (state completed), then those it claimed (state running).';

CREATE FUNCTION scheduler.complete(id bigint, worker text, attempt integer) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_seqscan TO 'off'
    SET enable_bitmapscan TO 'off'
    SET jit TO 'off'
    AS $$
BEGIN
    UPDATE scheduler.job j SET state = 'completed', finalized_at = now(), heartbeat_at = NULL
    WHERE j.id = complete.id AND j.worker_id = complete.worker AND j.attempt = complete.attempt AND j.state = 'running';
    RETURN FOUND;
END
$$;

ALTER FUNCTION scheduler.complete(id bigint, worker text, attempt integer) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) RETURNS SETOF bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_seqscan TO 'off'
    SET enable_bitmapscan TO 'off'
    SET jit TO 'off'
    AS $$
BEGIN
    IF cardinality(complete_many.ids) IS DISTINCT FROM cardinality(complete_many.attempts) THEN
        RAISE EXCEPTION 'complete_many: % ids but % attempts', cardinality(complete_many.ids), cardinality(complete_many.attempts)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Give one attempt per id, in the same order.';
    END IF;
    RETURN QUERY
    UPDATE scheduler.job j SET state = 'completed', finalized_at = now(), heartbeat_at = NULL
    WHERE j.id = ANY (complete_many.ids)
      AND j.attempt = complete_many.attempts[array_position(complete_many.ids, j.id)]
      AND j.worker_id = complete_many.worker AND j.state = 'running'
    RETURNING j.id;
END
$$;

ALTER FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) OWNER TO mtl_owner;

COMMENT ON FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) IS 'Completes several attempts of one worker at once (ids and attempts pairwise); returns the ids whose guard held.';

CREATE FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    part text;
    m text[];
    first_value integer;
    last_value integer;
    step integer;
    result integer[] := '{}';
BEGIN
    FOREACH part IN ARRAY string_to_array(field, ',') LOOP
        m := regexp_match(part, '^(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?$');
        IF m IS NULL THEN
            RAISE EXCEPTION 'cron %: % is not *, N, N-M or a step (*/S, N-M/S)', what, quote_literal(part)
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF m[1] = '*' THEN
            first_value := lo; last_value := hi;
        ELSE
            first_value := m[2]::integer;
            last_value := coalesce(m[3]::integer, CASE WHEN m[4] IS NULL THEN first_value ELSE hi END);
        END IF;
        step := coalesce(m[4]::integer, 1);
        IF first_value < lo OR last_value > hi OR first_value > last_value OR step < 1 THEN
            RAISE EXCEPTION 'cron %: % is outside %-%', what, quote_literal(part), lo, hi
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        result := result || ARRAY(SELECT generate_series(first_value, last_value, step));
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT v FROM unnest(result) v ORDER BY v);
END
$_$;

ALTER FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.enqueue(kind text, args jsonb DEFAULT '{}'::jsonb, queue text DEFAULT 'default'::text, priority smallint DEFAULT 0, run_at timestamp with time zone DEFAULT now(), max_attempts integer DEFAULT 5, unique_key text DEFAULT NULL::text, unique_forever boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    caller name := org.caller();
    check_schema name;
    check_function name;
    checked jsonb := args;
    key text := unique_key;
BEGIN
    IF NOT (org.is_unrestricted(caller) OR pg_has_role(caller, 'mtl_scheduler', 'MEMBER')) THEN
        SELECT k.owner_schema, k.enqueue_check INTO check_schema, check_function FROM scheduler.job_kind k WHERE k.kind = enqueue.kind;
        IF check_function IS NULL THEN
            RAISE EXCEPTION 'permission denied: job kind % is run by the scheduler only', quote_literal(enqueue.kind)
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'Its schedule runs it (mtl schedule list); an HQ admin can fire a schedule now: mtl schedule run-now NAME';
        END IF;
        IF enqueue.priority < 0 OR enqueue.max_attempts > 10 THEN
            RAISE EXCEPTION 'permission denied: only the scheduler enqueues ahead of others (priority below 0) or with more than 10 attempts'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF jsonb_typeof(args) IS DISTINCT FROM 'object' THEN
            RAISE EXCEPTION 'job arguments are a JSON object' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('SELECT %I.%I($1, $2)', check_schema, check_function) INTO checked USING args, caller;
        IF key IS NOT NULL THEN
            key := caller || ':' || key;
        END IF;
    END IF;
    RETURN scheduler.insert_job(enqueue.kind, checked, enqueue.queue, enqueue.priority, enqueue.run_at, enqueue.max_attempts,
                                key, enqueue.unique_forever, caller);
END
$_$;

ALTER FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.retry_delay(attempt integer) RETURNS interval
    LANGUAGE sql
    RETURN make_interval(secs => (LEAST((3600)::double precision, power((2)::double precision, (LEAST(attempt, 20))::double precision)) * ((0.75)::double precision + (random() * (0.5)::double precision))));

ALTER FUNCTION scheduler.retry_delay(attempt integer) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.fail(id bigint, worker text, attempt integer, message text) RETURNS text
    LANGUAGE sql
    BEGIN ATOMIC
 WITH failed AS (
          UPDATE scheduler.job j SET state =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN 'discarded'::text
                     ELSE 'retryable'::text
                 END, run_at =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN j.run_at
                     ELSE (now() + scheduler.retry_delay(j.attempt))
                 END, finalized_at =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN now()
                     ELSE NULL::timestamp with time zone
                 END, heartbeat_at = NULL::timestamp with time zone, errors = (j.errors || jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'at', now(), 'message', fail.message)))
           WHERE ((j.id = fail.id) AND (j.worker_id = fail.worker) AND (j.attempt = fail.attempt) AND (j.state = 'running'::text))
           RETURNING j.state
         )
  SELECT failed.state
    FROM failed;
END;

ALTER FUNCTION scheduler.fail(id bigint, worker text, attempt integer, message text) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.fire_due(as_of timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    s scheduler.schedule;
    clock timestamptz := as_of;
    due timestamptz[];
    t timestamptz;
    keep timestamptz[];
    late_count integer;
    enqueued integer := 0;
    job bigint;
BEGIN
    FOR s IN
        SELECT * FROM scheduler.schedule
        WHERE NOT paused AND next_fire_at <= clock
        ORDER BY next_fire_at
        FOR UPDATE SKIP LOCKED
    LOOP
        -- The fire times from next_fire_at to now; a long outage of a frequent schedule is
        -- capped (the policy keeps at most the latest ones anyway).
        due := '{}';
        t := s.next_fire_at;
        WHILE t IS NOT NULL AND t <= clock LOOP
            due := due || t;
            IF cardinality(due) > 2000 THEN
                due := due[cardinality(due) - 1000:];
            END IF;
            t := scheduler.next_fire(s.rule, s.time_zone, t);
        END LOOP;
        late_count := (SELECT count(*) FROM unnest(due) d WHERE d < clock - s.misfire_grace);
        keep := CASE
            WHEN late_count = 0 THEN due
            WHEN s.misfire_policy = 'fire_once' THEN ARRAY[due[cardinality(due)]]
            WHEN s.misfire_policy = 'skip' THEN due[late_count + 1:]
            ELSE due[greatest(1, cardinality(due) - s.backfill_limit + 1):]
        END;
        FOREACH t IN ARRAY keep LOOP
            INSERT INTO scheduler.firing (schedule, fire_at, late) VALUES (s.name, t, t < clock - s.misfire_grace)
            ON CONFLICT DO NOTHING;
            IF FOUND THEN
                job := scheduler.insert_job(s.kind, s.args || jsonb_build_object('schedule', s.name, 'fire_at', t),
                                            s.queue, s.priority, clock, s.max_attempts, NULL, false, session_user);
                UPDATE scheduler.firing f SET job_id = job WHERE f.schedule = s.name AND f.fire_at = t;
                enqueued := enqueued + 1;
            END IF;
        END LOOP;
        UPDATE scheduler.schedule
        SET next_fire_at = scheduler.next_fire(s.rule, s.time_zone, clock),
            last_fired_at = coalesce((SELECT max(k) FROM unnest(keep) k), last_fired_at),
            missed_total = missed_total + cardinality(due) - cardinality(keep)
        WHERE name = s.name;
    END LOOP;
    RETURN enqueued;
END
$$;

ALTER FUNCTION scheduler.fire_due(as_of timestamp with time zone) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.heartbeat(worker text, ids bigint[]) RETURNS SETOF bigint
    LANGUAGE sql
    BEGIN ATOMIC
 UPDATE scheduler.job j SET heartbeat_at = now()
   WHERE ((j.id = ANY (heartbeat.ids)) AND (j.worker_id = heartbeat.worker) AND (j.state = 'running'::text))
   RETURNING j.id;
END;

ALTER FUNCTION scheduler.heartbeat(worker text, ids bigint[]) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.insert_job(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean, requested_by name) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO scheduler.job (kind, args, queue, priority, run_at, max_attempts, unique_key, unique_forever, requested_by)
    VALUES (insert_job.kind, insert_job.args, insert_job.queue, insert_job.priority, insert_job.run_at, insert_job.max_attempts,
            insert_job.unique_key, insert_job.unique_forever, insert_job.requested_by)
    ON CONFLICT DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NOT NULL THEN
        PERFORM pg_notify('mtl_jobs', insert_job.queue);
    END IF;
    RETURN new_id;
END
$$;

ALTER FUNCTION scheduler.insert_job(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean, requested_by name) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.keep_review_schedule() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NEW.time_zone IS NOT NULL THEN
        INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
        VALUES ('msp.quarterly_review:' || lower(NEW.code),
                format('Review the active MSPs of %s after each fiscal quarter closes, at 06:00 its time.', NEW.code),
                'msp.quarterly_review', jsonb_build_object('unit', NEW.code), 'quarter-close + 1 day 06:00',
                NEW.time_zone, 'fire_once', 10)
        ON CONFLICT (name) DO UPDATE SET time_zone = EXCLUDED.time_zone;
    END IF;
    RETURN NULL;
END
$$;

ALTER FUNCTION scheduler.keep_review_schedule() OWNER TO mtl_owner;

CREATE FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    local_after timestamp := after AT TIME ZONE time_zone;
    fields text[];
    minutes integer[];
    hours integer[];
    days integer[];
    months integer[];
    weekdays integer[];
    any_day boolean;
    any_weekday boolean;
    this_day date;
    h integer;
    mi integer;
    candidate timestamptz;
    q record;
    m text[];
    offset_days integer;
    at_time time;
    quarter_start date;
BEGIN
    m := regexp_match(btrim(rule), '^quarter-close \+ (\d{1,2}) days? (\d{2}):(\d{2})$');
    IF m IS NOT NULL THEN
        offset_days := m[1]::integer;
        at_time := make_time(m[2]::integer, m[3]::integer, 0);
        -- Start two quarters back so a fire time late in the next quarter is not missed.
        SELECT * INTO q FROM org.fiscal_quarter_of(local_after::date - offset_days - 1);
        quarter_start := lower(org.fiscal_quarter_dates(q.fiscal_year, q.quarter));
        FOR i IN 0..8 LOOP
            -- The quarter's last day is the day before the next quarter starts.
            this_day := (quarter_start + make_interval(months => 3 * (i + 1)))::date - 1 + offset_days;
            candidate := (this_day + at_time) AT TIME ZONE time_zone;
            IF candidate > after THEN
                RETURN candidate;
            END IF;
        END LOOP;
        RETURN NULL;
    END IF;
    IF btrim(rule) ~ '^quarter' THEN
        RAISE EXCEPTION 'fiscal-quarter rule % is not ''quarter-close + N day(s) HH:MM''', quote_literal(rule)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    fields := regexp_split_to_array(btrim(rule), '\s+');
    IF cardinality(fields) <> 5 THEN
        RAISE EXCEPTION 'cron expression % has % fields; it needs 5: minute hour day-of-month month day-of-week',
            quote_literal(rule), cardinality(fields)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Example: ''0 6 * * 1'' is Mondays at 06:00.';
    END IF;
    minutes := scheduler.cron_field(fields[1], 0, 59, 'minute');
    hours := scheduler.cron_field(fields[2], 0, 23, 'hour');
    days := scheduler.cron_field(fields[3], 1, 31, 'day of month');
    months := scheduler.cron_field(fields[4], 1, 12, 'month');
    weekdays := ARRAY(SELECT DISTINCT v % 7 FROM unnest(scheduler.cron_field(fields[5], 0, 7, 'day of week')) v);
    any_day := fields[3] = '*';
    any_weekday := fields[5] = '*';

    -- Day by day from the local date of `after`; five years covers every valid expression.
    this_day := local_after::date;
    FOR i IN 0..(5 * 366) LOOP
        IF extract(month FROM this_day)::integer = ANY (months)
           AND (CASE
                   WHEN any_day AND any_weekday THEN true
                   WHEN any_day THEN extract(dow FROM this_day)::integer = ANY (weekdays)
                   WHEN any_weekday THEN extract(day FROM this_day)::integer = ANY (days)
                   ELSE extract(day FROM this_day)::integer = ANY (days) OR extract(dow FROM this_day)::integer = ANY (weekdays)
               END)
        THEN
            FOREACH h IN ARRAY hours LOOP
                FOREACH mi IN ARRAY minutes LOOP
                    candidate := (this_day + make_time(h, mi, 0)) AT TIME ZONE time_zone;
                    IF candidate > after THEN
                        RETURN candidate;
                    END IF;
                END LOOP;
            END LOOP;
        END IF;
        this_day := this_day + 1;
    END LOOP;
    RAISE EXCEPTION 'cron expression % never fires', quote_literal(rule) USING ERRCODE = 'invalid_parameter_value';
END
$_$;

ALTER FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamp with time zone) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.prune(age interval) RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
 WITH pruned AS (
          DELETE FROM scheduler.job j
           WHERE ((j.state = ANY (ARRAY['completed'::text, 'discarded'::text, 'cancelled'::text])) AND (j.finalized_at < (now() - prune.age)))
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM pruned;
END;

ALTER FUNCTION scheduler.prune(age interval) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.release(worker text, ids bigint[]) RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
 WITH released AS (
          UPDATE scheduler.job j SET state = 'available'::text, attempt = GREATEST((j.attempt - 1), 0), worker_id = NULL::text, heartbeat_at = NULL::timestamp with time zone, run_at = now()
           WHERE ((j.id = ANY (release.ids)) AND (j.worker_id = release.worker) AND (j.state = 'running'::text))
           RETURNING j.queue
         )
  SELECT (count(pg_notify('mtl_jobs'::text, (r.queue)::text)))::integer AS count
    FROM released r;
END;

ALTER FUNCTION scheduler.release(worker text, ids bigint[]) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.rescue(stale interval) RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
 WITH rescued AS (
          UPDATE scheduler.job j SET state =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN 'discarded'::text
                     ELSE 'retryable'::text
                 END, run_at =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN j.run_at
                     ELSE (now() + scheduler.retry_delay(j.attempt))
                 END, finalized_at =
                 CASE
                     WHEN (j.attempt >= j.max_attempts) THEN now()
                     ELSE NULL::timestamp with time zone
                 END, heartbeat_at = NULL::timestamp with time zone, errors = (j.errors || jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'at', now(), 'message', (('worker '::text || j.worker_id) || ' stopped heartbeating'::text))))
           WHERE ((j.state = 'running'::text) AND (j.heartbeat_at < (now() - rescue.stale)))
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM rescued;
END;

ALTER FUNCTION scheduler.rescue(stale interval) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.run_now(schedule_name text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    caller name := org.caller();
    s scheduler.schedule;
    clock timestamptz := now();
    job bigint;
BEGIN
    IF NOT (pg_has_role(caller, 'mtl_scheduler', 'MEMBER') OR org.hq() = ANY (org.admin_units_of(caller))) THEN
        RAISE EXCEPTION 'permission denied: only HQ admins and the scheduler fire schedules'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO s FROM scheduler.schedule WHERE name = schedule_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no schedule %', quote_literal(schedule_name)
            USING ERRCODE = 'no_data_found', HINT = 'See the schedules with: mtl schedule list';
    END IF;
    INSERT INTO scheduler.firing (schedule, fire_at, source) VALUES (s.name, clock, 'manual');
    job := scheduler.insert_job(s.kind, s.args || jsonb_build_object('schedule', s.name, 'fire_at', clock),
                                s.queue, s.priority, clock, s.max_attempts, NULL, false, caller);
    UPDATE scheduler.firing f SET job_id = job WHERE f.schedule = s.name AND f.fire_at = clock;
    RETURN job;
END
$$;

ALTER FUNCTION scheduler.run_now(schedule_name text) OWNER TO mtl_owner;

CREATE FUNCTION scheduler.schedule_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
        RAISE EXCEPTION 'unknown time zone %', quote_literal(NEW.time_zone)
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use an IANA name such as Europe/Berlin or UTC.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.rule IS DISTINCT FROM OLD.rule OR NEW.time_zone IS DISTINCT FROM OLD.time_zone
       OR (OLD.paused AND NOT NEW.paused) THEN
        NEW.next_fire_at := scheduler.next_fire(NEW.rule, NEW.time_zone, now());
    END IF;
    RETURN NEW;
END
$$;

ALTER FUNCTION scheduler.schedule_before_write() OWNER TO mtl_owner;

CREATE TABLE approval.decision (
    id bigint NOT NULL,
    request_id bigint NOT NULL,
    decision text NOT NULL,
    comment text,
    unit_id bigint NOT NULL,
    bu_id bigint,
    decided_by name NOT NULL,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT decision_kind CHECK ((decision = ANY (ARRAY['approved'::text, 'rejected'::text]))),
    CONSTRAINT rejection_needs_reason CHECK (((decision = 'approved'::text) OR (NULLIF(btrim(comment), ''::text) IS NOT NULL)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY approval.decision FORCE ROW LEVEL SECURITY;

ALTER TABLE approval.decision OWNER TO mtl_owner;

COMMENT ON TABLE approval.decision IS 'The decision on a request: who, when, approved or rejected, conditions or reason. Append-only.';

ALTER TABLE approval.decision ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME approval.decision_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE approval.request (
    id bigint NOT NULL,
    kind text NOT NULL,
    subject_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    title text NOT NULL,
    submitted_by name NOT NULL,
    submitted_at timestamp with time zone DEFAULT now() NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT request_closed CHECK (((state = 'pending'::text) = (closed_at IS NULL))),
    CONSTRAINT request_state CHECK ((state = ANY (ARRAY['pending'::text, 'approved'::text, 'rejected'::text, 'withdrawn'::text]))),
    CONSTRAINT request_title_check CHECK ((btrim(title) <> ''::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY approval.request FORCE ROW LEVEL SECURITY;

ALTER TABLE approval.request OWNER TO mtl_owner;

COMMENT ON TABLE approval.request IS 'A submission waiting for (or closed by) a decision: frameworks, MSPs, budgets, quarterly reviews.';

CREATE TABLE org.business_unit (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT business_unit_code_format CHECK ((code ~ '^[A-Z][A-Z0-9_-]{1,15}$'::text)),
    CONSTRAINT business_unit_name_check CHECK (((btrim(name) <> ''::text) AND (length(name) <= 200)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org.business_unit FORCE ROW LEVEL SECURITY;

ALTER TABLE org.business_unit OWNER TO mtl_owner;

COMMENT ON TABLE org.business_unit IS 'Business units (BUs), such as carrier, enterprise and consumer.';

CREATE VIEW approval.inbox WITH (security_invoker='true') AS
 SELECT r.id,
    r.kind,
    r.subject_id,
    r.title,
    r.unit_id,
    u.code AS unit_code,
    r.bu_id,
    b.code AS bu_code,
    r.submitted_by,
    r.submitted_at,
    r.state,
    r.closed_at,
    d.decision,
    d.comment,
    d.decided_by,
    d.decided_at,
    ((r.state = 'pending'::text) AND (r.submitted_by <> SESSION_USER) AND pg_has_role(CURRENT_USER, 'mtl_approver'::name, 'MEMBER'::text) AND org.in_write_scope(r.unit_id, r.bu_id)) AS can_decide
   FROM (((approval.request r
     JOIN org.unit u ON ((u.id = r.unit_id)))
     LEFT JOIN org.business_unit b ON ((b.id = r.bu_id)))
     LEFT JOIN approval.decision d ON ((d.request_id = r.id)));

ALTER TABLE approval.inbox OWNER TO mtl_owner;

COMMENT ON VIEW approval.inbox IS 'Approval requests with their decision and whether the current person may decide them (can_decide).';

CREATE TABLE approval.kind (
    kind text NOT NULL,
    owner_schema name NOT NULL,
    description text NOT NULL,
    subject_function name,
    outcome_function name,
    CONSTRAINT kind_kind_check CHECK ((kind ~ '^[a-z][a-z0-9_]*$'::text))
);

ALTER TABLE ONLY approval.kind FORCE ROW LEVEL SECURITY;

ALTER TABLE approval.kind OWNER TO mtl_owner;

COMMENT ON TABLE approval.kind IS 'Approval kinds, each registered by the module that owns its subject, with the functions that match a request to its subject and apply the outcome.';

ALTER TABLE approval.request ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME approval.request_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE audit.archive (
    month date NOT NULL,
    changes bigint NOT NULL,
    rows bigint NOT NULL,
    detached_at timestamp with time zone DEFAULT now() NOT NULL,
    state text DEFAULT 'detached'::text NOT NULL,
    file text,
    bytes bigint,
    sha256 text,
    archived_at timestamp with time zone,
    archived_by name,
    CONSTRAINT archive_check CHECK (((state = 'archived'::text) = ((file IS NOT NULL) AND (bytes IS NOT NULL) AND (sha256 IS NOT NULL) AND (archived_at IS NOT NULL)))),
    CONSTRAINT archive_month_check CHECK ((month = date_trunc('month'::text, (month)::timestamp with time zone))),
    CONSTRAINT archive_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT archive_state_check CHECK ((state = ANY (ARRAY['detached'::text, 'archived'::text])))
);

ALTER TABLE ONLY audit.archive FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.archive OWNER TO mtl_owner;

COMMENT ON TABLE audit.archive IS 'Months of the audit trail detached and archived: the dump file, its size and SHA-256.';

CREATE TABLE audit.change (
    id bigint NOT NULL,
    tx_time timestamp with time zone NOT NULL,
    clock_time timestamp with time zone NOT NULL,
    actor name NOT NULL,
    acting_role name,
    table_name text NOT NULL,
    operation text NOT NULL,
    tx_id xid8 NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    shape_id bigint NOT NULL,
    CONSTRAINT change_operation_check1 CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
)
PARTITION BY RANGE (tx_time);

ALTER TABLE ONLY audit.change FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.change OWNER TO mtl_owner;

COMMENT ON TABLE audit.change IS 'One per statement (and unit and BU) that changed audited rows; partitioned by UTC month of tx_time.';

CREATE TABLE audit.change_default (
    id bigint NOT NULL,
    tx_time timestamp with time zone NOT NULL,
    clock_time timestamp with time zone NOT NULL,
    actor name NOT NULL,
    acting_role name,
    table_name text NOT NULL,
    operation text NOT NULL,
    tx_id xid8 NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    shape_id bigint NOT NULL,
    CONSTRAINT change_operation_check1 CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text])))
);

ALTER TABLE ONLY audit.change_default FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.change_default OWNER TO mtl_owner;

ALTER TABLE audit.change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit.change_id_seq1
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE audit.row_change (
    id bigint NOT NULL,
    change_id bigint NOT NULL,
    tx_time timestamp with time zone DEFAULT transaction_timestamp() NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    row_key jsonb NOT NULL,
    old_row text,
    new_row text
)
PARTITION BY RANGE (tx_time);

ALTER TABLE ONLY audit.row_change FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.row_change OWNER TO mtl_owner;

COMMENT ON TABLE audit.row_change IS 'One per changed row, its image as the row''s text; partitioned by UTC month of tx_time, like its change.';

CREATE VIEW audit.event WITH (security_invoker='true') AS
 SELECT r.id,
    c.tx_time,
    c.clock_time,
    c.actor,
    c.acting_role,
    c.table_name,
    c.operation,
    r.row_key,
    r.unit_id,
    r.bu_id,
    audit.row_image(c.shape_id, r.old_row) AS old_row,
    audit.row_image(c.shape_id, r.new_row) AS new_row,
    c.tx_id
   FROM (audit.row_change r
     JOIN audit.change c ON ((c.id = r.change_id)));

ALTER TABLE audit.event OWNER TO mtl_owner;

COMMENT ON VIEW audit.event IS 'Every recorded change to a domain table, one row per changed row, its images as jsonb. Admins read those of their scope.';

CREATE TABLE audit.partition_setting (
    only_row boolean DEFAULT true NOT NULL,
    months_ahead integer DEFAULT 3 NOT NULL,
    retention_months integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT partition_setting_months_ahead_check CHECK (((months_ahead >= 1) AND (months_ahead <= 24))),
    CONSTRAINT partition_setting_only_row_check CHECK (only_row),
    CONSTRAINT partition_setting_retention_months_check CHECK ((retention_months >= 1))
);

ALTER TABLE ONLY audit.partition_setting FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.partition_setting OWNER TO mtl_owner;

COMMENT ON TABLE audit.partition_setting IS 'Audit partitions: months made ahead, and the age in months after which a month is detached for the archive (NULL: never).';

CREATE TABLE audit.row_change_default (
    id bigint NOT NULL,
    change_id bigint NOT NULL,
    tx_time timestamp with time zone DEFAULT transaction_timestamp() NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    row_key jsonb NOT NULL,
    old_row text,
    new_row text
);

ALTER TABLE ONLY audit.row_change_default FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.row_change_default OWNER TO mtl_owner;

ALTER TABLE audit.row_change ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit.row_change_id_seq1
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE audit.row_shape (
    id bigint NOT NULL,
    table_schema name NOT NULL,
    table_name name NOT NULL,
    columns text[] NOT NULL,
    types text[] NOT NULL,
    images text DEFAULT 'record'::text NOT NULL,
    CONSTRAINT row_shape_check CHECK ((cardinality(types) = cardinality(columns))),
    CONSTRAINT row_shape_images_check CHECK ((images = ANY (ARRAY['record'::text, 'jsonb'::text])))
);

ALTER TABLE ONLY audit.row_shape FORCE ROW LEVEL SECURITY;

ALTER TABLE audit.row_shape OWNER TO mtl_owner;

ALTER TABLE audit.row_shape ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME audit.row_shape_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE dg.activity (
    id bigint NOT NULL,
    programme_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    planned_cost numeric(18,2) DEFAULT 0 NOT NULL,
    actual_cost numeric(18,2),
    invited integer DEFAULT 0 NOT NULL,
    attended integer DEFAULT 0 NOT NULL,
    state text DEFAULT 'planned'::text NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT activity_actual_cost_check CHECK ((actual_cost >= (0)::numeric)),
    CONSTRAINT activity_attended_check CHECK ((attended >= 0)),
    CONSTRAINT activity_dates CHECK ((ends_on >= starts_on)),
    CONSTRAINT activity_invited_check CHECK ((invited >= 0)),
    CONSTRAINT activity_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT activity_planned_cost_check CHECK ((planned_cost >= (0)::numeric)),
    CONSTRAINT activity_state CHECK ((state = ANY (ARRAY['planned'::text, 'done'::text, 'cancelled'::text]))),
    CONSTRAINT activity_type CHECK ((type = ANY (ARRAY['summit'::text, 'exhibition'::text, 'workshop'::text, 'seminar'::text, 'webinar'::text, 'digital_campaign'::text, 'customer_visit'::text, 'customer_experience'::text, 'roadshow'::text, 'joint_innovation'::text, 'other'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.activity FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.activity OWNER TO mtl_owner;

COMMENT ON TABLE dg.activity IS 'Marketing activities (summits, workshops, webinars, …) of a programme: dates, planned and actual cost, invited and attended.';

CREATE TABLE dg.activity_asset (
    activity_id bigint NOT NULL,
    asset_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.activity_asset FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.activity_asset OWNER TO mtl_owner;

COMMENT ON TABLE dg.activity_asset IS 'The assets each activity used.';

ALTER TABLE dg.activity ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.activity_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE dg.asset (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    type text NOT NULL,
    title text NOT NULL,
    language text NOT NULL,
    uri text NOT NULL,
    owner_role name NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT asset_language CHECK ((language ~ '^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$'::text)),
    CONSTRAINT asset_state CHECK ((state = ANY (ARRAY['draft'::text, 'published'::text, 'retired'::text]))),
    CONSTRAINT asset_title_check CHECK ((btrim(title) <> ''::text)),
    CONSTRAINT asset_type CHECK ((type = ANY (ARRAY['slides'::text, 'white_paper'::text, 'article'::text, 'case_study'::text, 'video'::text, 'brochure'::text, 'demo'::text, 'kit'::text, 'other'::text]))),
    CONSTRAINT asset_uri CHECK ((uri ~ '^[a-z][a-z0-9+.-]*:\S+$'::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.asset FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.asset OWNER TO mtl_owner;

COMMENT ON TABLE dg.asset IS 'Marketing assets (slides, white papers, case studies, videos, …): language, location, owner, draft → published → retired.';

ALTER TABLE dg.asset ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.asset_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE dg.budget ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.budget_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE dg.lead ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.lead_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE dg.lead_import (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    rows_read integer NOT NULL,
    rows_imported integer NOT NULL,
    rows_rejected integer NOT NULL,
    forced boolean DEFAULT false NOT NULL,
    imported_by name DEFAULT SESSION_USER NOT NULL,
    imported_at timestamp with time zone DEFAULT now() NOT NULL,
    rows_updated integer DEFAULT 0 NOT NULL,
    rows_skipped integer DEFAULT 0 NOT NULL,
    on_duplicate text DEFAULT 'refuse'::text NOT NULL,
    created_tx xid8 DEFAULT pg_current_xact_id() NOT NULL,
    touchpoints_recorded integer DEFAULT 0 NOT NULL,
    CONSTRAINT lead_import_on_duplicate CHECK ((on_duplicate = ANY (ARRAY['refuse'::text, 'skip'::text, 'update'::text]))),
    CONSTRAINT lead_import_rows_imported_check CHECK ((rows_imported >= 0)),
    CONSTRAINT lead_import_rows_read_check CHECK ((rows_read >= 0)),
    CONSTRAINT lead_import_rows_rejected_check CHECK ((rows_rejected >= 0)),
    CONSTRAINT lead_import_rows_skipped_check CHECK ((rows_skipped >= 0)),
    CONSTRAINT lead_import_rows_updated_check CHECK ((rows_updated >= 0)),
    CONSTRAINT lead_import_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT lead_import_touchpoints_recorded_check CHECK ((touchpoints_recorded >= 0))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.lead_import FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_import OWNER TO mtl_owner;

COMMENT ON TABLE dg.lead_import IS 'Lead imports: file, hash, counts, who and when.';

COMMENT ON COLUMN dg.lead_import.rows_updated IS 'Rows that updated a lead of the unit they matched (on_duplicate update).';

COMMENT ON COLUMN dg.lead_import.rows_skipped IS 'Rows skipped because they matched a lead of the unit (on_duplicate skip).';

COMMENT ON COLUMN dg.lead_import.created_tx IS 'The transaction that made the record; only it may write the counts.';

COMMENT ON COLUMN dg.lead_import.touchpoints_recorded IS 'Touchpoints recorded for leads of the unit that rows matched and that named another activity than the lead''s source (on_duplicate skip or update).';

ALTER TABLE dg.lead_import ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.lead_import_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE dg.lead_setting (
    id boolean DEFAULT true NOT NULL,
    acceptance_sla_days integer DEFAULT 5 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_setting_acceptance_sla_days_check CHECK (((acceptance_sla_days >= 1) AND (acceptance_sla_days <= 90))),
    CONSTRAINT lead_setting_single_row CHECK (id)
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.lead_setting FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_setting OWNER TO mtl_owner;

COMMENT ON TABLE dg.lead_setting IS 'Settings of the lead process: the hand-off acceptance SLA in days.';

CREATE VIEW dg.lead_sla_breach WITH (security_invoker='true') AS
 SELECT l.id AS lead_id,
    l.unit_id,
    l.bu_id,
    l.company,
    l.contact_name,
    l.handed_to,
    l.handed_to_kind,
    l.handed_off_at,
    l.sla_due_at,
    l.responded_at,
    l.state,
    (COALESCE(l.responded_at, now()) - l.sla_due_at) AS overdue_by
   FROM dg.lead l
  WHERE ((l.sla_due_at IS NOT NULL) AND (((l.state = 'handed_off'::text) AND (now() > l.sla_due_at)) OR (l.responded_at > l.sla_due_at)));

ALTER TABLE dg.lead_sla_breach OWNER TO mtl_owner;

COMMENT ON VIEW dg.lead_sla_breach IS 'Hand-offs past their acceptance SLA (dg.lead_setting): waiting after the due time, or answered late.';

CREATE TABLE dg.programme (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    name text NOT NULL,
    tier text NOT NULL,
    fiscal_year integer NOT NULL,
    msp_id bigint,
    segment_id bigint,
    concept_package_id bigint NOT NULL,
    lead_target integer DEFAULT 0 NOT NULL,
    pipeline_target numeric(18,2) DEFAULT 0 NOT NULL,
    currency text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    state text DEFAULT 'planned'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    cancel_reason text,
    CONSTRAINT programme_cancel_reason CHECK (((state <> 'cancelled'::text) OR (NULLIF(btrim(cancel_reason), ''::text) IS NOT NULL))),
    CONSTRAINT programme_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT programme_dates CHECK ((ends_on >= starts_on)),
    CONSTRAINT programme_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT programme_lead_target_check CHECK ((lead_target >= 0)),
    CONSTRAINT programme_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT programme_pipeline_target_check CHECK ((pipeline_target >= (0)::numeric)),
    CONSTRAINT programme_serves_msp CHECK (((tier = 'company'::text) OR (msp_id IS NOT NULL))),
    CONSTRAINT programme_state CHECK ((state = ANY (ARRAY['planned'::text, 'approved'::text, 'running'::text, 'closed'::text, 'cancelled'::text]))),
    CONSTRAINT programme_tier CHECK ((tier = ANY (ARRAY['company'::text, 'region'::text, 'customer_group'::text])))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY dg.programme FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.programme OWNER TO mtl_owner;

COMMENT ON TABLE dg.programme IS 'Marketing programmes: a package of activities with one goal and budget, serving an MSP and following the framework; planned → approved → running → closed, or cancelled (with a reason) before it runs.';

ALTER TABLE dg.programme ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.programme_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW dg.quality_activity_without_leads WITH (security_invoker='true') AS
 SELECT 'activity'::text AS subject_kind,
    a.id AS subject_id,
    a.unit_id,
    a.bu_id,
    jsonb_build_object('name', a.name, 'type', a.type, 'ended_on', a.ends_on, 'programme_id', a.programme_id) AS details
   FROM dg.activity a
  WHERE ((a.state = 'done'::text) AND (a.ends_on < (CURRENT_DATE - (mqa.parameter('dg.activity_without_leads'::text, 'days'::text))::integer)) AND (NOT (EXISTS ( SELECT
           FROM dg.lead l
          WHERE (l.activity_id = a.id)))));

ALTER TABLE dg.quality_activity_without_leads OWNER TO mtl_owner;

CREATE VIEW dg.quality_budget_approved_not_started WITH (security_invoker='true') AS
 SELECT 'programme'::text AS subject_kind,
    p.id AS subject_id,
    p.unit_id,
    p.bu_id,
    jsonb_build_object('name', p.name, 'approved_at', d.approved_at, 'starts_on', p.starts_on) AS details
   FROM (dg.programme p
     CROSS JOIN LATERAL ( SELECT min(r.closed_at) AS approved_at
           FROM (dg.budget b
             JOIN approval.request r ON (((r.kind = 'budget'::text) AND (r.subject_id = b.id) AND (r.state = 'approved'::text))))
          WHERE (b.programme_id = p.id)) d)
  WHERE ((p.state = 'approved'::text) AND (d.approved_at < (now() - make_interval(days => (mqa.parameter('dg.budget_approved_not_started'::text, 'days'::text))::integer))));

ALTER TABLE dg.quality_budget_approved_not_started OWNER TO mtl_owner;

CREATE VIEW dg.quality_company_events_over_plan WITH (security_invoker='true') AS
 SELECT 'framework'::text AS subject_kind,
    f.id AS subject_id,
    org.hq() AS unit_id,
    NULL::bigint AS bu_id,
    jsonb_build_object('fiscal_year', f.fiscal_year, 'planned', f.company_events_planned, 'activities', n.activities) AS details
   FROM (mm.framework f
     CROSS JOIN LATERAL ( SELECT count(*) AS activities
           FROM (dg.activity a
             JOIN dg.programme p ON ((p.id = a.programme_id)))
          WHERE ((p.tier = 'company'::text) AND (p.fiscal_year = f.fiscal_year) AND (a.state <> 'cancelled'::text))) n)
  WHERE ((f.state = ANY (ARRAY['published'::text, 'superseded'::text])) AND (n.activities > f.company_events_planned));

ALTER TABLE dg.quality_company_events_over_plan OWNER TO mtl_owner;

CREATE VIEW dg.quality_handoff_past_sla WITH (security_invoker='true') AS
 SELECT 'lead'::text AS subject_kind,
    l.id AS subject_id,
    l.unit_id,
    l.bu_id,
    jsonb_build_object('company', l.company, 'handed_to', l.handed_to, 'handed_off_at', l.handed_off_at, 'sla_due_at', l.sla_due_at) AS details
   FROM dg.lead l
  WHERE ((l.state = 'handed_off'::text) AND (l.sla_due_at < now()));

ALTER TABLE dg.quality_handoff_past_sla OWNER TO mtl_owner;

CREATE VIEW dg.quality_lead_incomplete WITH (security_invoker='true') AS
 SELECT 'lead'::text AS subject_kind,
    l.id AS subject_id,
    l.unit_id,
    l.bu_id,
    jsonb_build_object('company', l.company, 'contact_name', l.contact_name, 'completeness', l.completeness) AS details
   FROM dg.lead l
  WHERE ((l.state = ANY (ARRAY['new'::text, 'qualifying'::text, 'qualified'::text])) AND (l.completeness < (mqa.parameter('dg.lead_incomplete'::text, 'threshold'::text))::numeric));

ALTER TABLE dg.quality_lead_incomplete OWNER TO mtl_owner;

CREATE VIEW dg.quality_programme_spent_without_leads WITH (security_invoker='true') AS
 SELECT 'programme'::text AS subject_kind,
    p.id AS subject_id,
    p.unit_id,
    p.bu_id,
    jsonb_build_object('name', p.name, 'approved_budget', s.approved, 'spend', s.spend, 'currency', p.currency) AS details
   FROM (dg.programme p
     CROSS JOIN LATERAL ( SELECT dg.approved_budget(p.id) AS approved,
            ( SELECT COALESCE(sum(a.actual_cost), (0)::numeric) AS "coalesce"
                   FROM dg.activity a
                  WHERE ((a.programme_id = p.id) AND (a.state = 'done'::text))) AS spend) s)
  WHERE ((p.state = ANY (ARRAY['approved'::text, 'running'::text])) AND (s.approved > (0)::numeric) AND (s.spend >= (s.approved * (mqa.parameter('dg.programme_spent_without_leads'::text, 'share'::text))::numeric)) AND (NOT (EXISTS ( SELECT
           FROM (dg.lead l
             JOIN dg.activity a ON ((a.id = l.activity_id)))
          WHERE (a.programme_id = p.id)))));

ALTER TABLE dg.quality_programme_spent_without_leads OWNER TO mtl_owner;

CREATE VIEW dg.quality_qualified_not_handed_off WITH (security_invoker='true') AS
 SELECT 'lead'::text AS subject_kind,
    l.id AS subject_id,
    l.unit_id,
    l.bu_id,
    jsonb_build_object('company', l.company, 'contact_name', l.contact_name, 'qualified_at', l.state_changed_at) AS details
   FROM dg.lead l
  WHERE ((l.state = 'qualified'::text) AND (l.state_changed_at < (now() - make_interval(days => (mqa.parameter('dg.qualified_not_handed_off'::text, 'days'::text))::integer))));

ALTER TABLE dg.quality_qualified_not_handed_off OWNER TO mtl_owner;

CREATE TABLE dg.touchpoint (
    id bigint NOT NULL,
    lead_id bigint NOT NULL,
    activity_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    touched_at timestamp with time zone NOT NULL,
    source text DEFAULT 'cli'::text NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT touchpoint_source CHECK ((source = ANY (ARRAY['cli'::text, 'import'::text])))
);

ALTER TABLE ONLY dg.touchpoint FORCE ROW LEVEL SECURITY;

ALTER TABLE dg.touchpoint OWNER TO mtl_owner;

COMMENT ON TABLE dg.touchpoint IS 'Touchpoints: an activity that touched a lead after its source (lead × activity × time × how recorded).';

ALTER TABLE dg.touchpoint ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME dg.touchpoint_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.battlecard (
    id bigint NOT NULL,
    competitor_id bigint NOT NULL,
    segment_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    strengths text DEFAULT ''::text NOT NULL,
    weaknesses text DEFAULT ''::text NOT NULL,
    why_we_win text DEFAULT ''::text NOT NULL,
    their_pitch text DEFAULT ''::text NOT NULL,
    objections jsonb DEFAULT '[]'::jsonb NOT NULL,
    pricing_notes text DEFAULT ''::text NOT NULL,
    owner name DEFAULT SESSION_USER NOT NULL,
    last_reviewed_on date DEFAULT CURRENT_DATE NOT NULL,
    review_interval_days smallint DEFAULT 90 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT battlecard_objections CHECK ((jsonb_typeof(objections) = 'array'::text)),
    CONSTRAINT battlecard_review_interval_days_check CHECK (((review_interval_days >= 1) AND (review_interval_days <= 730)))
);

ALTER TABLE ONLY mi.battlecard FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.battlecard OWNER TO mtl_owner;

COMMENT ON TABLE mi.battlecard IS 'Battlecards per competitor and segment: strengths, weaknesses, why we win, their pitch, objections with answers, pricing notes, owner, last review and review interval.';

ALTER TABLE mi.battlecard ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.battlecard_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.business_stage (
    id bigint NOT NULL,
    industry text,
    code text NOT NULL,
    name text NOT NULL,
    "position" smallint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT business_stage_code CHECK ((code ~ '^[a-z][a-z0-9_]{0,31}$'::text)),
    CONSTRAINT business_stage_industry_check CHECK ((btrim(industry) <> ''::text)),
    CONSTRAINT business_stage_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT business_stage_position_check CHECK ((("position" >= 1) AND ("position" <= 100)))
);

ALTER TABLE ONLY mi.business_stage FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.business_stage OWNER TO mtl_owner;

COMMENT ON TABLE mi.business_stage IS 'The stages of a customer''s business process, per industry (NULL: every industry): the coverage checklist topics are laid out against.';

ALTER TABLE mi.business_stage ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.business_stage_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.competitor (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    website text,
    notes text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT competitor_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT competitor_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY mi.competitor FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.competitor OWNER TO mtl_owner;

COMMENT ON TABLE mi.competitor IS 'Competitors tracked in depth, over years, by a dedicated group (HQ reference data).';

ALTER TABLE mi.competitor ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.competitor_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.contribution (
    id bigint NOT NULL,
    topic_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    provider_unit_id bigint NOT NULL,
    description text NOT NULL,
    uri text,
    state text DEFAULT 'submitted'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    submitted_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contribution_description_check CHECK ((btrim(description) <> ''::text)),
    CONSTRAINT contribution_state CHECK ((state = ANY (ARRAY['submitted'::text, 'accepted'::text, 'rejected'::text])))
);

ALTER TABLE ONLY mi.contribution FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.contribution OWNER TO mtl_owner;

COMMENT ON TABLE mi.contribution IS 'Data provided for a topic by a unit; accepted by a researcher of the topic who did not submit it, it earns the providing unit credits.';

ALTER TABLE mi.contribution ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.contribution_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.topic (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    fiscal_year integer NOT NULL,
    title text NOT NULL,
    question text NOT NULL,
    scenario text NOT NULL,
    segment_id bigint,
    customer text,
    subject_unit_id bigint,
    industry text,
    lead_id bigint,
    due_on date NOT NULL,
    priority text DEFAULT 'normal'::text NOT NULL,
    state text DEFAULT 'proposed'::text NOT NULL,
    rejection_reason text,
    accepted_at timestamp with time zone,
    started_at timestamp with time zone,
    delivered_at timestamp with time zone,
    evaluated_at timestamp with time zone,
    closed_at timestamp with time zone,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT topic_customer_check CHECK ((btrim(customer) <> ''::text)),
    CONSTRAINT topic_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT topic_industry_check CHECK ((btrim(industry) <> ''::text)),
    CONSTRAINT topic_priority CHECK ((priority = ANY (ARRAY['low'::text, 'normal'::text, 'high'::text, 'critical'::text]))),
    CONSTRAINT topic_question_check CHECK ((btrim(question) <> ''::text)),
    CONSTRAINT topic_rejection_reason CHECK (((state <> 'rejected'::text) OR (NULLIF(btrim(rejection_reason), ''::text) IS NOT NULL))),
    CONSTRAINT topic_scenario CHECK ((scenario = ANY (ARRAY['project'::text, 'customer'::text, 'segment'::text, 'region'::text, 'industry_trend'::text, 'solution_trend'::text]))),
    CONSTRAINT topic_scenario_subject CHECK (
CASE scenario
    WHEN 'segment'::text THEN (segment_id IS NOT NULL)
    WHEN 'customer'::text THEN (customer IS NOT NULL)
    WHEN 'project'::text THEN ((lead_id IS NOT NULL) OR (customer IS NOT NULL))
    WHEN 'region'::text THEN (subject_unit_id IS NOT NULL)
    ELSE (industry IS NOT NULL)
END),
    CONSTRAINT topic_state CHECK ((state = ANY (ARRAY['proposed'::text, 'accepted'::text, 'in_research'::text, 'delivered'::text, 'evaluated'::text, 'rejected'::text, 'cancelled'::text]))),
    CONSTRAINT topic_title_check CHECK (((btrim(title) <> ''::text) AND (length(title) <= 200)))
);

ALTER TABLE ONLY mi.topic FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.topic OWNER TO mtl_owner;

COMMENT ON TABLE mi.topic IS 'Insight topics set by a leader or expert for a scenario: proposed → accepted → in_research → delivered → evaluated (or rejected with a reason, or cancelled).';

CREATE TABLE mi.topic_stage (
    topic_id bigint NOT NULL,
    stage_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint
);

ALTER TABLE ONLY mi.topic_stage FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.topic_stage OWNER TO mtl_owner;

COMMENT ON TABLE mi.topic_stage IS 'The stages of the customer''s business process a topic covers (mi.business_stage).';

CREATE TABLE mm.segment (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    industry text NOT NULL,
    customer_type text NOT NULL,
    solution_line text NOT NULL,
    horizon text NOT NULL,
    needs text DEFAULT ''::text NOT NULL,
    pain_points text DEFAULT ''::text NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT segment_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT segment_customer_type_check CHECK ((btrim(customer_type) <> ''::text)),
    CONSTRAINT segment_horizon CHECK ((horizon = ANY (ARRAY['H1'::text, 'H2'::text, 'H3'::text]))),
    CONSTRAINT segment_industry_check CHECK ((btrim(industry) <> ''::text)),
    CONSTRAINT segment_name_check CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT segment_solution_line_check CHECK ((btrim(solution_line) <> ''::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.segment FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.segment OWNER TO mtl_owner;

COMMENT ON TABLE mm.segment IS 'Market segments a unit chose, per BU: needs, pain points and horizon (H1 core, H2 growth, H3 emerging).';

CREATE VIEW mi.coverage WITH (security_invoker='true') AS
 WITH years AS (
         SELECT DISTINCT t_1.segment_id,
            t_1.fiscal_year
           FROM mi.topic t_1
          WHERE ((t_1.segment_id IS NOT NULL) AND (t_1.state <> ALL (ARRAY['rejected'::text, 'cancelled'::text])))
        )
 SELECT s.id AS segment_id,
    s.unit_id,
    s.bu_id,
    y.fiscal_year,
    b.id AS stage_id,
    b.code AS stage_code,
    b.name AS stage_name,
    b."position" AS stage_position,
    count(t.id) AS topics,
    (count(t.id) > 0) AS covered,
    COALESCE(array_agg(t.id ORDER BY t.id) FILTER (WHERE (t.id IS NOT NULL)), '{}'::bigint[]) AS topic_ids
   FROM ((((years y
     JOIN mm.segment s ON ((s.id = y.segment_id)))
     JOIN mi.business_stage b ON (((b.industry IS NULL) OR (lower(b.industry) = lower(s.industry)))))
     LEFT JOIN mi.topic_stage ts ON ((ts.stage_id = b.id)))
     LEFT JOIN mi.topic t ON (((t.id = ts.topic_id) AND (t.segment_id = s.id) AND (t.fiscal_year = y.fiscal_year) AND (t.state <> ALL (ARRAY['rejected'::text, 'cancelled'::text])))))
  GROUP BY s.id, s.unit_id, s.bu_id, y.fiscal_year, b.id, b.code, b.name, b."position";

ALTER TABLE mi.coverage OWNER TO mtl_owner;

COMMENT ON VIEW mi.coverage IS 'The coverage checklist: for each segment and fiscal year with topics, each business-process stage of its industry and the topics covering it (reporting.fct_coverage for BI).';

CREATE VIEW mi.credit_balance WITH (security_invoker='true') AS
 SELECT u.id AS unit_id,
    u.code AS unit,
    COALESCE(sum(c.credits) FILTER (WHERE (c.earned_at > (now() - make_interval(months => (s.window_months)::integer)))), (0)::numeric) AS credits,
    COALESCE(sum(c.credits), (0)::numeric) AS credits_ever,
    s.threshold,
    s.window_months,
    (COALESCE(sum(c.credits) FILTER (WHERE (c.earned_at > (now() - make_interval(months => (s.window_months)::integer)))), (0)::numeric) >= s.threshold) AS reads_shared
   FROM ((org.unit u
     CROSS JOIN mi.credit_setting s)
     LEFT JOIN mi.credit c ON ((c.unit_id = u.id)))
  WHERE (u.id = ANY (org.visible_units()))
  GROUP BY u.id, u.code, s.threshold, s.window_months;

ALTER TABLE mi.credit_balance OWNER TO mtl_owner;

COMMENT ON VIEW mi.credit_balance IS 'Each of the caller''s units: credits earned in HQ''s window and ever, the threshold, and whether it reads other scopes'' shared insights.';

ALTER TABLE mi.credit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.credit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.credit_rate (
    kind text NOT NULL,
    credits numeric(8,2) NOT NULL,
    CONSTRAINT credit_rate_credits_check CHECK ((credits >= (0)::numeric)),
    CONSTRAINT credit_rate_kind CHECK ((kind = ANY (ARRAY['insight'::text, 'data'::text, 'voice'::text])))
);

ALTER TABLE ONLY mi.credit_rate FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.credit_rate OWNER TO mtl_owner;

COMMENT ON TABLE mi.credit_rate IS 'Credits each kind of accepted contribution earns its unit (HQ setting): an insight delivered, data accepted by a researcher, a voice-of-the-customer entry accepted.';

CREATE TABLE mi.data_item (
    id bigint NOT NULL,
    domain text,
    code text NOT NULL,
    name text NOT NULL,
    method text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_item_code CHECK ((code ~ '^[a-z][a-z0-9_]{0,47}$'::text)),
    CONSTRAINT data_item_domain_check CHECK ((btrim(domain) <> ''::text)),
    CONSTRAINT data_item_method CHECK ((method = ANY (ARRAY['site_visit'::text, 'machine_room'::text, 'store'::text, 'customer_experience'::text, 'interview'::text, 'desk_research'::text, 'purchased_report'::text]))),
    CONSTRAINT data_item_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY mi.data_item FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.data_item OWNER TO mtl_owner;

COMMENT ON TABLE mi.data_item IS 'Data models: per industry or domain (NULL: any), the information to gather and how (site visit, machine room, store, customer experience, interview, desk research, purchased report).';

ALTER TABLE mi.data_item ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.data_item_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.evaluation (
    topic_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    usefulness smallint NOT NULL,
    comment text DEFAULT ''::text NOT NULL,
    decision text NOT NULL,
    evaluated_by name DEFAULT SESSION_USER NOT NULL,
    evaluated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evaluation_decision_check CHECK ((btrim(decision) <> ''::text)),
    CONSTRAINT evaluation_usefulness CHECK (((usefulness >= 1) AND (usefulness <= 5)))
);

ALTER TABLE ONLY mi.evaluation FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.evaluation OWNER TO mtl_owner;

COMMENT ON TABLE mi.evaluation IS 'Evaluations of delivered topics by their evaluator (never one of their researchers): usefulness 1–5, a comment and the decision the insight informed.';

CREATE TABLE mi.insight (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    region_id bigint,
    topic_id bigint,
    kind text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    findings text DEFAULT ''::text NOT NULL,
    evidence text[] DEFAULT '{}'::text[] NOT NULL,
    confidence text DEFAULT 'medium'::text NOT NULL,
    valid_until date,
    sharing text DEFAULT 'unit'::text NOT NULL,
    author name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT insight_confidence CHECK ((confidence = ANY (ARRAY['low'::text, 'medium'::text, 'high'::text]))),
    CONSTRAINT insight_kind CHECK ((kind = ANY (ARRAY['market'::text, 'competitor'::text, 'customer'::text]))),
    CONSTRAINT insight_region_sharing CHECK (((sharing <> 'region'::text) OR (region_id IS NOT NULL))),
    CONSTRAINT insight_sharing CHECK ((sharing = ANY (ARRAY['unit'::text, 'region'::text, 'global'::text]))),
    CONSTRAINT insight_summary_check CHECK ((btrim(summary) <> ''::text)),
    CONSTRAINT insight_title_check CHECK (((btrim(title) <> ''::text) AND (length(title) <= 200)))
);

ALTER TABLE ONLY mi.insight FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.insight OWNER TO mtl_owner;

COMMENT ON TABLE mi.insight IS 'Insights (market, competitor, customer): summary, findings, evidence, confidence, validity and sharing; shared ones are read by other scopes only while they contribute (contribute to consume).';

ALTER TABLE mi.insight ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.insight_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.insight_use (
    id bigint NOT NULL,
    insight_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    used_for text NOT NULL,
    subject_id bigint NOT NULL,
    used_by name DEFAULT SESSION_USER NOT NULL,
    used_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT insight_use_for CHECK ((used_for = ANY (ARRAY['msp'::text, 'evaluation'::text, 'battlecard'::text, 'programme'::text])))
);

ALTER TABLE ONLY mi.insight_use FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.insight_use OWNER TO mtl_owner;

COMMENT ON TABLE mi.insight_use IS 'Uses of insights: an insight informed an MSP, a topic''s evaluation, a battlecard or a programme.';

ALTER TABLE mi.insight_use ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.insight_use_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.lead_competitor (
    lead_id bigint NOT NULL,
    competitor_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    outcome text DEFAULT 'open'::text NOT NULL,
    recorded_by name DEFAULT SESSION_USER NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_competitor_outcome CHECK ((outcome = ANY (ARRAY['open'::text, 'won'::text, 'lost'::text])))
);

ALTER TABLE ONLY mi.lead_competitor FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.lead_competitor OWNER TO mtl_owner;

COMMENT ON TABLE mi.lead_competitor IS 'Competitors met by a lead or opportunity, and the outcome against each: open, won (against it) or lost (to it).';

CREATE TABLE mi.market_size (
    id bigint NOT NULL,
    segment_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    fiscal_year integer NOT NULL,
    currency text NOT NULL,
    tam numeric(18,2) NOT NULL,
    sam numeric(18,2) NOT NULL,
    som numeric(18,2) NOT NULL,
    growth_rate numeric(6,4) NOT NULL,
    assumptions text DEFAULT ''::text NOT NULL,
    source text NOT NULL,
    insight_id bigint,
    estimated_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    superseded_by bigint,
    CONSTRAINT market_size_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT market_size_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT market_size_growth_rate_check CHECK (((growth_rate >= ('-1'::integer)::numeric) AND (growth_rate <= (10)::numeric))),
    CONSTRAINT market_size_nested CHECK (((som <= sam) AND (sam <= tam))),
    CONSTRAINT market_size_sam_check CHECK ((sam >= (0)::numeric)),
    CONSTRAINT market_size_som_check CHECK ((som >= (0)::numeric)),
    CONSTRAINT market_size_source_check CHECK ((btrim(source) <> ''::text)),
    CONSTRAINT market_size_tam_check CHECK ((tam >= (0)::numeric))
);

ALTER TABLE ONLY mi.market_size FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.market_size OWNER TO mtl_owner;

COMMENT ON TABLE mi.market_size IS 'Market size estimates per segment and fiscal year: TAM ⊇ SAM ⊇ SOM in a currency, growth, assumptions and source; a new estimate supersedes the current one, history kept.';

ALTER TABLE mi.market_size ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.market_size_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.observation (
    id bigint NOT NULL,
    topic_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    item_id bigint NOT NULL,
    method text NOT NULL,
    note text NOT NULL,
    observed_on date DEFAULT CURRENT_DATE NOT NULL,
    observed_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT observation_method CHECK ((method = ANY (ARRAY['site_visit'::text, 'machine_room'::text, 'store'::text, 'customer_experience'::text, 'interview'::text, 'desk_research'::text, 'purchased_report'::text]))),
    CONSTRAINT observation_note_check CHECK ((btrim(note) <> ''::text))
);

ALTER TABLE ONLY mi.observation FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.observation OWNER TO mtl_owner;

COMMENT ON TABLE mi.observation IS 'What research gathered for a topic: an item of the data model, by a method, with a note.';

ALTER TABLE mi.observation ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.observation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW mi.quality_h3_segment_without_topic WITH (security_invoker='true') AS
 SELECT 'segment'::text AS subject_kind,
    s.id AS subject_id,
    s.unit_id,
    s.bu_id,
    jsonb_build_object('segment', s.code, 'fiscal_year', y.fiscal_year) AS details
   FROM (mm.segment s
     CROSS JOIN LATERAL ( SELECT (substr(org.fiscal_quarter_label(CURRENT_DATE), 3, 4))::integer AS fiscal_year) y)
  WHERE (s.active AND (s.horizon = 'H3'::text) AND (NOT (EXISTS ( SELECT
           FROM mi.topic t
          WHERE ((t.segment_id = s.id) AND (t.fiscal_year = y.fiscal_year) AND (t.state <> ALL (ARRAY['rejected'::text, 'cancelled'::text])))))));

ALTER TABLE mi.quality_h3_segment_without_topic OWNER TO mtl_owner;

CREATE VIEW mi.quality_segment_uncovered_stages WITH (security_invoker='true') AS
 SELECT 'segment'::text AS subject_kind,
    c.segment_id AS subject_id,
    c.unit_id,
    c.bu_id,
    jsonb_build_object('fiscal_year', c.fiscal_year, 'uncovered', array_agg(c.stage_code ORDER BY c.stage_position)) AS details
   FROM mi.coverage c
  WHERE ((c.fiscal_year = (substr(org.fiscal_quarter_label(CURRENT_DATE), 3, 4))::integer) AND (NOT c.covered))
  GROUP BY c.segment_id, c.unit_id, c.bu_id, c.fiscal_year;

ALTER TABLE mi.quality_segment_uncovered_stages OWNER TO mtl_owner;

CREATE VIEW mi.quality_topic_not_evaluated WITH (security_invoker='true') AS
 SELECT 'topic'::text AS subject_kind,
    t.id AS subject_id,
    t.unit_id,
    t.bu_id,
    jsonb_build_object('title', t.title, 'delivered_at', t.delivered_at) AS details
   FROM mi.topic t
  WHERE ((t.state = 'delivered'::text) AND (t.delivered_at < (now() - make_interval(days => (mqa.parameter('mi.topic_not_evaluated'::text, 'days'::text))::integer))));

ALTER TABLE mi.quality_topic_not_evaluated OWNER TO mtl_owner;

CREATE TABLE mi.review_flag (
    subject_kind text NOT NULL,
    subject_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    due_on date NOT NULL,
    flagged_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT review_flag_kind CHECK ((subject_kind = ANY (ARRAY['battlecard'::text, 'topic'::text])))
);

ALTER TABLE ONLY mi.review_flag FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.review_flag OWNER TO mtl_owner;

COMMENT ON TABLE mi.review_flag IS 'Battlecards past their review interval and topics past due, found by the daily insight.review_check job (once per subject and due date).';

ALTER TABLE mi.topic ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.topic_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW mi.topic_item WITH (security_invoker='true') AS
 SELECT t.id AS topic_id,
    t.unit_id,
    d.id AS item_id,
    d.domain,
    d.code,
    d.name,
    d.method AS planned_method,
    count(o.id) AS observations,
    (count(o.id) > 0) AS covered,
    COALESCE(array_agg(DISTINCT o.method) FILTER (WHERE (o.id IS NOT NULL)), '{}'::text[]) AS methods_used
   FROM (((mi.topic t
     LEFT JOIN mm.segment s ON ((s.id = t.segment_id)))
     JOIN mi.data_item d ON (((d.domain IS NULL) OR (lower(d.domain) = lower(COALESCE(t.industry, s.industry))))))
     LEFT JOIN mi.observation o ON (((o.topic_id = t.id) AND (o.item_id = d.id))))
  GROUP BY t.id, t.unit_id, d.id, d.domain, d.code, d.name, d.method;

ALTER TABLE mi.topic_item OWNER TO mtl_owner;

COMMENT ON VIEW mi.topic_item IS 'Each topic against its data model: every item of its industry (or of any), covered by observations or missed.';

ALTER TABLE mi.topic_role ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.topic_role_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mi.voice (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    segment_id bigint,
    customer text NOT NULL,
    channel text NOT NULL,
    sentiment smallint NOT NULL,
    themes text[] DEFAULT '{}'::text[] NOT NULL,
    verbatim text NOT NULL,
    heard_on date NOT NULL,
    state text DEFAULT 'submitted'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    recorded_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT voice_channel CHECK ((channel = ANY (ARRAY['visit'::text, 'survey'::text, 'support'::text, 'social'::text]))),
    CONSTRAINT voice_customer_check CHECK ((btrim(customer) <> ''::text)),
    CONSTRAINT voice_sentiment CHECK (((sentiment >= '-2'::integer) AND (sentiment <= 2))),
    CONSTRAINT voice_state CHECK ((state = ANY (ARRAY['submitted'::text, 'accepted'::text, 'rejected'::text]))),
    CONSTRAINT voice_verbatim_check CHECK ((btrim(verbatim) <> ''::text))
);

ALTER TABLE ONLY mi.voice FORCE ROW LEVEL SECURITY;

ALTER TABLE mi.voice OWNER TO mtl_owner;

COMMENT ON TABLE mi.voice IS 'Voice of the customer: customer, unit, segment, channel, sentiment (−2..2), themes, verbatim and date; accepted by someone other than its recorder, it earns its unit credits.';

ALTER TABLE mi.voice ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mi.voice_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.concept_package (
    id bigint NOT NULL,
    framework_id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    scenario text DEFAULT ''::text NOT NULL,
    theme_id bigint,
    CONSTRAINT concept_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT concept_package_name_check CHECK ((btrim(name) <> ''::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.concept_package FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.concept_package OWNER TO mtl_owner;

COMMENT ON TABLE mm.concept_package IS 'Concept packages of a year''s framework (solution concepts per scenario); at most the framework''s concept_limit.';

ALTER TABLE mm.concept_package ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.concept_package_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.factor (
    code text NOT NULL,
    axis text NOT NULL,
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    CONSTRAINT factor_axis CHECK ((axis = ANY (ARRAY['attractiveness'::text, 'capability'::text]))),
    CONSTRAINT factor_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{0,31}$'::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.factor FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.factor OWNER TO mtl_owner;

COMMENT ON TABLE mm.factor IS 'The factors segments are scored on (1–5), on two axes: market attractiveness and our capability.';

CREATE TABLE mm.factor_weight (
    bu_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    factor_code text NOT NULL,
    weight numeric(4,3) NOT NULL,
    CONSTRAINT factor_weight_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT factor_weight_weight_check CHECK (((weight >= (0)::numeric) AND (weight <= (1)::numeric)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.factor_weight FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.factor_weight OWNER TO mtl_owner;

COMMENT ON TABLE mm.factor_weight IS 'Factor weights per BU and fiscal year; each axis''s weights sum to 1.';

CREATE TABLE mm.segment_score (
    segment_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    factor_code text NOT NULL,
    score smallint NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    scored_by name DEFAULT SESSION_USER NOT NULL,
    scored_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT score_range CHECK (((score >= 1) AND (score <= 5))),
    CONSTRAINT segment_score_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.segment_score FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.segment_score OWNER TO mtl_owner;

COMMENT ON TABLE mm.segment_score IS 'Scores (1–5) of a segment on each factor, per fiscal year.';

CREATE VIEW mm.effective_weight WITH (security_invoker='true') AS
 WITH years AS (
         SELECT DISTINCT s.bu_id,
            s.fiscal_year
           FROM mm.segment_score s
        UNION
         SELECT DISTINCT w_1.bu_id,
            w_1.fiscal_year
           FROM mm.factor_weight w_1
        )
 SELECT y.bu_id,
    y.fiscal_year,
    f.code AS factor_code,
    f.axis,
        CASE
            WHEN (EXISTS ( SELECT
               FROM mm.factor_weight c
              WHERE ((c.bu_id = y.bu_id) AND (c.fiscal_year = y.fiscal_year)))) THEN COALESCE(w.weight, (0)::numeric)
            ELSE (1.0 / (count(*) OVER (PARTITION BY y.bu_id, y.fiscal_year, f.axis))::numeric)
        END AS weight,
    (w.weight IS NOT NULL) AS set_explicitly
   FROM ((years y
     CROSS JOIN mm.factor f)
     LEFT JOIN mm.factor_weight w ON (((w.bu_id = y.bu_id) AND (w.fiscal_year = y.fiscal_year) AND (w.factor_code = f.code))));

ALTER TABLE mm.effective_weight OWNER TO mtl_owner;

COMMENT ON VIEW mm.effective_weight IS 'The weight each factor carries per BU and fiscal year (equal within an axis when none are set).';

ALTER TABLE mm.framework ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.framework_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.framework_theme (
    framework_id bigint NOT NULL,
    theme_id bigint NOT NULL,
    name text NOT NULL,
    statement text DEFAULT ''::text NOT NULL,
    dropped boolean DEFAULT false NOT NULL,
    justification text,
    CONSTRAINT framework_theme_name_check CHECK ((btrim(name) <> ''::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.framework_theme FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.framework_theme OWNER TO mtl_owner;

COMMENT ON TABLE mm.framework_theme IS 'The themes of each year''s framework: kept, changed (with a justification within five years) or dropped.';

ALTER TABLE mm.msp ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.msp_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.msp_quarter (
    msp_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    fiscal_quarter text GENERATED ALWAYS AS (((('FY'::text || fiscal_year) || '-Q'::text) || quarter)) STORED NOT NULL,
    pipeline_target numeric(18,2) DEFAULT 0 NOT NULL,
    lead_target integer DEFAULT 0 NOT NULL,
    budget numeric(18,2) DEFAULT 0 NOT NULL,
    currency text NOT NULL,
    headcount numeric(6,1) DEFAULT 0 NOT NULL,
    resources text DEFAULT ''::text NOT NULL,
    planned_programmes text DEFAULT ''::text NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    updated_by name DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT msp_quarter_budget_check CHECK ((budget >= (0)::numeric)),
    CONSTRAINT msp_quarter_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT msp_quarter_headcount_check CHECK ((headcount >= (0)::numeric)),
    CONSTRAINT msp_quarter_lead_target_check CHECK ((lead_target >= 0)),
    CONSTRAINT msp_quarter_pipeline_target_check CHECK ((pipeline_target >= (0)::numeric)),
    CONSTRAINT msp_quarter_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.msp_quarter FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.msp_quarter OWNER TO mtl_owner;

COMMENT ON TABLE mm.msp_quarter IS 'Quarterly execution plans of an MSP: pipeline and lead targets, budget, headcount and planned programmes per fiscal quarter.';

CREATE VIEW mm.portfolio WITH (security_invoker='true') AS
 WITH axes AS (
         SELECT s_1.segment_id,
            s_1.fiscal_year,
            round(sum((w.weight * (s_1.score)::numeric)) FILTER (WHERE (w.axis = 'attractiveness'::text)), 4) AS attractiveness,
            round(sum((w.weight * (s_1.score)::numeric)) FILTER (WHERE (w.axis = 'capability'::text)), 4) AS capability,
            count(*) FILTER (WHERE (w.weight > (0)::numeric)) AS scored
           FROM (mm.segment_score s_1
             JOIN mm.effective_weight w ON (((w.bu_id = s_1.bu_id) AND (w.fiscal_year = s_1.fiscal_year) AND (w.factor_code = s_1.factor_code))))
          GROUP BY s_1.segment_id, s_1.fiscal_year
        ), needed AS (
         SELECT w.bu_id,
            w.fiscal_year,
            count(*) FILTER (WHERE (w.weight > (0)::numeric)) AS factors
           FROM mm.effective_weight w
          GROUP BY w.bu_id, w.fiscal_year
        ), scored AS (
         SELECT g.id AS segment_id,
            g.unit_id,
            g.bu_id,
            g.code,
            g.name,
            g.horizon,
            a.fiscal_year,
            a.attractiveness,
            a.capability,
            (a.scored = n.factors) AS complete
           FROM ((axes a
             JOIN mm.segment g ON ((g.id = a.segment_id)))
             JOIN needed n ON (((n.bu_id = g.bu_id) AND (n.fiscal_year = a.fiscal_year))))
          WHERE g.active
        )
 SELECT s.segment_id,
    s.unit_id,
    s.bu_id,
    s.code,
    s.name,
    s.horizon,
    s.fiscal_year,
    s.complete,
        CASE
            WHEN s.complete THEN s.attractiveness
            ELSE NULL::numeric
        END AS attractiveness,
        CASE
            WHEN s.complete THEN s.capability
            ELSE NULL::numeric
        END AS capability,
        CASE
            WHEN s.complete THEN round(((s.attractiveness + s.capability) / (2)::numeric), 4)
            ELSE NULL::numeric
        END AS overall,
        CASE
            WHEN s.complete THEN rank() OVER (PARTITION BY s.unit_id, s.fiscal_year, s.complete ORDER BY (s.attractiveness + s.capability) DESC, s.attractiveness DESC)
            ELSE NULL::bigint
        END AS rank,
        CASE
            WHEN (NOT s.complete) THEN NULL::text
            WHEN ((s.attractiveness >= (3)::numeric) AND (s.capability >= (3)::numeric)) THEN 'invest_grow'::text
            WHEN (s.attractiveness >= (3)::numeric) THEN 'selective'::text
            WHEN (s.capability >= (3)::numeric) THEN 'maintain'::text
            ELSE 'harvest'::text
        END AS quadrant
   FROM scored s;

ALTER TABLE mm.portfolio OWNER TO mtl_owner;

COMMENT ON VIEW mm.portfolio IS 'One row per active scored segment and fiscal year: weighted attractiveness and capability (1–5), overall, rank within the unit, quadrant.';

CREATE VIEW mm.quality_msp_without_review WITH (security_invoker='true') AS
 SELECT 'msp'::text AS subject_kind,
    m.id AS subject_id,
    m.unit_id,
    m.bu_id,
    jsonb_build_object('segment', s.code, 'fiscal_quarter', q.label) AS details
   FROM ((mm.msp m
     JOIN mm.segment s ON ((s.id = m.segment_id)))
     CROSS JOIN LATERAL ( SELECT org.fiscal_quarter_closed_before(now(), COALESCE(org.unit_time_zone(m.unit_id), 'UTC'::text)) AS label) q)
  WHERE ((m.state = 'active'::text) AND ((substr(q.label, 3, 4))::integer = m.fiscal_year) AND (NOT (EXISTS ( SELECT
           FROM mm.quarterly_review r
          WHERE ((r.msp_id = m.id) AND (r.fiscal_quarter = q.label) AND (r.state = 'approved'::text))))));

ALTER TABLE mm.quality_msp_without_review OWNER TO mtl_owner;

CREATE VIEW mm.quality_off_track_without_actions WITH (security_invoker='true') AS
 SELECT 'quarterly_review'::text AS subject_kind,
    r.id AS subject_id,
    r.unit_id,
    r.bu_id,
    jsonb_build_object('msp_id', r.msp_id, 'fiscal_quarter', r.fiscal_quarter, 'next_quarter', format('FY%s-Q%s'::text, r.next_fiscal_year, r.next_quarter)) AS details
   FROM mm.quarterly_review r
  WHERE ((r.state = 'approved'::text) AND (r.status = 'off_track'::text) AND (NOT (EXISTS ( SELECT
           FROM mm.msp_quarter x
          WHERE ((x.msp_id = r.msp_id) AND (x.fiscal_year = r.next_fiscal_year) AND (x.quarter = r.next_quarter))))));

ALTER TABLE mm.quality_off_track_without_actions OWNER TO mtl_owner;

CREATE VIEW mm.quality_quarter_without_plan WITH (security_invoker='true') AS
 SELECT 'quarterly_review'::text AS subject_kind,
    r.id AS subject_id,
    r.unit_id,
    r.bu_id,
    jsonb_build_object('msp_id', r.msp_id, 'fiscal_quarter', r.fiscal_quarter) AS details
   FROM mm.quarterly_review r
  WHERE ((r.status = 'no_plan'::text) AND (r.state = ANY (ARRAY['submitted'::text, 'approved'::text])));

ALTER TABLE mm.quality_quarter_without_plan OWNER TO mtl_owner;

ALTER TABLE mm.quarterly_review ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.quarterly_review_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.review_setting (
    id boolean DEFAULT true NOT NULL,
    at_risk_below numeric(4,3) DEFAULT 0.9 NOT NULL,
    off_track_below numeric(4,3) DEFAULT 0.7 NOT NULL,
    spend_tolerance numeric(4,3) DEFAULT 0.05 NOT NULL,
    CONSTRAINT review_setting_at_risk_below_check CHECK (((at_risk_below >= (0)::numeric) AND (at_risk_below <= (1)::numeric))),
    CONSTRAINT review_setting_off_track_below_check CHECK (((off_track_below >= (0)::numeric) AND (off_track_below <= (1)::numeric))),
    CONSTRAINT review_setting_single_row CHECK (id),
    CONSTRAINT review_setting_spend_tolerance_check CHECK (((spend_tolerance >= (0)::numeric) AND (spend_tolerance <= (1)::numeric))),
    CONSTRAINT review_thresholds CHECK ((off_track_below <= at_risk_below))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.review_setting FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.review_setting OWNER TO mtl_owner;

COMMENT ON TABLE mm.review_setting IS 'Thresholds of the quarterly review status (one row).';

CREATE TABLE mm.segment_gap (
    segment_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    currency text NOT NULL,
    revenue_target numeric(18,2),
    revenue_actual numeric(18,2),
    pipeline_target numeric(18,2),
    pipeline_actual numeric(18,2),
    share_target numeric(5,2),
    share_actual numeric(5,2),
    improvement_actions text DEFAULT ''::text NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint NOT NULL,
    updated_by name DEFAULT SESSION_USER NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT segment_gap_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT segment_gap_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT segment_gap_pipeline_actual_check CHECK ((pipeline_actual >= (0)::numeric)),
    CONSTRAINT segment_gap_pipeline_target_check CHECK ((pipeline_target >= (0)::numeric)),
    CONSTRAINT segment_gap_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4))),
    CONSTRAINT segment_gap_revenue_actual_check CHECK ((revenue_actual >= (0)::numeric)),
    CONSTRAINT segment_gap_revenue_target_check CHECK ((revenue_target >= (0)::numeric)),
    CONSTRAINT segment_gap_share_actual_check CHECK (((share_actual >= (0)::numeric) AND (share_actual <= (100)::numeric))),
    CONSTRAINT segment_gap_share_target_check CHECK (((share_target >= (0)::numeric) AND (share_target <= (100)::numeric)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.segment_gap FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.segment_gap OWNER TO mtl_owner;

COMMENT ON TABLE mm.segment_gap IS 'Per segment and fiscal quarter: revenue, pipeline and share, target against actual, and improvement actions.';

CREATE VIEW mm.segment_gap_summary WITH (security_invoker='true') AS
 SELECT g.segment_id,
    g.unit_id,
    g.bu_id,
    g.fiscal_year,
    g.quarter,
    format('FY%s-Q%s'::text, g.fiscal_year, g.quarter) AS fiscal_quarter,
    g.currency,
    g.revenue_target,
    g.revenue_actual,
    (g.revenue_actual - g.revenue_target) AS revenue_gap,
    g.pipeline_target,
    g.pipeline_actual,
    (g.pipeline_actual - g.pipeline_target) AS pipeline_gap,
    g.share_target,
    g.share_actual,
    (g.share_actual - g.share_target) AS share_gap,
    g.improvement_actions
   FROM mm.segment_gap g;

ALTER TABLE mm.segment_gap_summary OWNER TO mtl_owner;

COMMENT ON VIEW mm.segment_gap_summary IS 'Performance gaps (actual minus target; negative is behind) per segment and fiscal quarter.';

ALTER TABLE mm.segment ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.segment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mm.theme (
    id bigint NOT NULL,
    code text NOT NULL,
    introduced_in integer NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT theme_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT theme_introduced_in_check CHECK (((introduced_in >= 2000) AND (introduced_in <= 2200)))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY mm.theme FORCE ROW LEVEL SECURITY;

ALTER TABLE mm.theme OWNER TO mtl_owner;

COMMENT ON TABLE mm.theme IS 'Marketing themes: brand ideas meant to stay stable for about five years, with the year they were introduced.';

ALTER TABLE mm.theme ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mm.theme_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mqa.attribution_model (
    code text NOT NULL,
    version integer NOT NULL,
    method text NOT NULL,
    half_life_days numeric(8,2),
    description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT attribution_half_life CHECK (((method = 'time_decay'::text) = (half_life_days IS NOT NULL))),
    CONSTRAINT attribution_method CHECK ((method = ANY (ARRAY['source'::text, 'first_touch'::text, 'last_touch'::text, 'linear'::text, 'time_decay'::text]))),
    CONSTRAINT attribution_model_code_check CHECK ((code ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT attribution_model_half_life_days_check CHECK ((half_life_days > (0)::numeric)),
    CONSTRAINT attribution_model_version_check CHECK ((version >= 1))
);

ALTER TABLE ONLY mqa.attribution_model FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.attribution_model OWNER TO mtl_owner;

COMMENT ON TABLE mqa.attribution_model IS 'Attribution models, versioned and never changed: how a lead and its pipeline are shared among the activities that touched it.';

CREATE TABLE mqa.finding (
    id bigint NOT NULL,
    rule_code text NOT NULL,
    subject_kind text NOT NULL,
    subject_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    state text DEFAULT 'open'::text NOT NULL,
    first_found_at timestamp with time zone DEFAULT now() NOT NULL,
    times_opened integer DEFAULT 1 NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT finding_details_check CHECK ((jsonb_typeof(details) = 'object'::text)),
    CONSTRAINT finding_state CHECK ((state = ANY (ARRAY['open'::text, 'acknowledged'::text, 'resolved'::text, 'waived'::text]))),
    CONSTRAINT finding_subject_kind_check CHECK ((subject_kind ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT finding_times_opened_check CHECK ((times_opened >= 1))
);

ALTER TABLE ONLY mqa.finding FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.finding OWNER TO mtl_owner;

COMMENT ON TABLE mqa.finding IS 'Quality findings: a rule''s violation by one subject, open → acknowledged → resolved (by hand, or by the check when the violation is gone), waived through an approved waiver; reopened when the violation comes back.';

ALTER TABLE mqa.finding ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mqa.finding_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW mqa.finding_list WITH (security_invoker='true') AS
 SELECT f.id,
    f.rule_code,
    r.title,
    r.severity,
    f.subject_kind,
    f.subject_id,
    f.unit_id,
    u.code AS unit,
    f.bu_id,
    b.code AS bu,
    f.state,
    f.details,
    f.first_found_at,
    f.times_opened,
    f.state_changed_at,
    f.state_changed_by,
    ( SELECT w.reason
           FROM mqa.waiver w
          WHERE ((w.finding_id = f.id) AND (w.state = 'approved'::text))
          ORDER BY w.id DESC
         LIMIT 1) AS waiver_reason
   FROM (((mqa.finding f
     JOIN mqa.rule r ON ((r.code = f.rule_code)))
     JOIN org.unit u ON ((u.id = f.unit_id)))
     LEFT JOIN org.business_unit b ON ((b.id = f.bu_id)));

ALTER TABLE mqa.finding_list OWNER TO mtl_owner;

COMMENT ON VIEW mqa.finding_list IS 'Quality findings as people read them (rule title and severity, unit and BU codes, the approved waiver''s reason); row-level security of mqa.finding applies.';

CREATE TABLE mqa.quarter_close (
    unit_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    closed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT quarter_close_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4)))
);

ALTER TABLE ONLY mqa.quarter_close FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.quarter_close OWNER TO mtl_owner;

COMMENT ON TABLE mqa.quarter_close IS 'The fiscal quarters whose scorecard is frozen, per unit: closed in the unit''s time zone and stored by the first refresh after.';

CREATE TABLE mqa.report_pack (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    title text NOT NULL,
    html text NOT NULL,
    job_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT report_pack_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4)))
);

ALTER TABLE ONLY mqa.report_pack FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.report_pack OWNER TO mtl_owner;

COMMENT ON TABLE mqa.report_pack IS 'Quarterly report packs: a region''s scorecard of a closed quarter as one HTML file, rendered and stored by the scheduler; scoped like the region.';

ALTER TABLE mqa.report_pack ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mqa.report_pack_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mqa.scorecard_snapshot (
    id bigint NOT NULL,
    source text NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    programme_id bigint,
    activity_type text,
    industry text,
    currency text,
    activities_planned integer DEFAULT 0 NOT NULL,
    activities_done integer DEFAULT 0 NOT NULL,
    invited bigint DEFAULT 0 NOT NULL,
    attended bigint DEFAULT 0 NOT NULL,
    cost_planned numeric(18,2) DEFAULT 0 NOT NULL,
    cost_actual numeric(18,2) DEFAULT 0 NOT NULL,
    leads integer DEFAULT 0 NOT NULL,
    qualified integer DEFAULT 0 NOT NULL,
    opportunities integer DEFAULT 0 NOT NULL,
    handed_off integer DEFAULT 0 NOT NULL,
    accepted integer DEFAULT 0 NOT NULL,
    rejected integer DEFAULT 0 NOT NULL,
    sla_met integer DEFAULT 0 NOT NULL,
    sla_breached integer DEFAULT 0 NOT NULL,
    pipeline numeric(18,2) DEFAULT 0 NOT NULL,
    CONSTRAINT scorecard_snapshot_source_check CHECK ((source = ANY (ARRAY['activity'::text, 'lead'::text])))
);

ALTER TABLE ONLY mqa.scorecard_snapshot FORCE ROW LEVEL SECURITY;

ALTER TABLE mqa.scorecard_snapshot OWNER TO mtl_owner;

COMMENT ON TABLE mqa.scorecard_snapshot IS 'Frozen scorecard figures of closed quarters (append-only): what the scorecards show for a closed quarter.';

ALTER TABLE mqa.scorecard_snapshot ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mqa.scorecard_snapshot_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE mqa.waiver ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mqa.waiver_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE mtl_meta.migration (
    id text NOT NULL,
    kind text NOT NULL,
    path text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by name DEFAULT SESSION_USER NOT NULL,
    execution_ms integer NOT NULL,
    CONSTRAINT migration_kind_check CHECK ((kind = ANY (ARRAY['versioned'::text, 'repeatable'::text])))
);

ALTER TABLE mtl_meta.migration OWNER TO postgres;

COMMENT ON TABLE mtl_meta.migration IS 'One row per applied SQL file under sql/, with its checksum.';

ALTER TABLE org.business_unit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME org.business_unit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE org.capability (
    code text NOT NULL,
    group_role name NOT NULL,
    owner_schema name NOT NULL,
    description text NOT NULL,
    "position" smallint NOT NULL,
    CONSTRAINT capability_code CHECK ((code ~ '^[a-z][a-z_]{1,30}$'::text)),
    CONSTRAINT capability_description_check CHECK ((btrim(description) <> ''::text)),
    CONSTRAINT capability_group_role CHECK ((group_role = ('mtl_'::text || code)))
);

ALTER TABLE ONLY org.capability FORCE ROW LEVEL SECURITY;

ALTER TABLE org.capability OWNER TO mtl_owner;

COMMENT ON TABLE org.capability IS 'What a person may do: each capability is a group role (mtl_<code>). The core''s six, and those modules register from their migrations (SCE''s seller).';

CREATE TABLE org.fx_rate (
    currency text NOT NULL,
    to_currency text NOT NULL,
    fiscal_year integer NOT NULL,
    quarter smallint NOT NULL,
    rate numeric(20,10) NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT fx_rate_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT fx_rate_fiscal_year_check CHECK (((fiscal_year >= 2000) AND (fiscal_year <= 2200))),
    CONSTRAINT fx_rate_quarter_check CHECK (((quarter >= 1) AND (quarter <= 4))),
    CONSTRAINT fx_rate_rate_check CHECK ((rate > (0)::numeric)),
    CONSTRAINT fx_rate_to_currency_check CHECK ((to_currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT fx_rate_two_currencies CHECK ((currency <> to_currency))
);

ALTER TABLE ONLY org.fx_rate FORCE ROW LEVEL SECURITY;

ALTER TABLE org.fx_rate OWNER TO mtl_owner;

COMMENT ON TABLE org.fx_rate IS 'Exchange rates kept by HQ: one currency in another, per fiscal quarter; a figure without a rate is missing, not zero.';

ALTER TABLE org."grant" ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME org.grant_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE org.iso_country (
    code text NOT NULL,
    name text NOT NULL,
    time_zone text NOT NULL,
    currency text,
    CONSTRAINT iso_country_code_check CHECK ((code ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT iso_country_currency CHECK ((currency ~ '^[A-Z]{3}$'::text))
)
WITH (autovacuum_analyze_threshold='5');

ALTER TABLE ONLY org.iso_country FORCE ROW LEVEL SECURITY;

ALTER TABLE org.iso_country OWNER TO mtl_owner;

COMMENT ON COLUMN org.iso_country.time_zone IS 'The country''s main IANA time zone (its capital''s or most populous one): a country unit''s default.';

COMMENT ON COLUMN org.iso_country.currency IS 'The country''s ISO 4217 currency (NULL for Antarctica): a country unit''s default.';

CREATE TABLE org.state_machine (
    machine text NOT NULL,
    owner_schema name NOT NULL,
    subject text NOT NULL,
    CONSTRAINT state_machine_machine_check CHECK ((machine ~ '^[a-z][a-z0-9_]*$'::text))
);

ALTER TABLE ONLY org.state_machine FORCE ROW LEVEL SECURITY;

ALTER TABLE org.state_machine OWNER TO mtl_owner;

COMMENT ON TABLE org.state_machine IS 'The state machines of the modules: which table each governs and who owns it.';

CREATE TABLE org.state_transition (
    machine text NOT NULL,
    from_state text NOT NULL,
    to_state text NOT NULL,
    automatic boolean NOT NULL,
    how text NOT NULL
);

ALTER TABLE ONLY org.state_transition FORCE ROW LEVEL SECURITY;

ALTER TABLE org.state_transition OWNER TO mtl_owner;

COMMENT ON TABLE org.state_transition IS 'The allowed state changes of each machine; automatic ones are made by the database only.';

ALTER TABLE org.unit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME org.unit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE reporting_private.refresh (
    name name NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    seconds numeric(10,3) NOT NULL
);

ALTER TABLE reporting_private.refresh OWNER TO mtl_owner;

CREATE VIEW reporting.data_dictionary WITH (security_barrier='true') AS
 SELECT (c.relname)::text AS object_name,
    NULL::text AS column_name,
    0 AS "position",
        CASE c.relkind
            WHEN 'v'::"char" THEN 'view'::text
            WHEN 'm'::"char" THEN 'materialized view'::text
            ELSE 'table'::text
        END AS data_type,
    obj_description(c.oid, 'pg_class'::name) AS description,
    "substring"(obj_description(c.oid, 'pg_class'::name), 'Grain: ([^.]*)\.?'::text) AS grain,
    ( SELECT r.refreshed_at
           FROM reporting_private.refresh r
          WHERE (r.name = regexp_replace((c.relname)::text, '^fct_'::text, ''::text))) AS refreshed_at
   FROM pg_class c
  WHERE ((c.relnamespace = ('reporting'::regnamespace)::oid) AND (c.relkind = ANY (ARRAY['v'::"char", 'm'::"char", 'r'::"char"])))
UNION ALL
 SELECT (c.relname)::text AS object_name,
    (a.attname)::text AS column_name,
    (a.attnum)::integer AS "position",
    format_type(a.atttypid, a.atttypmod) AS data_type,
    col_description(c.oid, (a.attnum)::integer) AS description,
    NULL::text AS grain,
    NULL::timestamp with time zone AS refreshed_at
   FROM (pg_class c
     JOIN pg_attribute a ON (((a.attrelid = c.oid) AND (a.attnum > 0) AND (NOT a.attisdropped))))
  WHERE ((c.relnamespace = ('reporting'::regnamespace)::oid) AND (c.relkind = ANY (ARRAY['v'::"char", 'm'::"char", 'r'::"char"])));

ALTER TABLE reporting.data_dictionary OWNER TO mtl_owner;

COMMENT ON VIEW reporting.data_dictionary IS 'The reporting schema''s views and columns, with types and descriptions, for tools that do not read comments. Grain: one row per view (column_name NULL) and one per column.';

COMMENT ON COLUMN reporting.data_dictionary.object_name IS 'The view, in schema reporting.';

COMMENT ON COLUMN reporting.data_dictionary.column_name IS 'The column; NULL on the row that describes the view itself.';

COMMENT ON COLUMN reporting.data_dictionary."position" IS 'The column''s position in the view, from 1; 0 for the view''s own row.';

COMMENT ON COLUMN reporting.data_dictionary.data_type IS 'The column''s PostgreSQL type, such as numeric(18,2); for the view''s row: view or materialized view.';

COMMENT ON COLUMN reporting.data_dictionary.description IS 'What it holds (the object''s or column''s COMMENT).';

COMMENT ON COLUMN reporting.data_dictionary.grain IS 'On a view''s row: what one row of the view is.';

COMMENT ON COLUMN reporting.data_dictionary.refreshed_at IS 'On a view''s row: when the data behind it was last refreshed; NULL for a view computed when read.';

CREATE VIEW reporting.dim_attribution_model WITH (security_invoker='true') AS
 SELECT m.code AS model,
    m.version AS model_version,
    m.method,
    m.half_life_days,
    m.description,
    m.created_at
   FROM mqa.attribution_model m;

ALTER TABLE reporting.dim_attribution_model OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_attribution_model IS 'Attribution models and their versions (HQ reference data, visible to all). Grain: one row per model and version.';

COMMENT ON COLUMN reporting.dim_attribution_model.model IS 'The model''s code.';

COMMENT ON COLUMN reporting.dim_attribution_model.model_version IS 'Its version, from 1; a new version is a new row, never a change.';

COMMENT ON COLUMN reporting.dim_attribution_model.method IS 'source, first_touch, last_touch, linear or time_decay.';

COMMENT ON COLUMN reporting.dim_attribution_model.half_life_days IS 'time_decay: a touch this many days before the lead''s last touch counts half.';

COMMENT ON COLUMN reporting.dim_attribution_model.description IS 'What the model does, in a sentence.';

COMMENT ON COLUMN reporting.dim_attribution_model.created_at IS 'When this version was added.';

CREATE VIEW reporting.dim_business_unit WITH (security_invoker='true') AS
 SELECT b.id AS bu_id,
    b.code AS bu_code,
    b.name AS bu_name,
    b.active
   FROM org.business_unit b;

ALTER TABLE reporting.dim_business_unit OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_business_unit IS 'Business units. Grain: one row per BU.';

COMMENT ON COLUMN reporting.dim_business_unit.bu_id IS 'Key of the BU; fact views carry it as bu_id.';

COMMENT ON COLUMN reporting.dim_business_unit.bu_code IS 'Short code, such as CARRIER.';

COMMENT ON COLUMN reporting.dim_business_unit.bu_name IS 'Display name.';

COMMENT ON COLUMN reporting.dim_business_unit.active IS 'False once the BU was deactivated.';

CREATE VIEW reporting.dim_framework WITH (security_invoker='true') AS
 SELECT f.id AS framework_id,
    f.fiscal_year,
    f.state,
    f.concept_limit,
    f.published_at,
    ( SELECT count(*) AS count
           FROM mm.framework_theme t
          WHERE ((t.framework_id = f.id) AND (NOT t.dropped))) AS themes,
    ( SELECT count(*) AS count
           FROM mm.concept_package c
          WHERE (c.framework_id = f.id)) AS concept_packages,
    f.company_events_planned
   FROM mm.framework f;

ALTER TABLE reporting.dim_framework OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_framework IS 'Marketing frameworks (HQ reference data, visible to all). Grain: one row per fiscal year.';

COMMENT ON COLUMN reporting.dim_framework.framework_id IS 'Key of the framework.';

COMMENT ON COLUMN reporting.dim_framework.fiscal_year IS 'The fiscal year it frames.';

COMMENT ON COLUMN reporting.dim_framework.state IS 'draft, submitted, approved, rejected, published or superseded.';

COMMENT ON COLUMN reporting.dim_framework.concept_limit IS 'At most this many concept packages.';

COMMENT ON COLUMN reporting.dim_framework.published_at IS 'When HQ published it (NULL: not yet).';

COMMENT ON COLUMN reporting.dim_framework.themes IS 'Themes kept or changed (not dropped).';

COMMENT ON COLUMN reporting.dim_framework.concept_packages IS 'Concept packages it holds.';

COMMENT ON COLUMN reporting.dim_framework.company_events_planned IS 'How many company-tier activities the year plans (NULL: no number planned).';

CREATE VIEW reporting.dim_fx_rate WITH (security_invoker='true') AS
 SELECT x.currency,
    x.to_currency,
    x.fiscal_year,
    x.quarter,
    format('FY%s-Q%s'::text, x.fiscal_year, x.quarter) AS fiscal_quarter,
    x.rate
   FROM org.fx_rate x;

ALTER TABLE reporting.dim_fx_rate OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_fx_rate IS 'Exchange rates kept by HQ, per fiscal quarter (HQ reference data, visible to all): convert an amount of a quarter with that quarter''s rate; without one, the converted amount is unknown. Grain: one row per currency, target currency and fiscal quarter.';

COMMENT ON COLUMN reporting.dim_fx_rate.currency IS 'The ISO 4217 currency converted.';

COMMENT ON COLUMN reporting.dim_fx_rate.to_currency IS 'The ISO 4217 currency converted into.';

COMMENT ON COLUMN reporting.dim_fx_rate.fiscal_year IS 'Fiscal year of the quarter the rate applies to.';

COMMENT ON COLUMN reporting.dim_fx_rate.quarter IS 'Fiscal quarter within the year, 1–4.';

COMMENT ON COLUMN reporting.dim_fx_rate.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';

COMMENT ON COLUMN reporting.dim_fx_rate.rate IS 'Units of to_currency one unit of currency was worth.';

CREATE VIEW reporting.dim_msp WITH (security_invoker='true') AS
 SELECT m.id AS msp_id,
    m.segment_id,
    m.unit_id,
    m.bu_id,
    m.fiscal_year,
    (m.owner_role)::text AS owner,
    m.state,
    m.state_changed_at
   FROM mm.msp m;

ALTER TABLE reporting.dim_msp OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_msp IS 'Market Segment Plans. Grain: one row per MSP (segment × unit × fiscal year).';

COMMENT ON COLUMN reporting.dim_msp.msp_id IS 'Key of the MSP; fact views carry it as msp_id.';

COMMENT ON COLUMN reporting.dim_msp.segment_id IS 'The segment the plan is for (reporting.dim_segment).';

COMMENT ON COLUMN reporting.dim_msp.unit_id IS 'The plan''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.dim_msp.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.dim_msp.fiscal_year IS 'The fiscal year the plan covers.';

COMMENT ON COLUMN reporting.dim_msp.owner IS 'The person accountable (login role).';

COMMENT ON COLUMN reporting.dim_msp.state IS 'draft, submitted, approved, rejected, active or closed.';

COMMENT ON COLUMN reporting.dim_msp.state_changed_at IS 'When the plan last changed state.';

CREATE VIEW reporting.dim_programme WITH (security_invoker='true') AS
 SELECT p.id AS programme_id,
    p.unit_id,
    p.bu_id,
    p.name AS programme_name,
    p.tier,
    p.fiscal_year,
    p.msp_id,
    p.segment_id,
    c.code AS concept_code,
    p.lead_target,
    p.pipeline_target,
    p.currency,
    p.starts_on,
    p.ends_on,
    p.state,
    dg.approved_budget(p.id) AS approved_budget
   FROM (dg.programme p
     JOIN mm.concept_package c ON ((c.id = p.concept_package_id)));

ALTER TABLE reporting.dim_programme OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_programme IS 'Marketing programmes. Grain: one row per programme.';

COMMENT ON COLUMN reporting.dim_programme.programme_id IS 'Key of the programme; fact views carry it as programme_id.';

COMMENT ON COLUMN reporting.dim_programme.unit_id IS 'The owning unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.dim_programme.bu_id IS 'The BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.dim_programme.programme_name IS 'Display name.';

COMMENT ON COLUMN reporting.dim_programme.tier IS 'company (HQ thought leadership), region or customer_group.';

COMMENT ON COLUMN reporting.dim_programme.fiscal_year IS 'The fiscal year (2027 for FY2027).';

COMMENT ON COLUMN reporting.dim_programme.msp_id IS 'The MSP it serves (reporting.dim_msp); NULL for some company-tier programmes.';

COMMENT ON COLUMN reporting.dim_programme.segment_id IS 'The segment of that MSP (reporting.dim_segment).';

COMMENT ON COLUMN reporting.dim_programme.concept_code IS 'The concept package of the year''s framework it follows.';

COMMENT ON COLUMN reporting.dim_programme.lead_target IS 'Leads it should produce.';

COMMENT ON COLUMN reporting.dim_programme.pipeline_target IS 'Pipeline it should create, in currency.';

COMMENT ON COLUMN reporting.dim_programme.currency IS 'ISO 4217 currency of its targets and budget.';

COMMENT ON COLUMN reporting.dim_programme.starts_on IS 'First day.';

COMMENT ON COLUMN reporting.dim_programme.ends_on IS 'Last day.';

COMMENT ON COLUMN reporting.dim_programme.state IS 'planned, approved, running, closed or cancelled.';

COMMENT ON COLUMN reporting.dim_programme.approved_budget IS 'Sum of its approved budget requests, in currency.';

CREATE VIEW reporting.dim_quality_rule WITH (security_invoker='true') AS
 SELECT r.code AS rule_code,
    (r.owner_schema)::text AS owner_module,
    r.title,
    r.severity,
    r.enabled,
    (r.defaults || r.settings) AS parameters,
    r.last_checked_at
   FROM mqa.rule r;

ALTER TABLE reporting.dim_quality_rule OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_quality_rule IS 'Quality rules (HQ reference data, visible to all). Grain: one row per rule.';

COMMENT ON COLUMN reporting.dim_quality_rule.rule_code IS 'Key of the rule: <module schema>.<name>, such as dg.lead_incomplete; fact views carry it as rule_code.';

COMMENT ON COLUMN reporting.dim_quality_rule.owner_module IS 'The module that owns the rule, by its schema: dg (demand generation), mm (market management), ….';

COMMENT ON COLUMN reporting.dim_quality_rule.title IS 'What the rule looks for, in a few words.';

COMMENT ON COLUMN reporting.dim_quality_rule.severity IS 'info, warning or critical.';

COMMENT ON COLUMN reporting.dim_quality_rule.enabled IS 'False: the daily check does not run it (its findings stay as they were).';

COMMENT ON COLUMN reporting.dim_quality_rule.parameters IS 'The parameters in effect (HQ''s settings over the defaults), a JSON object such as {"days": 14}.';

COMMENT ON COLUMN reporting.dim_quality_rule.last_checked_at IS 'When the check last ran the rule (NULL: never).';

CREATE VIEW reporting.dim_segment WITH (security_invoker='true') AS
 SELECT s.id AS segment_id,
    s.unit_id,
    s.bu_id,
    ((u.code || '/'::text) || s.code) AS segment_ref,
    s.code AS segment_code,
    s.name AS segment_name,
    s.industry,
    s.customer_type,
    s.solution_line,
    s.horizon,
    s.active
   FROM (mm.segment s
     JOIN org.unit u ON ((u.id = s.unit_id)));

ALTER TABLE reporting.dim_segment OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_segment IS 'Market segments. Grain: one row per segment.';

COMMENT ON COLUMN reporting.dim_segment.segment_id IS 'Key of the segment; fact views carry it as segment_id.';

COMMENT ON COLUMN reporting.dim_segment.unit_id IS 'The owning unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.dim_segment.bu_id IS 'The BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.dim_segment.segment_ref IS 'UNIT/CODE, as the CLI names it.';

COMMENT ON COLUMN reporting.dim_segment.segment_code IS 'Code, unique within the unit.';

COMMENT ON COLUMN reporting.dim_segment.segment_name IS 'Display name.';

COMMENT ON COLUMN reporting.dim_segment.industry IS 'The customers'' industry.';

COMMENT ON COLUMN reporting.dim_segment.customer_type IS 'The type of customer.';

COMMENT ON COLUMN reporting.dim_segment.solution_line IS 'The solution or product line offered.';

COMMENT ON COLUMN reporting.dim_segment.horizon IS 'H1 core, H2 growth, H3 emerging.';

COMMENT ON COLUMN reporting.dim_segment.active IS 'False once deactivated (then not in the portfolio).';

CREATE VIEW reporting.dim_unit WITH (security_invoker='true') AS
 SELECT u.id AS unit_id,
    u.code AS unit_code,
    u.name AS unit_name,
    u.kind AS unit_kind,
    p.code AS parent_code,
        CASE u.kind
            WHEN 'country'::text THEN p.code
            WHEN 'region'::text THEN u.code
            ELSE NULL::text
        END AS region_code,
    org.unit_time_zone(u.id) AS time_zone,
    u.active,
    u.currency
   FROM (org.unit u
     LEFT JOIN org.unit p ON ((p.id = u.parent_id)));

ALTER TABLE reporting.dim_unit OWNER TO mtl_owner;

COMMENT ON VIEW reporting.dim_unit IS 'Org units (HQ, regions, countries). Grain: one row per unit.';

COMMENT ON COLUMN reporting.dim_unit.unit_id IS 'Key of the unit; fact views carry it as unit_id.';

COMMENT ON COLUMN reporting.dim_unit.unit_code IS 'HQ, a region''s short code, or a country''s ISO 3166-1 alpha-2 code.';

COMMENT ON COLUMN reporting.dim_unit.unit_name IS 'Display name.';

COMMENT ON COLUMN reporting.dim_unit.unit_kind IS 'hq, region or country.';

COMMENT ON COLUMN reporting.dim_unit.parent_code IS 'Code of the unit above (NULL for HQ).';

COMMENT ON COLUMN reporting.dim_unit.region_code IS 'Code of the region the unit is in (NULL for HQ).';

COMMENT ON COLUMN reporting.dim_unit.time_zone IS 'The unit''s own IANA time zone (a country''s main zone by default).';

COMMENT ON COLUMN reporting.dim_unit.active IS 'False once the unit was deactivated.';

COMMENT ON COLUMN reporting.dim_unit.currency IS 'The unit''s ISO 4217 currency, the default of its amounts.';

CREATE VIEW reporting.fct_activity WITH (security_invoker='true') AS
 SELECT a.id AS activity_id,
    a.programme_id,
    a.unit_id,
    a.bu_id,
    a.name AS activity_name,
    a.type,
    a.starts_on,
    a.ends_on,
    a.planned_cost,
    a.actual_cost,
    COALESCE(a.actual_cost, a.planned_cost) AS cost,
    a.invited,
    a.attended,
    a.state
   FROM dg.activity a;

ALTER TABLE reporting.fct_activity OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_activity IS 'Marketing activities and what they cost. Grain: one row per activity.';

COMMENT ON COLUMN reporting.fct_activity.activity_id IS 'Key of the activity; reporting.fct_lead carries it as activity_id.';

COMMENT ON COLUMN reporting.fct_activity.programme_id IS 'Its programme (reporting.dim_programme); costs are in its currency.';

COMMENT ON COLUMN reporting.fct_activity.unit_id IS 'Where it takes place: the programme''s unit or one below (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_activity.bu_id IS 'The programme''s BU.';

COMMENT ON COLUMN reporting.fct_activity.activity_name IS 'Display name.';

COMMENT ON COLUMN reporting.fct_activity.type IS 'summit, exhibition, workshop, seminar, webinar, digital_campaign, customer_visit, customer_experience, roadshow, joint_innovation or other.';

COMMENT ON COLUMN reporting.fct_activity.starts_on IS 'First day.';

COMMENT ON COLUMN reporting.fct_activity.ends_on IS 'Last day.';

COMMENT ON COLUMN reporting.fct_activity.planned_cost IS 'Planned cost.';

COMMENT ON COLUMN reporting.fct_activity.actual_cost IS 'Actual cost, once done.';

COMMENT ON COLUMN reporting.fct_activity.cost IS 'What counts against the budget: actual once known, else planned (cancelled activities count nothing).';

COMMENT ON COLUMN reporting.fct_activity.invited IS 'People invited.';

COMMENT ON COLUMN reporting.fct_activity.attended IS 'People who came.';

COMMENT ON COLUMN reporting.fct_activity.state IS 'planned, done or cancelled.';

CREATE VIEW reporting.fct_approval WITH (security_invoker='true') AS
 SELECT r.id AS request_id,
    r.kind,
    r.subject_id,
    r.unit_id,
    r.bu_id,
    r.state,
    r.submitted_at,
    r.closed_at,
    d.decision,
    d.decided_at,
    round((EXTRACT(epoch FROM (COALESCE(r.closed_at, now()) - r.submitted_at)) / (3600)::numeric), 1) AS lead_time_hours
   FROM (approval.request r
     LEFT JOIN LATERAL ( SELECT x.decision,
            x.decided_at
           FROM approval.decision x
          WHERE (x.request_id = r.id)
          ORDER BY x.id DESC
         LIMIT 1) d ON (true));

ALTER TABLE reporting.fct_approval OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_approval IS 'Approval requests (frameworks, MSPs, budgets, quarterly reviews, finding waivers) and their decisions. Grain: one row per request.';

COMMENT ON COLUMN reporting.fct_approval.request_id IS 'Key of the request.';

COMMENT ON COLUMN reporting.fct_approval.kind IS 'What it is about: framework, msp, budget, quarterly_review, finding_waiver, ….';

COMMENT ON COLUMN reporting.fct_approval.subject_id IS 'The key of what it is about, by kind: framework_id, msp_id, budget_id, review_id or the waiver''s id.';

COMMENT ON COLUMN reporting.fct_approval.unit_id IS 'The unit whose approvers decide it (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_approval.bu_id IS 'The BU whose approvers decide it (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_approval.state IS 'pending, approved, rejected or withdrawn.';

COMMENT ON COLUMN reporting.fct_approval.submitted_at IS 'When it was submitted.';

COMMENT ON COLUMN reporting.fct_approval.closed_at IS 'When it was decided or withdrawn (NULL: pending).';

COMMENT ON COLUMN reporting.fct_approval.decision IS 'approved or rejected (NULL: pending or withdrawn).';

COMMENT ON COLUMN reporting.fct_approval.decided_at IS 'When it was decided.';

COMMENT ON COLUMN reporting.fct_approval.lead_time_hours IS 'Hours from submission to closing; for a pending request, hours waited so far.';

CREATE VIEW reporting.fct_attribution WITH (security_invoker='true') AS
 WITH touches AS (
         SELECT l_1.id AS lead_id,
            l_1.activity_id,
            l_1.created_at AS touched_at,
            true AS is_source
           FROM dg.lead l_1
          WHERE (l_1.activity_id IS NOT NULL)
        UNION ALL
         SELECT t.lead_id,
            t.activity_id,
            t.touched_at,
            false
           FROM dg.touchpoint t
        ), ranked AS (
         SELECT t.lead_id,
            t.activity_id,
            t.touched_at,
            t.is_source,
            count(*) OVER per_lead AS touches,
            max(t.touched_at) OVER per_lead AS last_touch,
            row_number() OVER (PARTITION BY t.lead_id ORDER BY t.touched_at, t.is_source DESC, t.activity_id) AS from_first,
            row_number() OVER (PARTITION BY t.lead_id ORDER BY t.touched_at DESC, t.is_source, t.activity_id DESC) AS from_last
           FROM touches t
          WINDOW per_lead AS (PARTITION BY t.lead_id)
        ), raw AS (
         SELECT m.code,
            m.version,
            r.lead_id,
            r.activity_id,
            r.touched_at,
                CASE m.method
                    WHEN 'source'::text THEN (
                    CASE
                        WHEN r.is_source THEN 1
                        ELSE 0
                    END)::numeric
                    WHEN 'first_touch'::text THEN (
                    CASE
                        WHEN (r.from_first = 1) THEN 1
                        ELSE 0
                    END)::numeric
                    WHEN 'last_touch'::text THEN (
                    CASE
                        WHEN (r.from_last = 1) THEN 1
                        ELSE 0
                    END)::numeric
                    WHEN 'linear'::text THEN (1)::numeric
                    WHEN 'time_decay'::text THEN power(0.5, ((EXTRACT(epoch FROM (r.last_touch - r.touched_at)) / (86400)::numeric) / m.half_life_days))
                    ELSE NULL::numeric
                END AS raw
           FROM (ranked r
             CROSS JOIN mqa.attribution_model m)
        ), weighted AS (
         SELECT x.code,
            x.version,
            x.lead_id,
            x.activity_id,
            x.touched_at,
            x.raw,
            (x.raw / sum(x.raw) OVER (PARTITION BY x.code, x.version, x.lead_id)) AS weight
           FROM raw x
          WHERE (x.raw > (0)::numeric)
        )
 SELECT w.code AS model,
    w.version AS model_version,
    w.lead_id,
    w.activity_id,
    a.programme_id,
    p.concept_package_id,
    l.unit_id,
    l.bu_id,
    w.touched_at,
    round(w.weight, 6) AS weight,
    round((w.weight * l.pipeline_value), 2) AS attributed_pipeline,
    l.currency
   FROM (((weighted w
     JOIN dg.lead l ON ((l.id = w.lead_id)))
     LEFT JOIN dg.activity a ON ((a.id = w.activity_id)))
     LEFT JOIN dg.programme p ON ((p.id = a.programme_id)));

ALTER TABLE reporting.fct_attribution OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_attribution IS 'Campaign influence: each attribution model and version shares a lead and its pipeline among the activities that touched it (its source, then its touchpoints). Grain: one row per model, model version, lead and touching activity.';

COMMENT ON COLUMN reporting.fct_attribution.model IS 'The attribution model: source, first_touch, last_touch, linear or time_decay (mqa.attribution_model).';

COMMENT ON COLUMN reporting.fct_attribution.model_version IS 'The model''s version: a version never changes, so the same model and version give the same weights.';

COMMENT ON COLUMN reporting.fct_attribution.lead_id IS 'The lead (reporting.fct_lead).';

COMMENT ON COLUMN reporting.fct_attribution.activity_id IS 'The activity credited (reporting.fct_activity).';

COMMENT ON COLUMN reporting.fct_attribution.programme_id IS 'The activity''s programme (reporting.dim_programme); NULL where the reader cannot see the activity.';

COMMENT ON COLUMN reporting.fct_attribution.concept_package_id IS 'The programme''s concept package (mm.concept_package); NULL where unknown to the reader.';

COMMENT ON COLUMN reporting.fct_attribution.unit_id IS 'The lead''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_attribution.bu_id IS 'The lead''s BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_attribution.touched_at IS 'When the activity touched the lead (for its source: when the lead was created).';

COMMENT ON COLUMN reporting.fct_attribution.weight IS 'The activity''s share of the lead under this model, 0–1; a lead''s shares add up to 1.';

COMMENT ON COLUMN reporting.fct_attribution.attributed_pipeline IS 'weight times the lead''s pipeline value, in currency (NULL without a pipeline value).';

COMMENT ON COLUMN reporting.fct_attribution.currency IS 'ISO 4217 currency of attributed_pipeline.';

CREATE VIEW reporting.fct_battlecard WITH (security_invoker='true') AS
 SELECT b.id AS battlecard_id,
    b.competitor_id,
    c.code AS competitor_code,
    b.segment_id,
    b.unit_id,
    b.bu_id,
    (b.owner)::text AS owner,
    b.last_reviewed_on,
    b.review_interval_days,
    (b.last_reviewed_on + (b.review_interval_days)::integer) AS review_due_on,
    ((b.last_reviewed_on + (b.review_interval_days)::integer) < CURRENT_DATE) AS past_review,
    COALESCE(o.won, (0)::bigint) AS won,
    COALESCE(o.lost, (0)::bigint) AS lost,
    round(((o.won)::numeric / (NULLIF((o.won + o.lost), 0))::numeric), 3) AS win_rate
   FROM ((mi.battlecard b
     JOIN mi.competitor c ON ((c.id = b.competitor_id)))
     LEFT JOIN LATERAL ( SELECT count(*) FILTER (WHERE (lc.outcome = 'won'::text)) AS won,
            count(*) FILTER (WHERE (lc.outcome = 'lost'::text)) AS lost
           FROM (((mi.lead_competitor lc
             JOIN dg.lead l ON ((l.id = lc.lead_id)))
             JOIN dg.activity a ON ((a.id = l.activity_id)))
             JOIN dg.programme p ON ((p.id = a.programme_id)))
          WHERE ((lc.competitor_id = b.competitor_id) AND (p.segment_id = b.segment_id))) o ON (true));

ALTER TABLE reporting.fct_battlecard OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_battlecard IS 'Battlecards per competitor and segment, their review due date, and the win rate against the competitor in the segment (leads whose source programme serves it). Grain: one row per battlecard.';

COMMENT ON COLUMN reporting.fct_battlecard.battlecard_id IS 'Key of the battlecard.';

COMMENT ON COLUMN reporting.fct_battlecard.competitor_id IS 'The competitor (mi.competitor).';

COMMENT ON COLUMN reporting.fct_battlecard.competitor_code IS 'The competitor''s code.';

COMMENT ON COLUMN reporting.fct_battlecard.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_battlecard.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_battlecard.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_battlecard.owner IS 'The login that keeps it up to date.';

COMMENT ON COLUMN reporting.fct_battlecard.last_reviewed_on IS 'When it was last reviewed.';

COMMENT ON COLUMN reporting.fct_battlecard.review_interval_days IS 'How often it is to be reviewed, in days.';

COMMENT ON COLUMN reporting.fct_battlecard.review_due_on IS 'When its next review is due.';

COMMENT ON COLUMN reporting.fct_battlecard.past_review IS 'True when the review is overdue.';

COMMENT ON COLUMN reporting.fct_battlecard.won IS 'Leads of the segment won against the competitor (that the reader can see).';

COMMENT ON COLUMN reporting.fct_battlecard.lost IS 'Leads of the segment lost to the competitor.';

COMMENT ON COLUMN reporting.fct_battlecard.win_rate IS 'won / (won + lost), 0–1; NULL with no decided outcome.';

CREATE VIEW reporting.fct_budget WITH (security_invoker='true') AS
 SELECT b.id AS budget_id,
    b.programme_id,
    b.unit_id,
    b.bu_id,
    b.kind,
    b.amount,
    b.currency,
    b.state,
    b.requested_at,
    r.closed_at AS decided_at,
    round((EXTRACT(epoch FROM (COALESCE(r.closed_at, now()) - b.requested_at)) / (3600)::numeric), 1) AS hours_to_decision
   FROM (dg.budget b
     LEFT JOIN LATERAL ( SELECT q.closed_at
           FROM approval.request q
          WHERE ((q.kind = 'budget'::text) AND (q.subject_id = b.id))
          ORDER BY q.id DESC
         LIMIT 1) r ON (true));

ALTER TABLE reporting.fct_budget OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_budget IS 'Budget requests of programmes (the first, then changes), decided through approvals. Grain: one row per budget request.';

COMMENT ON COLUMN reporting.fct_budget.budget_id IS 'Key of the budget request.';

COMMENT ON COLUMN reporting.fct_budget.programme_id IS 'The programme (reporting.dim_programme).';

COMMENT ON COLUMN reporting.fct_budget.unit_id IS 'The programme''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_budget.bu_id IS 'The programme''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_budget.kind IS 'initial or change.';

COMMENT ON COLUMN reporting.fct_budget.amount IS 'Amount asked for, in currency.';

COMMENT ON COLUMN reporting.fct_budget.currency IS 'ISO 4217 currency of amount (the programme''s).';

COMMENT ON COLUMN reporting.fct_budget.state IS 'submitted, approved, rejected or withdrawn; the approved ones add up to the programme''s approved budget.';

COMMENT ON COLUMN reporting.fct_budget.requested_at IS 'When it was asked for.';

COMMENT ON COLUMN reporting.fct_budget.decided_at IS 'When its approval request closed (NULL: waiting).';

COMMENT ON COLUMN reporting.fct_budget.hours_to_decision IS 'Hours from request to decision; for one still waiting, hours waited so far.';

CREATE TABLE sce.certification (
    id bigint NOT NULL,
    seller_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    exam_id bigint NOT NULL,
    result_id bigint NOT NULL,
    role_code text NOT NULL,
    segment_id bigint,
    material_id bigint,
    material_major smallint,
    granted_on date NOT NULL,
    expires_on date NOT NULL,
    recertify_since timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT certification_dates CHECK ((expires_on > granted_on))
);

ALTER TABLE ONLY sce.certification FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.certification OWNER TO mtl_owner;

COMMENT ON TABLE sce.certification IS 'Certifications per role (and segment), granted by the database on a passed exam, with an expiry; recertify_since is set when the exam''s material got a new major version.';

CREATE TABLE sce.setting (
    id boolean DEFAULT true NOT NULL,
    rating_prior_mean numeric(3,2) DEFAULT 3 NOT NULL,
    rating_prior_weight numeric(6,2) DEFAULT 5 NOT NULL,
    expiry_warning_days smallint DEFAULT 30 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT setting_expiry_warning_days_check CHECK (((expiry_warning_days >= 1) AND (expiry_warning_days <= 365))),
    CONSTRAINT setting_id_check CHECK (id),
    CONSTRAINT setting_rating_prior_mean_check CHECK (((rating_prior_mean >= (1)::numeric) AND (rating_prior_mean <= (5)::numeric))),
    CONSTRAINT setting_rating_prior_weight_check CHECK ((rating_prior_weight >= (0)::numeric))
);

ALTER TABLE ONLY sce.setting FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.setting OWNER TO mtl_owner;

COMMENT ON TABLE sce.setting IS 'Enablement settings (HQ): the prior of the ratings'' Bayesian average, and how far ahead expiring certifications are flagged.';

CREATE VIEW reporting.fct_certification WITH (security_invoker='true') AS
 SELECT c.id AS certification_id,
    c.seller_id,
    c.unit_id,
    c.bu_id,
    c.exam_id,
    c.role_code,
    c.segment_id,
    c.material_id,
    c.material_major,
    c.granted_on,
    c.expires_on,
    c.recertify_since,
        CASE
            WHEN (c.expires_on <= CURRENT_DATE) THEN 'expired'::text
            WHEN (c.recertify_since IS NOT NULL) THEN 'recertify'::text
            WHEN (c.expires_on <= (CURRENT_DATE + (s.expiry_warning_days)::integer)) THEN 'expiring'::text
            ELSE 'valid'::text
        END AS status
   FROM (sce.certification c
     CROSS JOIN sce.setting s);

ALTER TABLE reporting.fct_certification OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_certification IS 'Certifications of sellers with their status today: valid, expiring (within HQ''s warning days), recertify (their material has a newer major version) or expired. Grain: one row per certification.';

COMMENT ON COLUMN reporting.fct_certification.certification_id IS 'Key of the certification.';

COMMENT ON COLUMN reporting.fct_certification.seller_id IS 'The certified seller.';

COMMENT ON COLUMN reporting.fct_certification.unit_id IS 'The seller''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_certification.bu_id IS 'The seller''s BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_certification.exam_id IS 'The exam passed.';

COMMENT ON COLUMN reporting.fct_certification.role_code IS 'The seller role it certifies for.';

COMMENT ON COLUMN reporting.fct_certification.segment_id IS 'The segment it certifies for (reporting.dim_segment); NULL for every segment.';

COMMENT ON COLUMN reporting.fct_certification.material_id IS 'The material the exam is on, if any.';

COMMENT ON COLUMN reporting.fct_certification.material_major IS 'The material''s major version when certified.';

COMMENT ON COLUMN reporting.fct_certification.granted_on IS 'When the exam was passed.';

COMMENT ON COLUMN reporting.fct_certification.expires_on IS 'When it expires.';

COMMENT ON COLUMN reporting.fct_certification.recertify_since IS 'When its material got a newer major version (NULL: none).';

COMMENT ON COLUMN reporting.fct_certification.status IS 'valid, expiring, recertify or expired.';

CREATE VIEW reporting.fct_coverage WITH (security_invoker='true') AS
 SELECT c.segment_id,
    c.unit_id,
    c.bu_id,
    c.fiscal_year,
    c.stage_id,
    c.stage_code,
    c.stage_name,
    c.stage_position,
    c.topics,
    c.covered,
    c.topic_ids
   FROM mi.coverage c;

ALTER TABLE reporting.fct_coverage OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_coverage IS 'The coverage checklist: for each segment and fiscal year with topics, each business-process stage of its industry and whether topics cover it. Grain: one row per segment, fiscal year and stage.';

COMMENT ON COLUMN reporting.fct_coverage.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_coverage.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_coverage.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_coverage.fiscal_year IS 'The fiscal year of the topics.';

COMMENT ON COLUMN reporting.fct_coverage.stage_id IS 'The stage (mi.business_stage).';

COMMENT ON COLUMN reporting.fct_coverage.stage_code IS 'The stage''s code: plan, build, operate, maintain, market, sell, serve, or an industry''s own.';

COMMENT ON COLUMN reporting.fct_coverage.stage_name IS 'The stage''s name.';

COMMENT ON COLUMN reporting.fct_coverage.stage_position IS 'Its place in the business process, for ordering.';

COMMENT ON COLUMN reporting.fct_coverage.topics IS 'Topics of the segment and year (not rejected or cancelled) that cover the stage.';

COMMENT ON COLUMN reporting.fct_coverage.covered IS 'True when at least one topic covers the stage.';

COMMENT ON COLUMN reporting.fct_coverage.topic_ids IS 'Those topics (reporting.fct_topic).';

CREATE VIEW reporting.fct_credit WITH (security_invoker='true') AS
 SELECT c.id AS credit_id,
    c.unit_id,
    c.bu_id,
    c.kind,
    c.subject_id,
    c.credits,
    c.earned_at
   FROM mi.credit c;

ALTER TABLE reporting.fct_credit OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_credit IS 'Contribute to consume: credits earned by units for accepted contributions (append-only). Grain: one row per accepted contribution.';

COMMENT ON COLUMN reporting.fct_credit.credit_id IS 'Key of the ledger entry.';

COMMENT ON COLUMN reporting.fct_credit.unit_id IS 'The unit that earned it (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_credit.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_credit.kind IS 'What was contributed: insight (delivered), data (accepted by a researcher) or voice (a voice-of-the-customer entry accepted).';

COMMENT ON COLUMN reporting.fct_credit.subject_id IS 'The contribution: insight_id for insight, the contribution''s key otherwise.';

COMMENT ON COLUMN reporting.fct_credit.credits IS 'Credits earned (HQ''s rate for the kind when it was accepted).';

COMMENT ON COLUMN reporting.fct_credit.earned_at IS 'When it was accepted.';

CREATE VIEW reporting.fct_finding WITH (security_invoker='true') AS
 SELECT f.id AS finding_id,
    f.rule_code,
    f.subject_kind,
    f.subject_id,
    f.unit_id,
    f.bu_id,
    f.state,
    f.first_found_at,
    f.state_changed_at,
    f.times_opened,
    (f.state = ANY (ARRAY['open'::text, 'acknowledged'::text])) AS is_open,
    org.fiscal_quarter_label((f.first_found_at)::date) AS fiscal_quarter_found
   FROM mqa.finding f;

ALTER TABLE reporting.fct_finding OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_finding IS 'Quality findings: a rule broken by a subject, kept by the daily check. Grain: one row per rule and subject (a violation that comes back reopens its row).';

COMMENT ON COLUMN reporting.fct_finding.finding_id IS 'Key of the finding.';

COMMENT ON COLUMN reporting.fct_finding.rule_code IS 'The rule broken (reporting.dim_quality_rule).';

COMMENT ON COLUMN reporting.fct_finding.subject_kind IS 'What breaks it: lead, activity, programme, msp, quarterly_review or framework.';

COMMENT ON COLUMN reporting.fct_finding.subject_id IS 'The subject''s key: lead_id, activity_id, programme_id, msp_id, review_id or framework_id in the other views, by subject_kind.';

COMMENT ON COLUMN reporting.fct_finding.unit_id IS 'The subject''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_finding.bu_id IS 'The subject''s BU (reporting.dim_business_unit), if it has one.';

COMMENT ON COLUMN reporting.fct_finding.state IS 'open, acknowledged, resolved or waived.';

COMMENT ON COLUMN reporting.fct_finding.first_found_at IS 'When the check first found the violation.';

COMMENT ON COLUMN reporting.fct_finding.state_changed_at IS 'When the finding last changed state (acknowledged, resolved, waived, reopened).';

COMMENT ON COLUMN reporting.fct_finding.times_opened IS '1, plus one each time the violation came back after being resolved.';

COMMENT ON COLUMN reporting.fct_finding.is_open IS 'True while open or acknowledged.';

COMMENT ON COLUMN reporting.fct_finding.fiscal_quarter_found IS 'The fiscal quarter it was first found in, such as FY2027-Q1.';

CREATE VIEW reporting.fct_insight WITH (security_invoker='true') AS
 SELECT i.id AS insight_id,
    i.unit_id,
    i.bu_id,
    i.region_id,
    i.topic_id,
    i.kind,
    i.title,
    i.confidence,
    i.valid_until,
    i.sharing,
    (i.author)::text AS author,
    i.created_at
   FROM mi.insight i;

ALTER TABLE reporting.fct_insight OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_insight IS 'Insights (market, competitor, customer) the reader may read: its scope''s, and other scopes'' shared ones while one of its units contributes. Grain: one row per insight.';

COMMENT ON COLUMN reporting.fct_insight.insight_id IS 'Key of the insight.';

COMMENT ON COLUMN reporting.fct_insight.unit_id IS 'The unit that authored it (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_insight.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_insight.region_id IS 'The region of its unit (reporting.dim_unit); NULL for HQ.';

COMMENT ON COLUMN reporting.fct_insight.topic_id IS 'The topic it answers (reporting.fct_topic), if any.';

COMMENT ON COLUMN reporting.fct_insight.kind IS 'market, competitor or customer.';

COMMENT ON COLUMN reporting.fct_insight.title IS 'The insight''s title.';

COMMENT ON COLUMN reporting.fct_insight.confidence IS 'low, medium or high.';

COMMENT ON COLUMN reporting.fct_insight.valid_until IS 'Until when it holds (NULL: no end given).';

COMMENT ON COLUMN reporting.fct_insight.sharing IS 'unit (its unit''s scope), region (its region) or global (every unit), for contributors.';

COMMENT ON COLUMN reporting.fct_insight.author IS 'The login that wrote it.';

COMMENT ON COLUMN reporting.fct_insight.created_at IS 'When it was written.';

CREATE VIEW reporting.fct_lead WITH (security_invoker='true') AS
 SELECT l.id AS lead_id,
    l.unit_id,
    l.bu_id,
    l.activity_id,
    l.channel,
    l.company,
    l.industry,
    l.key_person,
    l.customer_quality,
    l.informant_quality,
    l.completeness,
    l.quality_score,
    l.classification,
    l.state,
    l.handed_to,
    l.handed_to_kind,
    l.handed_off_at,
    l.sla_due_at,
    l.responded_at,
    ((l.sla_due_at IS NOT NULL) AND (((l.state = 'handed_off'::text) AND (now() > l.sla_due_at)) OR (l.responded_at > l.sla_due_at))) AS sla_breached,
    l.pipeline_value,
    l.currency,
    l.import_id,
    l.created_at,
    org.fiscal_quarter_label((l.created_at)::date) AS fiscal_quarter_created
   FROM dg.lead l;

ALTER TABLE reporting.fct_lead OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_lead IS 'Leads and opportunities, without contact details. Grain: one row per lead.';

COMMENT ON COLUMN reporting.fct_lead.lead_id IS 'Key of the lead.';

COMMENT ON COLUMN reporting.fct_lead.unit_id IS 'The country unit (or other unit) it belongs to (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_lead.bu_id IS 'The BU, if given.';

COMMENT ON COLUMN reporting.fct_lead.activity_id IS 'The activity it came from (reporting.fct_activity), or NULL.';

COMMENT ON COLUMN reporting.fct_lead.channel IS 'The channel it came from when not an activity: event, web, email, phone, partner, referral, social or other.';

COMMENT ON COLUMN reporting.fct_lead.company IS 'The customer company.';

COMMENT ON COLUMN reporting.fct_lead.industry IS 'The customer''s industry.';

COMMENT ON COLUMN reporting.fct_lead.key_person IS 'Whether the contact is a key person.';

COMMENT ON COLUMN reporting.fct_lead.customer_quality IS 'Customer quality, 0–5.';

COMMENT ON COLUMN reporting.fct_lead.informant_quality IS 'Informant quality, 0–5.';

COMMENT ON COLUMN reporting.fct_lead.completeness IS 'Information completeness, 0–5.';

COMMENT ON COLUMN reporting.fct_lead.quality_score IS '0.4 customer + 0.3 informant + 0.3 completeness, 0–5.';

COMMENT ON COLUMN reporting.fct_lead.classification IS 'opportunity (a key person''s need) or lead.';

COMMENT ON COLUMN reporting.fct_lead.state IS 'new, qualifying, qualified, handed_off, accepted, rejected or recycled.';

COMMENT ON COLUMN reporting.fct_lead.handed_to IS 'The sales team or partner it was handed to.';

COMMENT ON COLUMN reporting.fct_lead.handed_to_kind IS 'sales_team or partner.';

COMMENT ON COLUMN reporting.fct_lead.handed_off_at IS 'When it was handed off.';

COMMENT ON COLUMN reporting.fct_lead.sla_due_at IS 'When sales had to accept or reject it.';

COMMENT ON COLUMN reporting.fct_lead.responded_at IS 'When sales answered.';

COMMENT ON COLUMN reporting.fct_lead.sla_breached IS 'Still waiting after sla_due_at, or answered after it.';

COMMENT ON COLUMN reporting.fct_lead.pipeline_value IS 'Pipeline value once accepted and converted, in currency.';

COMMENT ON COLUMN reporting.fct_lead.currency IS 'ISO 4217 currency of pipeline_value.';

COMMENT ON COLUMN reporting.fct_lead.import_id IS 'The import that created it, if any.';

COMMENT ON COLUMN reporting.fct_lead.created_at IS 'When it was created.';

COMMENT ON COLUMN reporting.fct_lead.fiscal_quarter_created IS 'The fiscal quarter it was created in, such as FY2027-Q1.';

CREATE VIEW reporting.fct_market_size WITH (security_invoker='true') AS
 SELECT m.id AS estimate_id,
    m.segment_id,
    m.unit_id,
    m.bu_id,
    m.fiscal_year,
    m.currency,
    m.tam,
    m.sam,
    m.som,
    m.growth_rate,
    m.assumptions,
    m.source,
    m.insight_id,
    (m.estimated_by)::text AS estimated_by,
    m.created_at,
    m.superseded_by,
    (m.superseded_by IS NULL) AS is_current
   FROM mi.market_size m;

ALTER TABLE reporting.fct_market_size OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_market_size IS 'Market size estimates per segment and fiscal year, current and superseded. Grain: one row per estimate.';

COMMENT ON COLUMN reporting.fct_market_size.estimate_id IS 'Key of the estimate.';

COMMENT ON COLUMN reporting.fct_market_size.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_market_size.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_market_size.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_market_size.fiscal_year IS 'The fiscal year estimated.';

COMMENT ON COLUMN reporting.fct_market_size.currency IS 'ISO 4217 currency of TAM, SAM and SOM.';

COMMENT ON COLUMN reporting.fct_market_size.tam IS 'Total addressable market.';

COMMENT ON COLUMN reporting.fct_market_size.sam IS 'Serviceable addressable market (within TAM).';

COMMENT ON COLUMN reporting.fct_market_size.som IS 'Serviceable obtainable market (within SAM).';

COMMENT ON COLUMN reporting.fct_market_size.growth_rate IS 'Yearly growth as a fraction (0.08 = 8 %).';

COMMENT ON COLUMN reporting.fct_market_size.assumptions IS 'What the estimate assumes.';

COMMENT ON COLUMN reporting.fct_market_size.source IS 'Where the figures come from.';

COMMENT ON COLUMN reporting.fct_market_size.insight_id IS 'The insight it came with (reporting.fct_insight), if any.';

COMMENT ON COLUMN reporting.fct_market_size.estimated_by IS 'The login that estimated it.';

COMMENT ON COLUMN reporting.fct_market_size.created_at IS 'When it was estimated.';

COMMENT ON COLUMN reporting.fct_market_size.superseded_by IS 'The newer estimate that replaced it (NULL: current).';

COMMENT ON COLUMN reporting.fct_market_size.is_current IS 'True for the current estimate of its segment and year.';

CREATE TABLE sce.material (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    title text NOT NULL,
    summary text DEFAULT ''::text NOT NULL,
    kind text NOT NULL,
    language text DEFAULT 'en'::text NOT NULL,
    uri text,
    tier text DEFAULT 'global'::text NOT NULL,
    parent_id bigint,
    parent_major smallint,
    dg_asset_id bigint,
    case_lead_id bigint,
    case_activity_id bigint,
    stages text[] DEFAULT '{}'::text[] NOT NULL,
    scenarios text[] DEFAULT '{}'::text[] NOT NULL,
    roles text[] DEFAULT '{}'::text[] NOT NULL,
    segment_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    concept_package_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    state_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    state_changed_by name DEFAULT SESSION_USER NOT NULL,
    published_at timestamp with time zone,
    editors name[] DEFAULT '{}'::name[] NOT NULL,
    rating_count integer DEFAULT 0 NOT NULL,
    rating_sum integer DEFAULT 0 NOT NULL,
    use_count integer DEFAULT 0 NOT NULL,
    last_used_at timestamp with time zone,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    search tsvector GENERATED ALWAYS AS ((setweight(to_tsvector(sce.text_config(language), title), 'A'::"char") || setweight(to_tsvector(sce.text_config(language), summary), 'B'::"char"))) STORED,
    CONSTRAINT material_case CHECK ((((case_lead_id IS NULL) AND (case_activity_id IS NULL)) OR (kind = 'success_case'::text))),
    CONSTRAINT material_kind CHECK ((kind = ANY (ARRAY['slides'::text, 'white_paper'::text, 'article'::text, 'success_case'::text, 'video'::text, 'tool'::text, 'document'::text]))),
    CONSTRAINT material_language CHECK ((language ~ '^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$'::text)),
    CONSTRAINT material_located CHECK (((uri IS NOT NULL) OR (dg_asset_id IS NOT NULL))),
    CONSTRAINT material_parent CHECK ((parent_id IS DISTINCT FROM id)),
    CONSTRAINT material_state CHECK ((state = ANY (ARRAY['draft'::text, 'published'::text, 'retired'::text]))),
    CONSTRAINT material_tier CHECK ((tier = ANY (ARRAY['global'::text, 'regional'::text, 'customised'::text]))),
    CONSTRAINT material_title_check CHECK ((btrim(title) <> ''::text)),
    CONSTRAINT material_uri CHECK ((uri ~ '^[a-z][a-z0-9+.-]*:\S+$'::text))
);

ALTER TABLE ONLY sce.material FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.material OWNER TO mtl_owner;

COMMENT ON TABLE sce.material IS 'Enablement materials: by sales stage, scenario, role and segment; global at HQ, regional, or customised in a country (lineage to what they derive from); draft → published → retired; rated by the front line only.';

CREATE VIEW reporting.fct_material_rating WITH (security_invoker='true') AS
 SELECT m.id AS material_id,
    m.unit_id,
    m.bu_id,
    m.title,
    m.kind,
    m.tier,
    m.state,
    m.rating_count,
        CASE
            WHEN (m.rating_count > 0) THEN round(((m.rating_sum)::numeric / (m.rating_count)::numeric), 2)
            ELSE NULL::numeric
        END AS rating_mean,
    round((((s.rating_prior_weight * s.rating_prior_mean) + (m.rating_sum)::numeric) / NULLIF((s.rating_prior_weight + (m.rating_count)::numeric), (0)::numeric)), 2) AS score,
    m.use_count,
    m.last_used_at
   FROM (sce.material m
     CROSS JOIN sce.setting s);

ALTER TABLE reporting.fct_material_rating OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_material_rating IS 'Enablement materials with their front-line ratings and uses; score is the Bayesian average ((prior weight × prior mean + sum of ratings) / (prior weight + ratings)). Grain: one row per material.';

COMMENT ON COLUMN reporting.fct_material_rating.material_id IS 'Key of the material.';

COMMENT ON COLUMN reporting.fct_material_rating.unit_id IS 'The unit that owns it (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_material_rating.bu_id IS 'Its BU (reporting.dim_business_unit); NULL for every BU.';

COMMENT ON COLUMN reporting.fct_material_rating.title IS 'Its title.';

COMMENT ON COLUMN reporting.fct_material_rating.kind IS 'slides, white_paper, article, success_case, video, tool or document.';

COMMENT ON COLUMN reporting.fct_material_rating.tier IS 'global (HQ), regional or customised (a country).';

COMMENT ON COLUMN reporting.fct_material_rating.state IS 'draft, published or retired.';

COMMENT ON COLUMN reporting.fct_material_rating.rating_count IS 'Ratings by the front line (every rater, whatever the reader''s scope).';

COMMENT ON COLUMN reporting.fct_material_rating.rating_mean IS 'Their plain average, 1–5 (NULL: no rating).';

COMMENT ON COLUMN reporting.fct_material_rating.score IS 'The Bayesian average shown to sellers, 1–5.';

COMMENT ON COLUMN reporting.fct_material_rating.use_count IS 'Uses recorded, by every seller.';

COMMENT ON COLUMN reporting.fct_material_rating.last_used_at IS 'When it was last used (NULL: never).';

CREATE TABLE sce.material_version (
    id bigint NOT NULL,
    material_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    major smallint NOT NULL,
    minor smallint DEFAULT 0 NOT NULL,
    change_note text NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT material_version_change_note_check CHECK ((btrim(change_note) <> ''::text)),
    CONSTRAINT material_version_major_check CHECK ((major >= 1)),
    CONSTRAINT material_version_minor_check CHECK ((minor >= 0))
);

ALTER TABLE ONLY sce.material_version FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.material_version OWNER TO mtl_owner;

COMMENT ON TABLE sce.material_version IS 'Versions of a material (major.minor) with their change notes; 1.0 is made with the material.';

CREATE VIEW reporting.fct_material_use WITH (security_invoker='true') AS
 SELECT u.id AS use_id,
    u.material_id,
    u.version_id,
    v.major,
    v.minor,
    u.unit_id,
    u.bu_id,
    u.seller_id,
    s.role_code,
    u.scenario,
    u.lead_id,
    u.activity_id,
    u.used_at
   FROM ((sce.material_use u
     JOIN sce.material_version v ON ((v.id = u.version_id)))
     JOIN sce.seller s ON ((s.id = u.seller_id)));

ALTER TABLE reporting.fct_material_use OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_material_use IS 'Uses of enablement materials by sellers: version, scenario, lead or activity, when. Grain: one row per use.';

COMMENT ON COLUMN reporting.fct_material_use.use_id IS 'Key of the use.';

COMMENT ON COLUMN reporting.fct_material_use.material_id IS 'The material used (reporting.fct_material_rating).';

COMMENT ON COLUMN reporting.fct_material_use.version_id IS 'The version used.';

COMMENT ON COLUMN reporting.fct_material_use.major IS 'Its major version number.';

COMMENT ON COLUMN reporting.fct_material_use.minor IS 'Its minor version number.';

COMMENT ON COLUMN reporting.fct_material_use.unit_id IS 'The seller''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_material_use.bu_id IS 'The seller''s BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_material_use.seller_id IS 'The seller who used it.';

COMMENT ON COLUMN reporting.fct_material_use.role_code IS 'The seller''s role: account_manager, product_sales, channel_sales, solution_manager, front_line_sales, …';

COMMENT ON COLUMN reporting.fct_material_use.scenario IS 'The battle scenario it was used in (summit, workshop, …), if given.';

COMMENT ON COLUMN reporting.fct_material_use.lead_id IS 'The lead or opportunity it was used with (reporting.fct_lead), if any.';

COMMENT ON COLUMN reporting.fct_material_use.activity_id IS 'The activity it was used in (reporting.fct_activity), if any.';

COMMENT ON COLUMN reporting.fct_material_use.used_at IS 'When it was used.';

CREATE VIEW reporting.fct_msp_quarter WITH (security_invoker='true') AS
 SELECT q.msp_id,
    q.unit_id,
    q.bu_id,
    q.fiscal_year,
    q.quarter,
    q.fiscal_quarter,
    q.pipeline_target,
    q.lead_target,
    q.budget,
    q.currency,
    q.headcount
   FROM mm.msp_quarter q;

ALTER TABLE reporting.fct_msp_quarter OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_msp_quarter IS 'Quarterly execution plans. Grain: one row per MSP and fiscal quarter.';

COMMENT ON COLUMN reporting.fct_msp_quarter.msp_id IS 'The plan (reporting.dim_msp).';

COMMENT ON COLUMN reporting.fct_msp_quarter.unit_id IS 'The plan''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_msp_quarter.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_msp_quarter.fiscal_year IS 'Fiscal year of the quarter.';

COMMENT ON COLUMN reporting.fct_msp_quarter.quarter IS 'Fiscal quarter within the year, 1–4.';

COMMENT ON COLUMN reporting.fct_msp_quarter.fiscal_quarter IS 'FY2027-Q1.';

COMMENT ON COLUMN reporting.fct_msp_quarter.pipeline_target IS 'Pipeline the quarter should create, in currency.';

COMMENT ON COLUMN reporting.fct_msp_quarter.lead_target IS 'Leads the quarter should create.';

COMMENT ON COLUMN reporting.fct_msp_quarter.budget IS 'Marketing budget of the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_msp_quarter.currency IS 'ISO 4217 currency of pipeline_target and budget.';

COMMENT ON COLUMN reporting.fct_msp_quarter.headcount IS 'Full-time equivalents working on the plan.';

CREATE VIEW reporting.fct_quarterly_review WITH (security_invoker='true') AS
 SELECT r.id AS review_id,
    r.msp_id,
    r.unit_id,
    r.bu_id,
    r.fiscal_year,
    r.quarter,
    r.fiscal_quarter,
    r.currency,
    r.pipeline_target,
    r.pipeline_created,
    r.lead_target,
    r.leads,
    r.qualified_leads,
    r.opportunities,
    r.activities_planned,
    r.activities_done,
    r.budget,
    r.spend,
    r.sla_breaches,
    r.status,
    cardinality(r.gaps) AS gaps,
    r.state,
    r.created_at AS reviewed_at
   FROM mm.quarterly_review r;

ALTER TABLE reporting.fct_quarterly_review OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_quarterly_review IS 'Quarterly MSP reviews: the quarter''s figures against the plan, and a status. Grain: one row per MSP and reviewed fiscal quarter.';

COMMENT ON COLUMN reporting.fct_quarterly_review.review_id IS 'Key of the review.';

COMMENT ON COLUMN reporting.fct_quarterly_review.msp_id IS 'The plan reviewed (reporting.dim_msp).';

COMMENT ON COLUMN reporting.fct_quarterly_review.unit_id IS 'The plan''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_quarterly_review.bu_id IS 'The plan''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_quarterly_review.fiscal_year IS 'Fiscal year of the reviewed quarter.';

COMMENT ON COLUMN reporting.fct_quarterly_review.quarter IS 'The reviewed fiscal quarter within its year, 1–4.';

COMMENT ON COLUMN reporting.fct_quarterly_review.fiscal_quarter IS 'The reviewed quarter, such as FY2027-Q2.';

COMMENT ON COLUMN reporting.fct_quarterly_review.currency IS 'ISO 4217 currency of the amounts of this row (the plan''s).';

COMMENT ON COLUMN reporting.fct_quarterly_review.pipeline_target IS 'The quarter''s planned pipeline, in currency (0 without a plan).';

COMMENT ON COLUMN reporting.fct_quarterly_review.pipeline_created IS 'Pipeline of the plan''s leads created in the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_quarterly_review.lead_target IS 'The quarter''s planned leads (0 without a plan).';

COMMENT ON COLUMN reporting.fct_quarterly_review.leads IS 'Leads of the plan''s programmes created in the quarter.';

COMMENT ON COLUMN reporting.fct_quarterly_review.qualified_leads IS 'Of those, qualified or further.';

COMMENT ON COLUMN reporting.fct_quarterly_review.opportunities IS 'Of those, with a pipeline value.';

COMMENT ON COLUMN reporting.fct_quarterly_review.activities_planned IS 'Activities of the plan''s programmes ending in the quarter, not cancelled.';

COMMENT ON COLUMN reporting.fct_quarterly_review.activities_done IS 'Of those, done.';

COMMENT ON COLUMN reporting.fct_quarterly_review.budget IS 'The quarter''s planned budget, in currency.';

COMMENT ON COLUMN reporting.fct_quarterly_review.spend IS 'Actual cost of the activities done, in currency.';

COMMENT ON COLUMN reporting.fct_quarterly_review.sla_breaches IS 'Hand-offs of those leads past their acceptance SLA.';

COMMENT ON COLUMN reporting.fct_quarterly_review.status IS 'on_track, at_risk, off_track or no_plan.';

COMMENT ON COLUMN reporting.fct_quarterly_review.gaps IS 'How many gaps the review named.';

COMMENT ON COLUMN reporting.fct_quarterly_review.state IS 'The review''s approval: submitted, approved, rejected or withdrawn.';

COMMENT ON COLUMN reporting.fct_quarterly_review.reviewed_at IS 'When the review ran.';

CREATE VIEW reporting.fct_readiness WITH (security_invoker='true') AS
 SELECT x.segment_id,
    x.unit_id,
    x.bu_id,
    x.horizon,
    x.role_code,
    count(*) AS sellers,
    count(*) FILTER (WHERE x.certified) AS certified,
    round(((count(*) FILTER (WHERE x.certified))::numeric / (count(*))::numeric), 4) AS share
   FROM ( SELECT g.id AS segment_id,
            g.unit_id,
            g.bu_id,
            g.horizon,
            sl.role_code,
            (EXISTS ( SELECT
                   FROM sce.certification c
                  WHERE ((c.seller_id = sl.id) AND (c.role_code = sl.role_code) AND ((c.segment_id = g.id) OR (c.segment_id IS NULL)) AND (c.expires_on > CURRENT_DATE) AND (c.recertify_since IS NULL)))) AS certified
           FROM ((mm.segment g
             JOIN org.unit su ON ((su.path @> ARRAY[g.unit_id])))
             JOIN sce.seller sl ON (((sl.unit_id = su.id) AND sl.active AND ((sl.bu_id IS NULL) OR (sl.bu_id = g.bu_id)))))
          WHERE g.active) x
  GROUP BY x.segment_id, x.unit_id, x.bu_id, x.horizon, x.role_code;

ALTER TABLE reporting.fct_readiness OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_readiness IS 'Seller readiness: per segment and seller role, the active sellers of the segment''s unit (and below) and how many hold a valid certification for the role and segment. Grain: one row per segment and seller role with sellers.';

COMMENT ON COLUMN reporting.fct_readiness.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_readiness.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_readiness.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_readiness.horizon IS 'The segment''s horizon: H1 (core, focus on seller enablement), H2 or H3.';

COMMENT ON COLUMN reporting.fct_readiness.role_code IS 'The seller role.';

COMMENT ON COLUMN reporting.fct_readiness.sellers IS 'Active sellers of that role in the segment''s unit and below, of its BU or every BU.';

COMMENT ON COLUMN reporting.fct_readiness.certified IS 'Those holding a valid certification (not expired, not to recertify) for the role and the segment or every segment.';

COMMENT ON COLUMN reporting.fct_readiness.share IS 'certified / sellers, 0–1.';

CREATE MATERIALIZED VIEW reporting_private.scorecard_activity AS
 SELECT q.fiscal_year,
    (q.quarter)::smallint AS quarter,
    a.unit_id,
    a.bu_id,
    a.programme_id,
    a.type AS activity_type,
    p.currency,
    (count(*) FILTER (WHERE (a.state <> 'cancelled'::text)))::integer AS activities_planned,
    (count(*) FILTER (WHERE (a.state = 'done'::text)))::integer AS activities_done,
    COALESCE(sum(a.invited) FILTER (WHERE (a.state <> 'cancelled'::text)), (0)::bigint) AS invited,
    COALESCE(sum(a.attended) FILTER (WHERE (a.state = 'done'::text)), (0)::bigint) AS attended,
    (COALESCE(sum(a.planned_cost) FILTER (WHERE (a.state <> 'cancelled'::text)), (0)::numeric))::numeric(18,2) AS cost_planned,
    (COALESCE(sum(a.actual_cost) FILTER (WHERE (a.state = 'done'::text)), (0)::numeric))::numeric(18,2) AS cost_actual
   FROM ((dg.activity a
     JOIN dg.programme p ON ((p.id = a.programme_id)))
     CROSS JOIN LATERAL org.fiscal_quarter_of(a.ends_on) q(fiscal_year, quarter))
  GROUP BY q.fiscal_year, ((q.quarter)::smallint), a.unit_id, a.bu_id, a.programme_id, a.type, p.currency
  WITH NO DATA;

ALTER TABLE reporting_private.scorecard_activity OWNER TO mtl_owner;

CREATE VIEW reporting.fct_scorecard_activity WITH (security_barrier='true') AS
 SELECT s.fiscal_year,
    s.quarter,
    s.fiscal_quarter,
    s.unit_id,
    s.bu_id,
    s.programme_id,
    s.activity_type,
    s.currency,
    s.activities_planned,
    s.activities_done,
    s.invited,
    s.attended,
    s.cost_planned,
    s.cost_actual,
    s.refreshed_at,
    s.frozen
   FROM ( SELECT a.fiscal_year,
            a.quarter,
            format('FY%s-Q%s'::text, a.fiscal_year, a.quarter) AS fiscal_quarter,
            a.unit_id,
            a.bu_id,
            a.programme_id,
            a.activity_type,
            a.currency,
            a.activities_planned,
            a.activities_done,
            a.invited,
            a.attended,
            a.cost_planned,
            a.cost_actual,
            r.refreshed_at,
            false AS frozen
           FROM (reporting_private.scorecard_activity a
             LEFT JOIN reporting_private.refresh r ON ((r.name = 'scorecard_activity'::name)))
          WHERE (NOT (EXISTS ( SELECT
                   FROM mqa.quarter_close c
                  WHERE ((c.unit_id = a.unit_id) AND (c.fiscal_year = a.fiscal_year) AND (c.quarter = a.quarter)))))
        UNION ALL
         SELECT f.fiscal_year,
            f.quarter,
            format('FY%s-Q%s'::text, f.fiscal_year, f.quarter) AS format,
            f.unit_id,
            f.bu_id,
            f.programme_id,
            f.activity_type,
            f.currency,
            f.activities_planned,
            f.activities_done,
            f.invited,
            f.attended,
            f.cost_planned,
            f.cost_actual,
            c.closed_at,
            true
           FROM (mqa.scorecard_snapshot f
             JOIN mqa.quarter_close c ON (((c.unit_id = f.unit_id) AND (c.fiscal_year = f.fiscal_year) AND (c.quarter = f.quarter))))
          WHERE (f.source = 'activity'::text)) s
  WHERE ((s.unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (s.bu_id IS NULL) OR (s.unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(s.unit_id, s.bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))));

ALTER TABLE reporting.fct_scorecard_activity OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_scorecard_activity IS 'Scorecard of activities, materialized (refreshed nightly and after imports and reviews; see refreshed_at). Grain: one row per fiscal quarter (of the activity''s last day), unit, BU, programme, activity type and currency.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.fiscal_year IS 'Fiscal year of the quarter the activities ended in.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.quarter IS 'Fiscal quarter within the year, 1–4.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.unit_id IS 'Where the activities took place (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_scorecard_activity.bu_id IS 'Their BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_scorecard_activity.programme_id IS 'Their programme (reporting.dim_programme).';

COMMENT ON COLUMN reporting.fct_scorecard_activity.activity_type IS 'summit, exhibition, workshop, …: the activity mix.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.currency IS 'ISO 4217 currency of the costs (the programme''s).';

COMMENT ON COLUMN reporting.fct_scorecard_activity.activities_planned IS 'Activities not cancelled.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.activities_done IS 'Activities done.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.invited IS 'People invited to the activities not cancelled.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.attended IS 'People who attended the activities done.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.cost_planned IS 'Planned cost of the activities not cancelled, in currency.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.cost_actual IS 'Actual cost of the activities done, in currency.';

COMMENT ON COLUMN reporting.fct_scorecard_activity.refreshed_at IS 'When these figures were computed (for a frozen quarter: when it was frozen).';

COMMENT ON COLUMN reporting.fct_scorecard_activity.frozen IS 'True: a closed quarter''s figures as frozen at its close; what changed since is in reporting.fct_scorecard_restatement.';

CREATE MATERIALIZED VIEW reporting_private.scorecard_lead AS
 WITH dated AS (
         SELECT l_1.id,
            l_1.unit_id,
            l_1.bu_id,
            l_1.activity_id,
            l_1.channel,
            l_1.company,
            l_1.contact_name,
            l_1.contact_title,
            l_1.email,
            l_1.phone,
            l_1.key_person,
            l_1.industry,
            l_1.need,
            l_1.project_approved,
            l_1.budget_this_year,
            l_1.budget_in_price_band,
            l_1.kpi_tied,
            l_1.customer_quality,
            l_1.informant_quality,
            l_1.completeness,
            l_1.quality_score,
            l_1.classification,
            l_1.state,
            l_1.handed_to,
            l_1.handed_to_kind,
            l_1.handed_off_at,
            l_1.sla_due_at,
            l_1.responded_at,
            l_1.rejection_reason,
            l_1.pipeline_value,
            l_1.currency,
            l_1.import_id,
            l_1.state_changed_at,
            l_1.state_changed_by,
            l_1.created_by,
            l_1.created_at,
            ((l_1.created_at AT TIME ZONE COALESCE(u.time_zone, p.time_zone, 'UTC'::text)))::date AS local_day
           FROM ((dg.lead l_1
             JOIN org.unit u ON ((u.id = l_1.unit_id)))
             LEFT JOIN org.unit p ON ((p.id = u.parent_id)))
        ), months AS (
         SELECT (m_1.m)::date AS month,
            q.fiscal_year,
            q.quarter
           FROM (generate_series(( SELECT date_trunc('month'::text, (min(dated.local_day))::timestamp with time zone) AS date_trunc
                   FROM dated), (( SELECT max(dated.local_day) AS max
                   FROM dated))::timestamp with time zone, '1 mon'::interval) m_1(m)
             CROSS JOIN LATERAL org.fiscal_quarter_of((m_1.m)::date) q(fiscal_year, quarter))
        )
 SELECT m.fiscal_year,
    (m.quarter)::smallint AS quarter,
    l.unit_id,
    l.bu_id,
    a.programme_id,
    a.type AS activity_type,
    l.industry,
    l.currency,
    (count(*))::integer AS leads,
    (count(*) FILTER (WHERE (l.state = ANY (ARRAY['qualified'::text, 'handed_off'::text, 'accepted'::text, 'rejected'::text]))))::integer AS qualified,
    (count(*) FILTER (WHERE (l.classification = 'opportunity'::text)))::integer AS opportunities,
    (count(*) FILTER (WHERE (l.handed_off_at IS NOT NULL)))::integer AS handed_off,
    (count(*) FILTER (WHERE (l.state = 'accepted'::text)))::integer AS accepted,
    (count(*) FILTER (WHERE (l.state = 'rejected'::text)))::integer AS rejected,
    (count(*) FILTER (WHERE ((l.responded_at IS NOT NULL) AND (l.responded_at <= l.sla_due_at))))::integer AS sla_met,
    (count(*) FILTER (WHERE ((l.sla_due_at IS NOT NULL) AND (((l.state = 'handed_off'::text) AND (now() > l.sla_due_at)) OR (l.responded_at > l.sla_due_at)))))::integer AS sla_breached,
    (COALESCE(sum(l.pipeline_value), (0)::numeric))::numeric(18,2) AS pipeline
   FROM ((dated l
     JOIN months m ON ((m.month = (date_trunc('month'::text, (l.local_day)::timestamp with time zone))::date)))
     LEFT JOIN dg.activity a ON ((a.id = l.activity_id)))
  GROUP BY m.fiscal_year, ((m.quarter)::smallint), l.unit_id, l.bu_id, a.programme_id, a.type, l.industry, l.currency
  WITH NO DATA;

ALTER TABLE reporting_private.scorecard_lead OWNER TO mtl_owner;

CREATE VIEW reporting.fct_scorecard_lead WITH (security_barrier='true') AS
 SELECT s.fiscal_year,
    s.quarter,
    s.fiscal_quarter,
    s.unit_id,
    s.bu_id,
    s.programme_id,
    s.activity_type,
    s.industry,
    s.currency,
    s.leads,
    s.qualified,
    s.opportunities,
    s.handed_off,
    s.accepted,
    s.rejected,
    s.sla_met,
    s.sla_breached,
    s.pipeline,
    s.refreshed_at,
    s.frozen
   FROM ( SELECT l.fiscal_year,
            l.quarter,
            format('FY%s-Q%s'::text, l.fiscal_year, l.quarter) AS fiscal_quarter,
            l.unit_id,
            l.bu_id,
            l.programme_id,
            l.activity_type,
            l.industry,
            l.currency,
            l.leads,
            l.qualified,
            l.opportunities,
            l.handed_off,
            l.accepted,
            l.rejected,
            l.sla_met,
            l.sla_breached,
            l.pipeline,
            r.refreshed_at,
            false AS frozen
           FROM (reporting_private.scorecard_lead l
             LEFT JOIN reporting_private.refresh r ON ((r.name = 'scorecard_lead'::name)))
          WHERE (NOT (EXISTS ( SELECT
                   FROM mqa.quarter_close c
                  WHERE ((c.unit_id = l.unit_id) AND (c.fiscal_year = l.fiscal_year) AND (c.quarter = l.quarter)))))
        UNION ALL
         SELECT f.fiscal_year,
            f.quarter,
            format('FY%s-Q%s'::text, f.fiscal_year, f.quarter) AS format,
            f.unit_id,
            f.bu_id,
            f.programme_id,
            f.activity_type,
            f.industry,
            f.currency,
            f.leads,
            f.qualified,
            f.opportunities,
            f.handed_off,
            f.accepted,
            f.rejected,
            f.sla_met,
            f.sla_breached,
            f.pipeline,
            c.closed_at,
            true
           FROM (mqa.scorecard_snapshot f
             JOIN mqa.quarter_close c ON (((c.unit_id = f.unit_id) AND (c.fiscal_year = f.fiscal_year) AND (c.quarter = f.quarter))))
          WHERE (f.source = 'lead'::text)) s
  WHERE ((s.unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (s.bu_id IS NULL) OR (s.unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(s.unit_id, s.bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))));

ALTER TABLE reporting.fct_scorecard_lead OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_scorecard_lead IS 'Scorecard of leads, materialized (refreshed nightly and after imports and reviews; see refreshed_at). Grain: one row per fiscal quarter (of creation, in the lead''s unit''s time zone), unit, BU, programme, activity type, industry and currency.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.fiscal_year IS 'Fiscal year of the quarter the leads were created in.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.quarter IS 'Fiscal quarter within the year, 1–4.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.fiscal_quarter IS 'The quarter, such as FY2027-Q2.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.unit_id IS 'The leads'' unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.bu_id IS 'Their BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.programme_id IS 'The programme of the activity they came from (NULL: from a channel).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.activity_type IS 'The type of the activity they came from (NULL: from a channel).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.industry IS 'The leads'' industry, as recorded.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.currency IS 'ISO 4217 currency of pipeline (NULL for leads without a pipeline value).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.leads IS 'Leads and opportunities created.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.qualified IS 'Of those, qualified or further (handed off, accepted, rejected).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.opportunities IS 'Of those, opportunities (raised by a key person).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.handed_off IS 'Of those, ever handed off to sales or a partner.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.accepted IS 'Of those, accepted by sales or the partner.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.rejected IS 'Of those, rejected.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.sla_met IS 'Hand-offs answered within their acceptance SLA.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.sla_breached IS 'Hand-offs answered late, or still waiting past the SLA when computed.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.pipeline IS 'Pipeline of the accepted ones, in currency.';

COMMENT ON COLUMN reporting.fct_scorecard_lead.refreshed_at IS 'When these figures were computed (for a frozen quarter: when it was frozen).';

COMMENT ON COLUMN reporting.fct_scorecard_lead.frozen IS 'True: a closed quarter''s figures as frozen at its close; what changed since is in reporting.fct_scorecard_restatement.';

CREATE VIEW reporting.fct_scorecard_restatement WITH (security_barrier='true') AS
 SELECT s.source,
    s.fiscal_year,
    s.quarter,
    s.fiscal_quarter,
    s.unit_id,
    s.bu_id,
    s.programme_id,
    s.activity_type,
    s.industry,
    s.currency,
    s.activities_done_change,
    s.cost_actual_change,
    s.leads_change,
    s.accepted_change,
    s.pipeline_change
   FROM ( WITH live AS (
                 SELECT 'activity'::text AS source,
                    a.fiscal_year,
                    a.quarter,
                    a.unit_id,
                    a.bu_id,
                    a.programme_id,
                    a.activity_type,
                    NULL::text AS industry,
                    a.currency,
                    a.activities_done,
                    a.cost_actual,
                    0 AS leads,
                    0 AS accepted,
                    (0)::numeric AS pipeline
                   FROM (reporting_private.scorecard_activity a
                     JOIN mqa.quarter_close c ON (((c.unit_id = a.unit_id) AND (c.fiscal_year = a.fiscal_year) AND (c.quarter = a.quarter))))
                UNION ALL
                 SELECT 'lead'::text,
                    l.fiscal_year,
                    l.quarter,
                    l.unit_id,
                    l.bu_id,
                    l.programme_id,
                    l.activity_type,
                    l.industry,
                    l.currency,
                    0,
                    0,
                    l.leads,
                    l.accepted,
                    l.pipeline
                   FROM (reporting_private.scorecard_lead l
                     JOIN mqa.quarter_close c ON (((c.unit_id = l.unit_id) AND (c.fiscal_year = l.fiscal_year) AND (c.quarter = l.quarter))))
                ), frozen AS (
                 SELECT f_1.source,
                    f_1.fiscal_year,
                    f_1.quarter,
                    f_1.unit_id,
                    f_1.bu_id,
                    f_1.programme_id,
                    f_1.activity_type,
                    f_1.industry,
                    f_1.currency,
                    f_1.activities_done,
                    f_1.cost_actual,
                    f_1.leads,
                    f_1.accepted,
                    f_1.pipeline
                   FROM mqa.scorecard_snapshot f_1
                )
         SELECT COALESCE(v.source, f.source) AS source,
            COALESCE(v.fiscal_year, f.fiscal_year) AS fiscal_year,
            COALESCE(v.quarter, f.quarter) AS quarter,
            format('FY%s-Q%s'::text, COALESCE(v.fiscal_year, f.fiscal_year), COALESCE(v.quarter, f.quarter)) AS fiscal_quarter,
            COALESCE(v.unit_id, f.unit_id) AS unit_id,
            COALESCE(v.bu_id, f.bu_id) AS bu_id,
            COALESCE(v.programme_id, f.programme_id) AS programme_id,
            COALESCE(v.activity_type, f.activity_type) AS activity_type,
            COALESCE(v.industry, f.industry) AS industry,
            COALESCE(v.currency, f.currency) AS currency,
            (COALESCE(v.activities_done, 0) - COALESCE(f.activities_done, 0)) AS activities_done_change,
            (COALESCE(v.cost_actual, (0)::numeric) - COALESCE(f.cost_actual, (0)::numeric)) AS cost_actual_change,
            (COALESCE(v.leads, 0) - COALESCE(f.leads, 0)) AS leads_change,
            (COALESCE(v.accepted, 0) - COALESCE(f.accepted, 0)) AS accepted_change,
            (COALESCE(v.pipeline, (0)::numeric) - COALESCE(f.pipeline, (0)::numeric)) AS pipeline_change
           FROM (live v
             FULL JOIN frozen f ON (((f.source = v.source) AND (f.fiscal_year = v.fiscal_year) AND (f.quarter = v.quarter) AND (f.unit_id = v.unit_id) AND (COALESCE(f.bu_id, ('-1'::integer)::bigint) = COALESCE(v.bu_id, ('-1'::integer)::bigint)) AND (COALESCE(f.programme_id, ('-1'::integer)::bigint) = COALESCE(v.programme_id, ('-1'::integer)::bigint)) AND (COALESCE(f.activity_type, ''::text) = COALESCE(v.activity_type, ''::text)) AND (COALESCE(f.industry, ''::text) = COALESCE(v.industry, ''::text)) AND (COALESCE(f.currency, ''::text) = COALESCE(v.currency, ''::text)))))) s
  WHERE (((s.activities_done_change <> 0) OR (s.cost_actual_change <> (0)::numeric) OR (s.leads_change <> 0) OR (s.accepted_change <> 0) OR (s.pipeline_change <> (0)::numeric)) AND (s.unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (s.bu_id IS NULL) OR (s.unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(s.unit_id, s.bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))));

ALTER TABLE reporting.fct_scorecard_restatement OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_scorecard_restatement IS 'Restatements: how the figures of a frozen (closed) quarter differ now from what was frozen at its close, from late data. Grain: one row per source (activity or lead), fiscal quarter, unit, BU, programme, activity type, industry and currency that changed.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.source IS 'activity (the activity figures) or lead (the lead figures).';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.fiscal_year IS 'Fiscal year of the frozen quarter.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.quarter IS 'The frozen fiscal quarter within its year, 1–4.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.fiscal_quarter IS 'The frozen quarter, such as FY2027-Q2.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.unit_id IS 'The unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.bu_id IS 'The BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.programme_id IS 'The programme (reporting.dim_programme), if any.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.activity_type IS 'The activity type, if any.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.industry IS 'The leads'' industry (lead figures only).';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.currency IS 'ISO 4217 currency of the amounts of this row.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.activities_done_change IS 'Activities done now minus frozen.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.cost_actual_change IS 'Actual cost now minus frozen, in currency.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.leads_change IS 'Leads now minus frozen.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.accepted_change IS 'Accepted leads now minus frozen.';

COMMENT ON COLUMN reporting.fct_scorecard_restatement.pipeline_change IS 'Pipeline now minus frozen, in currency.';

CREATE VIEW reporting.fct_segment_gap WITH (security_invoker='true') AS
 SELECT g.segment_id,
    g.unit_id,
    g.bu_id,
    g.fiscal_year,
    g.quarter,
    g.fiscal_quarter,
    g.currency,
    g.revenue_target,
    g.revenue_actual,
    g.revenue_gap,
    g.pipeline_target,
    g.pipeline_actual,
    g.pipeline_gap,
    g.share_target,
    g.share_actual,
    g.share_gap
   FROM mm.segment_gap_summary g;

ALTER TABLE reporting.fct_segment_gap OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_segment_gap IS 'Performance gaps. Grain: one row per segment and fiscal quarter. Gaps are actual minus target.';

COMMENT ON COLUMN reporting.fct_segment_gap.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_segment_gap.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_segment_gap.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_segment_gap.fiscal_year IS 'Fiscal year of the quarter (the year it is named by, org.fiscal_calendar).';

COMMENT ON COLUMN reporting.fct_segment_gap.quarter IS 'Fiscal quarter within the year, 1–4.';

COMMENT ON COLUMN reporting.fct_segment_gap.fiscal_quarter IS 'FY2027-Q1.';

COMMENT ON COLUMN reporting.fct_segment_gap.currency IS 'ISO 4217 currency of the revenue and pipeline amounts of this row.';

COMMENT ON COLUMN reporting.fct_segment_gap.revenue_target IS 'Revenue target of the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_segment_gap.revenue_actual IS 'Revenue achieved in the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_segment_gap.revenue_gap IS 'revenue_actual minus revenue_target (negative: short of target).';

COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_target IS 'Pipeline target of the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_actual IS 'Pipeline created in the quarter, in currency.';

COMMENT ON COLUMN reporting.fct_segment_gap.pipeline_gap IS 'pipeline_actual minus pipeline_target (negative: short of target).';

COMMENT ON COLUMN reporting.fct_segment_gap.share_target IS 'Market share target, percent.';

COMMENT ON COLUMN reporting.fct_segment_gap.share_actual IS 'Market share achieved, percent.';

COMMENT ON COLUMN reporting.fct_segment_gap.share_gap IS 'share_actual minus share_target, percentage points.';

CREATE VIEW reporting.fct_segment_portfolio WITH (security_invoker='true') AS
 SELECT p.segment_id,
    p.unit_id,
    p.bu_id,
    p.fiscal_year,
    p.complete,
    p.attractiveness,
    p.capability,
    p.overall,
    p.rank AS rank_in_unit,
    p.quadrant
   FROM mm.portfolio p;

ALTER TABLE reporting.fct_segment_portfolio OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_segment_portfolio IS 'The portfolio. Grain: one row per active scored segment and fiscal year.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.segment_id IS 'The segment (reporting.dim_segment).';

COMMENT ON COLUMN reporting.fct_segment_portfolio.unit_id IS 'The segment''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_segment_portfolio.bu_id IS 'The segment''s BU (reporting.dim_business_unit).';

COMMENT ON COLUMN reporting.fct_segment_portfolio.fiscal_year IS 'The fiscal year (2027 for FY2027).';

COMMENT ON COLUMN reporting.fct_segment_portfolio.complete IS 'True once every weighted factor is scored; the figures are NULL before.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.attractiveness IS 'Weighted market attractiveness, 1–5.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.capability IS 'Weighted capability, 1–5.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.overall IS 'Mean of attractiveness and capability.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.rank_in_unit IS '1 is the best segment of its unit for the year.';

COMMENT ON COLUMN reporting.fct_segment_portfolio.quadrant IS 'invest_grow, selective, maintain or harvest (each axis split at 3).';

CREATE VIEW reporting.fct_topic WITH (security_invoker='true') AS
 SELECT t.id AS topic_id,
    t.unit_id,
    t.bu_id,
    t.fiscal_year,
    t.title,
    t.scenario,
    t.segment_id,
    t.priority,
    t.due_on,
    t.state,
    t.created_at AS proposed_at,
    t.state_changed_at,
    round((EXTRACT(epoch FROM (t.accepted_at - t.created_at)) / (86400)::numeric), 1) AS days_to_accept,
    round((EXTRACT(epoch FROM (t.started_at - t.accepted_at)) / (86400)::numeric), 1) AS days_to_start,
    round((EXTRACT(epoch FROM (t.delivered_at - t.started_at)) / (86400)::numeric), 1) AS days_in_research,
    round((EXTRACT(epoch FROM (t.evaluated_at - t.delivered_at)) / (86400)::numeric), 1) AS days_to_evaluate,
    ((t.state <> ALL (ARRAY['delivered'::text, 'evaluated'::text, 'rejected'::text, 'cancelled'::text])) AND (t.due_on < CURRENT_DATE)) AS past_due,
    ( SELECT count(*) AS count
           FROM mi.insight i
          WHERE (i.topic_id = t.id)) AS insights,
    e.usefulness,
    e.evaluated_at
   FROM (mi.topic t
     LEFT JOIN mi.evaluation e ON ((e.topic_id = t.id)));

ALTER TABLE reporting.fct_topic OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_topic IS 'Insight topics set by leaders or experts, with their state, insights and evaluation. Grain: one row per topic.';

COMMENT ON COLUMN reporting.fct_topic.topic_id IS 'Key of the topic.';

COMMENT ON COLUMN reporting.fct_topic.unit_id IS 'The unit that owns the topic (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_topic.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_topic.fiscal_year IS 'The fiscal year the topic is planned in (coverage is per year).';

COMMENT ON COLUMN reporting.fct_topic.title IS 'The topic''s title.';

COMMENT ON COLUMN reporting.fct_topic.scenario IS 'What it serves: project, customer, segment, region, industry_trend or solution_trend.';

COMMENT ON COLUMN reporting.fct_topic.segment_id IS 'The segment it is about (reporting.dim_segment), for segment scenarios.';

COMMENT ON COLUMN reporting.fct_topic.priority IS 'low, normal, high or critical.';

COMMENT ON COLUMN reporting.fct_topic.due_on IS 'When the insight is due.';

COMMENT ON COLUMN reporting.fct_topic.state IS 'proposed, accepted, in_research, delivered, evaluated, rejected or cancelled.';

COMMENT ON COLUMN reporting.fct_topic.proposed_at IS 'When it was proposed.';

COMMENT ON COLUMN reporting.fct_topic.state_changed_at IS 'When it last changed state.';

COMMENT ON COLUMN reporting.fct_topic.days_to_accept IS 'Lead time in days from proposed to accepted (NULL: not accepted).';

COMMENT ON COLUMN reporting.fct_topic.days_to_start IS 'Days from accepted to research started.';

COMMENT ON COLUMN reporting.fct_topic.days_in_research IS 'Days from research started to delivered.';

COMMENT ON COLUMN reporting.fct_topic.days_to_evaluate IS 'Days from delivered to evaluated.';

COMMENT ON COLUMN reporting.fct_topic.past_due IS 'Still open (not delivered, evaluated, rejected or cancelled) after its due date.';

COMMENT ON COLUMN reporting.fct_topic.insights IS 'Insights attached to it that the reader can see.';

COMMENT ON COLUMN reporting.fct_topic.usefulness IS 'Its evaluation''s usefulness, 1–5 (NULL: not evaluated).';

COMMENT ON COLUMN reporting.fct_topic.evaluated_at IS 'When it was evaluated.';

CREATE VIEW reporting.fct_touchpoint WITH (security_invoker='true') AS
 SELECT t.id AS touchpoint_id,
    t.lead_id,
    t.activity_id,
    t.unit_id,
    t.bu_id,
    t.touched_at,
    t.source
   FROM dg.touchpoint t;

ALTER TABLE reporting.fct_touchpoint OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_touchpoint IS 'Touchpoints beyond a lead''s source: an activity that touched a lead. Grain: one row per lead, activity and time.';

COMMENT ON COLUMN reporting.fct_touchpoint.touchpoint_id IS 'Key of the touchpoint.';

COMMENT ON COLUMN reporting.fct_touchpoint.lead_id IS 'The lead touched (reporting.fct_lead).';

COMMENT ON COLUMN reporting.fct_touchpoint.activity_id IS 'The activity that touched it (reporting.fct_activity).';

COMMENT ON COLUMN reporting.fct_touchpoint.unit_id IS 'The lead''s unit (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_touchpoint.bu_id IS 'The lead''s BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_touchpoint.touched_at IS 'When it touched the lead.';

COMMENT ON COLUMN reporting.fct_touchpoint.source IS 'How it was recorded: cli (by hand) or import.';

CREATE VIEW reporting.fct_voice WITH (security_invoker='true') AS
 SELECT v.id AS voice_id,
    v.unit_id,
    v.bu_id,
    v.segment_id,
    v.channel,
    v.sentiment,
    v.themes,
    v.heard_on,
    v.state
   FROM mi.voice v;

ALTER TABLE reporting.fct_voice OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_voice IS 'Voice of the customer: where it was heard, its sentiment and themes (the verbatim and the customer stay in the module). Grain: one row per entry.';

COMMENT ON COLUMN reporting.fct_voice.voice_id IS 'Key of the entry.';

COMMENT ON COLUMN reporting.fct_voice.unit_id IS 'The unit that heard it (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_voice.bu_id IS 'Its BU (reporting.dim_business_unit), if any.';

COMMENT ON COLUMN reporting.fct_voice.segment_id IS 'The segment it concerns (reporting.dim_segment), if any.';

COMMENT ON COLUMN reporting.fct_voice.channel IS 'visit, survey, support or social.';

COMMENT ON COLUMN reporting.fct_voice.sentiment IS 'From −2 (very negative) to 2 (very positive).';

COMMENT ON COLUMN reporting.fct_voice.themes IS 'The themes it touches.';

COMMENT ON COLUMN reporting.fct_voice.heard_on IS 'When it was heard.';

COMMENT ON COLUMN reporting.fct_voice.state IS 'submitted, accepted or rejected (accepted entries earn credits).';

CREATE VIEW reporting.fct_voice_theme WITH (security_invoker='true') AS
 SELECT v.unit_id,
    v.segment_id,
    lower(t.theme) AS theme,
    count(*) AS entries,
    round(avg(v.sentiment), 2) AS average_sentiment,
    count(*) FILTER (WHERE (v.sentiment < 0)) AS negative,
    count(*) FILTER (WHERE (v.sentiment > 0)) AS positive,
    max(v.heard_on) AS last_heard_on
   FROM (mi.voice v
     CROSS JOIN LATERAL unnest(v.themes) t(theme))
  WHERE (v.state = 'accepted'::text)
  GROUP BY v.unit_id, v.segment_id, (lower(t.theme));

ALTER TABLE reporting.fct_voice_theme OWNER TO mtl_owner;

COMMENT ON VIEW reporting.fct_voice_theme IS 'Voice of the customer by theme: accepted entries, average sentiment, negative and positive counts. Grain: one row per unit, segment and theme.';

COMMENT ON COLUMN reporting.fct_voice_theme.unit_id IS 'The unit that heard them (reporting.dim_unit).';

COMMENT ON COLUMN reporting.fct_voice_theme.segment_id IS 'The segment (reporting.dim_segment); NULL for entries naming none.';

COMMENT ON COLUMN reporting.fct_voice_theme.theme IS 'The theme, in lower case.';

COMMENT ON COLUMN reporting.fct_voice_theme.entries IS 'Accepted entries touching it.';

COMMENT ON COLUMN reporting.fct_voice_theme.average_sentiment IS 'Their average sentiment, −2 to 2.';

COMMENT ON COLUMN reporting.fct_voice_theme.negative IS 'Entries with a negative sentiment.';

COMMENT ON COLUMN reporting.fct_voice_theme.positive IS 'Entries with a positive sentiment.';

COMMENT ON COLUMN reporting.fct_voice_theme.last_heard_on IS 'The latest entry''s date.';

CREATE TABLE sce.attendance (
    session_id bigint NOT NULL,
    seller_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    recorded_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY sce.attendance FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.attendance OWNER TO mtl_owner;

COMMENT ON TABLE sce.attendance IS 'Who attended a session: by the seller themselves, or recorded by an editor of their scope.';

CREATE TABLE sce.cert_flag (
    certification_id bigint NOT NULL,
    kind text NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    flagged_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cert_flag_kind CHECK ((kind = ANY (ARRAY['expiring'::text, 'expired'::text, 'recertify'::text])))
);

ALTER TABLE ONLY sce.cert_flag FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.cert_flag OWNER TO mtl_owner;

COMMENT ON TABLE sce.cert_flag IS 'Certifications flagged by the daily check: expiring within the warning days, expired, or to recertify after a new major version of their material.';

ALTER TABLE sce.certification ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.certification_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.exam (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    code text NOT NULL,
    title text NOT NULL,
    role_code text NOT NULL,
    segment_id bigint,
    material_id bigint,
    pass_mark numeric(5,2) NOT NULL,
    validity_months smallint DEFAULT 24 NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT exam_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT exam_pass_mark_check CHECK (((pass_mark >= (0)::numeric) AND (pass_mark <= (100)::numeric))),
    CONSTRAINT exam_title_check CHECK ((btrim(title) <> ''::text)),
    CONSTRAINT exam_validity_months_check CHECK (((validity_months >= 1) AND (validity_months <= 120)))
);

ALTER TABLE ONLY sce.exam FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.exam OWNER TO mtl_owner;

COMMENT ON TABLE sce.exam IS 'Exams per seller role (and segment), perhaps on a material: a pass mark and how long the certification it grants lasts.';

ALTER TABLE sce.exam ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.exam_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.exam_result (
    id bigint NOT NULL,
    exam_id bigint NOT NULL,
    seller_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    score numeric(5,2) NOT NULL,
    passed boolean DEFAULT false NOT NULL,
    taken_on date DEFAULT CURRENT_DATE NOT NULL,
    recorded_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    confirmed boolean DEFAULT false NOT NULL,
    confirmed_by name,
    confirmed_at timestamp with time zone,
    CONSTRAINT exam_result_score_check CHECK (((score >= (0)::numeric) AND (score <= (100)::numeric)))
);

ALTER TABLE ONLY sce.exam_result FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.exam_result OWNER TO mtl_owner;

COMMENT ON TABLE sce.exam_result IS 'Exam results of sellers: a score against the pass mark; a pass certifies (sce.certification) when recorded, or confirmed, by someone of the seller''s scope other than the seller.';

ALTER TABLE sce.exam_result ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.exam_result_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.kit (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    code text NOT NULL,
    title text NOT NULL,
    scenario text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT kit_code CHECK ((code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'::text)),
    CONSTRAINT kit_title_check CHECK ((btrim(title) <> ''::text))
);

ALTER TABLE ONLY sce.kit FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.kit OWNER TO mtl_owner;

COMMENT ON TABLE sce.kit IS 'Kits per battle scenario (a summit kit: insight tool, case library, experience cloud): materials and tools in order.';

ALTER TABLE sce.kit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.kit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.kit_item (
    id bigint NOT NULL,
    kit_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    "position" smallint NOT NULL,
    step text NOT NULL,
    material_id bigint,
    tool text,
    note text DEFAULT ''::text NOT NULL,
    CONSTRAINT kit_item_position_check CHECK (("position" >= 1)),
    CONSTRAINT kit_item_step_check CHECK ((btrim(step) <> ''::text)),
    CONSTRAINT kit_item_tool_check CHECK ((btrim(tool) <> ''::text)),
    CONSTRAINT kit_item_what CHECK (((material_id IS NULL) <> (tool IS NULL)))
);

ALTER TABLE ONLY sce.kit_item FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.kit_item OWNER TO mtl_owner;

COMMENT ON TABLE sce.kit_item IS 'What a kit holds, in order: at each step a material or a tool.';

ALTER TABLE sce.kit_item ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.kit_item_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW sce.material_card WITH (security_invoker='true') AS
 SELECT m.id,
    m.unit_id,
    m.bu_id,
    m.title,
    m.summary,
    m.kind,
    m.language,
    m.uri,
    m.tier,
    m.parent_id,
    m.parent_major,
    m.dg_asset_id,
    m.stages,
    m.scenarios,
    m.roles,
    m.segment_ids,
    m.concept_package_ids,
    m.state,
    m.published_at,
    m.created_by,
    v.major,
    v.minor,
    v.id AS version_id,
    r.rating_count,
    r.rating_mean,
    r.score,
    r.use_count,
    r.last_used_at,
    pv.major AS parent_current_major,
    COALESCE((pv.major > m.parent_major), false) AS parent_outdated,
    m.search
   FROM (((sce.material m
     JOIN reporting.fct_material_rating r ON ((r.material_id = m.id)))
     CROSS JOIN LATERAL ( SELECT x.id,
            x.major,
            x.minor
           FROM sce.material_version x
          WHERE (x.material_id = m.id)
          ORDER BY x.major DESC, x.minor DESC
         LIMIT 1) v)
     LEFT JOIN LATERAL ( SELECT max(x.major) AS major
           FROM sce.material_version x
          WHERE (x.material_id = m.parent_id)) pv ON ((m.parent_id IS NOT NULL)));

ALTER TABLE sce.material_card OWNER TO mtl_owner;

COMMENT ON VIEW sce.material_card IS 'Each material the caller sees, with its current version, its front-line score (Bayesian average) and whether its parent has a newer major version.';

ALTER TABLE sce.material ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.material_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE sce.material_use ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.material_use_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE sce.material_version ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.material_version_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.programme (
    id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    title text NOT NULL,
    segment_id bigint,
    lead_id bigint,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT programme_dates CHECK ((ends_on >= starts_on)),
    CONSTRAINT programme_title_check CHECK ((btrim(title) <> ''::text))
);

ALTER TABLE ONLY sce.programme FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.programme OWNER TO mtl_owner;

COMMENT ON TABLE sce.programme IS 'Enablement programmes, for a segment or a key project: their sessions train sellers.';

ALTER TABLE sce.programme ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.programme_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW sce.quality_h1_readiness_low WITH (security_invoker='true') AS
 SELECT 'segment'::text AS subject_kind,
    r.segment_id AS subject_id,
    r.unit_id,
    r.bu_id,
    jsonb_build_object('sellers', sum(r.sellers), 'certified', sum(r.certified), 'share', round((sum(r.certified) / sum(r.sellers)), 4)) AS details
   FROM reporting.fct_readiness r
  WHERE (r.horizon = 'H1'::text)
  GROUP BY r.segment_id, r.unit_id, r.bu_id
 HAVING ((sum(r.sellers) > (0)::numeric) AND ((sum(r.certified) / sum(r.sellers)) < (mqa.parameter('sce.h1_readiness_low'::text, 'below'::text))::numeric));

ALTER TABLE sce.quality_h1_readiness_low OWNER TO mtl_owner;

CREATE VIEW sce.quality_material_outdated_parent WITH (security_invoker='true') AS
 SELECT 'material'::text AS subject_kind,
    c.id AS subject_id,
    c.unit_id,
    c.bu_id,
    jsonb_build_object('title', c.title, 'parent_id', c.parent_id, 'built_on_major', c.parent_major, 'parent_major', c.parent_current_major) AS details
   FROM sce.material_card c
  WHERE (c.parent_outdated AND (c.state <> 'retired'::text));

ALTER TABLE sce.quality_material_outdated_parent OWNER TO mtl_owner;

CREATE VIEW sce.quality_material_rated_low WITH (security_invoker='true') AS
 SELECT 'material'::text AS subject_kind,
    r.material_id AS subject_id,
    r.unit_id,
    r.bu_id,
    jsonb_build_object('title', r.title, 'score', r.score, 'ratings', r.rating_count) AS details
   FROM reporting.fct_material_rating r
  WHERE ((r.state = 'published'::text) AND (r.rating_count >= (mqa.parameter('sce.material_rated_low'::text, 'min_ratings'::text))::integer) AND (r.score < (mqa.parameter('sce.material_rated_low'::text, 'below'::text))::numeric));

ALTER TABLE sce.quality_material_rated_low OWNER TO mtl_owner;

CREATE VIEW sce.quality_material_unused WITH (security_invoker='true') AS
 SELECT 'material'::text AS subject_kind,
    m.id AS subject_id,
    m.unit_id,
    m.bu_id,
    jsonb_build_object('title', m.title, 'published_at', m.published_at, 'last_used_at', m.last_used_at) AS details
   FROM sce.material m
  WHERE ((m.state = 'published'::text) AND (m.published_at < (now() - make_interval(months => (mqa.parameter('sce.material_unused'::text, 'months'::text))::integer))) AND ((m.last_used_at IS NULL) OR (m.last_used_at < (now() - make_interval(months => (mqa.parameter('sce.material_unused'::text, 'months'::text))::integer)))));

ALTER TABLE sce.quality_material_unused OWNER TO mtl_owner;

CREATE TABLE sce.rating (
    id bigint NOT NULL,
    material_id bigint NOT NULL,
    version_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    seller_id bigint NOT NULL,
    score smallint NOT NULL,
    comment text DEFAULT ''::text NOT NULL,
    rated_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT rating_score CHECK (((score >= 1) AND (score <= 5)))
);

ALTER TABLE ONLY sce.rating FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.rating OWNER TO mtl_owner;

COMMENT ON TABLE sce.rating IS 'Ratings (1–5) by the front-line sellers who used a material''s version, once per version.';

ALTER TABLE sce.rating ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.rating_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.rating_tally (
    material_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    role_code text NOT NULL,
    rater_unit_id bigint NOT NULL,
    ratings integer DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY sce.rating_tally FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.rating_tally OWNER TO mtl_owner;

COMMENT ON TABLE sce.rating_tally IS 'How many ratings a material has per rater role and rater unit (its country), kept by the database.';

CREATE TABLE sce.sales_stage (
    code text NOT NULL,
    name text NOT NULL,
    "position" smallint DEFAULT 100 NOT NULL,
    CONSTRAINT sales_stage_code CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text)),
    CONSTRAINT sales_stage_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY sce.sales_stage FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.sales_stage OWNER TO mtl_owner;

COMMENT ON TABLE sce.sales_stage IS 'The sales stages enablement material is organised by (HQ reference data), in order.';

CREATE TABLE sce.scenario (
    code text NOT NULL,
    name text NOT NULL,
    "position" smallint DEFAULT 100 NOT NULL,
    CONSTRAINT scenario_code CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text)),
    CONSTRAINT scenario_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY sce.scenario FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.scenario OWNER TO mtl_owner;

COMMENT ON TABLE sce.scenario IS 'The front line''s battle scenarios materials and kits are organised by (HQ reference data): summit, workshop, customer experience, …';

CREATE VIEW sce.segment_ref WITH (security_barrier='true') AS
 SELECT s.id,
    s.unit_id,
    s.bu_id,
    u.code AS unit_code,
    s.code,
    ((u.code || '/'::text) || s.code) AS reference,
    s.name,
    s.horizon
   FROM (mm.segment s
     JOIN org.unit u ON ((u.id = s.unit_id)))
  WHERE ((s.unit_id = ANY (org.visible_units())) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (s.unit_id = ANY (org.visible_units_all_bus())) OR (ROW(s.unit_id, s.bu_id)::org.unit_bu = ANY (org.visible_unit_bus()))));

ALTER TABLE sce.segment_ref OWNER TO mtl_owner;

COMMENT ON VIEW sce.segment_ref IS 'The segments of the caller''s scope (unit, code, name, horizon), for enablement lookups by people without access to mm, such as sellers.';

ALTER TABLE sce.seller ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.seller_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE sce.seller_role (
    code text NOT NULL,
    name text NOT NULL,
    "position" smallint DEFAULT 100 NOT NULL,
    CONSTRAINT seller_role_code CHECK ((code ~ '^[a-z][a-z0-9_]{1,39}$'::text)),
    CONSTRAINT seller_role_name_check CHECK ((btrim(name) <> ''::text))
);

ALTER TABLE ONLY sce.seller_role FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.seller_role OWNER TO mtl_owner;

COMMENT ON TABLE sce.seller_role IS 'Seller roles enablement is organised by (HQ reference data): account manager, product sales, channel sales, solution manager, front-line sales, …';

CREATE TABLE sce.session (
    id bigint NOT NULL,
    programme_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    bu_id bigint,
    title text NOT NULL,
    channel text NOT NULL,
    held_on date NOT NULL,
    material_id bigint,
    created_by name DEFAULT SESSION_USER NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT session_channel CHECK ((channel = ANY (ARRAY['classroom'::text, 'online'::text, 'meeting'::text, 'mobile'::text]))),
    CONSTRAINT session_title_check CHECK ((btrim(title) <> ''::text))
);

ALTER TABLE ONLY sce.session FORCE ROW LEVEL SECURITY;

ALTER TABLE sce.session OWNER TO mtl_owner;

COMMENT ON TABLE sce.session IS 'Sessions of a programme (classroom, online, meeting, mobile), perhaps on a material.';

ALTER TABLE sce.session ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME sce.session_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE scheduler.firing (
    schedule text NOT NULL,
    fire_at timestamp with time zone NOT NULL,
    job_id bigint,
    source text DEFAULT 'schedule'::text NOT NULL,
    late boolean DEFAULT false NOT NULL,
    fired_at timestamp with time zone DEFAULT now() NOT NULL,
    fired_by name DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT firing_source_check CHECK ((source = ANY (ARRAY['schedule'::text, 'manual'::text])))
);

ALTER TABLE ONLY scheduler.firing FORCE ROW LEVEL SECURITY;

ALTER TABLE scheduler.firing OWNER TO mtl_owner;

COMMENT ON TABLE scheduler.firing IS 'Each fire time of a schedule that enqueued a job: unique per schedule and fire time.';

ALTER TABLE scheduler.job ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME scheduler.job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE scheduler.job_kind (
    kind scheduler.kind_name NOT NULL,
    owner_schema name NOT NULL,
    description text NOT NULL,
    enqueue_check name
);

ALTER TABLE ONLY scheduler.job_kind FORCE ROW LEVEL SECURITY;

ALTER TABLE scheduler.job_kind OWNER TO mtl_owner;

COMMENT ON TABLE scheduler.job_kind IS 'Job kinds and who may enqueue them: a kind without an enqueue_check (or not listed) is the scheduler''s alone.';

COMMENT ON COLUMN scheduler.job_kind.enqueue_check IS 'The name of a function owner_schema.f(args jsonb, caller name) RETURNS jsonb that refuses a caller who may not ask for the job (42501) or invalid arguments (22023) and returns the arguments to store; NULL: people may not enqueue the kind.';

CREATE TABLE scheduler.probe (
    job_id bigint NOT NULL,
    worker_id text NOT NULL,
    attempt integer NOT NULL,
    ran_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY scheduler.probe FORCE ROW LEVEL SECURITY;

ALTER TABLE scheduler.probe OWNER TO mtl_owner;

COMMENT ON TABLE scheduler.probe IS 'Runs of the diagnostic job kind scheduler.probe: which worker completed which job, at which attempt.';

CREATE TABLE scheduler.schedule (
    name text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    kind text NOT NULL,
    args jsonb DEFAULT '{}'::jsonb NOT NULL,
    queue text DEFAULT 'default'::text NOT NULL,
    priority smallint DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 5 NOT NULL,
    rule text NOT NULL,
    time_zone text DEFAULT 'UTC'::text NOT NULL,
    misfire_policy text DEFAULT 'fire_once'::text NOT NULL,
    backfill_limit integer DEFAULT 1 NOT NULL,
    misfire_grace interval DEFAULT '00:05:00'::interval NOT NULL,
    paused boolean DEFAULT false NOT NULL,
    next_fire_at timestamp with time zone NOT NULL,
    last_fired_at timestamp with time zone,
    missed_total bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT schedule_args CHECK ((jsonb_typeof(args) = 'object'::text)),
    CONSTRAINT schedule_backfill_limit_check CHECK (((backfill_limit >= 1) AND (backfill_limit <= 1000))),
    CONSTRAINT schedule_kind CHECK ((kind ~ '^[a-z][a-z0-9_.]{0,62}$'::text)),
    CONSTRAINT schedule_max_attempts_check CHECK (((max_attempts >= 1) AND (max_attempts <= 100))),
    CONSTRAINT schedule_misfire CHECK ((misfire_policy = ANY (ARRAY['fire_once'::text, 'skip'::text, 'backfill'::text]))),
    CONSTRAINT schedule_misfire_grace_check CHECK ((misfire_grace >= '00:00:00'::interval)),
    CONSTRAINT schedule_name CHECK ((name ~ '^[a-z][a-z0-9_.:-]{0,62}$'::text))
);

ALTER TABLE ONLY scheduler.schedule FORCE ROW LEVEL SECURITY;

ALTER TABLE scheduler.schedule OWNER TO mtl_owner;

COMMENT ON TABLE scheduler.schedule IS 'Schedules: a cron expression or fiscal-quarter rule in an IANA time zone, a misfire policy, paused or not; each firing enqueues a job of its kind.';

ALTER TABLE ONLY audit.change ATTACH PARTITION audit.change_default DEFAULT;

ALTER TABLE ONLY audit.row_change ATTACH PARTITION audit.row_change_default DEFAULT;

ALTER TABLE ONLY mi.review_flag
    ADD CONSTRAINT review_flag_pkey PRIMARY KEY (subject_kind, subject_id, due_on);

CREATE FUNCTION mi.flag_reviews() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 WITH flagged AS (
          INSERT INTO mi.review_flag (subject_kind, subject_id, unit_id, bu_id, due_on)  SELECT 'battlecard'::text,
                     b.id,
                     b.unit_id,
                     b.bu_id,
                     (b.last_reviewed_on + (b.review_interval_days)::integer)
                    FROM mi.battlecard b
                   WHERE ((b.last_reviewed_on + (b.review_interval_days)::integer) < CURRENT_DATE)
                 UNION ALL
                  SELECT 'topic'::text,
                     t.id,
                     t.unit_id,
                     t.bu_id,
                     t.due_on
                    FROM mi.topic t
                   WHERE ((t.state = ANY (ARRAY['proposed'::text, 'accepted'::text, 'in_research'::text])) AND (t.due_on < CURRENT_DATE)) ON CONFLICT ON CONSTRAINT review_flag_pkey DO NOTHING
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM flagged;
END;

ALTER FUNCTION mi.flag_reviews() OWNER TO mtl_owner;

ALTER TABLE ONLY mqa.quarter_close
    ADD CONSTRAINT quarter_close_pkey PRIMARY KEY (unit_id, fiscal_year, quarter);

CREATE FUNCTION mqa.freeze_closed_quarters() RETURNS integer
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 WITH due AS (
          SELECT u.id AS unit_id,
             (substr(c.label, 3, 4))::integer AS fiscal_year,
             (substr(c.label, 9, 1))::smallint AS quarter
            FROM (org.unit u
              CROSS JOIN LATERAL ( SELECT org.fiscal_quarter_closed_before(now(), COALESCE(org.unit_time_zone(u.id), 'UTC'::text)) AS label) c)
         ), closing AS (
          INSERT INTO mqa.quarter_close (unit_id, fiscal_year, quarter)  SELECT d.unit_id,
                     d.fiscal_year,
                     d.quarter
                    FROM due d ON CONFLICT ON CONSTRAINT quarter_close_pkey DO NOTHING
           RETURNING quarter_close.unit_id,
             quarter_close.fiscal_year,
             quarter_close.quarter
         ), activities AS (
          INSERT INTO mqa.scorecard_snapshot (source, fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, currency, activities_planned, activities_done, invited, attended, cost_planned, cost_actual)  SELECT 'activity',
                     a.fiscal_year,
                     a.quarter,
                     a.unit_id,
                     a.bu_id,
                     a.programme_id,
                     a.activity_type,
                     a.currency,
                     a.activities_planned,
                     a.activities_done,
                     a.invited,
                     a.attended,
                     a.cost_planned,
                     a.cost_actual
                    FROM (reporting_private.scorecard_activity a
                      JOIN closing c ON (((c.unit_id = a.unit_id) AND (c.fiscal_year = a.fiscal_year) AND (c.quarter = a.quarter))))
           RETURNING 1 AS "?column?"
         ), leads AS (
          INSERT INTO mqa.scorecard_snapshot (source, fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, industry, currency, leads, qualified, opportunities, handed_off, accepted, rejected, sla_met, sla_breached, pipeline)  SELECT 'lead',
                     l.fiscal_year,
                     l.quarter,
                     l.unit_id,
                     l.bu_id,
                     l.programme_id,
                     l.activity_type,
                     l.industry,
                     l.currency,
                     l.leads,
                     l.qualified,
                     l.opportunities,
                     l.handed_off,
                     l.accepted,
                     l.rejected,
                     l.sla_met,
                     l.sla_breached,
                     l.pipeline
                    FROM (reporting_private.scorecard_lead l
                      JOIN closing c ON (((c.unit_id = l.unit_id) AND (c.fiscal_year = l.fiscal_year) AND (c.quarter = l.quarter))))
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM closing;
END;

ALTER FUNCTION mqa.freeze_closed_quarters() OWNER TO mtl_owner;

ALTER TABLE ONLY mqa.rule
    ADD CONSTRAINT rule_pkey PRIMARY KEY (code);

CREATE FUNCTION mqa.register_rule(code text, title text, severity text, violations_view name, defaults jsonb DEFAULT '{}'::jsonb) RETURNS void
    LANGUAGE sql
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 INSERT INTO mqa.rule AS r (code, owner_schema, title, severity, violations_view, defaults)
   VALUES (register_rule.code, split_part(register_rule.code, '.'::text, 1), register_rule.title, register_rule.severity, register_rule.violations_view, register_rule.defaults) ON CONFLICT ON CONSTRAINT rule_pkey DO UPDATE SET owner_schema = excluded.owner_schema, title = excluded.title, severity = excluded.severity, violations_view = excluded.violations_view, defaults = excluded.defaults, settings = ( SELECT COALESCE(jsonb_object_agg(s.key, s.value), '{}'::jsonb) AS "coalesce"
            FROM jsonb_each(r.settings) s(key, value)
           WHERE ((excluded.defaults ? s.key) AND (jsonb_typeof((excluded.defaults -> s.key)) = jsonb_typeof(s.value))));
END;

ALTER FUNCTION mqa.register_rule(code text, title text, severity text, violations_view name, defaults jsonb) OWNER TO mtl_owner;

ALTER TABLE ONLY sce.cert_flag
    ADD CONSTRAINT cert_flag_pkey PRIMARY KEY (certification_id, kind);

CREATE FUNCTION sce.flag_certifications() RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 WITH flagged AS (
          INSERT INTO sce.cert_flag (certification_id, kind, unit_id, bu_id)  SELECT c.id,
                     k.kind,
                     c.unit_id,
                     c.bu_id
                    FROM ((sce.certification c
                      CROSS JOIN sce.setting s)
                      CROSS JOIN LATERAL ( VALUES (
                                 CASE
                                     WHEN (c.expires_on <= CURRENT_DATE) THEN 'expired'::text
                                     WHEN (c.expires_on <= (CURRENT_DATE + (s.expiry_warning_days)::integer)) THEN 'expiring'::text
                                     ELSE NULL::text
                                 END), (
                                 CASE
                                     WHEN ((c.recertify_since IS NOT NULL) AND (c.expires_on > CURRENT_DATE)) THEN 'recertify'::text
                                     ELSE NULL::text
                                 END)) k(kind))
                   WHERE (k.kind IS NOT NULL) ON CONFLICT ON CONSTRAINT cert_flag_pkey DO NOTHING
           RETURNING 1 AS "?column?"
         )
  SELECT (count(*))::integer AS count
    FROM flagged;
END;

ALTER FUNCTION sce.flag_certifications() OWNER TO mtl_owner;

ALTER TABLE ONLY approval.decision
    ADD CONSTRAINT decision_pkey PRIMARY KEY (id);

ALTER TABLE ONLY approval.decision
    ADD CONSTRAINT decision_request_id_key UNIQUE (request_id);

ALTER TABLE ONLY approval.kind
    ADD CONSTRAINT kind_pkey PRIMARY KEY (kind);

ALTER TABLE ONLY approval.request
    ADD CONSTRAINT request_pkey PRIMARY KEY (id);

ALTER TABLE ONLY audit.archive
    ADD CONSTRAINT archive_pkey PRIMARY KEY (month);

ALTER TABLE ONLY audit.change
    ADD CONSTRAINT change_pkey PRIMARY KEY (id, tx_time);

ALTER TABLE ONLY audit.change_default
    ADD CONSTRAINT change_default_pkey PRIMARY KEY (id, tx_time);

ALTER TABLE ONLY audit.partition_setting
    ADD CONSTRAINT partition_setting_pkey PRIMARY KEY (only_row);

ALTER TABLE ONLY audit.row_change
    ADD CONSTRAINT row_change_pkey PRIMARY KEY (id, tx_time);

ALTER TABLE ONLY audit.row_change_default
    ADD CONSTRAINT row_change_default_pkey PRIMARY KEY (id, tx_time);

ALTER TABLE ONLY audit.row_shape
    ADD CONSTRAINT row_shape_pkey PRIMARY KEY (id);

ALTER TABLE ONLY audit.row_shape
    ADD CONSTRAINT row_shape_table_schema_table_name_columns_types_key UNIQUE (table_schema, table_name, columns, types);

ALTER TABLE ONLY dg.activity_asset
    ADD CONSTRAINT activity_asset_pkey PRIMARY KEY (activity_id, asset_id);

ALTER TABLE ONLY dg.activity
    ADD CONSTRAINT activity_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.asset
    ADD CONSTRAINT asset_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.budget
    ADD CONSTRAINT budget_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.lead_import
    ADD CONSTRAINT lead_import_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.lead
    ADD CONSTRAINT lead_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.lead_setting
    ADD CONSTRAINT lead_setting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.lead_sla_flag
    ADD CONSTRAINT lead_sla_flag_pkey PRIMARY KEY (lead_id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_pkey PRIMARY KEY (id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_scope UNIQUE (id, unit_id, bu_id);

ALTER TABLE ONLY dg.touchpoint
    ADD CONSTRAINT touchpoint_once UNIQUE (lead_id, activity_id, touched_at);

ALTER TABLE ONLY dg.touchpoint
    ADD CONSTRAINT touchpoint_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.battlecard
    ADD CONSTRAINT battlecard_once UNIQUE (competitor_id, segment_id);

ALTER TABLE ONLY mi.battlecard
    ADD CONSTRAINT battlecard_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.business_stage
    ADD CONSTRAINT business_stage_once UNIQUE NULLS NOT DISTINCT (industry, code);

ALTER TABLE ONLY mi.business_stage
    ADD CONSTRAINT business_stage_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.competitor
    ADD CONSTRAINT competitor_code_key UNIQUE (code);

ALTER TABLE ONLY mi.competitor
    ADD CONSTRAINT competitor_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.contribution
    ADD CONSTRAINT contribution_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.credit
    ADD CONSTRAINT credit_once UNIQUE (kind, subject_id);

ALTER TABLE ONLY mi.credit
    ADD CONSTRAINT credit_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.credit_rate
    ADD CONSTRAINT credit_rate_pkey PRIMARY KEY (kind);

ALTER TABLE ONLY mi.credit_setting
    ADD CONSTRAINT credit_setting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.data_item
    ADD CONSTRAINT data_item_once UNIQUE NULLS NOT DISTINCT (domain, code);

ALTER TABLE ONLY mi.data_item
    ADD CONSTRAINT data_item_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.evaluation
    ADD CONSTRAINT evaluation_pkey PRIMARY KEY (topic_id);

ALTER TABLE ONLY mi.insight
    ADD CONSTRAINT insight_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.insight_use
    ADD CONSTRAINT insight_use_once UNIQUE (insight_id, used_for, subject_id);

ALTER TABLE ONLY mi.insight_use
    ADD CONSTRAINT insight_use_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.lead_competitor
    ADD CONSTRAINT lead_competitor_pkey PRIMARY KEY (lead_id, competitor_id);

ALTER TABLE ONLY mi.market_size
    ADD CONSTRAINT market_size_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.observation
    ADD CONSTRAINT observation_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.topic_role
    ADD CONSTRAINT topic_role_once UNIQUE NULLS NOT DISTINCT (topic_id, role, person, provider_unit_id);

ALTER TABLE ONLY mi.topic_role
    ADD CONSTRAINT topic_role_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_scope UNIQUE (id, unit_id);

ALTER TABLE ONLY mi.topic_stage
    ADD CONSTRAINT topic_stage_pkey PRIMARY KEY (topic_id, stage_id);

ALTER TABLE ONLY mi.voice
    ADD CONSTRAINT voice_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.concept_package
    ADD CONSTRAINT concept_once UNIQUE (framework_id, code);

ALTER TABLE ONLY mm.concept_package
    ADD CONSTRAINT concept_package_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.factor
    ADD CONSTRAINT factor_pkey PRIMARY KEY (code);

ALTER TABLE ONLY mm.factor_weight
    ADD CONSTRAINT factor_weight_pkey PRIMARY KEY (bu_id, fiscal_year, factor_code);

ALTER TABLE ONLY mm.framework
    ADD CONSTRAINT framework_fiscal_year_key UNIQUE (fiscal_year);

ALTER TABLE ONLY mm.framework
    ADD CONSTRAINT framework_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.framework_theme
    ADD CONSTRAINT framework_theme_pkey PRIMARY KEY (framework_id, theme_id);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_once UNIQUE (segment_id, unit_id, fiscal_year);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.msp_quarter
    ADD CONSTRAINT msp_quarter_pkey PRIMARY KEY (msp_id, fiscal_year, quarter);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_scope UNIQUE (id, unit_id, bu_id);

ALTER TABLE ONLY mm.quarterly_review
    ADD CONSTRAINT quarterly_review_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.quarterly_review
    ADD CONSTRAINT review_once UNIQUE (msp_id, fiscal_year, quarter);

ALTER TABLE ONLY mm.review_setting
    ADD CONSTRAINT review_setting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.segment
    ADD CONSTRAINT segment_code_in_unit UNIQUE (unit_id, code);

ALTER TABLE ONLY mm.segment_gap
    ADD CONSTRAINT segment_gap_pkey PRIMARY KEY (segment_id, fiscal_year, quarter);

ALTER TABLE ONLY mm.segment
    ADD CONSTRAINT segment_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mm.segment
    ADD CONSTRAINT segment_scope UNIQUE (id, unit_id, bu_id);

ALTER TABLE ONLY mm.segment_score
    ADD CONSTRAINT segment_score_pkey PRIMARY KEY (segment_id, fiscal_year, factor_code);

ALTER TABLE ONLY mm.theme
    ADD CONSTRAINT theme_code_key UNIQUE (code);

ALTER TABLE ONLY mm.theme
    ADD CONSTRAINT theme_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mqa.attribution_model
    ADD CONSTRAINT attribution_model_pkey PRIMARY KEY (code, version);

ALTER TABLE ONLY mqa.finding
    ADD CONSTRAINT finding_once UNIQUE (rule_code, subject_kind, subject_id);

ALTER TABLE ONLY mqa.finding
    ADD CONSTRAINT finding_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mqa.report_pack
    ADD CONSTRAINT report_pack_once UNIQUE (unit_id, fiscal_year, quarter);

ALTER TABLE ONLY mqa.report_pack
    ADD CONSTRAINT report_pack_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mqa.scorecard_snapshot
    ADD CONSTRAINT scorecard_snapshot_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mqa.waiver
    ADD CONSTRAINT waiver_pkey PRIMARY KEY (id);

ALTER TABLE ONLY mtl_meta.migration
    ADD CONSTRAINT migration_pkey PRIMARY KEY (id);

ALTER TABLE ONLY org.business_unit
    ADD CONSTRAINT business_unit_code_key UNIQUE (code);

ALTER TABLE ONLY org.business_unit
    ADD CONSTRAINT business_unit_pkey PRIMARY KEY (id);

ALTER TABLE ONLY org.capability
    ADD CONSTRAINT capability_group_role_key UNIQUE (group_role);

ALTER TABLE ONLY org.capability
    ADD CONSTRAINT capability_pkey PRIMARY KEY (code);

ALTER TABLE ONLY org.fiscal_calendar
    ADD CONSTRAINT fiscal_calendar_pkey PRIMARY KEY (id);

ALTER TABLE ONLY org.fx_rate
    ADD CONSTRAINT fx_rate_pkey PRIMARY KEY (currency, to_currency, fiscal_year, quarter);

ALTER TABLE ONLY org."grant"
    ADD CONSTRAINT grant_once UNIQUE NULLS NOT DISTINCT (role_name, unit_id, bu_id);

ALTER TABLE ONLY org."grant"
    ADD CONSTRAINT grant_pkey PRIMARY KEY (id);

ALTER TABLE ONLY org.iso_country
    ADD CONSTRAINT iso_country_pkey PRIMARY KEY (code);

ALTER TABLE ONLY org.state_machine
    ADD CONSTRAINT state_machine_pkey PRIMARY KEY (machine);

ALTER TABLE ONLY org.state_transition
    ADD CONSTRAINT state_transition_pkey PRIMARY KEY (machine, from_state, to_state);

ALTER TABLE ONLY org.unit
    ADD CONSTRAINT unit_code_key UNIQUE (code);

ALTER TABLE ONLY org.unit
    ADD CONSTRAINT unit_pkey PRIMARY KEY (id);

ALTER TABLE ONLY org.user_account
    ADD CONSTRAINT user_account_pkey PRIMARY KEY (role_name);

ALTER TABLE ONLY reporting_private.refresh
    ADD CONSTRAINT refresh_pkey PRIMARY KEY (name);

ALTER TABLE ONLY sce.attendance
    ADD CONSTRAINT attendance_pkey PRIMARY KEY (session_id, seller_id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_result_id_key UNIQUE (result_id);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_once UNIQUE (unit_id, code);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.exam_result
    ADD CONSTRAINT exam_result_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.kit_item
    ADD CONSTRAINT kit_item_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.kit_item
    ADD CONSTRAINT kit_item_position UNIQUE (kit_id, "position");

ALTER TABLE ONLY sce.kit
    ADD CONSTRAINT kit_once UNIQUE (unit_id, code);

ALTER TABLE ONLY sce.kit
    ADD CONSTRAINT kit_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_dg_asset_id_key UNIQUE (dg_asset_id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.material_version
    ADD CONSTRAINT material_version_once UNIQUE (material_id, major, minor);

ALTER TABLE ONLY sce.material_version
    ADD CONSTRAINT material_version_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.programme
    ADD CONSTRAINT programme_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.rating
    ADD CONSTRAINT rating_once UNIQUE (version_id, rated_by);

ALTER TABLE ONLY sce.rating
    ADD CONSTRAINT rating_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.rating_tally
    ADD CONSTRAINT rating_tally_pkey PRIMARY KEY (material_id, role_code, rater_unit_id);

ALTER TABLE ONLY sce.sales_stage
    ADD CONSTRAINT sales_stage_pkey PRIMARY KEY (code);

ALTER TABLE ONLY sce.scenario
    ADD CONSTRAINT scenario_pkey PRIMARY KEY (code);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_login_key UNIQUE (login);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.seller_role
    ADD CONSTRAINT seller_role_pkey PRIMARY KEY (code);

ALTER TABLE ONLY sce.session
    ADD CONSTRAINT session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY sce.setting
    ADD CONSTRAINT setting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY scheduler.firing
    ADD CONSTRAINT firing_pkey PRIMARY KEY (schedule, fire_at);

ALTER TABLE ONLY scheduler.job_kind
    ADD CONSTRAINT job_kind_pkey PRIMARY KEY (kind);

ALTER TABLE ONLY scheduler.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);

ALTER TABLE ONLY scheduler.probe
    ADD CONSTRAINT probe_pkey PRIMARY KEY (job_id);

ALTER TABLE ONLY scheduler.schedule
    ADD CONSTRAINT schedule_pkey PRIMARY KEY (name);

CREATE UNIQUE INDEX request_one_pending ON approval.request USING btree (kind, subject_id) WHERE (state = 'pending'::text);

CREATE INDEX request_unit_idx ON approval.request USING btree (unit_id) WHERE (state = 'pending'::text);

CREATE INDEX change_table_idx ON ONLY audit.change USING btree (table_name, id);

CREATE INDEX change_default_table_name_id_idx ON audit.change_default USING btree (table_name, id);

CREATE INDEX change_tx_time_brin ON ONLY audit.change USING brin (tx_time);

CREATE INDEX change_default_tx_time_idx ON audit.change_default USING brin (tx_time);

CREATE INDEX row_change_change_brin ON ONLY audit.row_change USING brin (change_id);

CREATE INDEX row_change_default_change_id_idx ON audit.row_change_default USING brin (change_id);

CREATE INDEX activity_programme_idx ON dg.activity USING btree (programme_id);

CREATE INDEX activity_unit_idx ON dg.activity USING btree (unit_id, starts_on);

CREATE UNIQUE INDEX budget_one_open ON dg.budget USING btree (programme_id) WHERE (state = 'submitted'::text);

CREATE INDEX lead_activity_idx ON dg.lead USING btree (activity_id);

CREATE UNIQUE INDEX lead_contact_once ON dg.lead USING btree (unit_id, lower(company), lower(contact_name));

CREATE UNIQUE INDEX lead_email_once ON dg.lead USING btree (unit_id, email) WHERE (email IS NOT NULL);

CREATE INDEX lead_handed_off_idx ON dg.lead USING btree (sla_due_at) WHERE (state = 'handed_off'::text);

CREATE INDEX lead_import_hash_idx ON dg.lead_import USING btree (unit_id, sha256);

CREATE INDEX lead_state_idx ON dg.lead USING btree (unit_id, state);

CREATE INDEX programme_msp_idx ON dg.programme USING btree (msp_id);

CREATE UNIQUE INDEX programme_name_once ON dg.programme USING btree (unit_id, bu_id, fiscal_year, lower(name));

CREATE INDEX programme_unit_idx ON dg.programme USING btree (unit_id, fiscal_year);

CREATE INDEX touchpoint_activity_idx ON dg.touchpoint USING btree (activity_id);

CREATE INDEX credit_unit_idx ON mi.credit USING btree (unit_id, earned_at);

CREATE INDEX insight_shared_idx ON mi.insight USING btree (sharing, region_id) WHERE (sharing <> 'unit'::text);

CREATE INDEX insight_topic_idx ON mi.insight USING btree (topic_id) WHERE (topic_id IS NOT NULL);

CREATE INDEX lead_competitor_competitor_idx ON mi.lead_competitor USING btree (competitor_id);

CREATE UNIQUE INDEX market_size_current ON mi.market_size USING btree (segment_id, fiscal_year) WHERE (superseded_by IS NULL);

CREATE INDEX observation_topic_idx ON mi.observation USING btree (topic_id);

CREATE INDEX topic_role_person_idx ON mi.topic_role USING btree (person) WHERE (person IS NOT NULL);

CREATE INDEX topic_segment_idx ON mi.topic USING btree (segment_id) WHERE (segment_id IS NOT NULL);

CREATE INDEX topic_unit_idx ON mi.topic USING btree (unit_id, fiscal_year);

CREATE INDEX voice_unit_idx ON mi.voice USING btree (unit_id, heard_on);

CREATE INDEX msp_unit_idx ON mm.msp USING btree (unit_id, fiscal_year);

CREATE INDEX quarterly_review_unit_idx ON mm.quarterly_review USING btree (unit_id, fiscal_year, quarter);

CREATE INDEX segment_bu_idx ON mm.segment USING btree (bu_id);

CREATE INDEX finding_unit_state_idx ON mqa.finding USING btree (unit_id, state);

CREATE UNIQUE INDEX scorecard_snapshot_key ON mqa.scorecard_snapshot USING btree (fiscal_year, quarter, unit_id, source, bu_id, programme_id, activity_type, industry, currency) NULLS NOT DISTINCT;

CREATE UNIQUE INDEX waiver_one_waiting ON mqa.waiver USING btree (finding_id) WHERE (state = 'submitted'::text);

CREATE INDEX grant_unit_idx ON org."grant" USING btree (unit_id);

CREATE UNIQUE INDEX unit_one_hq ON org.unit USING btree ((true)) WHERE (parent_id IS NULL);

CREATE INDEX unit_parent_idx ON org.unit USING btree (parent_id);

CREATE INDEX unit_path_idx ON org.unit USING gin (path);

CREATE UNIQUE INDEX scorecard_activity_key ON reporting_private.scorecard_activity USING btree (fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, currency) NULLS NOT DISTINCT;

CREATE UNIQUE INDEX scorecard_lead_key ON reporting_private.scorecard_lead USING btree (fiscal_year, quarter, unit_id, bu_id, programme_id, activity_type, industry, currency) NULLS NOT DISTINCT;

CREATE INDEX certification_material_idx ON sce.certification USING btree (material_id) WHERE (material_id IS NOT NULL);

CREATE INDEX certification_seller_idx ON sce.certification USING btree (seller_id, role_code);

CREATE INDEX material_filters_idx ON sce.material USING gin (stages, scenarios, roles);

CREATE INDEX material_parent_idx ON sce.material USING btree (parent_id) WHERE (parent_id IS NOT NULL);

CREATE INDEX material_search_idx ON sce.material USING gin (search);

CREATE INDEX material_title_trgm_idx ON sce.material USING gin (title sce.gin_trgm_ops);

CREATE INDEX material_unit_idx ON sce.material USING btree (unit_id, state);

CREATE INDEX material_use_material_idx ON sce.material_use USING btree (material_id, used_at);

CREATE INDEX material_use_seller_idx ON sce.material_use USING btree (seller_id, version_id);

CREATE INDEX seller_unit_idx ON sce.seller USING btree (unit_id, role_code) WHERE active;

CREATE INDEX firing_fired_at ON scheduler.firing USING btree (fired_at);

CREATE INDEX job_finalized ON scheduler.job USING btree (finalized_at) WHERE (state = ANY (ARRAY['completed'::text, 'discarded'::text, 'cancelled'::text]));

CREATE INDEX job_heartbeat ON scheduler.job USING btree (heartbeat_at) WHERE (heartbeat_at IS NOT NULL);

CREATE INDEX job_ready ON scheduler.job USING btree (priority, run_at, id) WHERE (state = ANY (ARRAY['available'::text, 'retryable'::text]));

CREATE UNIQUE INDEX job_unique_forever ON scheduler.job USING btree (kind, unique_key) WHERE ((unique_key IS NOT NULL) AND unique_forever);

CREATE UNIQUE INDEX job_unique_live ON scheduler.job USING btree (kind, unique_key) WHERE ((unique_key IS NOT NULL) AND (NOT unique_forever) AND (state = ANY (ARRAY['available'::text, 'running'::text, 'retryable'::text])));

ALTER INDEX audit.change_pkey ATTACH PARTITION audit.change_default_pkey;

ALTER INDEX audit.change_table_idx ATTACH PARTITION audit.change_default_table_name_id_idx;

ALTER INDEX audit.change_tx_time_brin ATTACH PARTITION audit.change_default_tx_time_idx;

ALTER INDEX audit.row_change_change_brin ATTACH PARTITION audit.row_change_default_change_id_idx;

ALTER INDEX audit.row_change_pkey ATTACH PARTITION audit.row_change_default_pkey;

CREATE TRIGGER a_scope_guard BEFORE INSERT ON approval.decision FOR EACH ROW EXECUTE FUNCTION approval.decision_scope_guard();

CREATE TRIGGER audit_delete AFTER DELETE ON approval.decision REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON approval.kind REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_delete AFTER DELETE ON approval.request REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON approval.decision REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON approval.kind REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_insert AFTER INSERT ON approval.request REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON approval.decision REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON approval.kind REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_update AFTER UPDATE ON approval.request REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER decision_before_insert BEFORE INSERT ON approval.decision FOR EACH ROW EXECUTE FUNCTION approval.decision_before_insert();

CREATE TRIGGER request_before_insert BEFORE INSERT ON approval.request FOR EACH ROW EXECUTE FUNCTION approval.request_before_insert();

CREATE TRIGGER request_outcome AFTER UPDATE OF state ON approval.request FOR EACH ROW WHEN (((old.state = 'pending'::text) AND (new.state <> 'pending'::text))) EXECUTE FUNCTION approval.apply_outcome();

CREATE TRIGGER request_subject BEFORE INSERT ON approval.request FOR EACH ROW EXECUTE FUNCTION approval.match_subject();

CREATE TRIGGER append_only BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON audit.change FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER append_only BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON audit.change_default FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER append_only BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON audit.row_change FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER append_only BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE ON audit.row_change_default FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON audit.row_shape FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

CREATE TRIGGER audit_delete AFTER DELETE ON audit.archive REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'month');

CREATE TRIGGER audit_delete AFTER DELETE ON audit.partition_setting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'only_row');

CREATE TRIGGER audit_insert AFTER INSERT ON audit.archive REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'month');

CREATE TRIGGER audit_insert AFTER INSERT ON audit.partition_setting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'only_row');

CREATE TRIGGER audit_update AFTER UPDATE ON audit.archive REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'month');

CREATE TRIGGER audit_update AFTER UPDATE ON audit.partition_setting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'only_row');

CREATE TRIGGER activity_asset_scope BEFORE INSERT OR UPDATE ON dg.activity_asset FOR EACH ROW EXECUTE FUNCTION dg.activity_asset_scope();

CREATE TRIGGER activity_check BEFORE INSERT OR UPDATE ON dg.activity FOR EACH ROW EXECUTE FUNCTION dg.activity_check();

CREATE TRIGGER audit_delete AFTER DELETE ON dg.activity REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.activity_asset REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'activity_id', 'asset_id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.asset REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.budget REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.lead REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.lead_import REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.lead_setting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.lead_sla_flag REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.programme REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON dg.touchpoint REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.activity REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.activity_asset REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'activity_id', 'asset_id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.asset REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.budget REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.lead_import REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.lead_setting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.lead_sla_flag REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.programme REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON dg.touchpoint REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.activity_asset REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'activity_id', 'asset_id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.asset REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.budget REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.lead REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.lead_import REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.lead_setting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.lead_sla_flag REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.programme REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON dg.touchpoint REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER budget_before_insert BEFORE INSERT ON dg.budget FOR EACH ROW EXECUTE FUNCTION dg.budget_before_insert();

CREATE TRIGGER budget_open_request AFTER INSERT ON dg.budget FOR EACH ROW EXECUTE FUNCTION dg.budget_open_request();

CREATE TRIGGER lead_allowed_transition BEFORE UPDATE OF state ON dg.lead FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('lead');

CREATE TRIGGER lead_check_sources_insert AFTER INSERT ON dg.lead REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg.lead_check_sources();

CREATE TRIGGER lead_check_sources_update AFTER UPDATE ON dg.lead REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dg.lead_check_sources();

CREATE TRIGGER lead_import_counted_once BEFORE DELETE OR UPDATE ON dg.lead_import FOR EACH ROW EXECUTE FUNCTION dg.lead_import_counted_once();

CREATE TRIGGER lead_pipeline_currency BEFORE UPDATE OF pipeline_value, currency, activity_id ON dg.lead FOR EACH ROW EXECUTE FUNCTION dg.lead_pipeline_currency();

CREATE TRIGGER lead_pipeline_currency_insert BEFORE INSERT ON dg.lead FOR EACH ROW WHEN (((new.pipeline_value IS NOT NULL) OR (new.currency IS NOT NULL))) EXECUTE FUNCTION dg.lead_pipeline_currency();

CREATE TRIGGER lead_rules BEFORE UPDATE ON dg.lead FOR EACH ROW EXECUTE FUNCTION dg.lead_before_update();

CREATE TRIGGER lead_setting_stamp BEFORE UPDATE ON dg.lead_setting FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');

CREATE TRIGGER programme_allowed_transition BEFORE UPDATE OF state ON dg.programme FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('programme');

CREATE TRIGGER programme_check_links BEFORE INSERT OR UPDATE ON dg.programme FOR EACH ROW EXECUTE FUNCTION dg.programme_check_links();

CREATE TRIGGER scorecard_stale AFTER INSERT ON dg.lead_import FOR EACH STATEMENT EXECUTE FUNCTION mqa.scorecard_stale();

CREATE TRIGGER touchpoint_before_insert BEFORE INSERT ON dg.touchpoint FOR EACH ROW EXECUTE FUNCTION dg.touchpoint_before_insert();

CREATE TRIGGER audit_delete AFTER DELETE ON mi.battlecard REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.business_stage REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.competitor REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.contribution REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.credit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.credit_rate REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.credit_setting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.data_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.evaluation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.insight REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.insight_use REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.lead_competitor REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id', 'competitor_id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.market_size REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.observation REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.review_flag REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'subject_kind', 'subject_id', 'due_on');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.topic REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.topic_role REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.topic_stage REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id', 'stage_id');

CREATE TRIGGER audit_delete AFTER DELETE ON mi.voice REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.battlecard REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.business_stage REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.competitor REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.contribution REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.credit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.credit_rate REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.credit_setting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.data_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.evaluation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.insight REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.insight_use REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.lead_competitor REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id', 'competitor_id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.market_size REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.observation REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.review_flag REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'subject_kind', 'subject_id', 'due_on');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.topic REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.topic_role REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.topic_stage REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id', 'stage_id');

CREATE TRIGGER audit_insert AFTER INSERT ON mi.voice REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.battlecard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.business_stage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.competitor REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.contribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.credit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.credit_rate REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.credit_setting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.data_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.evaluation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.insight REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.insight_use REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.lead_competitor REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'lead_id', 'competitor_id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.market_size REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.observation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.review_flag REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'subject_kind', 'subject_id', 'due_on');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.topic REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.topic_role REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.topic_stage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'topic_id', 'stage_id');

CREATE TRIGGER audit_update AFTER UPDATE ON mi.voice REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER battlecard_before_write BEFORE INSERT OR UPDATE ON mi.battlecard FOR EACH ROW EXECUTE FUNCTION mi.battlecard_before_write();

CREATE TRIGGER contribution_allowed_transition BEFORE UPDATE OF state ON mi.contribution FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('contribution');

CREATE TRIGGER contribution_before_delete BEFORE DELETE ON mi.contribution FOR EACH ROW EXECUTE FUNCTION mi.decided_stays();

CREATE TRIGGER contribution_before_write BEFORE INSERT OR UPDATE ON mi.contribution FOR EACH ROW EXECUTE FUNCTION mi.contribution_before_write();

CREATE TRIGGER contribution_credit_accepted AFTER UPDATE OF state ON mi.contribution FOR EACH ROW WHEN (((new.state = 'accepted'::text) AND (old.state <> 'accepted'::text))) EXECUTE FUNCTION mi.credit_accepted();

CREATE TRIGGER credit_append_only BEFORE DELETE OR UPDATE ON mi.credit FOR EACH ROW EXECUTE FUNCTION mi.credit_append_only();

CREATE TRIGGER credit_no_truncate BEFORE TRUNCATE ON mi.credit FOR EACH STATEMENT EXECUTE FUNCTION mi.credit_append_only();

CREATE TRIGGER credit_setting_stamp BEFORE UPDATE ON mi.credit_setting FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');

CREATE TRIGGER evaluation_after_insert AFTER INSERT ON mi.evaluation FOR EACH ROW EXECUTE FUNCTION mi.evaluation_after_insert();

CREATE TRIGGER evaluation_before_insert BEFORE INSERT ON mi.evaluation FOR EACH ROW EXECUTE FUNCTION mi.evaluation_before_insert();

CREATE TRIGGER insight_before_delete BEFORE DELETE ON mi.insight FOR EACH ROW WHEN ((old.topic_id IS NOT NULL)) EXECUTE FUNCTION mi.topic_part_before_delete();

CREATE TRIGGER insight_before_write BEFORE INSERT OR UPDATE ON mi.insight FOR EACH ROW EXECUTE FUNCTION mi.insight_before_write();

CREATE TRIGGER insight_use_before_insert BEFORE INSERT ON mi.insight_use FOR EACH ROW EXECUTE FUNCTION mi.insight_use_before_insert();

CREATE TRIGGER lead_competitor_before_write BEFORE INSERT OR UPDATE ON mi.lead_competitor FOR EACH ROW EXECUTE FUNCTION mi.lead_competitor_before_write();

CREATE TRIGGER market_size_before_insert BEFORE INSERT ON mi.market_size FOR EACH ROW EXECUTE FUNCTION mi.market_size_before_insert();

CREATE TRIGGER market_size_then_supersede BEFORE INSERT ON mi.market_size FOR EACH ROW EXECUTE FUNCTION mi.market_size_supersede();

CREATE TRIGGER observation_before_delete BEFORE DELETE ON mi.observation FOR EACH ROW EXECUTE FUNCTION mi.topic_part_before_delete();

CREATE TRIGGER observation_before_insert BEFORE INSERT ON mi.observation FOR EACH ROW EXECUTE FUNCTION mi.observation_before_insert();

CREATE TRIGGER topic_allowed_transition BEFORE UPDATE OF state ON mi.topic FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('topic');

CREATE TRIGGER topic_before_write BEFORE INSERT OR UPDATE ON mi.topic FOR EACH ROW EXECUTE FUNCTION mi.topic_before_write();

CREATE TRIGGER topic_credit_evaluated AFTER UPDATE OF state ON mi.topic FOR EACH ROW WHEN (((new.state = 'evaluated'::text) AND (old.state <> 'evaluated'::text))) EXECUTE FUNCTION mi.credit_evaluated_insights();

CREATE TRIGGER topic_role_before_write BEFORE INSERT OR DELETE ON mi.topic_role FOR EACH ROW EXECUTE FUNCTION mi.topic_role_before_write();

CREATE TRIGGER topic_stage_before_delete BEFORE DELETE ON mi.topic_stage FOR EACH ROW EXECUTE FUNCTION mi.topic_part_before_delete();

CREATE TRIGGER topic_stage_before_insert BEFORE INSERT ON mi.topic_stage FOR EACH ROW EXECUTE FUNCTION mi.topic_stage_before_insert();

CREATE TRIGGER voice_allowed_transition BEFORE UPDATE OF state ON mi.voice FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('voice');

CREATE TRIGGER voice_before_delete BEFORE DELETE ON mi.voice FOR EACH ROW EXECUTE FUNCTION mi.decided_stays();

CREATE TRIGGER voice_before_write BEFORE INSERT OR UPDATE ON mi.voice FOR EACH ROW EXECUTE FUNCTION mi.voice_before_write();

CREATE TRIGGER voice_credit_accepted AFTER UPDATE OF state ON mi.voice FOR EACH ROW WHEN (((new.state = 'accepted'::text) AND (old.state <> 'accepted'::text))) EXECUTE FUNCTION mi.credit_accepted();

CREATE TRIGGER audit_delete AFTER DELETE ON mm.concept_package REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.factor REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.factor_weight REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'bu_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.framework REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.framework_theme REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'framework_id', 'theme_id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.msp REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.msp_quarter REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'msp_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.quarterly_review REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.review_setting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.segment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.segment_gap REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.segment_score REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_delete AFTER DELETE ON mm.theme REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.concept_package REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.factor REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.factor_weight REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'bu_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.framework REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.framework_theme REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'framework_id', 'theme_id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.msp REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.msp_quarter REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'msp_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.quarterly_review REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.review_setting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.segment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.segment_gap REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.segment_score REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_insert AFTER INSERT ON mm.theme REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.concept_package REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.factor REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.factor_weight REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'bu_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.framework REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.framework_theme REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'framework_id', 'theme_id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.msp REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.msp_quarter REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'msp_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.quarterly_review REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.review_setting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.segment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.segment_gap REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.segment_score REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'segment_id', 'fiscal_year', 'factor_code');

CREATE TRIGGER audit_update AFTER UPDATE ON mm.theme REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER concept_package_before_write BEFORE INSERT OR DELETE OR UPDATE ON mm.concept_package FOR EACH ROW EXECUTE FUNCTION mm.concept_package_before_write();

CREATE CONSTRAINT TRIGGER factor_weight_sums AFTER INSERT OR DELETE OR UPDATE ON mm.factor_weight DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mm.check_weight_sums();

CREATE TRIGGER framework_after_publish AFTER UPDATE OF state ON mm.framework FOR EACH ROW WHEN (((new.state = 'published'::text) AND (old.state <> 'published'::text))) EXECUTE FUNCTION mm.framework_after_publish();

CREATE TRIGGER framework_allowed_transition BEFORE UPDATE OF state ON mm.framework FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('framework');

CREATE TRIGGER framework_event_plan BEFORE INSERT OR UPDATE OF company_events_planned ON mm.framework FOR EACH ROW EXECUTE FUNCTION mm.framework_event_plan();

CREATE TRIGGER framework_open_request AFTER UPDATE OF state ON mm.framework FOR EACH ROW WHEN (((new.state = 'submitted'::text) AND (old.state <> 'submitted'::text))) EXECUTE FUNCTION mm.open_framework_request();

CREATE TRIGGER framework_rules BEFORE UPDATE ON mm.framework FOR EACH ROW EXECUTE FUNCTION mm.framework_before_update();

CREATE TRIGGER framework_theme_before_write BEFORE INSERT OR DELETE OR UPDATE ON mm.framework_theme FOR EACH ROW EXECUTE FUNCTION mm.framework_theme_before_write();

CREATE TRIGGER msp_allowed_transition BEFORE UPDATE OF state ON mm.msp FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('msp');

CREATE TRIGGER msp_before_insert BEFORE INSERT ON mm.msp FOR EACH ROW EXECUTE FUNCTION mm.msp_before_insert();

CREATE TRIGGER msp_open_request AFTER UPDATE OF state ON mm.msp FOR EACH ROW WHEN (((new.state = 'submitted'::text) AND (old.state <> 'submitted'::text))) EXECUTE FUNCTION mm.open_msp_request();

CREATE TRIGGER msp_quarter_before_write BEFORE INSERT OR DELETE OR UPDATE ON mm.msp_quarter FOR EACH ROW EXECUTE FUNCTION mm.msp_quarter_before_write();

CREATE TRIGGER msp_rules BEFORE UPDATE ON mm.msp FOR EACH ROW EXECUTE FUNCTION mm.msp_before_update();

CREATE TRIGGER scorecard_stale AFTER INSERT ON mm.quarterly_review FOR EACH STATEMENT EXECUTE FUNCTION mqa.scorecard_stale();

CREATE TRIGGER segment_before_update BEFORE UPDATE ON mm.segment FOR EACH ROW EXECUTE FUNCTION mm.segment_before_update();

CREATE TRIGGER segment_gap_scope BEFORE INSERT OR UPDATE OF segment_id ON mm.segment_gap FOR EACH ROW EXECUTE FUNCTION mm.inherit_segment_scope();

CREATE TRIGGER segment_gap_stamp BEFORE UPDATE ON mm.segment_gap FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');

CREATE TRIGGER segment_gap_unit_currency BEFORE INSERT ON mm.segment_gap FOR EACH ROW EXECUTE FUNCTION mm.segment_gap_currency();

CREATE TRIGGER segment_score_scope BEFORE INSERT OR UPDATE OF segment_id ON mm.segment_score FOR EACH ROW EXECUTE FUNCTION mm.inherit_segment_scope();

CREATE TRIGGER segment_score_stamp BEFORE UPDATE ON mm.segment_score FOR EACH ROW EXECUTE FUNCTION org.stamp_change('scored_at', 'scored_by');

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON mqa.quarter_close FOR EACH STATEMENT EXECUTE FUNCTION mqa.refuse_change();

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON mqa.scorecard_snapshot FOR EACH STATEMENT EXECUTE FUNCTION mqa.refuse_change();

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.attribution_model REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code', 'version');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.finding REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.quarter_close REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'unit_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.report_pack REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.rule REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.scorecard_snapshot REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON mqa.waiver REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.attribution_model REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code', 'version');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.finding REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.quarter_close REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'unit_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.report_pack REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.rule REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.scorecard_snapshot REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON mqa.waiver REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.attribution_model REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code', 'version');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.finding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.quarter_close REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'unit_id', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.report_pack REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.rule REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.scorecard_snapshot REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON mqa.waiver REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER finding_allowed_transition BEFORE UPDATE OF state ON mqa.finding FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('finding');

CREATE TRIGGER rule_stamp BEFORE UPDATE OF enabled, settings ON mqa.rule FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');

CREATE TRIGGER waiver_before_insert BEFORE INSERT ON mqa.waiver FOR EACH ROW EXECUTE FUNCTION mqa.waiver_before_insert();

CREATE TRIGGER waiver_open_request AFTER INSERT ON mqa.waiver FOR EACH ROW EXECUTE FUNCTION mqa.waiver_open_request();

CREATE TRIGGER audit_delete AFTER DELETE ON org.business_unit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON org.capability REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON org.fiscal_calendar REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON org.fx_rate REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'currency', 'to_currency', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_delete AFTER DELETE ON org."grant" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON org.iso_country REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON org.state_machine REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine');

CREATE TRIGGER audit_delete AFTER DELETE ON org.state_transition REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine', 'from_state', 'to_state');

CREATE TRIGGER audit_delete AFTER DELETE ON org.unit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('id', '', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON org.user_account REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('home_unit_id', '', 'role_name');

CREATE TRIGGER audit_insert AFTER INSERT ON org.business_unit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON org.capability REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON org.fiscal_calendar REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON org.fx_rate REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'currency', 'to_currency', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_insert AFTER INSERT ON org."grant" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON org.iso_country REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON org.state_machine REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine');

CREATE TRIGGER audit_insert AFTER INSERT ON org.state_transition REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine', 'from_state', 'to_state');

CREATE TRIGGER audit_insert AFTER INSERT ON org.unit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('id', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON org.user_account REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('home_unit_id', '', 'role_name');

CREATE TRIGGER audit_update AFTER UPDATE ON org.business_unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON org.capability REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON org.fiscal_calendar REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON org.fx_rate REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'currency', 'to_currency', 'fiscal_year', 'quarter');

CREATE TRIGGER audit_update AFTER UPDATE ON org."grant" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON org.iso_country REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON org.state_machine REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine');

CREATE TRIGGER audit_update AFTER UPDATE ON org.state_transition REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'machine', 'from_state', 'to_state');

CREATE TRIGGER audit_update AFTER UPDATE ON org.unit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('id', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON org.user_account REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('home_unit_id', '', 'role_name');

CREATE TRIGGER capability_admitted AFTER INSERT ON org.capability FOR EACH ROW EXECUTE FUNCTION org.admit_capability();

CREATE TRIGGER fiscal_calendar_stamp BEFORE UPDATE ON org.fiscal_calendar FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');

CREATE TRIGGER fx_rate_stamp BEFORE UPDATE ON org.fx_rate FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at', 'updated_by');

CREATE TRIGGER unit_after_move AFTER UPDATE ON org.unit FOR EACH ROW WHEN ((old.path IS DISTINCT FROM new.path)) EXECUTE FUNCTION org.unit_after_move();

CREATE TRIGGER unit_before_delete BEFORE DELETE ON org.unit FOR EACH ROW EXECUTE FUNCTION org.unit_before_delete();

CREATE TRIGGER unit_before_write BEFORE INSERT OR UPDATE ON org.unit FOR EACH ROW EXECUTE FUNCTION org.unit_before_write();

CREATE TRIGGER unit_defaults BEFORE INSERT ON org.unit FOR EACH ROW EXECUTE FUNCTION org.unit_defaults();

CREATE TRIGGER unit_pack_schedule AFTER INSERT OR UPDATE OF time_zone ON org.unit FOR EACH ROW EXECUTE FUNCTION mqa.keep_pack_schedule();

CREATE TRIGGER unit_review_schedule AFTER INSERT OR UPDATE OF time_zone ON org.unit FOR EACH ROW EXECUTE FUNCTION scheduler.keep_review_schedule();

CREATE TRIGGER attendance_before_insert BEFORE INSERT ON sce.attendance FOR EACH ROW EXECUTE FUNCTION sce.attendance_before_insert();

CREATE TRIGGER audit_delete AFTER DELETE ON sce.attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'session_id', 'seller_id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.cert_flag REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'certification_id', 'kind');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.certification REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.exam REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.exam_result REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.kit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.kit_item REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.material REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.material_use REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.material_version REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.programme REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.rating REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.rating_tally REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'material_id', 'role_code', 'rater_unit_id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.sales_stage REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.scenario REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.seller REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.seller_role REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.session REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_delete AFTER DELETE ON sce.setting REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'session_id', 'seller_id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.cert_flag REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'certification_id', 'kind');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.certification REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.exam REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.exam_result REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.kit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.kit_item REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.material REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.material_use REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.material_version REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.programme REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.rating REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.rating_tally REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'material_id', 'role_code', 'rater_unit_id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.sales_stage REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.scenario REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.seller REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.seller_role REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.session REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_insert AFTER INSERT ON sce.setting REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'session_id', 'seller_id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.cert_flag REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'certification_id', 'kind');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.certification REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.exam REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.exam_result REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.kit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.kit_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.material REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.material_use REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.material_version REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.programme REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.rating REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.rating_tally REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'material_id', 'role_code', 'rater_unit_id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.sales_stage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.scenario REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.seller REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.seller_role REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'code');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.session REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('unit_id', 'bu_id', 'id');

CREATE TRIGGER audit_update AFTER UPDATE ON sce.setting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'id');

CREATE TRIGGER exam_before_write BEFORE INSERT OR UPDATE ON sce.exam FOR EACH ROW EXECUTE FUNCTION sce.exam_before_write();

CREATE TRIGGER exam_result_before_confirm BEFORE UPDATE ON sce.exam_result FOR EACH ROW EXECUTE FUNCTION sce.exam_result_before_confirm();

CREATE TRIGGER exam_result_before_insert BEFORE INSERT ON sce.exam_result FOR EACH ROW EXECUTE FUNCTION sce.exam_result_before_insert();

CREATE TRIGGER exam_result_certify AFTER INSERT ON sce.exam_result FOR EACH ROW WHEN ((new.passed AND new.confirmed)) EXECUTE FUNCTION sce.exam_result_certify();

CREATE TRIGGER exam_result_confirmed_certify AFTER UPDATE OF confirmed ON sce.exam_result FOR EACH ROW WHEN ((new.passed AND new.confirmed AND (NOT old.confirmed))) EXECUTE FUNCTION sce.exam_result_certify();

CREATE TRIGGER kit_before_write BEFORE INSERT OR UPDATE ON sce.kit FOR EACH ROW EXECUTE FUNCTION sce.kit_before_write();

CREATE TRIGGER kit_item_before_write BEFORE INSERT OR UPDATE ON sce.kit_item FOR EACH ROW EXECUTE FUNCTION sce.kit_item_before_write();

CREATE TRIGGER material_allowed_transition BEFORE UPDATE OF state ON sce.material FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('material');

CREATE TRIGGER material_before_write BEFORE INSERT OR UPDATE ON sce.material FOR EACH ROW EXECUTE FUNCTION sce.material_before_write();

CREATE TRIGGER material_first_version AFTER INSERT ON sce.material FOR EACH ROW EXECUTE FUNCTION sce.material_first_version();

CREATE TRIGGER material_use_before_insert BEFORE INSERT ON sce.material_use FOR EACH ROW EXECUTE FUNCTION sce.material_use_before_insert();

CREATE TRIGGER material_use_counted AFTER INSERT ON sce.material_use FOR EACH ROW EXECUTE FUNCTION sce.count_use_or_rating();

CREATE TRIGGER material_version_before_insert BEFORE INSERT ON sce.material_version FOR EACH ROW EXECUTE FUNCTION sce.material_version_before_insert();

CREATE TRIGGER material_version_recertify AFTER INSERT ON sce.material_version FOR EACH ROW EXECUTE FUNCTION sce.material_version_recertify();

CREATE TRIGGER programme_before_write BEFORE INSERT OR UPDATE ON sce.programme FOR EACH ROW EXECUTE FUNCTION sce.programme_before_write();

CREATE TRIGGER rating_before_insert BEFORE INSERT ON sce.rating FOR EACH ROW EXECUTE FUNCTION sce.rating_before_insert();

CREATE TRIGGER rating_counted AFTER INSERT ON sce.rating FOR EACH ROW EXECUTE FUNCTION sce.count_use_or_rating();

CREATE TRIGGER seller_before_write BEFORE INSERT OR UPDATE ON sce.seller FOR EACH ROW EXECUTE FUNCTION sce.seller_before_write();

CREATE TRIGGER session_before_write BEFORE INSERT OR UPDATE ON sce.session FOR EACH ROW EXECUTE FUNCTION sce.session_before_write();

CREATE TRIGGER audit_delete AFTER DELETE ON scheduler.job_kind REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_delete AFTER DELETE ON scheduler.schedule REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'name');

CREATE TRIGGER audit_insert AFTER INSERT ON scheduler.job_kind REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_insert AFTER INSERT ON scheduler.schedule REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'name');

CREATE TRIGGER audit_update AFTER UPDATE ON scheduler.job_kind REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'kind');

CREATE TRIGGER audit_update AFTER UPDATE ON scheduler.schedule REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture('', '', 'name');

CREATE TRIGGER schedule_before_write BEFORE INSERT OR UPDATE ON scheduler.schedule FOR EACH ROW EXECUTE FUNCTION scheduler.schedule_before_write();

ALTER TABLE ONLY approval.decision
    ADD CONSTRAINT decision_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY approval.decision
    ADD CONSTRAINT decision_request_id_fkey FOREIGN KEY (request_id) REFERENCES approval.request(id);

ALTER TABLE ONLY approval.decision
    ADD CONSTRAINT decision_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY approval.request
    ADD CONSTRAINT request_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY approval.request
    ADD CONSTRAINT request_kind FOREIGN KEY (kind) REFERENCES approval.kind(kind);

ALTER TABLE ONLY approval.request
    ADD CONSTRAINT request_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE audit.change
    ADD CONSTRAINT change_shape_id_fkey1 FOREIGN KEY (shape_id) REFERENCES audit.row_shape(id);

ALTER TABLE ONLY dg.activity_asset
    ADD CONSTRAINT activity_asset_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES dg.activity(id);

ALTER TABLE ONLY dg.activity_asset
    ADD CONSTRAINT activity_asset_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES dg.asset(id);

ALTER TABLE ONLY dg.activity
    ADD CONSTRAINT activity_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY dg.activity
    ADD CONSTRAINT activity_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES dg.programme(id);

ALTER TABLE ONLY dg.activity
    ADD CONSTRAINT activity_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY dg.asset
    ADD CONSTRAINT asset_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY dg.asset
    ADD CONSTRAINT asset_owner_role_fkey FOREIGN KEY (owner_role) REFERENCES org.user_account(role_name);

ALTER TABLE ONLY dg.asset
    ADD CONSTRAINT asset_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY dg.budget
    ADD CONSTRAINT budget_programme_id_unit_id_bu_id_fkey FOREIGN KEY (programme_id, unit_id, bu_id) REFERENCES dg.programme(id, unit_id, bu_id);

ALTER TABLE ONLY dg.lead
    ADD CONSTRAINT lead_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES dg.activity(id);

ALTER TABLE ONLY dg.lead
    ADD CONSTRAINT lead_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY dg.lead_import
    ADD CONSTRAINT lead_import_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY dg.lead_import
    ADD CONSTRAINT lead_import_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY dg.lead_sla_flag
    ADD CONSTRAINT lead_sla_flag_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY dg.lead
    ADD CONSTRAINT lead_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_concept_package_id_fkey FOREIGN KEY (concept_package_id) REFERENCES mm.concept_package(id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_msp_id_fkey FOREIGN KEY (msp_id) REFERENCES mm.msp(id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY dg.programme
    ADD CONSTRAINT programme_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY dg.touchpoint
    ADD CONSTRAINT touchpoint_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES dg.activity(id);

ALTER TABLE ONLY dg.touchpoint
    ADD CONSTRAINT touchpoint_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY mi.battlecard
    ADD CONSTRAINT battlecard_competitor_id_fkey FOREIGN KEY (competitor_id) REFERENCES mi.competitor(id);

ALTER TABLE ONLY mi.battlecard
    ADD CONSTRAINT battlecard_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY mi.contribution
    ADD CONSTRAINT contribution_provider_unit_id_fkey FOREIGN KEY (provider_unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.contribution
    ADD CONSTRAINT contribution_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic(id, unit_id);

ALTER TABLE ONLY mi.credit
    ADD CONSTRAINT credit_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mi.credit
    ADD CONSTRAINT credit_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.evaluation
    ADD CONSTRAINT evaluation_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic(id, unit_id);

ALTER TABLE ONLY mi.insight
    ADD CONSTRAINT insight_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mi.insight
    ADD CONSTRAINT insight_topic_id_fkey FOREIGN KEY (topic_id) REFERENCES mi.topic(id);

ALTER TABLE ONLY mi.insight
    ADD CONSTRAINT insight_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.insight_use
    ADD CONSTRAINT insight_use_insight_id_fkey FOREIGN KEY (insight_id) REFERENCES mi.insight(id);

ALTER TABLE ONLY mi.lead_competitor
    ADD CONSTRAINT lead_competitor_competitor_id_fkey FOREIGN KEY (competitor_id) REFERENCES mi.competitor(id);

ALTER TABLE ONLY mi.lead_competitor
    ADD CONSTRAINT lead_competitor_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY mi.market_size
    ADD CONSTRAINT market_size_insight_id_fkey FOREIGN KEY (insight_id) REFERENCES mi.insight(id);

ALTER TABLE ONLY mi.market_size
    ADD CONSTRAINT market_size_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY mi.market_size
    ADD CONSTRAINT market_size_superseded_by_fkey FOREIGN KEY (superseded_by) REFERENCES mi.market_size(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE ONLY mi.observation
    ADD CONSTRAINT observation_item_id_fkey FOREIGN KEY (item_id) REFERENCES mi.data_item(id);

ALTER TABLE ONLY mi.observation
    ADD CONSTRAINT observation_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic(id, unit_id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY mi.topic_role
    ADD CONSTRAINT topic_role_provider_unit_id_fkey FOREIGN KEY (provider_unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.topic_role
    ADD CONSTRAINT topic_role_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic(id, unit_id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY mi.topic_stage
    ADD CONSTRAINT topic_stage_stage_id_fkey FOREIGN KEY (stage_id) REFERENCES mi.business_stage(id);

ALTER TABLE ONLY mi.topic_stage
    ADD CONSTRAINT topic_stage_topic FOREIGN KEY (topic_id, unit_id) REFERENCES mi.topic(id, unit_id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_subject_unit_id_fkey FOREIGN KEY (subject_unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.topic
    ADD CONSTRAINT topic_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mi.voice
    ADD CONSTRAINT voice_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mi.voice
    ADD CONSTRAINT voice_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY mi.voice
    ADD CONSTRAINT voice_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mm.concept_package
    ADD CONSTRAINT concept_package_framework_id_fkey FOREIGN KEY (framework_id) REFERENCES mm.framework(id);

ALTER TABLE ONLY mm.concept_package
    ADD CONSTRAINT concept_package_theme_id_fkey FOREIGN KEY (theme_id) REFERENCES mm.theme(id);

ALTER TABLE ONLY mm.factor_weight
    ADD CONSTRAINT factor_weight_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mm.factor_weight
    ADD CONSTRAINT factor_weight_factor_code_fkey FOREIGN KEY (factor_code) REFERENCES mm.factor(code);

ALTER TABLE ONLY mm.framework
    ADD CONSTRAINT framework_based_on_id_fkey FOREIGN KEY (based_on_id) REFERENCES mm.framework(id);

ALTER TABLE ONLY mm.framework_theme
    ADD CONSTRAINT framework_theme_framework_id_fkey FOREIGN KEY (framework_id) REFERENCES mm.framework(id);

ALTER TABLE ONLY mm.framework_theme
    ADD CONSTRAINT framework_theme_theme_id_fkey FOREIGN KEY (theme_id) REFERENCES mm.theme(id);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_owner_role_fkey FOREIGN KEY (owner_role) REFERENCES org.user_account(role_name);

ALTER TABLE ONLY mm.msp_quarter
    ADD CONSTRAINT msp_quarter_msp_id_unit_id_bu_id_fkey FOREIGN KEY (msp_id, unit_id, bu_id) REFERENCES mm.msp(id, unit_id, bu_id);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY mm.msp
    ADD CONSTRAINT msp_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mm.quarterly_review
    ADD CONSTRAINT quarterly_review_msp_id_unit_id_bu_id_fkey FOREIGN KEY (msp_id, unit_id, bu_id) REFERENCES mm.msp(id, unit_id, bu_id);

ALTER TABLE ONLY mm.segment
    ADD CONSTRAINT segment_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mm.segment_gap
    ADD CONSTRAINT segment_gap_segment_id_unit_id_bu_id_fkey FOREIGN KEY (segment_id, unit_id, bu_id) REFERENCES mm.segment(id, unit_id, bu_id);

ALTER TABLE ONLY mm.segment_score
    ADD CONSTRAINT segment_score_factor_code_fkey FOREIGN KEY (factor_code) REFERENCES mm.factor(code);

ALTER TABLE ONLY mm.segment_score
    ADD CONSTRAINT segment_score_segment_id_unit_id_bu_id_fkey FOREIGN KEY (segment_id, unit_id, bu_id) REFERENCES mm.segment(id, unit_id, bu_id);

ALTER TABLE ONLY mm.segment
    ADD CONSTRAINT segment_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mqa.finding
    ADD CONSTRAINT finding_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY mqa.finding
    ADD CONSTRAINT finding_rule_code_fkey FOREIGN KEY (rule_code) REFERENCES mqa.rule(code);

ALTER TABLE ONLY mqa.finding
    ADD CONSTRAINT finding_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mqa.quarter_close
    ADD CONSTRAINT quarter_close_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mqa.report_pack
    ADD CONSTRAINT report_pack_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY mqa.scorecard_snapshot
    ADD CONSTRAINT scorecard_snapshot_unit_id_fiscal_year_quarter_fkey FOREIGN KEY (unit_id, fiscal_year, quarter) REFERENCES mqa.quarter_close(unit_id, fiscal_year, quarter);

ALTER TABLE ONLY mqa.waiver
    ADD CONSTRAINT waiver_finding_id_fkey FOREIGN KEY (finding_id) REFERENCES mqa.finding(id);

ALTER TABLE ONLY org."grant"
    ADD CONSTRAINT grant_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY org."grant"
    ADD CONSTRAINT grant_role_name_fkey FOREIGN KEY (role_name) REFERENCES org.user_account(role_name);

ALTER TABLE ONLY org."grant"
    ADD CONSTRAINT grant_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY org.state_transition
    ADD CONSTRAINT state_transition_machine_fkey FOREIGN KEY (machine) REFERENCES org.state_machine(machine);

ALTER TABLE ONLY org.unit
    ADD CONSTRAINT unit_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES org.unit(id);

ALTER TABLE ONLY org.user_account
    ADD CONSTRAINT user_account_capability FOREIGN KEY (capability) REFERENCES org.capability(code);

ALTER TABLE ONLY org.user_account
    ADD CONSTRAINT user_account_home_unit_id_fkey FOREIGN KEY (home_unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.attendance
    ADD CONSTRAINT attendance_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES sce.seller(id);

ALTER TABLE ONLY sce.attendance
    ADD CONSTRAINT attendance_session_id_fkey FOREIGN KEY (session_id) REFERENCES sce.session(id);

ALTER TABLE ONLY sce.cert_flag
    ADD CONSTRAINT cert_flag_certification_id_fkey FOREIGN KEY (certification_id) REFERENCES sce.certification(id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES sce.exam(id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_result_id_fkey FOREIGN KEY (result_id) REFERENCES sce.exam_result(id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_role_code_fkey FOREIGN KEY (role_code) REFERENCES sce.seller_role(code);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY sce.certification
    ADD CONSTRAINT certification_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES sce.seller(id);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.exam_result
    ADD CONSTRAINT exam_result_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES sce.exam(id);

ALTER TABLE ONLY sce.exam_result
    ADD CONSTRAINT exam_result_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES sce.seller(id);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_role_code_fkey FOREIGN KEY (role_code) REFERENCES sce.seller_role(code);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY sce.exam
    ADD CONSTRAINT exam_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.kit
    ADD CONSTRAINT kit_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY sce.kit_item
    ADD CONSTRAINT kit_item_kit_id_fkey FOREIGN KEY (kit_id) REFERENCES sce.kit(id);

ALTER TABLE ONLY sce.kit_item
    ADD CONSTRAINT kit_item_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.kit
    ADD CONSTRAINT kit_scenario_fkey FOREIGN KEY (scenario) REFERENCES sce.scenario(code);

ALTER TABLE ONLY sce.kit
    ADD CONSTRAINT kit_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_case_activity_id_fkey FOREIGN KEY (case_activity_id) REFERENCES dg.activity(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_case_lead_id_fkey FOREIGN KEY (case_lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_dg_asset_id_fkey FOREIGN KEY (dg_asset_id) REFERENCES dg.asset(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.material
    ADD CONSTRAINT material_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES dg.activity(id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_scenario_fkey FOREIGN KEY (scenario) REFERENCES sce.scenario(code);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES sce.seller(id);

ALTER TABLE ONLY sce.material_use
    ADD CONSTRAINT material_use_version_id_fkey FOREIGN KEY (version_id) REFERENCES sce.material_version(id);

ALTER TABLE ONLY sce.material_version
    ADD CONSTRAINT material_version_material FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.programme
    ADD CONSTRAINT programme_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY sce.programme
    ADD CONSTRAINT programme_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES dg.lead(id);

ALTER TABLE ONLY sce.programme
    ADD CONSTRAINT programme_segment_id_fkey FOREIGN KEY (segment_id) REFERENCES mm.segment(id);

ALTER TABLE ONLY sce.programme
    ADD CONSTRAINT programme_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.rating
    ADD CONSTRAINT rating_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.rating
    ADD CONSTRAINT rating_seller_id_fkey FOREIGN KEY (seller_id) REFERENCES sce.seller(id);

ALTER TABLE ONLY sce.rating_tally
    ADD CONSTRAINT rating_tally_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.rating_tally
    ADD CONSTRAINT rating_tally_rater_unit_id_fkey FOREIGN KEY (rater_unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.rating_tally
    ADD CONSTRAINT rating_tally_role_code_fkey FOREIGN KEY (role_code) REFERENCES sce.seller_role(code);

ALTER TABLE ONLY sce.rating
    ADD CONSTRAINT rating_version_id_fkey FOREIGN KEY (version_id) REFERENCES sce.material_version(id);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_bu_id_fkey FOREIGN KEY (bu_id) REFERENCES org.business_unit(id);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_login_fkey FOREIGN KEY (login) REFERENCES org.user_account(role_name);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_role_code_fkey FOREIGN KEY (role_code) REFERENCES sce.seller_role(code);

ALTER TABLE ONLY sce.seller
    ADD CONSTRAINT seller_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org.unit(id);

ALTER TABLE ONLY sce.session
    ADD CONSTRAINT session_material_id_fkey FOREIGN KEY (material_id) REFERENCES sce.material(id);

ALTER TABLE ONLY sce.session
    ADD CONSTRAINT session_programme_id_fkey FOREIGN KEY (programme_id) REFERENCES sce.programme(id);

ALTER TABLE ONLY scheduler.firing
    ADD CONSTRAINT firing_schedule_fkey FOREIGN KEY (schedule) REFERENCES scheduler.schedule(name) ON UPDATE CASCADE ON DELETE CASCADE;

CREATE POLICY decide_in_scope ON approval.decision FOR INSERT TO mtl_approver WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE approval.decision ENABLE ROW LEVEL SECURITY;

ALTER TABLE approval.kind ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON approval.decision TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON approval.kind TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON approval.request TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY read_all ON approval.kind FOR SELECT TO mtl_reader USING (true);

CREATE POLICY read_framework_decisions ON approval.decision FOR SELECT TO mtl_reader, mtl_bi USING ((EXISTS ( SELECT
   FROM approval.request r
  WHERE ((r.id = decision.request_id) AND (r.kind = 'framework'::text)))));

CREATE POLICY read_framework_requests ON approval.request FOR SELECT TO mtl_reader, mtl_bi USING ((kind = 'framework'::text));

CREATE POLICY read_in_scope ON approval.decision FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON approval.request FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE approval.request ENABLE ROW LEVEL SECURITY;

CREATE POLICY submit_in_scope ON approval.request FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY admin_read ON audit.change FOR SELECT TO mtl_admin USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY admin_read ON audit.partition_setting FOR SELECT TO mtl_admin USING (true);

CREATE POLICY admin_read ON audit.row_change FOR SELECT TO mtl_admin USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY admin_read ON audit.row_shape FOR SELECT TO mtl_admin USING (true);

ALTER TABLE audit.archive ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit.change ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit.change_default ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_read ON audit.archive FOR SELECT TO mtl_admin USING ((( SELECT u.id
   FROM org.unit u
  WHERE (u.parent_id IS NULL)) = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY owner_all ON audit.archive TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON audit.change TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON audit.partition_setting TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON audit.row_change TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON audit.row_shape TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE audit.partition_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit.row_change ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit.row_change_default ENABLE ROW LEVEL SECURITY;

ALTER TABLE audit.row_shape ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.activity ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.activity_asset ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.asset ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.budget ENABLE ROW LEVEL SECURITY;

CREATE POLICY delete_in_scope ON dg.activity FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.activity_asset FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.asset FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.budget FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.lead FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.lead_import FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.lead_sla_flag FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.programme FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON dg.touchpoint FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY hq_admin_write ON dg.lead_setting TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY insert_in_scope ON dg.activity FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.activity_asset FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.asset FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.budget FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.lead FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.lead_import FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.lead_sla_flag FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.programme FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON dg.touchpoint FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE dg.lead ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_import ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE dg.lead_sla_flag ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON dg.activity TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.activity_asset TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.asset TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.budget TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.lead TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.lead_import TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.lead_setting TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.lead_sla_flag TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.programme TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON dg.touchpoint TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE dg.programme ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON dg.asset FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON dg.lead_setting FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_in_scope ON dg.activity FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.activity_asset FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.budget FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.lead FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.lead_import FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.lead_sla_flag FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.programme FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON dg.touchpoint FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE dg.touchpoint ENABLE ROW LEVEL SECURITY;

CREATE POLICY update_in_scope ON dg.activity FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.activity_asset FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.asset FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.budget FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.lead FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.lead_import FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.lead_sla_flag FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.programme FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON dg.touchpoint FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mi.battlecard ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.business_stage ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.competitor ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.contribution ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.credit ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.credit_rate ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.credit_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.data_item ENABLE ROW LEVEL SECURITY;

CREATE POLICY delete_in_scope ON mi.battlecard FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.contribution FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.credit FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.evaluation FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.insight FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.insight_use FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.lead_competitor FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.market_size FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.observation FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.review_flag FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.topic FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.topic_role FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.topic_stage FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mi.voice FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mi.evaluation ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_write ON mi.business_stage TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mi.competitor TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mi.credit_rate TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mi.credit_setting TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mi.data_item TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY insert_in_scope ON mi.battlecard FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.contribution FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.credit FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.evaluation FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.insight FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.insight_use FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.lead_competitor FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.market_size FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.observation FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.review_flag FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.topic FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.topic_role FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.topic_stage FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mi.voice FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_provided ON mi.contribution FOR INSERT TO mtl_editor WITH CHECK (((provider_unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (provider_unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(provider_unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))) AND (EXISTS ( SELECT
   FROM mi.topic_role r
  WHERE ((r.topic_id = contribution.topic_id) AND (r.role = 'data_provider'::text) AND ((r.provider_unit_id = contribution.provider_unit_id) OR (r.person = CURRENT_USER)))))));

ALTER TABLE mi.insight ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.insight_use ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.lead_competitor ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.market_size ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.observation ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON mi.battlecard TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.business_stage TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.competitor TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.contribution TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.credit TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.credit_rate TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.credit_setting TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.data_item TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.evaluation TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.insight TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.insight_use TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.lead_competitor TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.market_size TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.observation TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.review_flag TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.topic TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.topic_role TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.topic_stage TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mi.voice TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY read_all ON mi.business_stage FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mi.competitor FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mi.credit_rate FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mi.credit_setting FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mi.data_item FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_in_scope ON mi.battlecard FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.contribution FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.credit FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.evaluation FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.insight FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.insight_use FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.lead_competitor FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.market_size FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.observation FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.review_flag FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.topic FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.topic_role FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.topic_stage FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mi.voice FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_named ON mi.topic FOR SELECT TO mtl_reader, mtl_bi USING ((EXISTS ( SELECT
   FROM mi.topic_role r
  WHERE (r.topic_id = topic.id))));

CREATE POLICY read_named ON mi.topic_role FOR SELECT TO mtl_reader, mtl_bi USING (((person = CURRENT_USER) OR ((provider_unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (provider_unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(provider_unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))));

CREATE POLICY read_provided ON mi.contribution FOR SELECT TO mtl_reader, mtl_bi USING (((provider_unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (provider_unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(provider_unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_shared ON mi.insight FOR SELECT TO mtl_reader, mtl_bi USING ((((sharing = 'global'::text) AND (( SELECT mi.sharing_open() AS sharing_open) OR (cardinality(( SELECT mi.contributing_units() AS contributing_units)) > 0))) OR ((sharing = 'region'::text) AND (( SELECT mi.sharing_open() AS sharing_open) OR (region_id = ANY (( SELECT mi.contributing_regions() AS contributing_regions)::bigint[]))))));

ALTER TABLE mi.review_flag ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.topic ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.topic_role ENABLE ROW LEVEL SECURITY;

ALTER TABLE mi.topic_stage ENABLE ROW LEVEL SECURITY;

CREATE POLICY update_in_scope ON mi.battlecard FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.contribution FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.credit FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.evaluation FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.insight FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.insight_use FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.lead_competitor FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.market_size FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.observation FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.review_flag FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.topic FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.topic_role FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.topic_stage FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mi.voice FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mi.voice ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.concept_package ENABLE ROW LEVEL SECURITY;

CREATE POLICY delete_in_scope ON mm.msp FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mm.msp_quarter FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mm.quarterly_review FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mm.segment FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mm.segment_gap FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mm.segment_score FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mm.factor ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.factor_weight ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.framework ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.framework_theme ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_write ON mm.concept_package TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.factor TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.factor_weight TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.framework TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.framework_theme TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.review_setting TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mm.theme TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY insert_in_scope ON mm.msp FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mm.msp_quarter FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mm.quarterly_review FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mm.segment FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mm.segment_gap FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mm.segment_score FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mm.msp ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.msp_quarter ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON mm.concept_package TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.factor TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.factor_weight TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.framework TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.framework_theme TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.msp TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.msp_quarter TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.quarterly_review TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.review_setting TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.segment TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.segment_gap TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.segment_score TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mm.theme TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE mm.quarterly_review ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON mm.concept_package FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.factor FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.factor_weight FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.framework FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.framework_theme FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.review_setting FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mm.theme FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_in_scope ON mm.msp FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mm.msp_quarter FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mm.quarterly_review FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mm.segment FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mm.segment_gap FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mm.segment_score FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mm.review_setting ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.segment ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.segment_gap ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.segment_score ENABLE ROW LEVEL SECURITY;

ALTER TABLE mm.theme ENABLE ROW LEVEL SECURITY;

CREATE POLICY update_in_scope ON mm.msp FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mm.msp_quarter FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mm.quarterly_review FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mm.segment FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mm.segment_gap FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mm.segment_score FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mqa.attribution_model ENABLE ROW LEVEL SECURITY;

CREATE POLICY delete_in_scope ON mqa.finding FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mqa.quarter_close FOR DELETE TO mtl_editor USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY delete_in_scope ON mqa.report_pack FOR DELETE TO mtl_editor USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY delete_in_scope ON mqa.scorecard_snapshot FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON mqa.waiver FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mqa.finding ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_write ON mqa.attribution_model TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON mqa.rule TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY insert_in_scope ON mqa.finding FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mqa.quarter_close FOR INSERT TO mtl_editor WITH CHECK ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY insert_in_scope ON mqa.report_pack FOR INSERT TO mtl_editor WITH CHECK ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY insert_in_scope ON mqa.scorecard_snapshot FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON mqa.waiver FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY owner_all ON mqa.attribution_model TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.finding TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.quarter_close TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.report_pack TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.rule TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.scorecard_snapshot TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON mqa.waiver TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE mqa.quarter_close ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON mqa.attribution_model FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_all ON mqa.rule FOR SELECT TO mtl_reader, mtl_bi USING (true);

CREATE POLICY read_in_scope ON mqa.finding FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mqa.quarter_close FOR SELECT TO mtl_reader, mtl_bi USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY read_in_scope ON mqa.report_pack FOR SELECT TO mtl_reader, mtl_bi USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY read_in_scope ON mqa.scorecard_snapshot FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON mqa.waiver FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mqa.report_pack ENABLE ROW LEVEL SECURITY;

ALTER TABLE mqa.rule ENABLE ROW LEVEL SECURITY;

ALTER TABLE mqa.scorecard_snapshot ENABLE ROW LEVEL SECURITY;

CREATE POLICY update_in_scope ON mqa.finding FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mqa.quarter_close FOR UPDATE TO mtl_editor USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[]))) WITH CHECK ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY update_in_scope ON mqa.report_pack FOR UPDATE TO mtl_editor USING ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[]))) WITH CHECK ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])));

CREATE POLICY update_in_scope ON mqa.scorecard_snapshot FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON mqa.waiver FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE mqa.waiver ENABLE ROW LEVEL SECURITY;

CREATE POLICY admin_delete ON org."grant" FOR DELETE TO mtl_admin USING ((unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_delete ON org.unit FOR DELETE TO mtl_admin USING ((parent_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_insert ON org."grant" FOR INSERT TO mtl_admin WITH CHECK ((unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_insert ON org.unit FOR INSERT TO mtl_admin WITH CHECK ((parent_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_read ON org."grant" FOR SELECT TO mtl_admin USING ((unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_read ON org.user_account FOR SELECT TO mtl_admin USING ((home_unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

CREATE POLICY admin_update ON org.unit FOR UPDATE TO mtl_admin USING ((COALESCE(parent_id, id) = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[]))) WITH CHECK ((COALESCE(parent_id, id) = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])));

ALTER TABLE org.business_unit ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.capability ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.fiscal_calendar ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.fx_rate ENABLE ROW LEVEL SECURITY;

ALTER TABLE org."grant" ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_write ON org.business_unit TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON org.capability TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON org.fiscal_calendar TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON org.fx_rate TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON org.iso_country TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

ALTER TABLE org.iso_country ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON org.business_unit TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.capability TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.fiscal_calendar TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.fx_rate TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org."grant" TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.iso_country TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.state_machine TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.state_transition TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.unit TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON org.user_account TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY read_all ON org.business_unit FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON org.capability FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON org.fiscal_calendar FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON org.fx_rate FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON org.iso_country FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON org.state_machine FOR SELECT TO mtl_reader, mtl_seller USING (true);

CREATE POLICY read_all ON org.state_transition FOR SELECT TO mtl_reader, mtl_seller USING (true);

CREATE POLICY read_all ON org.unit FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_own ON org."grant" FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((id IN ( SELECT e.id
   FROM org.effective_grant e)));

CREATE POLICY read_own ON org.user_account FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((role_name = CURRENT_USER));

ALTER TABLE org.state_machine ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.state_transition ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.unit ENABLE ROW LEVEL SECURITY;

ALTER TABLE org.user_account ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.attendance ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.cert_flag ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.certification ENABLE ROW LEVEL SECURITY;

CREATE POLICY delete_in_scope ON sce.attendance FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.cert_flag FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.certification FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.exam FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.exam_result FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.kit FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.kit_item FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.material FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.material_use FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.material_version FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.programme FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.rating FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.rating_tally FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.seller FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY delete_in_scope ON sce.session FOR DELETE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE sce.exam ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.exam_result ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_write ON sce.sales_stage TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON sce.scenario TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON sce.seller_role TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_write ON sce.setting TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY insert_in_scope ON sce.attendance FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.cert_flag FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.certification FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.exam FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.exam_result FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.kit FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.kit_item FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.material FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.material_use FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.material_version FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.programme FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.rating FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.rating_tally FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.seller FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY insert_in_scope ON sce.session FOR INSERT TO mtl_editor WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE sce.kit ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.kit_item ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.material ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.material_use ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.material_version ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON sce.attendance TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.cert_flag TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.certification TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.exam TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.exam_result TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.kit TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.kit_item TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.material TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.material_use TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.material_version TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.programme TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.rating TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.rating_tally TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.sales_stage TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.scenario TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.seller TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.seller_role TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.session TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON sce.setting TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE sce.programme ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.rating ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.rating_tally ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_above ON sce.exam FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((sce.reads_above(unit_id, bu_id) OR ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))));

CREATE POLICY read_above ON sce.kit FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((sce.reads_above(unit_id, bu_id) OR ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))));

CREATE POLICY read_above ON sce.material FOR SELECT TO mtl_reader, mtl_bi USING (((state = 'published'::text) AND sce.reads_above(unit_id, bu_id)));

CREATE POLICY read_above ON sce.programme FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((sce.reads_above(unit_id, bu_id) OR ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))));

CREATE POLICY read_above ON sce.session FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((sce.reads_above(unit_id, bu_id) OR ((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))));

CREATE POLICY read_all ON sce.sales_stage FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON sce.scenario FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON sce.seller_role FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_all ON sce.setting FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (true);

CREATE POLICY read_in_scope ON sce.attendance FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.cert_flag FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.certification FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.exam FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.exam_result FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.kit FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.kit_item FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.material FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.material_use FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.material_version FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.programme FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.rating FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.rating_tally FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.seller FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_in_scope ON sce.session FOR SELECT TO mtl_reader, mtl_bi USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY read_with_kit ON sce.kit_item FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((EXISTS ( SELECT
   FROM sce.kit k
  WHERE (k.id = kit_item.kit_id))));

CREATE POLICY read_with_material ON sce.material_version FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((EXISTS ( SELECT
   FROM sce.material m
  WHERE (m.id = material_version.material_id))));

CREATE POLICY read_with_material ON sce.rating_tally FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING ((EXISTS ( SELECT
   FROM sce.material m
  WHERE (m.id = rating_tally.material_id))));

ALTER TABLE sce.sales_stage ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.scenario ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.seller ENABLE ROW LEVEL SECURITY;

CREATE POLICY seller_own ON sce.attendance FOR SELECT TO mtl_seller USING ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_own ON sce.cert_flag FOR SELECT TO mtl_seller USING ((EXISTS ( SELECT
   FROM sce.certification c
  WHERE (c.id = cert_flag.certification_id))));

CREATE POLICY seller_own ON sce.certification FOR SELECT TO mtl_seller USING ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_own ON sce.exam_result FOR SELECT TO mtl_seller USING ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_own ON sce.material_use FOR SELECT TO mtl_seller USING ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_own ON sce.rating FOR SELECT TO mtl_seller USING ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_own ON sce.seller FOR SELECT TO mtl_seller USING ((login = CURRENT_USER));

CREATE POLICY seller_read ON sce.material FOR SELECT TO mtl_seller USING (((state = 'published'::text) AND (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (bu_id IS NULL) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))) OR sce.reads_above(unit_id, bu_id))));

CREATE POLICY seller_records ON sce.attendance FOR INSERT TO mtl_reader, mtl_seller WITH CHECK ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_records ON sce.exam_result FOR INSERT TO mtl_reader, mtl_seller WITH CHECK ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_records ON sce.material_use FOR INSERT TO mtl_reader, mtl_seller WITH CHECK ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

CREATE POLICY seller_records ON sce.rating FOR INSERT TO mtl_reader, mtl_seller WITH CHECK ((seller_id = ( SELECT sce.my_seller() AS my_seller)));

ALTER TABLE sce.seller_role ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.session ENABLE ROW LEVEL SECURITY;

ALTER TABLE sce.setting ENABLE ROW LEVEL SECURITY;

CREATE POLICY update_in_scope ON sce.attendance FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.cert_flag FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.certification FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.exam FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.exam_result FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.kit FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.kit_item FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.material FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.material_use FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.material_version FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.programme FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.rating FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.rating_tally FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.seller FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

CREATE POLICY update_in_scope ON sce.session FOR UPDATE TO mtl_editor USING (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[]))))) WITH CHECK (((unit_id = ANY (( SELECT org.visible_units() AS visible_units)::bigint[])) AND (( SELECT org.sees_every_bu() AS sees_every_bu) OR (unit_id = ANY (( SELECT org.visible_units_all_bus() AS visible_units_all_bus)::bigint[])) OR (ROW(unit_id, bu_id)::org.unit_bu = ANY (( SELECT org.visible_unit_bus() AS visible_unit_bus)::org.unit_bu[])))));

ALTER TABLE scheduler.firing ENABLE ROW LEVEL SECURITY;

CREATE POLICY hq_admin_all ON scheduler.firing TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_all ON scheduler.job TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_all ON scheduler.schedule TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin)) WITH CHECK (( SELECT org.is_hq_admin() AS is_hq_admin));

CREATE POLICY hq_admin_read ON scheduler.probe FOR SELECT TO mtl_admin USING (( SELECT org.is_hq_admin() AS is_hq_admin));

ALTER TABLE scheduler.job ENABLE ROW LEVEL SECURITY;

ALTER TABLE scheduler.job_kind ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON scheduler.firing TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON scheduler.job TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON scheduler.job_kind TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON scheduler.probe TO mtl_owner USING (true) WITH CHECK (true);

CREATE POLICY owner_all ON scheduler.schedule TO mtl_owner USING (true) WITH CHECK (true);

ALTER TABLE scheduler.probe ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON scheduler.job_kind FOR SELECT TO mtl_admin, mtl_scheduler USING (true);

ALTER TABLE scheduler.schedule ENABLE ROW LEVEL SECURITY;

CREATE POLICY scheduler_all ON scheduler.firing TO mtl_scheduler USING (true) WITH CHECK (true);

CREATE POLICY scheduler_all ON scheduler.job TO mtl_scheduler USING (true) WITH CHECK (true);

CREATE POLICY scheduler_all ON scheduler.probe TO mtl_scheduler USING (true) WITH CHECK (true);

CREATE POLICY scheduler_all ON scheduler.schedule TO mtl_scheduler USING (true) WITH CHECK (true);

GRANT USAGE ON SCHEMA approval TO mtl_reader;
GRANT USAGE ON SCHEMA approval TO mtl_scheduler;

GRANT USAGE ON SCHEMA audit TO mtl_reader;
GRANT USAGE ON SCHEMA audit TO mtl_scheduler;

GRANT USAGE ON SCHEMA dg TO mtl_reader;
GRANT USAGE ON SCHEMA dg TO mtl_scheduler;

GRANT USAGE ON SCHEMA mi TO mtl_reader;
GRANT USAGE ON SCHEMA mi TO mtl_scheduler;

GRANT USAGE ON SCHEMA mm TO mtl_reader;
GRANT USAGE ON SCHEMA mm TO mtl_scheduler;

GRANT USAGE ON SCHEMA mqa TO mtl_reader;
GRANT USAGE ON SCHEMA mqa TO mtl_scheduler;

GRANT USAGE ON SCHEMA org TO mtl_reader;
GRANT USAGE ON SCHEMA org TO mtl_scheduler;
GRANT USAGE ON SCHEMA org TO mtl_seller;

GRANT USAGE ON SCHEMA reporting TO mtl_reader;
GRANT USAGE ON SCHEMA reporting TO mtl_scheduler;
GRANT USAGE ON SCHEMA reporting TO mtl_bi;
GRANT USAGE ON SCHEMA reporting TO mtl_seller;

GRANT USAGE ON SCHEMA sce TO mtl_reader;
GRANT USAGE ON SCHEMA sce TO mtl_scheduler;
GRANT USAGE ON SCHEMA sce TO mtl_seller;

GRANT USAGE ON SCHEMA scheduler TO mtl_scheduler;
GRANT USAGE ON SCHEMA scheduler TO mtl_admin;
GRANT USAGE ON SCHEMA scheduler TO mtl_editor;
GRANT USAGE ON SCHEMA scheduler TO mtl_approver;

REVOKE ALL ON FUNCTION approval.apply_outcome() FROM PUBLIC;

REVOKE ALL ON FUNCTION approval.decision_before_insert() FROM PUBLIC;

REVOKE ALL ON FUNCTION approval.match_subject() FROM PUBLIC;

REVOKE ALL ON FUNCTION approval.withdraw(request_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION approval.withdraw(request_id bigint) TO mtl_editor;

REVOKE ALL ON FUNCTION audit.capture() FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.create_month_partition(parent regclass, month date) FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.detach_expired() FROM PUBLIC;
GRANT ALL ON FUNCTION audit.detach_expired() TO mtl_scheduler;

REVOKE ALL ON FUNCTION audit.drop_archived(archived_month date, dump_file text, dump_bytes bigint, dump_sha256 text) FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.ensure_shapes() FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.make_partitions() FROM PUBLIC;
GRANT ALL ON FUNCTION audit.make_partitions() TO mtl_scheduler;

REVOKE ALL ON FUNCTION audit.row_image(shape_id bigint, image text) FROM PUBLIC;
GRANT ALL ON FUNCTION audit.row_image(shape_id bigint, image text) TO mtl_admin;

REVOKE ALL ON FUNCTION audit.secure_partition(part regclass) FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.shape_of(target oid) FROM PUBLIC;

REVOKE ALL ON FUNCTION audit.track(target regclass, unit_column name, bu_column name) FROM PUBLIC;

REVOKE ALL ON FUNCTION dg.activity_check() FROM PUBLIC;

GRANT SELECT ON TABLE dg.budget TO mtl_reader;
GRANT SELECT ON TABLE dg.budget TO mtl_bi;

GRANT INSERT(programme_id) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(kind) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(amount) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(currency) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(reason) ON TABLE dg.budget TO mtl_editor;

GRANT INSERT(state) ON TABLE dg.budget TO mtl_editor;

REVOKE ALL ON FUNCTION dg.budget_request_outcome(subject_id bigint, outcome text) FROM PUBLIC;

GRANT SELECT ON TABLE dg.lead TO mtl_reader;
GRANT SELECT ON TABLE dg.lead TO mtl_bi;
GRANT DELETE ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(activity_id),UPDATE(activity_id) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(channel),UPDATE(channel) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(company),UPDATE(company) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(contact_name),UPDATE(contact_name) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(contact_title),UPDATE(contact_title) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(email),UPDATE(email) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(phone),UPDATE(phone) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(key_person),UPDATE(key_person) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(industry),UPDATE(industry) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(need),UPDATE(need) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(project_approved),UPDATE(project_approved) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(budget_this_year),UPDATE(budget_this_year) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(budget_in_price_band),UPDATE(budget_in_price_band) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(kpi_tied),UPDATE(kpi_tied) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(customer_quality),UPDATE(customer_quality) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(informant_quality),UPDATE(informant_quality) ON TABLE dg.lead TO mtl_editor;

GRANT UPDATE(state) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(handed_to),UPDATE(handed_to) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(handed_to_kind),UPDATE(handed_to_kind) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(rejection_reason),UPDATE(rejection_reason) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(pipeline_value),UPDATE(pipeline_value) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(currency),UPDATE(currency) ON TABLE dg.lead TO mtl_editor;

GRANT INSERT(import_id),UPDATE(import_id) ON TABLE dg.lead TO mtl_editor;

GRANT SELECT ON TABLE dg.lead_sla_flag TO mtl_reader;
GRANT SELECT ON TABLE dg.lead_sla_flag TO mtl_bi;

REVOKE ALL ON FUNCTION dg.flag_sla_breaches() FROM PUBLIC;
GRANT ALL ON FUNCTION dg.flag_sla_breaches() TO mtl_scheduler;

REVOKE ALL ON FUNCTION dg.lead_import_counted_once() FROM PUBLIC;

REVOKE ALL ON FUNCTION dg.lead_pipeline_currency() FROM PUBLIC;

GRANT SELECT ON TABLE org."grant" TO mtl_reader;
GRANT SELECT ON TABLE org."grant" TO mtl_bi;
GRANT DELETE ON TABLE org."grant" TO mtl_admin;
GRANT SELECT ON TABLE org."grant" TO mtl_seller;

GRANT INSERT(role_name) ON TABLE org."grant" TO mtl_admin;

GRANT INSERT(unit_id) ON TABLE org."grant" TO mtl_admin;

GRANT INSERT(bu_id) ON TABLE org."grant" TO mtl_admin;

GRANT SELECT ON TABLE org.effective_grant TO mtl_reader;
GRANT SELECT ON TABLE org.effective_grant TO mtl_bi;
GRANT SELECT ON TABLE org.effective_grant TO mtl_scheduler;
GRANT SELECT ON TABLE org.effective_grant TO mtl_seller;

GRANT SELECT ON TABLE org.unit TO mtl_reader;
GRANT SELECT ON TABLE org.unit TO mtl_bi;
GRANT DELETE ON TABLE org.unit TO mtl_admin;
GRANT SELECT ON TABLE org.unit TO mtl_seller;

GRANT INSERT(code),UPDATE(code) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(kind),UPDATE(kind) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(path),UPDATE(path) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(time_zone),UPDATE(time_zone) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(active),UPDATE(active) ON TABLE org.unit TO mtl_admin;

GRANT INSERT(currency),UPDATE(currency) ON TABLE org.unit TO mtl_admin;

GRANT SELECT ON TABLE mi.credit TO mtl_reader;
GRANT SELECT ON TABLE mi.credit TO mtl_bi;

GRANT SELECT ON TABLE mi.credit_setting TO mtl_reader;
GRANT SELECT ON TABLE mi.credit_setting TO mtl_bi;

GRANT UPDATE(id) ON TABLE mi.credit_setting TO mtl_admin;

GRANT UPDATE(threshold) ON TABLE mi.credit_setting TO mtl_admin;

GRANT UPDATE(window_months) ON TABLE mi.credit_setting TO mtl_admin;

GRANT ALL ON FUNCTION mi.contributing_units() TO mtl_reader;
GRANT ALL ON FUNCTION mi.contributing_units() TO mtl_bi;

GRANT ALL ON FUNCTION mi.contributing_regions() TO mtl_reader;
GRANT ALL ON FUNCTION mi.contributing_regions() TO mtl_bi;

REVOKE ALL ON FUNCTION mi.credit_accepted() FROM PUBLIC;

REVOKE ALL ON FUNCTION mi.credit_evaluated_insights() FROM PUBLIC;

REVOKE ALL ON FUNCTION mi.evaluation_after_insert() FROM PUBLIC;

GRANT SELECT ON TABLE mi.topic_role TO mtl_reader;
GRANT SELECT ON TABLE mi.topic_role TO mtl_bi;
GRANT DELETE ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(topic_id) ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(role) ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(person) ON TABLE mi.topic_role TO mtl_editor;

GRANT INSERT(provider_unit_id) ON TABLE mi.topic_role TO mtl_editor;

REVOKE ALL ON FUNCTION mi.market_size_supersede() FROM PUBLIC;

GRANT ALL ON FUNCTION mi.sharing_open() TO mtl_reader;
GRANT ALL ON FUNCTION mi.sharing_open() TO mtl_bi;

REVOKE ALL ON FUNCTION mm.check_quarterly_review_job(args jsonb, caller name) FROM PUBLIC;

REVOKE ALL ON FUNCTION mm.create_framework(fiscal_year integer, from_fiscal_year integer, concept_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION mm.create_framework(fiscal_year integer, from_fiscal_year integer, concept_limit integer) TO mtl_admin;

REVOKE ALL ON FUNCTION mm.framework_after_publish() FROM PUBLIC;

GRANT SELECT ON TABLE mm.framework TO mtl_reader;
GRANT SELECT ON TABLE mm.framework TO mtl_bi;
GRANT DELETE ON TABLE mm.framework TO mtl_admin;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.framework TO mtl_admin;

GRANT INSERT(based_on_id),UPDATE(based_on_id) ON TABLE mm.framework TO mtl_admin;

GRANT INSERT(concept_limit),UPDATE(concept_limit) ON TABLE mm.framework TO mtl_admin;

GRANT UPDATE(state) ON TABLE mm.framework TO mtl_admin;

GRANT INSERT(company_events_planned),UPDATE(company_events_planned) ON TABLE mm.framework TO mtl_admin;

REVOKE ALL ON FUNCTION mm.framework_request_outcome(subject_id bigint, outcome text) FROM PUBLIC;

REVOKE ALL ON FUNCTION mm.msp_request_outcome(subject_id bigint, outcome text) FROM PUBLIC;

GRANT SELECT ON TABLE mm.msp TO mtl_reader;
GRANT SELECT ON TABLE mm.msp TO mtl_bi;
GRANT DELETE ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(goals),UPDATE(goals) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(gtm_strategy),UPDATE(gtm_strategy) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(value_proposition),UPDATE(value_proposition) ON TABLE mm.msp TO mtl_editor;

GRANT INSERT(owner_role),UPDATE(owner_role) ON TABLE mm.msp TO mtl_editor;

GRANT UPDATE(state) ON TABLE mm.msp TO mtl_editor;

GRANT SELECT ON TABLE org.fiscal_calendar TO mtl_reader;
GRANT SELECT ON TABLE org.fiscal_calendar TO mtl_bi;
GRANT DELETE ON TABLE org.fiscal_calendar TO mtl_admin;
GRANT SELECT ON TABLE org.fiscal_calendar TO mtl_seller;

GRANT INSERT(id),UPDATE(id) ON TABLE org.fiscal_calendar TO mtl_admin;

GRANT INSERT(start_month),UPDATE(start_month) ON TABLE org.fiscal_calendar TO mtl_admin;

GRANT INSERT(named_by),UPDATE(named_by) ON TABLE org.fiscal_calendar TO mtl_admin;

GRANT ALL ON FUNCTION org.fiscal_quarter_closed_before(moment timestamp with time zone, time_zone text) TO mtl_scheduler;
GRANT ALL ON FUNCTION org.fiscal_quarter_closed_before(moment timestamp with time zone, time_zone text) TO mtl_reader;
GRANT ALL ON FUNCTION org.fiscal_quarter_closed_before(moment timestamp with time zone, time_zone text) TO mtl_seller;

REVOKE ALL ON FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamp with time zone) TO mtl_scheduler;
GRANT ALL ON FUNCTION mm.quarter_to_review(unit_code text, fire_at timestamp with time zone) TO mtl_admin;

REVOKE ALL ON FUNCTION mm.quarterly_review_request_outcome(subject_id bigint, outcome text) FROM PUBLIC;

GRANT SELECT ON TABLE mm.quarterly_review TO mtl_reader;
GRANT SELECT ON TABLE mm.quarterly_review TO mtl_bi;

REVOKE ALL ON FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text, by_time_zone boolean, job bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text, by_time_zone boolean, job bigint) TO mtl_scheduler;
GRANT ALL ON FUNCTION mm.run_quarterly_review(fiscal_quarter text, unit_code text, by_time_zone boolean, job bigint) TO mtl_admin;

REVOKE ALL ON FUNCTION mqa.check_quality_job(args jsonb, caller name) FROM PUBLIC;

REVOKE ALL ON FUNCTION mqa.keep_pack_schedule() FROM PUBLIC;

GRANT SELECT ON TABLE mqa.rule TO mtl_reader;
GRANT SELECT ON TABLE mqa.rule TO mtl_bi;

GRANT UPDATE(settings) ON TABLE mqa.rule TO mtl_admin;

GRANT UPDATE(enabled) ON TABLE mqa.rule TO mtl_admin;

REVOKE ALL ON FUNCTION mqa.refresh_scorecards(concurrent boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION mqa.refresh_scorecards(concurrent boolean) TO mtl_scheduler;
GRANT ALL ON FUNCTION mqa.refresh_scorecards(concurrent boolean) TO mtl_admin;

REVOKE ALL ON FUNCTION mqa.run_checks(only_rule text) FROM PUBLIC;
GRANT ALL ON FUNCTION mqa.run_checks(only_rule text) TO mtl_scheduler;
GRANT ALL ON FUNCTION mqa.run_checks(only_rule text) TO mtl_admin;

REVOKE ALL ON FUNCTION mqa.scorecard_stale() FROM PUBLIC;

REVOKE ALL ON FUNCTION mqa.store_pack(unit_code text, fiscal_year integer, quarter integer, title text, html text, job bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION mqa.store_pack(unit_code text, fiscal_year integer, quarter integer, title text, html text, job bigint) TO mtl_scheduler;

REVOKE ALL ON FUNCTION mqa.waiver_request_outcome(subject_id bigint, outcome text) FROM PUBLIC;

GRANT SELECT ON TABLE mqa.waiver TO mtl_reader;
GRANT SELECT ON TABLE mqa.waiver TO mtl_bi;

GRANT INSERT(finding_id) ON TABLE mqa.waiver TO mtl_editor;

GRANT INSERT(reason) ON TABLE mqa.waiver TO mtl_editor;

REVOKE ALL ON FUNCTION org.admin_units_of(who name) FROM PUBLIC;

REVOKE ALL ON FUNCTION org.admit_capability() FROM PUBLIC;

REVOKE ALL ON FUNCTION org.apply_bi_login_settings(login name) FROM PUBLIC;

REVOKE ALL ON FUNCTION org.create_user(user_name text, capability text, unit_code text, bu_code text, password_verifier text) FROM PUBLIC;
GRANT ALL ON FUNCTION org.create_user(user_name text, capability text, unit_code text, bu_code text, password_verifier text) TO mtl_admin;

GRANT ALL ON FUNCTION org.csv_cell(value text) TO mtl_reader;
GRANT ALL ON FUNCTION org.csv_cell(value text) TO mtl_bi;

REVOKE ALL ON FUNCTION org.disable_user(user_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION org.disable_user(user_name text) TO mtl_admin;

REVOKE ALL ON FUNCTION org.enable_user(user_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION org.enable_user(user_name text) TO mtl_admin;

GRANT ALL ON FUNCTION org.is_person(who name) TO mtl_reader;
GRANT ALL ON FUNCTION org.is_person(who name) TO mtl_login;

GRANT ALL ON FUNCTION org.is_unrestricted(who name) TO mtl_reader;
GRANT ALL ON FUNCTION org.is_unrestricted(who name) TO mtl_scheduler;

REVOKE ALL ON FUNCTION org.protect_system_columns(target regclass, state_machine boolean) FROM PUBLIC;

GRANT ALL ON FUNCTION org.refuse_out_of_scope(table_name text) TO mtl_reader;
GRANT ALL ON FUNCTION org.refuse_out_of_scope(table_name text) TO mtl_scheduler;

GRANT SELECT ON TABLE org.user_account TO mtl_reader;
GRANT SELECT ON TABLE org.user_account TO mtl_bi;
GRANT SELECT ON TABLE org.user_account TO mtl_seller;

REVOKE ALL ON FUNCTION org.require_account(user_name text, action text) FROM PUBLIC;

REVOKE ALL ON FUNCTION org.require_admin_of(unit_code text, action text) FROM PUBLIC;

GRANT ALL ON FUNCTION org.require_write_scope(table_name text, unit_id bigint, bu_id bigint) TO mtl_reader;
GRANT ALL ON FUNCTION org.require_write_scope(table_name text, unit_id bigint, bu_id bigint) TO mtl_scheduler;

REVOKE ALL ON FUNCTION org.secure_database() FROM PUBLIC;

REVOKE ALL ON FUNCTION org.secure_reference_table(target regclass) FROM PUBLIC;

REVOKE ALL ON FUNCTION org.secure_tenant_table(target regclass, unit_column name, bu_column name) FROM PUBLIC;

GRANT SELECT ON TABLE sce.seller TO mtl_reader;
GRANT SELECT ON TABLE sce.seller TO mtl_bi;
GRANT DELETE ON TABLE sce.seller TO mtl_editor;
GRANT SELECT ON TABLE sce.seller TO mtl_seller;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(name),UPDATE(name) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(email),UPDATE(email) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(role_code),UPDATE(role_code) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(login),UPDATE(login) ON TABLE sce.seller TO mtl_editor;

GRANT INSERT(active),UPDATE(active) ON TABLE sce.seller TO mtl_editor;

GRANT ALL ON FUNCTION sce.about_seller(table_name text, named bigint) TO mtl_reader;
GRANT ALL ON FUNCTION sce.about_seller(table_name text, named bigint) TO mtl_seller;

REVOKE ALL ON FUNCTION sce.count_use_or_rating() FROM PUBLIC;

REVOKE ALL ON FUNCTION sce.exam_result_certify() FROM PUBLIC;

GRANT SELECT ON TABLE sce.material_use TO mtl_reader;
GRANT SELECT ON TABLE sce.material_use TO mtl_bi;
GRANT SELECT ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(material_id) ON TABLE sce.material_use TO mtl_editor;
GRANT INSERT(material_id) ON TABLE sce.material_use TO mtl_reader;
GRANT INSERT(material_id) ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(version_id) ON TABLE sce.material_use TO mtl_editor;
GRANT INSERT(version_id) ON TABLE sce.material_use TO mtl_reader;
GRANT INSERT(version_id) ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(unit_id) ON TABLE sce.material_use TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE sce.material_use TO mtl_editor;

GRANT INSERT(seller_id) ON TABLE sce.material_use TO mtl_editor;

GRANT INSERT(scenario) ON TABLE sce.material_use TO mtl_editor;
GRANT INSERT(scenario) ON TABLE sce.material_use TO mtl_reader;
GRANT INSERT(scenario) ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(lead_id) ON TABLE sce.material_use TO mtl_editor;
GRANT INSERT(lead_id) ON TABLE sce.material_use TO mtl_reader;
GRANT INSERT(lead_id) ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(activity_id) ON TABLE sce.material_use TO mtl_editor;
GRANT INSERT(activity_id) ON TABLE sce.material_use TO mtl_reader;
GRANT INSERT(activity_id) ON TABLE sce.material_use TO mtl_seller;

GRANT INSERT(used_by) ON TABLE sce.material_use TO mtl_editor;

GRANT INSERT(used_at) ON TABLE sce.material_use TO mtl_editor;

REVOKE ALL ON FUNCTION sce.has_used(seller bigint, version bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION sce.has_used(seller bigint, version bigint) TO mtl_reader;
GRANT ALL ON FUNCTION sce.has_used(seller bigint, version bigint) TO mtl_seller;

REVOKE ALL ON FUNCTION sce.material_version_recertify() FROM PUBLIC;

GRANT ALL ON FUNCTION sce.my_seller() TO mtl_reader;
GRANT ALL ON FUNCTION sce.my_seller() TO mtl_bi;
GRANT ALL ON FUNCTION sce.my_seller() TO mtl_seller;

REVOKE ALL ON FUNCTION sce.person_of_unit(who name, unit bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION sce.person_of_unit(who name, unit bigint) TO mtl_editor;

GRANT ALL ON FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) TO mtl_reader;
GRANT ALL ON FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) TO mtl_bi;
GRANT ALL ON FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) TO mtl_seller;

GRANT ALL ON FUNCTION sce.require_my_seller(table_name text) TO mtl_reader;
GRANT ALL ON FUNCTION sce.require_my_seller(table_name text) TO mtl_seller;

GRANT ALL ON FUNCTION sce.text_config(language text) TO mtl_reader;
GRANT ALL ON FUNCTION sce.text_config(language text) TO mtl_seller;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE scheduler.job TO mtl_scheduler;
GRANT SELECT ON TABLE scheduler.job TO mtl_admin;

GRANT UPDATE(state) ON TABLE scheduler.job TO mtl_admin;

GRANT UPDATE(max_attempts) ON TABLE scheduler.job TO mtl_admin;

GRANT UPDATE(run_at) ON TABLE scheduler.job TO mtl_admin;

GRANT UPDATE(heartbeat_at) ON TABLE scheduler.job TO mtl_admin;

GRANT UPDATE(finalized_at) ON TABLE scheduler.job TO mtl_admin;

REVOKE ALL ON FUNCTION scheduler.claim(worker text, queues text[], batch integer, after_priority smallint, after_run_at timestamp with time zone, after_id bigint, done_ids bigint[], done_attempts integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.claim(worker text, queues text[], batch integer, after_priority smallint, after_run_at timestamp with time zone, after_id bigint, done_ids bigint[], done_attempts integer[]) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.complete(id bigint, worker text, attempt integer) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.complete(id bigint, worker text, attempt integer) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) TO mtl_scheduler;
GRANT ALL ON FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) TO mtl_admin;

REVOKE ALL ON FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) TO mtl_editor;
GRANT ALL ON FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) TO mtl_approver;
GRANT ALL ON FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) TO mtl_admin;
GRANT ALL ON FUNCTION scheduler.enqueue(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.retry_delay(attempt integer) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.retry_delay(attempt integer) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.fail(id bigint, worker text, attempt integer, message text) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.fail(id bigint, worker text, attempt integer, message text) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.fire_due(as_of timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.fire_due(as_of timestamp with time zone) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.heartbeat(worker text, ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.heartbeat(worker text, ids bigint[]) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.insert_job(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean, requested_by name) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.insert_job(kind text, args jsonb, queue text, priority smallint, run_at timestamp with time zone, max_attempts integer, unique_key text, unique_forever boolean, requested_by name) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.keep_review_schedule() FROM PUBLIC;

REVOKE ALL ON FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamp with time zone) TO mtl_scheduler;
GRANT ALL ON FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamp with time zone) TO mtl_admin;

REVOKE ALL ON FUNCTION scheduler.prune(age interval) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.prune(age interval) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.release(worker text, ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.release(worker text, ids bigint[]) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.rescue(stale interval) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.rescue(stale interval) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.run_now(schedule_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION scheduler.run_now(schedule_name text) TO mtl_scheduler;
GRANT ALL ON FUNCTION scheduler.run_now(schedule_name text) TO mtl_admin;

GRANT SELECT ON TABLE approval.decision TO mtl_reader;
GRANT SELECT ON TABLE approval.decision TO mtl_bi;

GRANT INSERT(request_id) ON TABLE approval.decision TO mtl_approver;

GRANT INSERT(decision) ON TABLE approval.decision TO mtl_approver;

GRANT INSERT(comment) ON TABLE approval.decision TO mtl_approver;

GRANT SELECT ON TABLE approval.request TO mtl_reader;
GRANT SELECT ON TABLE approval.request TO mtl_bi;

GRANT INSERT(kind) ON TABLE approval.request TO mtl_editor;

GRANT INSERT(subject_id) ON TABLE approval.request TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE approval.request TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE approval.request TO mtl_editor;

GRANT INSERT(title) ON TABLE approval.request TO mtl_editor;

GRANT SELECT ON TABLE org.business_unit TO mtl_reader;
GRANT SELECT ON TABLE org.business_unit TO mtl_bi;
GRANT DELETE ON TABLE org.business_unit TO mtl_admin;
GRANT SELECT ON TABLE org.business_unit TO mtl_seller;

GRANT INSERT(code),UPDATE(code) ON TABLE org.business_unit TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE org.business_unit TO mtl_admin;

GRANT INSERT(active),UPDATE(active) ON TABLE org.business_unit TO mtl_admin;

GRANT SELECT ON TABLE approval.inbox TO mtl_reader;

GRANT SELECT ON TABLE approval.kind TO mtl_reader;

GRANT SELECT ON TABLE audit.archive TO mtl_admin;

GRANT SELECT ON TABLE audit.change TO mtl_admin;

GRANT SELECT ON TABLE audit.row_change TO mtl_admin;

GRANT SELECT ON TABLE audit.event TO mtl_admin;

GRANT SELECT ON TABLE audit.partition_setting TO mtl_admin;

GRANT SELECT ON TABLE audit.row_shape TO mtl_admin;

GRANT SELECT ON TABLE dg.activity TO mtl_reader;
GRANT SELECT ON TABLE dg.activity TO mtl_bi;
GRANT DELETE ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(programme_id),UPDATE(programme_id) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(name),UPDATE(name) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(type),UPDATE(type) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(starts_on),UPDATE(starts_on) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(ends_on),UPDATE(ends_on) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(planned_cost),UPDATE(planned_cost) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(actual_cost),UPDATE(actual_cost) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(invited),UPDATE(invited) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(attended),UPDATE(attended) ON TABLE dg.activity TO mtl_editor;

GRANT INSERT(state),UPDATE(state) ON TABLE dg.activity TO mtl_editor;

GRANT SELECT ON TABLE dg.activity_asset TO mtl_reader;
GRANT SELECT ON TABLE dg.activity_asset TO mtl_bi;
GRANT DELETE ON TABLE dg.activity_asset TO mtl_editor;

GRANT INSERT(activity_id),UPDATE(activity_id) ON TABLE dg.activity_asset TO mtl_editor;

GRANT INSERT(asset_id),UPDATE(asset_id) ON TABLE dg.activity_asset TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE dg.activity_asset TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE dg.activity_asset TO mtl_editor;

GRANT SELECT ON TABLE dg.asset TO mtl_reader;
GRANT SELECT ON TABLE dg.asset TO mtl_bi;
GRANT DELETE ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(type),UPDATE(type) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(language),UPDATE(language) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(uri),UPDATE(uri) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(owner_role),UPDATE(owner_role) ON TABLE dg.asset TO mtl_editor;

GRANT INSERT(state),UPDATE(state) ON TABLE dg.asset TO mtl_editor;

GRANT SELECT ON TABLE dg.lead_import TO mtl_reader;
GRANT SELECT ON TABLE dg.lead_import TO mtl_bi;

GRANT INSERT(unit_id) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(file_name) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(sha256) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(rows_read),UPDATE(rows_read) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(rows_imported),UPDATE(rows_imported) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(rows_rejected),UPDATE(rows_rejected) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(forced) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(rows_updated) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(rows_skipped) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(on_duplicate) ON TABLE dg.lead_import TO mtl_editor;

GRANT INSERT(touchpoints_recorded) ON TABLE dg.lead_import TO mtl_editor;

GRANT SELECT ON TABLE dg.lead_setting TO mtl_reader;
GRANT SELECT ON TABLE dg.lead_setting TO mtl_bi;
GRANT DELETE ON TABLE dg.lead_setting TO mtl_admin;

GRANT INSERT(id),UPDATE(id) ON TABLE dg.lead_setting TO mtl_admin;

GRANT INSERT(acceptance_sla_days),UPDATE(acceptance_sla_days) ON TABLE dg.lead_setting TO mtl_admin;

GRANT SELECT ON TABLE dg.lead_sla_breach TO mtl_reader;
GRANT SELECT ON TABLE dg.lead_sla_breach TO mtl_bi;

GRANT SELECT ON TABLE dg.programme TO mtl_reader;
GRANT SELECT ON TABLE dg.programme TO mtl_bi;
GRANT DELETE ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(name),UPDATE(name) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(tier),UPDATE(tier) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(msp_id),UPDATE(msp_id) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(concept_package_id),UPDATE(concept_package_id) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(lead_target),UPDATE(lead_target) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(pipeline_target),UPDATE(pipeline_target) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(currency),UPDATE(currency) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(starts_on),UPDATE(starts_on) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(ends_on),UPDATE(ends_on) ON TABLE dg.programme TO mtl_editor;

GRANT UPDATE(state) ON TABLE dg.programme TO mtl_editor;

GRANT INSERT(cancel_reason),UPDATE(cancel_reason) ON TABLE dg.programme TO mtl_editor;

GRANT SELECT ON TABLE dg.quality_activity_without_leads TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_budget_approved_not_started TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_company_events_over_plan TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_handoff_past_sla TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_lead_incomplete TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_programme_spent_without_leads TO mtl_reader;

GRANT SELECT ON TABLE dg.quality_qualified_not_handed_off TO mtl_reader;

GRANT SELECT ON TABLE dg.touchpoint TO mtl_reader;
GRANT SELECT ON TABLE dg.touchpoint TO mtl_bi;
GRANT DELETE ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(lead_id) ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(activity_id) ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(touched_at) ON TABLE dg.touchpoint TO mtl_editor;

GRANT INSERT(source) ON TABLE dg.touchpoint TO mtl_editor;

GRANT SELECT ON TABLE mi.battlecard TO mtl_reader;
GRANT SELECT ON TABLE mi.battlecard TO mtl_bi;
GRANT DELETE ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(competitor_id),UPDATE(competitor_id) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(strengths),UPDATE(strengths) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(weaknesses),UPDATE(weaknesses) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(why_we_win),UPDATE(why_we_win) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(their_pitch),UPDATE(their_pitch) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(objections),UPDATE(objections) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(pricing_notes),UPDATE(pricing_notes) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(owner),UPDATE(owner) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(last_reviewed_on),UPDATE(last_reviewed_on) ON TABLE mi.battlecard TO mtl_editor;

GRANT INSERT(review_interval_days),UPDATE(review_interval_days) ON TABLE mi.battlecard TO mtl_editor;

GRANT SELECT ON TABLE mi.business_stage TO mtl_reader;
GRANT SELECT ON TABLE mi.business_stage TO mtl_bi;
GRANT DELETE ON TABLE mi.business_stage TO mtl_admin;

GRANT INSERT(industry),UPDATE(industry) ON TABLE mi.business_stage TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mi.business_stage TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mi.business_stage TO mtl_admin;

GRANT INSERT("position"),UPDATE("position") ON TABLE mi.business_stage TO mtl_admin;

GRANT SELECT ON TABLE mi.competitor TO mtl_reader;
GRANT SELECT ON TABLE mi.competitor TO mtl_bi;
GRANT DELETE ON TABLE mi.competitor TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mi.competitor TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mi.competitor TO mtl_admin;

GRANT INSERT(website),UPDATE(website) ON TABLE mi.competitor TO mtl_admin;

GRANT INSERT(notes),UPDATE(notes) ON TABLE mi.competitor TO mtl_admin;

GRANT SELECT ON TABLE mi.contribution TO mtl_reader;
GRANT SELECT ON TABLE mi.contribution TO mtl_bi;
GRANT DELETE ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(topic_id),UPDATE(topic_id) ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(provider_unit_id),UPDATE(provider_unit_id) ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(description),UPDATE(description) ON TABLE mi.contribution TO mtl_editor;

GRANT INSERT(uri),UPDATE(uri) ON TABLE mi.contribution TO mtl_editor;

GRANT UPDATE(state) ON TABLE mi.contribution TO mtl_editor;

GRANT SELECT ON TABLE mi.topic TO mtl_reader;
GRANT SELECT ON TABLE mi.topic TO mtl_bi;
GRANT DELETE ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(question),UPDATE(question) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(scenario),UPDATE(scenario) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(customer),UPDATE(customer) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(subject_unit_id),UPDATE(subject_unit_id) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(industry),UPDATE(industry) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(lead_id),UPDATE(lead_id) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(due_on),UPDATE(due_on) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(priority),UPDATE(priority) ON TABLE mi.topic TO mtl_editor;

GRANT UPDATE(state) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(rejection_reason),UPDATE(rejection_reason) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(accepted_at),UPDATE(accepted_at) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(started_at),UPDATE(started_at) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(delivered_at),UPDATE(delivered_at) ON TABLE mi.topic TO mtl_editor;

GRANT INSERT(evaluated_at),UPDATE(evaluated_at) ON TABLE mi.topic TO mtl_editor;

GRANT SELECT ON TABLE mi.topic_stage TO mtl_reader;
GRANT SELECT ON TABLE mi.topic_stage TO mtl_bi;
GRANT INSERT,DELETE ON TABLE mi.topic_stage TO mtl_editor;

GRANT SELECT ON TABLE mm.segment TO mtl_reader;
GRANT SELECT ON TABLE mm.segment TO mtl_bi;
GRANT DELETE ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(code),UPDATE(code) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(name),UPDATE(name) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(industry),UPDATE(industry) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(customer_type),UPDATE(customer_type) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(solution_line),UPDATE(solution_line) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(horizon),UPDATE(horizon) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(needs),UPDATE(needs) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(pain_points),UPDATE(pain_points) ON TABLE mm.segment TO mtl_editor;

GRANT INSERT(active),UPDATE(active) ON TABLE mm.segment TO mtl_editor;

GRANT SELECT ON TABLE mi.coverage TO mtl_reader;
GRANT SELECT ON TABLE mi.coverage TO mtl_bi;

GRANT SELECT ON TABLE mi.credit_balance TO mtl_reader;

GRANT SELECT ON TABLE mi.credit_rate TO mtl_reader;
GRANT SELECT ON TABLE mi.credit_rate TO mtl_bi;
GRANT UPDATE ON TABLE mi.credit_rate TO mtl_admin;

GRANT SELECT ON TABLE mi.data_item TO mtl_reader;
GRANT SELECT ON TABLE mi.data_item TO mtl_bi;
GRANT DELETE ON TABLE mi.data_item TO mtl_admin;

GRANT INSERT(domain),UPDATE(domain) ON TABLE mi.data_item TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mi.data_item TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mi.data_item TO mtl_admin;

GRANT INSERT(method),UPDATE(method) ON TABLE mi.data_item TO mtl_admin;

GRANT INSERT(description),UPDATE(description) ON TABLE mi.data_item TO mtl_admin;

GRANT SELECT ON TABLE mi.evaluation TO mtl_reader;
GRANT SELECT ON TABLE mi.evaluation TO mtl_bi;

GRANT INSERT(topic_id) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(usefulness) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(comment) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(decision) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(evaluated_by) ON TABLE mi.evaluation TO mtl_editor;

GRANT INSERT(evaluated_at) ON TABLE mi.evaluation TO mtl_editor;

GRANT SELECT ON TABLE mi.insight TO mtl_reader;
GRANT SELECT ON TABLE mi.insight TO mtl_bi;
GRANT DELETE ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(region_id),UPDATE(region_id) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(topic_id),UPDATE(topic_id) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(kind),UPDATE(kind) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(summary),UPDATE(summary) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(findings),UPDATE(findings) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(evidence),UPDATE(evidence) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(confidence),UPDATE(confidence) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(valid_until),UPDATE(valid_until) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(sharing),UPDATE(sharing) ON TABLE mi.insight TO mtl_editor;

GRANT INSERT(author),UPDATE(author) ON TABLE mi.insight TO mtl_editor;

GRANT SELECT ON TABLE mi.insight_use TO mtl_reader;
GRANT SELECT ON TABLE mi.insight_use TO mtl_bi;
GRANT DELETE ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(insight_id) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(used_for) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(subject_id) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(used_by) ON TABLE mi.insight_use TO mtl_editor;

GRANT INSERT(used_at) ON TABLE mi.insight_use TO mtl_editor;

GRANT SELECT ON TABLE mi.lead_competitor TO mtl_reader;
GRANT SELECT ON TABLE mi.lead_competitor TO mtl_bi;
GRANT DELETE ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(lead_id),UPDATE(lead_id) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(competitor_id),UPDATE(competitor_id) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(outcome),UPDATE(outcome) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(recorded_by),UPDATE(recorded_by) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT INSERT(recorded_at),UPDATE(recorded_at) ON TABLE mi.lead_competitor TO mtl_editor;

GRANT SELECT ON TABLE mi.market_size TO mtl_reader;
GRANT SELECT ON TABLE mi.market_size TO mtl_bi;

GRANT INSERT(segment_id) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(fiscal_year) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(currency) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(tam) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(sam) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(som) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(growth_rate) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(assumptions) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(source) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(insight_id) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(estimated_by) ON TABLE mi.market_size TO mtl_editor;

GRANT INSERT(superseded_by) ON TABLE mi.market_size TO mtl_editor;

GRANT SELECT ON TABLE mi.observation TO mtl_reader;
GRANT SELECT ON TABLE mi.observation TO mtl_bi;
GRANT DELETE ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(topic_id) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(item_id) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(method) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(note) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(observed_on) ON TABLE mi.observation TO mtl_editor;

GRANT INSERT(observed_by) ON TABLE mi.observation TO mtl_editor;

GRANT SELECT ON TABLE mi.quality_h3_segment_without_topic TO mtl_reader;

GRANT SELECT ON TABLE mi.quality_segment_uncovered_stages TO mtl_reader;

GRANT SELECT ON TABLE mi.quality_topic_not_evaluated TO mtl_reader;

GRANT SELECT ON TABLE mi.review_flag TO mtl_reader;
GRANT SELECT ON TABLE mi.review_flag TO mtl_bi;

GRANT SELECT ON TABLE mi.topic_item TO mtl_reader;

GRANT SELECT ON TABLE mi.voice TO mtl_reader;
GRANT SELECT ON TABLE mi.voice TO mtl_bi;
GRANT DELETE ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(customer),UPDATE(customer) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(channel),UPDATE(channel) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(sentiment),UPDATE(sentiment) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(themes),UPDATE(themes) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(verbatim),UPDATE(verbatim) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(heard_on),UPDATE(heard_on) ON TABLE mi.voice TO mtl_editor;

GRANT UPDATE(state) ON TABLE mi.voice TO mtl_editor;

GRANT INSERT(recorded_by),UPDATE(recorded_by) ON TABLE mi.voice TO mtl_editor;

GRANT SELECT ON TABLE mm.concept_package TO mtl_reader;
GRANT SELECT ON TABLE mm.concept_package TO mtl_bi;
GRANT DELETE ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(framework_id),UPDATE(framework_id) ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(description),UPDATE(description) ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(scenario),UPDATE(scenario) ON TABLE mm.concept_package TO mtl_admin;

GRANT INSERT(theme_id),UPDATE(theme_id) ON TABLE mm.concept_package TO mtl_admin;

GRANT SELECT ON TABLE mm.factor TO mtl_reader;
GRANT SELECT ON TABLE mm.factor TO mtl_bi;
GRANT DELETE ON TABLE mm.factor TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mm.factor TO mtl_admin;

GRANT INSERT(axis),UPDATE(axis) ON TABLE mm.factor TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mm.factor TO mtl_admin;

GRANT INSERT(description),UPDATE(description) ON TABLE mm.factor TO mtl_admin;

GRANT SELECT ON TABLE mm.factor_weight TO mtl_reader;
GRANT SELECT ON TABLE mm.factor_weight TO mtl_bi;
GRANT DELETE ON TABLE mm.factor_weight TO mtl_admin;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.factor_weight TO mtl_admin;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.factor_weight TO mtl_admin;

GRANT INSERT(factor_code),UPDATE(factor_code) ON TABLE mm.factor_weight TO mtl_admin;

GRANT INSERT(weight),UPDATE(weight) ON TABLE mm.factor_weight TO mtl_admin;

GRANT SELECT ON TABLE mm.segment_score TO mtl_reader;
GRANT SELECT ON TABLE mm.segment_score TO mtl_bi;
GRANT DELETE ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(factor_code),UPDATE(factor_code) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(score),UPDATE(score) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(note),UPDATE(note) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mm.segment_score TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.segment_score TO mtl_editor;

GRANT SELECT ON TABLE mm.effective_weight TO mtl_reader;
GRANT SELECT ON TABLE mm.effective_weight TO mtl_bi;

GRANT SELECT ON TABLE mm.framework_theme TO mtl_reader;
GRANT SELECT ON TABLE mm.framework_theme TO mtl_bi;
GRANT DELETE ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(framework_id),UPDATE(framework_id) ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(theme_id),UPDATE(theme_id) ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(statement),UPDATE(statement) ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(dropped),UPDATE(dropped) ON TABLE mm.framework_theme TO mtl_admin;

GRANT INSERT(justification),UPDATE(justification) ON TABLE mm.framework_theme TO mtl_admin;

GRANT SELECT ON TABLE mm.msp_quarter TO mtl_reader;
GRANT SELECT ON TABLE mm.msp_quarter TO mtl_bi;
GRANT DELETE ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(msp_id),UPDATE(msp_id) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(quarter),UPDATE(quarter) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(pipeline_target),UPDATE(pipeline_target) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(lead_target),UPDATE(lead_target) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(budget),UPDATE(budget) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(currency),UPDATE(currency) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(headcount),UPDATE(headcount) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(resources),UPDATE(resources) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(planned_programmes),UPDATE(planned_programmes) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.msp_quarter TO mtl_editor;

GRANT SELECT ON TABLE mm.portfolio TO mtl_reader;
GRANT SELECT ON TABLE mm.portfolio TO mtl_bi;

GRANT SELECT ON TABLE mm.quality_msp_without_review TO mtl_reader;

GRANT SELECT ON TABLE mm.quality_off_track_without_actions TO mtl_reader;

GRANT SELECT ON TABLE mm.quality_quarter_without_plan TO mtl_reader;

GRANT SELECT ON TABLE mm.review_setting TO mtl_reader;
GRANT SELECT ON TABLE mm.review_setting TO mtl_bi;
GRANT DELETE ON TABLE mm.review_setting TO mtl_admin;

GRANT INSERT(id),UPDATE(id) ON TABLE mm.review_setting TO mtl_admin;

GRANT INSERT(at_risk_below),UPDATE(at_risk_below) ON TABLE mm.review_setting TO mtl_admin;

GRANT INSERT(off_track_below),UPDATE(off_track_below) ON TABLE mm.review_setting TO mtl_admin;

GRANT INSERT(spend_tolerance),UPDATE(spend_tolerance) ON TABLE mm.review_setting TO mtl_admin;

GRANT SELECT ON TABLE mm.segment_gap TO mtl_reader;
GRANT SELECT ON TABLE mm.segment_gap TO mtl_bi;
GRANT DELETE ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(quarter),UPDATE(quarter) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(currency),UPDATE(currency) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(revenue_target),UPDATE(revenue_target) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(revenue_actual),UPDATE(revenue_actual) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(pipeline_target),UPDATE(pipeline_target) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(pipeline_actual),UPDATE(pipeline_actual) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(share_target),UPDATE(share_target) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(share_actual),UPDATE(share_actual) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(improvement_actions),UPDATE(improvement_actions) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE mm.segment_gap TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE mm.segment_gap TO mtl_editor;

GRANT SELECT ON TABLE mm.segment_gap_summary TO mtl_reader;
GRANT SELECT ON TABLE mm.segment_gap_summary TO mtl_bi;

GRANT SELECT ON TABLE mm.theme TO mtl_reader;
GRANT SELECT ON TABLE mm.theme TO mtl_bi;
GRANT DELETE ON TABLE mm.theme TO mtl_admin;

GRANT INSERT(code),UPDATE(code) ON TABLE mm.theme TO mtl_admin;

GRANT INSERT(introduced_in),UPDATE(introduced_in) ON TABLE mm.theme TO mtl_admin;

GRANT SELECT ON TABLE mqa.attribution_model TO mtl_reader;
GRANT SELECT ON TABLE mqa.attribution_model TO mtl_bi;

GRANT INSERT(code) ON TABLE mqa.attribution_model TO mtl_admin;

GRANT INSERT(version) ON TABLE mqa.attribution_model TO mtl_admin;

GRANT INSERT(method) ON TABLE mqa.attribution_model TO mtl_admin;

GRANT INSERT(half_life_days) ON TABLE mqa.attribution_model TO mtl_admin;

GRANT INSERT(description) ON TABLE mqa.attribution_model TO mtl_admin;

GRANT SELECT ON TABLE mqa.finding TO mtl_reader;
GRANT SELECT ON TABLE mqa.finding TO mtl_bi;

GRANT UPDATE(state) ON TABLE mqa.finding TO mtl_editor;

GRANT SELECT ON TABLE mqa.finding_list TO mtl_reader;

GRANT SELECT ON TABLE mqa.quarter_close TO mtl_reader;
GRANT SELECT ON TABLE mqa.quarter_close TO mtl_bi;

GRANT SELECT ON TABLE mqa.report_pack TO mtl_reader;
GRANT SELECT ON TABLE mqa.report_pack TO mtl_bi;

GRANT SELECT ON TABLE mqa.scorecard_snapshot TO mtl_reader;
GRANT SELECT ON TABLE mqa.scorecard_snapshot TO mtl_bi;

GRANT SELECT ON TABLE org.capability TO mtl_reader;
GRANT SELECT ON TABLE org.capability TO mtl_bi;
GRANT SELECT ON TABLE org.capability TO mtl_seller;

GRANT SELECT ON TABLE org.fx_rate TO mtl_reader;
GRANT SELECT ON TABLE org.fx_rate TO mtl_bi;
GRANT DELETE ON TABLE org.fx_rate TO mtl_admin;
GRANT SELECT ON TABLE org.fx_rate TO mtl_seller;

GRANT INSERT(currency),UPDATE(currency) ON TABLE org.fx_rate TO mtl_admin;

GRANT INSERT(to_currency),UPDATE(to_currency) ON TABLE org.fx_rate TO mtl_admin;

GRANT INSERT(fiscal_year),UPDATE(fiscal_year) ON TABLE org.fx_rate TO mtl_admin;

GRANT INSERT(quarter),UPDATE(quarter) ON TABLE org.fx_rate TO mtl_admin;

GRANT INSERT(rate),UPDATE(rate) ON TABLE org.fx_rate TO mtl_admin;

GRANT SELECT ON TABLE org.iso_country TO mtl_reader;
GRANT SELECT ON TABLE org.iso_country TO mtl_bi;
GRANT DELETE ON TABLE org.iso_country TO mtl_admin;
GRANT SELECT ON TABLE org.iso_country TO mtl_seller;

GRANT INSERT(code),UPDATE(code) ON TABLE org.iso_country TO mtl_admin;

GRANT INSERT(name),UPDATE(name) ON TABLE org.iso_country TO mtl_admin;

GRANT INSERT(time_zone),UPDATE(time_zone) ON TABLE org.iso_country TO mtl_admin;

GRANT INSERT(currency),UPDATE(currency) ON TABLE org.iso_country TO mtl_admin;

GRANT SELECT ON TABLE org.state_machine TO mtl_reader;
GRANT SELECT ON TABLE org.state_machine TO mtl_seller;

GRANT SELECT ON TABLE org.state_transition TO mtl_reader;
GRANT SELECT ON TABLE org.state_transition TO mtl_seller;

GRANT SELECT ON TABLE reporting.data_dictionary TO mtl_bi;
GRANT SELECT ON TABLE reporting.data_dictionary TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_attribution_model TO mtl_reader;
GRANT SELECT ON TABLE reporting.dim_attribution_model TO mtl_bi;

GRANT SELECT ON TABLE reporting.dim_business_unit TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_business_unit TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_framework TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_framework TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_fx_rate TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_fx_rate TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_msp TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_msp TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_programme TO mtl_reader;
GRANT SELECT ON TABLE reporting.dim_programme TO mtl_bi;

GRANT SELECT ON TABLE reporting.dim_quality_rule TO mtl_reader;
GRANT SELECT ON TABLE reporting.dim_quality_rule TO mtl_bi;

GRANT SELECT ON TABLE reporting.dim_segment TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_segment TO mtl_reader;

GRANT SELECT ON TABLE reporting.dim_unit TO mtl_bi;
GRANT SELECT ON TABLE reporting.dim_unit TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_activity TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_activity TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_approval TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_approval TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_attribution TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_attribution TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_battlecard TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_battlecard TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_budget TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_budget TO mtl_bi;

GRANT SELECT ON TABLE sce.certification TO mtl_reader;
GRANT SELECT ON TABLE sce.certification TO mtl_bi;
GRANT SELECT ON TABLE sce.certification TO mtl_seller;

GRANT SELECT ON TABLE sce.setting TO mtl_reader;
GRANT SELECT ON TABLE sce.setting TO mtl_bi;
GRANT SELECT ON TABLE sce.setting TO mtl_seller;

GRANT UPDATE(id) ON TABLE sce.setting TO mtl_admin;

GRANT UPDATE(rating_prior_mean) ON TABLE sce.setting TO mtl_admin;

GRANT UPDATE(rating_prior_weight) ON TABLE sce.setting TO mtl_admin;

GRANT UPDATE(expiry_warning_days) ON TABLE sce.setting TO mtl_admin;

GRANT SELECT ON TABLE reporting.fct_certification TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_certification TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_certification TO mtl_seller;

GRANT SELECT ON TABLE reporting.fct_coverage TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_coverage TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_credit TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_credit TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_finding TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_finding TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_insight TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_insight TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_lead TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_lead TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_market_size TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_market_size TO mtl_reader;

GRANT SELECT ON TABLE sce.material TO mtl_reader;
GRANT SELECT ON TABLE sce.material TO mtl_bi;
GRANT DELETE ON TABLE sce.material TO mtl_editor;
GRANT SELECT ON TABLE sce.material TO mtl_seller;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(summary),UPDATE(summary) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(kind),UPDATE(kind) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(language),UPDATE(language) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(uri),UPDATE(uri) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(dg_asset_id),UPDATE(dg_asset_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(case_lead_id),UPDATE(case_lead_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(case_activity_id),UPDATE(case_activity_id) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(stages),UPDATE(stages) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(scenarios),UPDATE(scenarios) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(roles),UPDATE(roles) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(segment_ids),UPDATE(segment_ids) ON TABLE sce.material TO mtl_editor;

GRANT INSERT(concept_package_ids),UPDATE(concept_package_ids) ON TABLE sce.material TO mtl_editor;

GRANT UPDATE(state) ON TABLE sce.material TO mtl_editor;

GRANT SELECT ON TABLE reporting.fct_material_rating TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_material_rating TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_material_rating TO mtl_seller;

GRANT SELECT ON TABLE sce.material_version TO mtl_reader;
GRANT SELECT ON TABLE sce.material_version TO mtl_bi;
GRANT SELECT ON TABLE sce.material_version TO mtl_seller;

GRANT INSERT(material_id) ON TABLE sce.material_version TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE sce.material_version TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE sce.material_version TO mtl_editor;

GRANT INSERT(major) ON TABLE sce.material_version TO mtl_editor;

GRANT INSERT(minor) ON TABLE sce.material_version TO mtl_editor;

GRANT INSERT(change_note) ON TABLE sce.material_version TO mtl_editor;

GRANT SELECT ON TABLE reporting.fct_material_use TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_material_use TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_msp_quarter TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_msp_quarter TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_quarterly_review TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_quarterly_review TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_readiness TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_readiness TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_scorecard_activity TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_scorecard_activity TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_scorecard_lead TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_scorecard_lead TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_scorecard_restatement TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_scorecard_restatement TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_segment_gap TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_segment_gap TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_segment_portfolio TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_segment_portfolio TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_topic TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_topic TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_touchpoint TO mtl_reader;
GRANT SELECT ON TABLE reporting.fct_touchpoint TO mtl_bi;

GRANT SELECT ON TABLE reporting.fct_voice TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_voice TO mtl_reader;

GRANT SELECT ON TABLE reporting.fct_voice_theme TO mtl_bi;
GRANT SELECT ON TABLE reporting.fct_voice_theme TO mtl_reader;

GRANT SELECT ON TABLE sce.attendance TO mtl_reader;
GRANT SELECT ON TABLE sce.attendance TO mtl_bi;
GRANT DELETE ON TABLE sce.attendance TO mtl_editor;
GRANT SELECT ON TABLE sce.attendance TO mtl_seller;

GRANT INSERT(session_id) ON TABLE sce.attendance TO mtl_editor;
GRANT INSERT(session_id) ON TABLE sce.attendance TO mtl_reader;
GRANT INSERT(session_id) ON TABLE sce.attendance TO mtl_seller;

GRANT INSERT(seller_id) ON TABLE sce.attendance TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE sce.attendance TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE sce.attendance TO mtl_editor;

GRANT INSERT(recorded_by) ON TABLE sce.attendance TO mtl_editor;

GRANT SELECT ON TABLE sce.cert_flag TO mtl_reader;
GRANT SELECT ON TABLE sce.cert_flag TO mtl_bi;
GRANT SELECT ON TABLE sce.cert_flag TO mtl_seller;

GRANT SELECT ON TABLE sce.exam TO mtl_reader;
GRANT SELECT ON TABLE sce.exam TO mtl_bi;
GRANT DELETE ON TABLE sce.exam TO mtl_editor;
GRANT SELECT ON TABLE sce.exam TO mtl_seller;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(code),UPDATE(code) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(role_code),UPDATE(role_code) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(material_id),UPDATE(material_id) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(pass_mark),UPDATE(pass_mark) ON TABLE sce.exam TO mtl_editor;

GRANT INSERT(validity_months),UPDATE(validity_months) ON TABLE sce.exam TO mtl_editor;

GRANT SELECT ON TABLE sce.exam_result TO mtl_reader;
GRANT SELECT ON TABLE sce.exam_result TO mtl_bi;
GRANT SELECT ON TABLE sce.exam_result TO mtl_seller;

GRANT INSERT(exam_id) ON TABLE sce.exam_result TO mtl_editor;
GRANT INSERT(exam_id) ON TABLE sce.exam_result TO mtl_reader;
GRANT INSERT(exam_id) ON TABLE sce.exam_result TO mtl_seller;

GRANT INSERT(seller_id) ON TABLE sce.exam_result TO mtl_editor;

GRANT INSERT(unit_id) ON TABLE sce.exam_result TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE sce.exam_result TO mtl_editor;

GRANT INSERT(score) ON TABLE sce.exam_result TO mtl_editor;
GRANT INSERT(score) ON TABLE sce.exam_result TO mtl_reader;
GRANT INSERT(score) ON TABLE sce.exam_result TO mtl_seller;

GRANT INSERT(taken_on) ON TABLE sce.exam_result TO mtl_editor;
GRANT INSERT(taken_on) ON TABLE sce.exam_result TO mtl_reader;
GRANT INSERT(taken_on) ON TABLE sce.exam_result TO mtl_seller;

GRANT INSERT(recorded_by) ON TABLE sce.exam_result TO mtl_editor;

GRANT UPDATE(confirmed) ON TABLE sce.exam_result TO mtl_editor;

GRANT SELECT ON TABLE sce.kit TO mtl_reader;
GRANT SELECT ON TABLE sce.kit TO mtl_bi;
GRANT DELETE ON TABLE sce.kit TO mtl_editor;
GRANT SELECT ON TABLE sce.kit TO mtl_seller;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.kit TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.kit TO mtl_editor;

GRANT INSERT(code),UPDATE(code) ON TABLE sce.kit TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE sce.kit TO mtl_editor;

GRANT INSERT(scenario),UPDATE(scenario) ON TABLE sce.kit TO mtl_editor;

GRANT INSERT(description),UPDATE(description) ON TABLE sce.kit TO mtl_editor;

GRANT SELECT ON TABLE sce.kit_item TO mtl_reader;
GRANT SELECT ON TABLE sce.kit_item TO mtl_bi;
GRANT DELETE ON TABLE sce.kit_item TO mtl_editor;
GRANT SELECT ON TABLE sce.kit_item TO mtl_seller;

GRANT INSERT(kit_id),UPDATE(kit_id) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT("position"),UPDATE("position") ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(step),UPDATE(step) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(material_id),UPDATE(material_id) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(tool),UPDATE(tool) ON TABLE sce.kit_item TO mtl_editor;

GRANT INSERT(note),UPDATE(note) ON TABLE sce.kit_item TO mtl_editor;

GRANT SELECT ON TABLE sce.material_card TO mtl_reader;
GRANT SELECT ON TABLE sce.material_card TO mtl_seller;

GRANT SELECT ON TABLE sce.programme TO mtl_reader;
GRANT SELECT ON TABLE sce.programme TO mtl_bi;
GRANT DELETE ON TABLE sce.programme TO mtl_editor;
GRANT SELECT ON TABLE sce.programme TO mtl_seller;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(segment_id),UPDATE(segment_id) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(lead_id),UPDATE(lead_id) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(starts_on),UPDATE(starts_on) ON TABLE sce.programme TO mtl_editor;

GRANT INSERT(ends_on),UPDATE(ends_on) ON TABLE sce.programme TO mtl_editor;

GRANT SELECT ON TABLE sce.quality_h1_readiness_low TO mtl_reader;

GRANT SELECT ON TABLE sce.quality_material_outdated_parent TO mtl_reader;

GRANT SELECT ON TABLE sce.quality_material_rated_low TO mtl_reader;

GRANT SELECT ON TABLE sce.quality_material_unused TO mtl_reader;

GRANT SELECT ON TABLE sce.rating TO mtl_reader;
GRANT SELECT ON TABLE sce.rating TO mtl_bi;
GRANT SELECT ON TABLE sce.rating TO mtl_seller;

GRANT INSERT(material_id) ON TABLE sce.rating TO mtl_editor;
GRANT INSERT(material_id) ON TABLE sce.rating TO mtl_reader;
GRANT INSERT(material_id) ON TABLE sce.rating TO mtl_seller;

GRANT INSERT(version_id) ON TABLE sce.rating TO mtl_editor;
GRANT INSERT(version_id) ON TABLE sce.rating TO mtl_reader;
GRANT INSERT(version_id) ON TABLE sce.rating TO mtl_seller;

GRANT INSERT(unit_id) ON TABLE sce.rating TO mtl_editor;

GRANT INSERT(bu_id) ON TABLE sce.rating TO mtl_editor;

GRANT INSERT(seller_id) ON TABLE sce.rating TO mtl_editor;

GRANT INSERT(score) ON TABLE sce.rating TO mtl_editor;
GRANT INSERT(score) ON TABLE sce.rating TO mtl_reader;
GRANT INSERT(score) ON TABLE sce.rating TO mtl_seller;

GRANT INSERT(comment) ON TABLE sce.rating TO mtl_editor;
GRANT INSERT(comment) ON TABLE sce.rating TO mtl_reader;
GRANT INSERT(comment) ON TABLE sce.rating TO mtl_seller;

GRANT INSERT(rated_by) ON TABLE sce.rating TO mtl_editor;

GRANT SELECT ON TABLE sce.rating_tally TO mtl_reader;
GRANT SELECT ON TABLE sce.rating_tally TO mtl_bi;
GRANT SELECT ON TABLE sce.rating_tally TO mtl_seller;

GRANT SELECT ON TABLE sce.sales_stage TO mtl_reader;
GRANT SELECT ON TABLE sce.sales_stage TO mtl_bi;
GRANT INSERT,DELETE,UPDATE ON TABLE sce.sales_stage TO mtl_admin;
GRANT SELECT ON TABLE sce.sales_stage TO mtl_seller;

GRANT SELECT ON TABLE sce.scenario TO mtl_reader;
GRANT SELECT ON TABLE sce.scenario TO mtl_bi;
GRANT INSERT,DELETE,UPDATE ON TABLE sce.scenario TO mtl_admin;
GRANT SELECT ON TABLE sce.scenario TO mtl_seller;

GRANT SELECT ON TABLE sce.segment_ref TO mtl_reader;
GRANT SELECT ON TABLE sce.segment_ref TO mtl_seller;

GRANT SELECT ON TABLE sce.seller_role TO mtl_reader;
GRANT SELECT ON TABLE sce.seller_role TO mtl_bi;
GRANT INSERT,DELETE,UPDATE ON TABLE sce.seller_role TO mtl_admin;
GRANT SELECT ON TABLE sce.seller_role TO mtl_seller;

GRANT SELECT ON TABLE sce.session TO mtl_reader;
GRANT SELECT ON TABLE sce.session TO mtl_bi;
GRANT DELETE ON TABLE sce.session TO mtl_editor;
GRANT SELECT ON TABLE sce.session TO mtl_seller;

GRANT INSERT(programme_id),UPDATE(programme_id) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(unit_id),UPDATE(unit_id) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(bu_id),UPDATE(bu_id) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(title),UPDATE(title) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(channel),UPDATE(channel) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(held_on),UPDATE(held_on) ON TABLE sce.session TO mtl_editor;

GRANT INSERT(material_id),UPDATE(material_id) ON TABLE sce.session TO mtl_editor;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE scheduler.firing TO mtl_scheduler;
GRANT SELECT ON TABLE scheduler.firing TO mtl_admin;

GRANT SELECT ON TABLE scheduler.job_kind TO mtl_scheduler;
GRANT SELECT ON TABLE scheduler.job_kind TO mtl_admin;

GRANT SELECT,INSERT,DELETE ON TABLE scheduler.probe TO mtl_scheduler;
GRANT SELECT ON TABLE scheduler.probe TO mtl_admin;

GRANT SELECT,UPDATE ON TABLE scheduler.schedule TO mtl_scheduler;
GRANT SELECT ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(description) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(rule) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(time_zone) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(misfire_policy) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(backfill_limit) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(misfire_grace) ON TABLE scheduler.schedule TO mtl_admin;

GRANT UPDATE(paused) ON TABLE scheduler.schedule TO mtl_admin;

REVOKE ALL ON FUNCTION mi.flag_reviews() FROM PUBLIC;
GRANT ALL ON FUNCTION mi.flag_reviews() TO mtl_scheduler;

REVOKE ALL ON FUNCTION mqa.freeze_closed_quarters() FROM PUBLIC;

REVOKE ALL ON FUNCTION mqa.register_rule(code text, title text, severity text, violations_view name, defaults jsonb) FROM PUBLIC;

REVOKE ALL ON FUNCTION sce.flag_certifications() FROM PUBLIC;
GRANT ALL ON FUNCTION sce.flag_certifications() TO mtl_scheduler;
