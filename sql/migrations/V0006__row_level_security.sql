-- V0006: row-level security (DESIGN.md, "Tenancy and security").
--
-- What a role sees is decided here, for the CLI, the scheduler and BI tools alike:
--   * org.effective_grant: the grants that apply to the current role;
--   * org.visible_units() & co.: the units (and unit × BU pairs) those grants cover, called in
--     policies as = ANY ((SELECT org.visible_units())::bigint[]) so that they run once per
--     statement (the cast makes ANY take the array, not a subquery's rows);
--   * org.secure_tenant_table(): RLS enabled and forced, the standard policies, privileges and the
--     audit triggers, for every tenant-owned table (this issue's and every later one's);
--   * org.secure_reference_table(): the same for HQ reference data, readable by all.
-- Policies never read a session variable: only current_user and the grants decide.

-- The grants that apply to the current role: its own and those of the roles it belongs to.
-- The view belongs to mtl_owner, so it reads org.grant under the owner's policy while
-- current_user inside it is still the querying role. The helpers below read this view rather
-- than org.grant, whose own policies call the helpers (that would recurse).
CREATE VIEW org.effective_grant WITH (security_barrier) AS
SELECT g.id, g.role_name, g.unit_id, g.bu_id
FROM org.grant g
-- to_regrole gives NULL (so no match) for a role dropped outside mtl, instead of an error.
WHERE pg_catalog.pg_has_role(current_user, pg_catalog.to_regrole(pg_catalog.quote_ident(g.role_name)), 'MEMBER');

COMMENT ON VIEW org.effective_grant IS 'The grants that apply to the current role (its own and its groups'').';

CREATE TYPE org.unit_bu AS (unit_id bigint, bu_id bigint);

-- About the helpers below. They are SQL functions with SQL-standard bodies (BEGIN ATOMIC): the
-- body is parsed when the function is created, so every name in it is already bound and the
-- caller's search_path cannot redirect it (no SET search_path needed, which also keeps each call
-- cheap); and a caller needs no USAGE on schema org to run them, which BI roles lack.
-- They are labelled PARALLEL UNSAFE on purpose: the planner cannot know how many units a scope
-- holds (it assumes ten), so it overestimates what a small scope reads and would pick parallel
-- plans whose start-up costs more than the scan saves. Scoped queries therefore run serially.

-- The units at or below any of the given units.
CREATE FUNCTION org.subtree(roots bigint[]) RETURNS bigint[]
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}') FROM org.unit u WHERE u.path && roots;
END;

-- The units the current role may see, through any grant (for rows that have no BU).
CREATE FUNCTION org.visible_units() RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}')
    FROM org.unit u
    WHERE u.path && ARRAY(SELECT g.unit_id FROM org.effective_grant g);
END;

-- The units the current role may see for every BU.
CREATE FUNCTION org.visible_units_all_bus() RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}')
    FROM org.unit u
    WHERE u.path && ARRAY(SELECT g.unit_id FROM org.effective_grant g WHERE g.bu_id IS NULL);
END;

-- The (unit, BU) pairs the current role may see through grants limited to one BU.
CREATE FUNCTION org.visible_unit_bus() RETURNS org.unit_bu[]
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT coalesce(array_agg(DISTINCT ROW(u.id, g.bu_id)::org.unit_bu), '{}')
    FROM org.effective_grant g
    JOIN org.unit u ON u.path @> ARRAY[g.unit_id]
    WHERE g.bu_id IS NOT NULL;
END;

-- The id of HQ, the root unit.
CREATE FUNCTION org.hq() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT u.id FROM org.unit u WHERE u.parent_id IS NULL;
END;

-- True when the current role is an admin whose grants cover HQ for every BU.
CREATE FUNCTION org.is_hq_admin() RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT pg_has_role(current_user, 'mtl_admin', 'MEMBER') AND org.hq() = ANY (org.visible_units_all_bus());
END;

-- Tenant tables -------------------------------------------------------------------------------

-- The condition that keeps a policy to the current role's scope, as SQL text for CREATE POLICY.
-- For reading: the row's unit is visible and, with a BU column, the unit is seen for every BU, or
-- the row's (unit, BU) pair is granted, or the row has no BU. For writing the same, except that
-- BU-limited roles do not write rows without a BU.
CREATE FUNCTION org.scope_condition(unit_column name, bu_column name, writing boolean) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN format('%I = ANY ((SELECT org.visible_units())::bigint[])', unit_column)
    || CASE WHEN bu_column IS NULL THEN ''
       ELSE format(' AND (%3$s%1$I = ANY ((SELECT org.visible_units_all_bus())::bigint[])'
                   ' OR ROW(%1$I, %2$I)::org.unit_bu = ANY ((SELECT org.visible_unit_bus())::org.unit_bu[]))',
                   unit_column, bu_column,
                   CASE WHEN writing THEN '' ELSE format('%I IS NULL OR ', bu_column) END)
       END;

