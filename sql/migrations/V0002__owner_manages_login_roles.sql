-- mtl:run-as-migrator (changes a role attribute, which mtl_owner cannot do to itself)
-- V0002: people are PostgreSQL LOGIN roles, created and disabled by admins through the
-- SECURITY DEFINER functions of org (V0007). Those functions belong to mtl_owner, so mtl_owner
-- needs CREATEROLE. Nobody logs in as mtl_owner; only those fixed functions use the attribute,
-- after checking the caller's admin scope.

DO $$
BEGIN
    IF NOT (SELECT rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = 'mtl_owner') THEN
        ALTER ROLE mtl_owner CREATEROLE;
    END IF;
END
$$;
