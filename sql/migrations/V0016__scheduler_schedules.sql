-- V0016: schedules (issue 6, DESIGN.md "The scheduler"). A schedule is a row: a cron expression
-- or a fiscal-quarter rule, an IANA time zone, a misfire policy and a paused flag. Every worker
-- runs the firing loop (scheduler.fire_due); each firing is a unique (schedule, fire_at) row
-- written in the same transaction as its job, so however many workers race, nothing fires twice.
-- The database clock is the clock: fire times are computed here, from now().

-- The values of one cron field: *, N, N-M, */S, N-M/S, N/S and lists of those.
CREATE FUNCTION scheduler.cron_field(field text, lo integer, hi integer, what text) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

-- The first fire time strictly after `after`, for a rule in a time zone. Rules:
--   a cron expression, five fields in the zone's local time: minute hour day-of-month month
--   day-of-week (0 or 7 is Sunday; when both days are restricted, either matches, as in cron);
--   'quarter-close + N day[s] HH:MM': N days after each fiscal quarter's last day, at HH:MM local.
-- Local times are turned into instants by the zone's rules: a time that a daylight-saving change
-- skips fires at the same instant as the hour after it (never lost), one that occurs twice
-- fires once (never doubled).
CREATE FUNCTION scheduler.next_fire(rule text, time_zone text, after timestamptz) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