-- Secures a tenant-owned table: RLS enabled and forced; readers (and BI, through the reporting
-- views) read rows of their units and BUs; editors insert, update and delete within the same
-- scope (org.scope_condition); rows outside it are invisible and cannot be written (42501).
-- Grants the privileges and attaches the audit triggers. Every migration that creates a tenant
-- table calls it.
CREATE FUNCTION org.secure_tenant_table(target regclass, unit_column name DEFAULT 'unit_id', bu_column name DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION org.secure_tenant_table(regclass, name, name) FROM PUBLIC;

-- Secures HQ reference data: RLS enabled and forced; everybody reads; HQ admins write; audited.
CREATE FUNCTION org.secure_reference_table(target regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
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
REVOKE ALL ON FUNCTION org.secure_reference_table(regclass) FROM PUBLIC;

-- The org schema's own tables ----------------------------------------------------------------

SELECT org.secure_reference_table('org.iso_country');
SELECT org.secure_reference_table('org.business_unit');
SELECT org.secure_reference_table('org.fiscal_calendar');

-- Units: everybody reads the tree; a unit is managed by the admins whose scope covers the unit
-- above it (HQ's own row by HQ admins).
ALTER TABLE org.unit ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON org.unit TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_all ON org.unit FOR SELECT TO mtl_reader, mtl_bi USING (true);
CREATE POLICY admin_insert ON org.unit FOR INSERT TO mtl_admin
    WITH CHECK (parent_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
CREATE POLICY admin_update ON org.unit FOR UPDATE TO mtl_admin
    USING (coalesce(parent_id, id) = ANY ((SELECT org.visible_units_all_bus())::bigint[]))
    WITH CHECK (coalesce(parent_id, id) = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
CREATE POLICY admin_delete ON org.unit FOR DELETE TO mtl_admin
    USING (parent_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
GRANT SELECT ON org.unit TO mtl_reader, mtl_bi;
GRANT INSERT, UPDATE, DELETE ON org.unit TO mtl_admin;
SELECT audit.track('org.unit', 'id');

-- User accounts: written only by the SECURITY DEFINER functions of V0007. A person reads their
-- own account; admins read the accounts whose home unit they cover.
ALTER TABLE org.user_account ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON org.user_account TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_own ON org.user_account FOR SELECT TO mtl_reader, mtl_bi
    USING (role_name = current_user);
CREATE POLICY admin_read ON org.user_account FOR SELECT TO mtl_admin
    USING (home_unit_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
GRANT SELECT ON org.user_account TO mtl_reader, mtl_bi;
SELECT audit.track('org.user_account', 'home_unit_id');

-- Grants: a role reads the grants that apply to it; admins read, add and remove grants on the
-- units they cover for every BU, and nothing else, so nobody can widen their own scope.
ALTER TABLE org.grant ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON org.grant TO mtl_owner USING (true) WITH CHECK (true);
CREATE POLICY read_own ON org.grant FOR SELECT TO mtl_reader, mtl_bi
    USING (id IN (SELECT e.id FROM org.effective_grant e));
CREATE POLICY admin_read ON org.grant FOR SELECT TO mtl_admin
    USING (unit_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
CREATE POLICY admin_insert ON org.grant FOR INSERT TO mtl_admin
    WITH CHECK (unit_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
CREATE POLICY admin_delete ON org.grant FOR DELETE TO mtl_admin
    USING (unit_id = ANY ((SELECT org.visible_units_all_bus())::bigint[]));
GRANT SELECT ON org.grant TO mtl_reader, mtl_bi;
GRANT INSERT, DELETE ON org.grant TO mtl_admin;
SELECT audit.track('org.grant', 'unit_id', 'bu_id');

GRANT SELECT ON org.effective_grant TO mtl_reader, mtl_bi, mtl_scheduler;

-- Audit events: admins read the events of the units (and BUs) they cover; HQ admins read all.
-- Only audit.capture(), running as mtl_owner, inserts.
ALTER TABLE audit.event ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON audit.event TO mtl_owner USING (true) WITH CHECK (true);
DO $$
BEGIN
    EXECUTE format('CREATE POLICY admin_read ON audit.event FOR SELECT TO mtl_admin USING (%s)',
                   org.scope_condition('unit_id', 'bu_id', false));
END
$$;
GRANT SELECT ON audit.event TO mtl_admin;
