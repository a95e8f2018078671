-- Contribute to consume (V0035): units earn credits for accepted contributions, and the insight
-- table's own row-level security lets a reader see other scopes' shared insights only while one
-- of the reader's units holds enough credits earned in HQ's trailing window. psql, BI logins and
-- the CLI meet the same rule.

-- The ledger is append-only, for the owner too: credits are written by the database when a
-- contribution is accepted, and never changed.
CREATE OR REPLACE FUNCTION mi.credit_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the credit ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE OR REPLACE TRIGGER credit_append_only BEFORE UPDATE OR DELETE ON mi.credit
    FOR EACH ROW EXECUTE FUNCTION mi.credit_append_only();
CREATE OR REPLACE TRIGGER credit_no_truncate BEFORE TRUNCATE ON mi.credit
    FOR EACH STATEMENT EXECUTE FUNCTION mi.credit_append_only();

-- An evaluated topic — delivered by its researchers, judged by an evaluator who did not research
-- it (four-eyes) — earns each unit that authored its insights the insight rate, once per topic
-- (for its first insight), however many insights it holds. SECURITY DEFINER (people cannot
-- write the ledger); the evaluation's invoker trigger has checked the caller before.
CREATE OR REPLACE FUNCTION mi.credit_evaluated_insights() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION mi.credit_evaluated_insights() FROM PUBLIC;
CREATE OR REPLACE TRIGGER topic_credit_evaluated AFTER UPDATE OF state ON mi.topic
    FOR EACH ROW WHEN (NEW.state = 'evaluated' AND OLD.state <> 'evaluated')
    EXECUTE FUNCTION mi.credit_evaluated_insights();

-- The caller's units (those its grants cover) that hold at least HQ's threshold of credits
-- earned in the trailing window. Read as the caller: the ledger rows of its own scope. Called in
-- the policy below as (SELECT …) so it runs once per statement; SQL-standard body, so BI logins,
-- which have no USAGE on mi, can run it.
CREATE OR REPLACE FUNCTION mi.contributing_units() RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce(array_agg(c.unit_id ORDER BY c.unit_id), '{}')
    FROM (SELECT x.unit_id
          FROM mi.credit x CROSS JOIN mi.credit_setting s
          WHERE x.unit_id = ANY (org.visible_units()) AND x.earned_at > now() - make_interval(months => s.window_months)
          GROUP BY x.unit_id, s.threshold
          HAVING sum(x.credits) >= s.threshold) c;
END;

-- The regions whose region-level insights the caller may read: those of its contributing units.
CREATE OR REPLACE FUNCTION mi.contributing_regions() RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce(array_agg(DISTINCT r.id), '{}')
    FROM org.unit u JOIN org.unit r ON r.id = ANY (u.path) AND r.kind = 'region'
    WHERE u.id = ANY (mi.contributing_units());
END;

-- When HQ last changed the settings is the database's.
CREATE OR REPLACE TRIGGER credit_setting_stamp BEFORE UPDATE ON mi.credit_setting
    FOR EACH ROW EXECUTE FUNCTION org.stamp_change('updated_at');

-- A threshold of 0 lets every unit read shared insights, credits or not.
CREATE OR REPLACE FUNCTION mi.sharing_open() RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce((SELECT s.threshold = 0 FROM mi.credit_setting s), false);
END;

GRANT EXECUTE ON FUNCTION mi.contributing_units(), mi.contributing_regions(), mi.sharing_open() TO mtl_reader, mtl_bi;

-- The second SELECT policy of mi.insight (permissive: a row either policy admits is read): shared
-- insights beyond the reader's scope, for contributors. A unit's own scope is read_in_scope's.
DROP POLICY IF EXISTS read_shared ON mi.insight;
CREATE POLICY read_shared ON mi.insight FOR SELECT TO mtl_reader, mtl_bi
USING (
    (sharing = 'global' AND ((SELECT mi.sharing_open()) OR cardinality((SELECT mi.contributing_units())) > 0))
    OR (sharing = 'region' AND ((SELECT mi.sharing_open()) OR region_id = ANY ((SELECT mi.contributing_regions())::bigint[])))
);

-- The caller's units' credits in the window, against the threshold: what `mtl insight credits`
-- shows, and why shared insights are or are not readable.
CREATE OR REPLACE VIEW mi.credit_balance WITH (security_invoker = true) AS
SELECT u.id AS unit_id, u.code AS unit, coalesce(sum(c.credits) FILTER (WHERE c.earned_at > now() - make_interval(months => s.window_months)), 0) AS credits,
       coalesce(sum(c.credits), 0) AS credits_ever, s.threshold, s.window_months,
       coalesce(sum(c.credits) FILTER (WHERE c.earned_at > now() - make_interval(months => s.window_months)), 0) >= s.threshold AS reads_shared
FROM org.unit u
CROSS JOIN mi.credit_setting s
LEFT JOIN mi.credit c ON c.unit_id = u.id
WHERE u.id = ANY (org.visible_units())
GROUP BY u.id, u.code, s.threshold, s.window_months;
COMMENT ON VIEW mi.credit_balance IS 'Each of the caller''s units: credits earned in HQ''s window and ever, the threshold, and whether it reads other scopes'' shared insights.';
GRANT SELECT ON mi.credit_balance TO mtl_reader;
