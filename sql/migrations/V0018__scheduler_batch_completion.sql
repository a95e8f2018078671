-- V0018: a cheaper hot path for short jobs (issue 6's throughput goal). Measured on the 2-core
-- CI machine, a no-op job cost a claim and a completion round trip each, every statement planned
-- afresh, and two regular expressions per row update. Now:
--
-- 1. Completions in batches. A job whose work is outside the database (a non-transactional
--    kind) needs only its completion recorded; a worker writes the completions that arrive while
--    its previous batch is being written in one statement (group commit). Each job keeps its own
--    guard on (id, worker, attempt, running): one rescued meanwhile is left alone.
-- 2. Claims that do not step over what earlier claims left behind (see scheduler.claim).
-- 3. Plans kept per session. The claim and the completions are plpgsql with static SQL and
--    generic plans, which PL/pgSQL keeps; SQL-standard bodies (BEGIN ATOMIC) are read and
--    planned on every call, V0016's EXECUTE parsed and planned the claim every time, and a
--    cached statement still gets a fresh custom plan per call unless told otherwise.
-- 4. Checks only where values change. PostgreSQL prepares and evaluates every CHECK on every
--    UPDATE: the queue and kind regular expressions made a claim's row update about twice as
--    expensive, and preparing the checks was a tenth of the server's time in a drain.

-- Queue, kind and args never change after the insert: their rules (V0015's, unchanged) become
-- domains, which are checked when a value is stored in the column and not on every update of
-- other columns. V0015's release depends on the queue column's type; it is re-created as it was.
CREATE DOMAIN scheduler.queue_name AS text CONSTRAINT queue_name CHECK (VALUE ~ '^[a-z][a-z0-9_.-]{0,62}$');
CREATE DOMAIN scheduler.kind_name AS text CONSTRAINT kind_name CHECK (VALUE ~ '^[a-z][a-z0-9_.]{0,62}$');
CREATE DOMAIN scheduler.job_args AS jsonb CONSTRAINT job_args CHECK (jsonb_typeof(VALUE) = 'object');
COMMENT ON DOMAIN scheduler.queue_name IS 'A queue''s name: lower-case letters, digits, _ . -; starts with a letter; at most 63.';
COMMENT ON DOMAIN scheduler.kind_name IS 'A job kind''s name: lower-case letters, digits, _ .; starts with a letter; at most 63.';
COMMENT ON DOMAIN scheduler.job_args IS 'A job''s arguments: a JSON object.';

DROP FUNCTION scheduler.release(text, bigint[]);
ALTER TABLE scheduler.job
    DROP CONSTRAINT job_queue,
    DROP CONSTRAINT job_kind,
    DROP CONSTRAINT job_args,
    ALTER COLUMN queue TYPE scheduler.queue_name,
    ALTER COLUMN kind TYPE scheduler.kind_name,
    ALTER COLUMN args TYPE scheduler.job_args;

-- As V0016.
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
REVOKE ALL ON FUNCTION scheduler.release(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.release(text, bigint[]) TO mtl_scheduler;

-- The claim, with an optional position to start from (the last job of the worker's previous
-- full batch). Claimed and finished jobs leave dead entries at the front of job_ready until
-- VACUUM removes them, and a claim from the front steps over all of them: 20 index pages at
-- 5,000 jobs drained, 750 at 150,000 (a claim of 10 went from 0.13 ms to 0.46 ms). A worker
-- draining a backlog therefore claims after its last position, and from the front whenever that
-- comes up short and at least once a second, which finds jobs that sort before it (a higher
-- priority, an earlier run_at) within that second.
DROP FUNCTION scheduler.claim(text, text[], integer);
CREATE FUNCTION scheduler.claim(worker text, queues text[], batch integer,
                                after_priority smallint DEFAULT NULL, after_run_at timestamptz DEFAULT NULL,
                                after_id bigint DEFAULT NULL) RETURNS SETOF scheduler.job
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
-- One plan per session for each statement below (re-planning every call was a tenth of the
-- server's time). That plan must read job_ready in order and update through the primary key
-- whatever the statistics said when it was made: a queue is often empty when a worker starts
-- (and a plan made then used sequential scans and a sort, for ever). The statements are written
-- for those paths and the alternatives are switched off, for these statements only. The jobs
-- come back in claim order (a sort of the batch, the one sort left).
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
-- The switched-off paths count as very expensive, which would make every claim worth JIT
-- compiling (180 ms each, measured); these statements are small.
SET jit = off
AS $$
BEGIN
    IF claim.after_id IS NULL THEN
        RETURN QUERY
        WITH claimed AS (
            UPDATE scheduler.job j
            SET state = 'running', attempt = j.attempt + 1, worker_id = claim.worker, attempted_at = now(), heartbeat_at = now()
            WHERE j.id = ANY (ARRAY(
                SELECT d.id FROM scheduler.job d
                WHERE d.state IN ('available', 'retryable') AND d.queue = ANY (claim.queues) AND d.run_at <= now()
                ORDER BY d.priority, d.run_at, d.id
                LIMIT claim.batch
                FOR UPDATE SKIP LOCKED))
            RETURNING j.*)
        SELECT * FROM claimed c ORDER BY c.priority, c.run_at, c.id;
    ELSE
        RETURN QUERY
        WITH claimed AS (
            UPDATE scheduler.job j
            SET state = 'running', attempt = j.attempt + 1, worker_id = claim.worker, attempted_at = now(), heartbeat_at = now()
            WHERE j.id = ANY (ARRAY(
                SELECT d.id FROM scheduler.job d
                WHERE d.state IN ('available', 'retryable') AND d.queue = ANY (claim.queues) AND d.run_at <= now()
                  AND (d.priority, d.run_at, d.id) > (claim.after_priority, claim.after_run_at, claim.after_id)
                ORDER BY d.priority, d.run_at, d.id
                LIMIT claim.batch
                FOR UPDATE SKIP LOCKED))
            RETURNING j.*)
        SELECT * FROM claimed c ORDER BY c.priority, c.run_at, c.id;
    END IF;
END
$$;

-- The heartbeat index covers the same rows as before (a running job has a heartbeat, every way
-- out of running clears it) under a predicate that the guards' "state = 'running'" does not
-- imply. With the old one, a plan made while statistics counted few running jobs (after an
-- ANALYZE of an idle queue) scanned all running jobs for every id of a batch completion: 1.4 s
-- for one batch in the benchmark. Now the completions can only go through the primary key,
-- and the rescue (heartbeat_at < …) still uses this index.
DROP INDEX scheduler.job_heartbeat;
CREATE INDEX job_heartbeat ON scheduler.job (heartbeat_at) WHERE heartbeat_at IS NOT NULL;

-- Completions go through the primary key only (the same settings as the claim's, for the same
-- reason); a batch finds each job's attempt by its position in the arrays.
CREATE OR REPLACE FUNCTION scheduler.complete(id bigint, worker text, attempt integer) RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
SET jit = off
AS $$
BEGIN
    UPDATE scheduler.job j SET state = 'completed', finalized_at = now(), heartbeat_at = NULL
    WHERE j.id = complete.id AND j.worker_id = complete.worker AND j.attempt = complete.attempt AND j.state = 'running';
    RETURN FOUND;
END
$$;

CREATE FUNCTION scheduler.complete_many(worker text, ids bigint[], attempts integer[]) RETURNS SETOF bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
SET jit = off
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

COMMENT ON FUNCTION scheduler.complete_many(text, bigint[], integer[]) IS
    'Completes several attempts of one worker at once (ids and attempts pairwise); returns the ids whose guard held.';

COMMENT ON FUNCTION scheduler.claim(text, text[], integer, smallint, timestamptz, bigint) IS
    'Claims up to batch due jobs of the queues (FOR UPDATE SKIP LOCKED), by priority, run_at and id; after a position when given.';

REVOKE ALL ON FUNCTION scheduler.complete_many(text, bigint[], integer[]),
    scheduler.claim(text, text[], integer, smallint, timestamptz, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.complete_many(text, bigint[], integer[]),
    scheduler.claim(text, text[], integer, smallint, timestamptz, bigint) TO mtl_scheduler;
