-- The worker's side of the job queue (scheduler.job): claiming, completing and releasing. Runs
-- as the scheduler's logins only (mtl_scheduler). Claims and completions go through the primary
-- key only, with one generic plan per session: their statements are small and many, and a plan
-- made when the statistics said "few jobs" must not turn into a sequential scan under a backlog.

-- Claiming, with the completions of the previous batch (V0019): while a worker drains a
-- backlog it claims about once per batch, and the jobs of the previous batch finish meanwhile;
-- writing their completions in a statement of their own cost a round trip, a parse and plan, a
-- commit and an executor start per batch. Each completion keeps its own guard on (id, worker,
-- attempt, running); a job rescued or cancelled meanwhile is left alone. A claim may start after
-- a position (the last job of the worker's previous full batch): claimed and finished jobs leave
-- dead entries at the front of job_ready until VACUUM removes them, and a claim from the front
-- steps over all of them. "From the front" is a position before every job (the lowest priority,
-- -infinity, id 0), so both cases share one cached plan.
CREATE OR REPLACE FUNCTION scheduler.claim(worker text, queues text[], batch integer,
                                after_priority smallint DEFAULT NULL, after_run_at timestamptz DEFAULT NULL,
                                after_id bigint DEFAULT NULL,
                                done_ids bigint[] DEFAULT NULL, done_attempts integer[] DEFAULT NULL) RETURNS SETOF scheduler.job
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
-- One plan per session, reading job_ready in order and updating through the primary
-- key whatever the statistics said when it was made; no JIT for these small statements.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
SET jit = off
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

COMMENT ON FUNCTION scheduler.claim(text, text[], integer, smallint, timestamptz, bigint, bigint[], integer[]) IS
    'Completes the worker''s done_ids (pairwise with done_attempts, each under its guard) and claims up to batch due jobs of the queues (FOR UPDATE SKIP LOCKED) by priority, run_at and id, after a position when given. Returns the jobs it completed (state completed), then those it claimed (state running).';

REVOKE ALL ON FUNCTION scheduler.claim(text, text[], integer, smallint, timestamptz, bigint, bigint[], integer[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.claim(text, text[], integer, smallint, timestamptz, bigint, bigint[], integer[]) TO mtl_scheduler;

-- Completing one attempt (the batch form is scheduler.complete_many, and the claim's done_ids).
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

REVOKE ALL ON FUNCTION scheduler.complete(bigint, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.complete(bigint, text, integer) TO mtl_scheduler;

-- Releasing jobs a worker holds but will not run (shutdown, jobs claimed ahead): available again
-- at once, the attempt undone.
CREATE OR REPLACE FUNCTION scheduler.release(worker text, ids bigint[]) RETURNS integer
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
