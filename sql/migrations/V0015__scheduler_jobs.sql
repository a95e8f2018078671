-- V0015: durable jobs (issue 6, DESIGN.md "The scheduler"): a queue in PostgreSQL that any
-- number of workers share. Jobs are enqueued inside the caller's transaction (a job exists only
-- if the business change committed), claimed with FOR UPDATE SKIP LOCKED, kept alive by
-- heartbeats, and finished under a guard on (id, worker, attempt, state), so a job rescued from a
-- silent worker cannot be finished twice.
--
-- The job table is operational state, not business data: it is not audited (every claim,
-- heartbeat and finish would write an audit event; each job keeps its own error history), and
-- only the scheduler role and HQ admins see it.

CREATE TABLE scheduler.job (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue         text NOT NULL DEFAULT 'default' CONSTRAINT job_queue CHECK (queue ~ '^[a-z][a-z0-9_.-]{0,62}$'),
    kind          text NOT NULL CONSTRAINT job_kind CHECK (kind ~ '^[a-z][a-z0-9_.]{0,62}$'),
    args          jsonb NOT NULL DEFAULT '{}' CONSTRAINT job_args CHECK (jsonb_typeof(args) = 'object'),
    -- Lower runs first.
    priority      smallint NOT NULL DEFAULT 0,
    state         text NOT NULL DEFAULT 'available' CONSTRAINT job_state
                  CHECK (state IN ('available', 'running', 'completed', 'retryable', 'discarded', 'cancelled')),
    attempt       integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts  integer NOT NULL DEFAULT 5 CONSTRAINT job_max_attempts CHECK (max_attempts BETWEEN 1 AND 100),
    run_at        timestamptz NOT NULL DEFAULT now(),
    worker_id     text,
    attempted_at  timestamptz,
    heartbeat_at  timestamptz,
    finalized_at  timestamptz,
    -- A second enqueue with the same kind and key is a no-op while the first is not final (or
    -- ever, when unique_forever).
    unique_key    text,
    unique_forever boolean NOT NULL DEFAULT false,
    -- [{"attempt": 1, "at": "…", "message": "…"}, …]
    errors        jsonb NOT NULL DEFAULT '[]',
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    name NOT NULL DEFAULT session_user,
    CONSTRAINT job_running CHECK (state <> 'running' OR (worker_id IS NOT NULL AND heartbeat_at IS NOT NULL))
);

-- Small partial indexes on the live states; finished jobs cost them nothing.
CREATE INDEX job_ready ON scheduler.job (queue, priority, run_at, id) WHERE state IN ('available', 'retryable');
CREATE INDEX job_heartbeat ON scheduler.job (heartbeat_at) WHERE state = 'running';
CREATE INDEX job_finalized ON scheduler.job (finalized_at) WHERE state IN ('completed', 'discarded', 'cancelled');
CREATE UNIQUE INDEX job_unique_live ON scheduler.job (kind, unique_key)
    WHERE unique_key IS NOT NULL AND NOT unique_forever AND state IN ('available', 'running', 'retryable');
CREATE UNIQUE INDEX job_unique_forever ON scheduler.job (kind, unique_key) WHERE unique_key IS NOT NULL AND unique_forever;

COMMENT ON TABLE scheduler.job IS 'Durable jobs: queue, kind, args, priority, state (available → running → completed, or retryable → … → discarded; cancelled), attempts, run_at, worker and heartbeat, unique key, error history.';

ALTER TABLE scheduler.job ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON scheduler.job TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY scheduler_all ON scheduler.job TO mtl_scheduler USING (true) WITH CHECK (true);
CREATE POLICY hq_admin_all ON scheduler.job TO mtl_admin USING ((SELECT org.is_hq_admin())) WITH CHECK ((SELECT org.is_hq_admin()));
REVOKE ALL ON scheduler.job FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduler.job TO mtl_scheduler;
GRANT SELECT, UPDATE ON scheduler.job TO mtl_admin;

-- The delay before retry `attempt + 1`: 2^attempt seconds, at most an hour, ±25 % jitter so
-- that jobs failing together do not retry together.
CREATE FUNCTION scheduler.retry_delay(attempt integer) RETURNS interval
LANGUAGE sql VOLATILE
RETURN make_interval(secs => least(3600, power(2, least(attempt, 20))) * (0.75 + random() * 0.5));

