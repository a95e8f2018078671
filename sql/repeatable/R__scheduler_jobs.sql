-- Enqueueing jobs (scheduler.job). Each job kind declares in scheduler.job_kind who besides the
-- scheduler may ask for it and which arguments are valid for that person (its enqueue_check,
-- owned by the kind's module); housekeeping kinds have none and are the scheduler's alone.

-- Writes a job in the caller's transaction and wakes workers at commit (NOTIFY is transactional).
-- Returns the job's id, or NULL when a job with the same kind and unique key already exists
-- (live, or ever for unique_forever). The scheduler's own functions (firings) call it; people go
-- through scheduler.enqueue, which checks them first.
CREATE OR REPLACE FUNCTION scheduler.insert_job(kind text, args jsonb, queue text, priority smallint, run_at timestamptz,
                                                max_attempts integer, unique_key text, unique_forever boolean,
                                                requested_by name) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION scheduler.insert_job(text, jsonb, text, smallint, timestamptz, integer, text, boolean, name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.insert_job(text, jsonb, text, smallint, timestamptz, integer, text, boolean, name) TO mtl_scheduler;

-- Enqueues a job for the caller (the SET ROLE role, else the login role), recorded as its
-- requester. The scheduler's logins (and the owner and superusers, for setup and tests) enqueue
-- any kind. A person may enqueue only a kind whose enqueue_check accepts them and the arguments
-- (it stores what the check returns); a person's unique key is kept apart from everybody else's
-- (prefixed with their name), so it can neither block nor be blocked by another's.
CREATE OR REPLACE FUNCTION scheduler.enqueue(kind text, args jsonb DEFAULT '{}', queue text DEFAULT 'default', priority smallint DEFAULT 0,
                                             run_at timestamptz DEFAULT now(), max_attempts integer DEFAULT 5,
                                             unique_key text DEFAULT NULL, unique_forever boolean DEFAULT false) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
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
$$;
REVOKE ALL ON FUNCTION scheduler.enqueue(text, jsonb, text, smallint, timestamptz, integer, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION scheduler.enqueue(text, jsonb, text, smallint, timestamptz, integer, text, boolean)
    TO mtl_editor, mtl_approver, mtl_admin, mtl_scheduler;

-- The scheduler's own kinds: housekeeping and diagnostics, never enqueued by people.
INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check) VALUES
    ('jobs.prune', 'scheduler', 'Delete finished jobs and firings older than the retention.', NULL),
    ('scheduler.probe', 'scheduler', 'Diagnostic: record which worker completed the job.', NULL),
    ('scheduler.noop', 'scheduler', 'Do nothing (throughput benchmarks).', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;
