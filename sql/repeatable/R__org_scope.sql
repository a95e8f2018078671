-- Scope checks for triggers and SECURITY DEFINER functions (DESIGN.md, "Tenancy and security").
--
-- Row-level security checks a new row only after every BEFORE trigger has run, so a trigger that
-- reads or reports anything about another scope would answer before RLS refuses. The rule: a
-- trigger reads other rows as the caller (SECURITY INVOKER, so RLS hides what the caller may not
-- see), and checks that the row is in the caller's write scope before it checks anything else;
-- a row or a referenced row outside the scope is refused with the error RLS itself gives
-- (42501, "new row violates row-level security policy for table …"), which names nothing but
-- the table. A SECURITY DEFINER trigger is preceded by an invoker trigger that does the same
-- (named to fire first: triggers fire in name order).

-- Refuses a row as RLS would: the same SQLSTATE and message, nothing from the row.
CREATE OR REPLACE FUNCTION org.refuse_out_of_scope(table_name text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'new row violates row-level security policy for table "%"', table_name
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- True for the roles no scope limits: mtl_owner (which runs the SECURITY DEFINER functions and
-- the migrations) and superusers.
CREATE OR REPLACE FUNCTION org.is_unrestricted(who name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
RETURN who = 'mtl_owner' OR coalesce((SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = who), false);

-- Refuses (as RLS would) a row of `table_name` whose unit and BU are outside the current role's
-- write scope (org.in_write_scope). mtl_owner, which runs the SECURITY DEFINER functions, and
-- superusers are not limited.
CREATE OR REPLACE FUNCTION org.require_write_scope(table_name text, unit_id bigint, bu_id bigint) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
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

GRANT EXECUTE ON FUNCTION org.refuse_out_of_scope(text), org.require_write_scope(text, bigint, bigint), org.is_unrestricted(name)
    TO mtl_reader, mtl_scheduler;
