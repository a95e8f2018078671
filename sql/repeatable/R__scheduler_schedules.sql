-- Firing schedules (scheduler.schedule, scheduler.firing). A firing is deduplicated by its own
-- (schedule, fire_at) row, written in the same transaction as its job, and written only by these
-- functions: nothing a person can write takes a fire time ahead of its schedule or blocks it
-- (firings' jobs carry no unique key, since V0020).

-- Fires the schedules that are due, in one transaction: locks them (SKIP LOCKED, so racing
-- workers take different ones), applies the misfire policy, writes a firing and enqueues its
-- job for each fire time kept, and moves next_fire_at past now. Returns the jobs enqueued.
-- Workers call it without an argument: the database clock is the clock. Tests pass `as_of` to
-- walk through a daylight-saving change or an outage without waiting for one.
CREATE OR REPLACE FUNCTION scheduler.fire_due(as_of timestamptz DEFAULT now()) RETURNS integer
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

-- Fires a schedule now, whatever its rule says (mtl schedule run-now): a firing at now() and its
-- job, requested by the caller. The next scheduled fire time is unchanged. Returns the job's id.
-- SECURITY DEFINER (people do not write firings): the scheduler's logins and HQ admins only.
CREATE OR REPLACE FUNCTION scheduler.run_now(schedule_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION scheduler.run_now(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.run_now(text) TO mtl_scheduler, mtl_admin;
