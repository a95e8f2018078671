-- V0019: a claim that also records completions (issue 6's drain throughput).
--
-- While a worker drains a backlog it claims about once per batch of jobs, and the jobs of the
-- previous batch finish meanwhile. Writing their completions in a statement of their own cost
-- a round trip, a parse and plan, a commit and an executor start per batch, which on the 2-core
-- CI machine was as much as the claim itself. The claim now takes them along: one statement, one
-- transaction, per batch. Each completion keeps its own guard on (id, worker, attempt, running),
-- exactly as scheduler.complete_many's; a job rescued or cancelled meanwhile is left alone.
--
-- The claim is also one statement now: "from the front" is a position before every job (the
-- lowest priority, -infinity, id 0; ids start at 1), so both cases share one cached plan.

DROP FUNCTION scheduler.claim(text, text[], integer, smallint, timestamptz, bigint);
CREATE FUNCTION scheduler.claim(worker text, queues text[], batch integer,
                                after_priority smallint DEFAULT NULL, after_run_at timestamptz DEFAULT NULL,
                                after_id bigint DEFAULT NULL,
                                done_ids bigint[] DEFAULT NULL, done_attempts integer[] DEFAULT NULL) RETURNS SETOF scheduler.job
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
-- As V0018: one plan per session, reading job_ready in order and updating through the primary
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