-- Enqueues a job in the caller's transaction and wakes workers at commit (NOTIFY is
-- transactional). Returns the job's id, or NULL when a job with the same kind and unique key
-- already exists (live, or ever for unique_forever). SECURITY DEFINER: business code of any
-- role enqueues without seeing the queue.
CREATE FUNCTION scheduler.enqueue(kind text, args jsonb DEFAULT '{}', queue text DEFAULT 'default', priority smallint DEFAULT 0,
                                  run_at timestamptz DEFAULT now(), max_attempts integer DEFAULT 5,
                                  unique_key text DEFAULT NULL, unique_forever boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO scheduler.job (kind, args, queue, priority, run_at, max_attempts, unique_key, unique_forever)
    VALUES (enqueue.kind, enqueue.args, enqueue.queue, enqueue.priority, enqueue.run_at, enqueue.max_attempts,
            enqueue.unique_key, enqueue.unique_forever)
    ON CONFLICT DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NOT NULL THEN
        PERFORM pg_notify('mtl_jobs', enqueue.queue);
    END IF;
    RETURN new_id;
END
$$;
REVOKE ALL ON FUNCTION scheduler.enqueue(text, jsonb, text, smallint, timestamptz, integer, text, boolean) FROM PUBLIC;
-- People's roles reach the schema for enqueue only: they hold no privilege on the table.
GRANT USAGE ON SCHEMA scheduler TO mtl_editor, mtl_approver;
GRANT EXECUTE ON FUNCTION scheduler.enqueue(text, jsonb, text, smallint, timestamptz, integer, text, boolean)
    TO mtl_editor, mtl_approver, mtl_admin, mtl_scheduler;

-- Claims up to `batch` due jobs of the queues for a worker: running, attempt + 1, heartbeat now.
-- Concurrent claims skip each other's rows (SKIP LOCKED), so no job is claimed twice.
CREATE FUNCTION scheduler.claim(worker text, queues text[], batch integer) RETURNS SETOF scheduler.job
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH due AS (
        SELECT j.id FROM scheduler.job j
        WHERE j.state IN ('available', 'retryable') AND j.queue = ANY (claim.queues) AND j.run_at <= now()
        ORDER BY j.priority, j.run_at, j.id
        LIMIT claim.batch
        FOR UPDATE SKIP LOCKED
    )
    UPDATE scheduler.job j
    SET state = 'running', attempt = j.attempt + 1, worker_id = claim.worker, attempted_at = now(), heartbeat_at = now()
    FROM due WHERE j.id = due.id
    RETURNING j.*;
END;

-- Keeps a worker's running jobs alive; returns those still its own (a job rescued or cancelled
-- meanwhile is missing, and its worker should stop it).
CREATE FUNCTION scheduler.heartbeat(worker text, ids bigint[]) RETURNS SETOF bigint
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    UPDATE scheduler.job j SET heartbeat_at = now()
    WHERE j.id = ANY (heartbeat.ids) AND j.worker_id = heartbeat.worker AND j.state = 'running'
    RETURNING j.id;
END;

-- Finishes an attempt: completed, or failed (retryable with backoff, discarded after the last
-- attempt; the error is kept). Guarded by (id, worker, attempt, running): false when the job
-- is no longer this attempt's.
CREATE FUNCTION scheduler.complete(id bigint, worker text, attempt integer) RETURNS boolean
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH done AS (
        UPDATE scheduler.job j SET state = 'completed', finalized_at = now(), heartbeat_at = NULL
        WHERE j.id = complete.id AND j.worker_id = complete.worker AND j.attempt = complete.attempt AND j.state = 'running'
        RETURNING 1
    )
    SELECT EXISTS (SELECT FROM done);
END;

CREATE FUNCTION scheduler.fail(id bigint, worker text, attempt integer, message text) RETURNS text
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH failed AS (
        UPDATE scheduler.job j
        SET state = CASE WHEN j.attempt >= j.max_attempts THEN 'discarded' ELSE 'retryable' END,
            run_at = CASE WHEN j.attempt >= j.max_attempts THEN j.run_at ELSE now() + scheduler.retry_delay(j.attempt) END,
            finalized_at = CASE WHEN j.attempt >= j.max_attempts THEN now() END,
            heartbeat_at = NULL,
            errors = j.errors || jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'at', now(), 'message', fail.message))
        WHERE j.id = fail.id AND j.worker_id = fail.worker AND j.attempt = fail.attempt AND j.state = 'running'
        RETURNING j.state
    )
    SELECT state FROM failed;
END;

-- Rescues jobs whose worker stopped heartbeating for `stale`: they fail with a message saying
-- so, and are retried or discarded like any failure. Returns how many.
CREATE FUNCTION scheduler.rescue(stale interval) RETURNS integer
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH rescued AS (
        UPDATE scheduler.job j
        SET state = CASE WHEN j.attempt >= j.max_attempts THEN 'discarded' ELSE 'retryable' END,
            run_at = CASE WHEN j.attempt >= j.max_attempts THEN j.run_at ELSE now() + scheduler.retry_delay(j.attempt) END,
            finalized_at = CASE WHEN j.attempt >= j.max_attempts THEN now() END,
            heartbeat_at = NULL,
            errors = j.errors || jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'at', now(),
                         'message', 'worker ' || j.worker_id || ' stopped heartbeating'))
        WHERE j.state = 'running' AND j.heartbeat_at < now() - rescue.stale
        RETURNING 1
    )
    SELECT count(*)::integer FROM rescued;
END;

-- Deletes completed, discarded and cancelled jobs finished more than `age` ago. Returns how many.
CREATE FUNCTION scheduler.prune(age interval) RETURNS integer
LANGUAGE sql VOLATILE
BEGIN ATOMIC
    WITH pruned AS (
        DELETE FROM scheduler.job j
        WHERE j.state IN ('completed', 'discarded', 'cancelled') AND j.finalized_at < now() - prune.age
        RETURNING 1
    )
    SELECT count(*)::integer FROM pruned;
END;

REVOKE ALL ON FUNCTION scheduler.retry_delay(integer), scheduler.claim(text, text[], integer),
    scheduler.heartbeat(text, bigint[]), scheduler.complete(bigint, text, integer),
    scheduler.fail(bigint, text, integer, text), scheduler.rescue(interval), scheduler.prune(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.retry_delay(integer), scheduler.claim(text, text[], integer),
    scheduler.heartbeat(text, bigint[]), scheduler.complete(bigint, text, integer),
    scheduler.fail(bigint, text, integer, text), scheduler.rescue(interval), scheduler.prune(interval) TO mtl_scheduler;