CREATE TABLE scheduler.schedule (
    name            text PRIMARY KEY CONSTRAINT schedule_name CHECK (name ~ '^[a-z][a-z0-9_.:-]{0,62}$'),
    description     text NOT NULL DEFAULT '',
    -- The job each firing enqueues; its args get "schedule" and "fire_at" added.
    kind            text NOT NULL CONSTRAINT schedule_kind CHECK (kind ~ '^[a-z][a-z0-9_.]{0,62}$'),
    args            jsonb NOT NULL DEFAULT '{}' CONSTRAINT schedule_args CHECK (jsonb_typeof(args) = 'object'),
    queue           text NOT NULL DEFAULT 'default',
    priority        smallint NOT NULL DEFAULT 0,
    max_attempts    integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
    -- A cron expression or 'quarter-close + N day(s) HH:MM' (scheduler.next_fire).
    rule            text NOT NULL,
    time_zone       text NOT NULL DEFAULT 'UTC',
    -- What to do with fire times missed by more than misfire_grace (workers were down):
    -- fire_once: one firing for the latest; skip: none; backfill: the latest backfill_limit.
    misfire_policy  text NOT NULL DEFAULT 'fire_once' CONSTRAINT schedule_misfire CHECK (misfire_policy IN ('fire_once', 'skip', 'backfill')),
    backfill_limit  integer NOT NULL DEFAULT 1 CHECK (backfill_limit BETWEEN 1 AND 1000),
    misfire_grace   interval NOT NULL DEFAULT '5 minutes' CHECK (misfire_grace >= '0'),
    paused          boolean NOT NULL DEFAULT false,
    -- The next fire time not yet handled; kept by the trigger below and by fire_due().
    next_fire_at    timestamptz NOT NULL,
    last_fired_at   timestamptz,
    -- Fire times dropped by the misfire policy, in all.
    missed_total    bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE scheduler.schedule IS 'Schedules: a cron expression or fiscal-quarter rule in an IANA time zone, a misfire policy, paused or not; each firing enqueues a job of its kind.';

-- A new or changed rule or zone is checked (a clear error for a bad one) and sets the next fire
-- time from now; resuming a paused schedule does too, so a pause drops what it covered.
CREATE FUNCTION scheduler.schedule_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
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
CREATE TRIGGER schedule_before_write BEFORE INSERT OR UPDATE ON scheduler.schedule
    FOR EACH ROW EXECUTE FUNCTION scheduler.schedule_before_write();

-- One row per fire time of a schedule: the unique key that keeps racing workers from firing twice.
CREATE TABLE scheduler.firing (
    schedule   text NOT NULL REFERENCES scheduler.schedule (name) ON UPDATE CASCADE ON DELETE CASCADE,
    fire_at    timestamptz NOT NULL,
    job_id     bigint,
    -- 'schedule', or 'manual' for mtl schedule run-now.
    source     text NOT NULL DEFAULT 'schedule' CHECK (source IN ('schedule', 'manual')),
    late       boolean NOT NULL DEFAULT false,
    fired_at   timestamptz NOT NULL DEFAULT now(),
    fired_by   name NOT NULL DEFAULT session_user,
    PRIMARY KEY (schedule, fire_at)
);
CREATE INDEX firing_fired_at ON scheduler.firing (fired_at);

COMMENT ON TABLE scheduler.firing IS 'Each fire time of a schedule that enqueued a job: unique per schedule and fire time.';

-- Fires the schedules that are due, in one transaction: locks them (SKIP LOCKED, so racing
-- workers take different ones), applies the misfire policy, writes a firing and enqueues its
-- job for each fire time kept, and moves next_fire_at past now. Returns the jobs enqueued.
-- Workers call it without an argument: the database clock is the clock. Tests pass `as_of` to
-- walk through a daylight-saving change or an outage without waiting for one.
CREATE FUNCTION scheduler.fire_due(as_of timestamptz DEFAULT now()) RETURNS integer
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
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
                job := scheduler.enqueue(s.kind, s.args || jsonb_build_object('schedule', s.name, 'fire_at', t),
                                         s.queue, s.priority, clock, s.max_attempts, s.name || '@' || extract(epoch FROM t)::text, true);
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

-- Fires a schedule now, whatever its rule says (mtl schedule run-now): a firing at now() and its
-- job. The next scheduled fire time is unchanged. Returns the job's id.
CREATE FUNCTION scheduler.run_now(schedule_name text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s scheduler.schedule;
    clock timestamptz := now();
    job bigint;
BEGIN
    SELECT * INTO s FROM scheduler.schedule WHERE name = schedule_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no schedule %', quote_literal(schedule_name)
            USING ERRCODE = 'no_data_found', HINT = 'See the schedules with: mtl schedule list';
    END IF;
    INSERT INTO scheduler.firing (schedule, fire_at, source) VALUES (s.name, clock, 'manual');
    job := scheduler.enqueue(s.kind, s.args || jsonb_build_object('schedule', s.name, 'fire_at', clock),
                             s.queue, s.priority, clock, s.max_attempts, s.name || '@' || extract(epoch FROM clock)::text, true);
    UPDATE scheduler.firing f SET job_id = job WHERE f.schedule = s.name AND f.fire_at = clock;
    RETURN job;
END
$$;

-- Workers ---------------------------------------------------------------------------------------

-- The claim orders by (priority, run_at, id) and filters queues with = ANY: V0015's index led with
-- the queue, so each claim sorted every due job (9 ms at 15,000 queued). Leading with the order
-- lets a claim stop after its batch (0.06 ms), however long the backlog.
DROP INDEX scheduler.job_ready;
CREATE INDEX job_ready ON scheduler.job (priority, run_at, id) WHERE state IN ('available', 'retryable');

-- As V0015, planned with the call's values: planned once with the batch size as an unknown
-- parameter, the claim sorted every due job instead of reading the index in order (the worker
-- spent its time in claims once thousands were queued). EXECUTE … USING plans with the values.
CREATE OR REPLACE FUNCTION scheduler.claim(worker text, queues text[], batch integer) RETURNS SETOF scheduler.job
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE '
        WITH due AS (
            SELECT j.id FROM scheduler.job j
            WHERE j.state IN (''available'', ''retryable'') AND j.queue = ANY ($2) AND j.run_at <= now()
            ORDER BY j.priority, j.run_at, j.id
            LIMIT $3
            FOR UPDATE SKIP LOCKED
        )
        UPDATE scheduler.job j
        SET state = ''running'', attempt = j.attempt + 1, worker_id = $1, attempted_at = now(), heartbeat_at = now()
        FROM due WHERE j.id = due.id
        RETURNING j.*'
    USING worker, queues, batch;
END
$$;

-- Gives back the jobs a stopping worker could not finish within its grace period: available again
-- at once, the interrupted attempt not counted. Returns how many.
CREATE FUNCTION scheduler.release(worker text, ids bigint[]) RETURNS integer
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH released AS (
        UPDATE scheduler.job j
        SET state = 'available', attempt = greatest(j.attempt - 1, 0), worker_id = NULL, heartbeat_at = NULL, run_at = now()
        WHERE j.id = ANY (release.ids) AND j.worker_id = release.worker AND j.state = 'running'
        RETURNING j.queue
    )
    SELECT count(pg_notify('mtl_jobs', r.queue))::integer FROM released r;
END;

-- What the diagnostic job kind scheduler.probe leaves: one row per job that ran to completion
-- (its insert commits with the job's completion, so a job run twice would collide here).
CREATE TABLE scheduler.probe (
    job_id    bigint PRIMARY KEY,
    worker_id text NOT NULL,
    attempt   integer NOT NULL,
    ran_at    timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE scheduler.probe IS 'Runs of the diagnostic job kind scheduler.probe: which worker completed which job, at which attempt.';

-- Security ----------------------------------------------------------------------------------------
-- Schedules are configuration: audited, read and changed by HQ admins and the scheduler. Firings
-- are operational state like jobs (not audited).

ALTER TABLE scheduler.schedule ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scheduler.schedule TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY scheduler_all ON scheduler.schedule TO mtl_scheduler USING (true) WITH CHECK (true);
CREATE POLICY hq_admin_all ON scheduler.schedule TO mtl_admin USING ((SELECT org.is_hq_admin())) WITH CHECK ((SELECT org.is_hq_admin()));
REVOKE ALL ON scheduler.schedule FROM PUBLIC;
GRANT SELECT, UPDATE ON scheduler.schedule TO mtl_scheduler;
GRANT SELECT, UPDATE (paused, rule, time_zone, misfire_policy, backfill_limit, misfire_grace, description) ON scheduler.schedule TO mtl_admin;
SELECT audit.track('scheduler.schedule', NULL, NULL);

ALTER TABLE scheduler.firing ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scheduler.firing TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY scheduler_all ON scheduler.firing TO mtl_scheduler USING (true) WITH CHECK (true);
CREATE POLICY hq_admin_all ON scheduler.firing TO mtl_admin USING ((SELECT org.is_hq_admin())) WITH CHECK ((SELECT org.is_hq_admin()));
REVOKE ALL ON scheduler.firing FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduler.firing TO mtl_scheduler;
GRANT SELECT, INSERT, UPDATE ON scheduler.firing TO mtl_admin;

ALTER TABLE scheduler.probe ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scheduler.probe TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY scheduler_all ON scheduler.probe TO mtl_scheduler USING (true) WITH CHECK (true);
CREATE POLICY hq_admin_read ON scheduler.probe FOR SELECT TO mtl_admin USING ((SELECT org.is_hq_admin()));
REVOKE ALL ON scheduler.probe FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON scheduler.probe TO mtl_scheduler;
GRANT SELECT ON scheduler.probe TO mtl_admin;

REVOKE ALL ON FUNCTION scheduler.release(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.release(text, bigint[]) TO mtl_scheduler;

REVOKE ALL ON FUNCTION scheduler.cron_field(text, integer, integer, text), scheduler.next_fire(text, text, timestamptz),
    scheduler.fire_due(timestamptz), scheduler.run_now(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.cron_field(text, integer, integer, text), scheduler.next_fire(text, text, timestamptz)
    TO mtl_scheduler, mtl_admin;
GRANT EXECUTE ON FUNCTION scheduler.fire_due(timestamptz) TO mtl_scheduler;
GRANT EXECUTE ON FUNCTION scheduler.run_now(text) TO mtl_scheduler, mtl_admin;

-- Retention of finished jobs (and of firings older than that), daily at 03:00 UTC.
INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy)
VALUES ('jobs.prune', 'Delete completed, discarded and cancelled jobs older than the retention.',
        'jobs.prune', '{"retention": "14 days"}', '0 3 * * *', 'UTC', 'fire_once');
