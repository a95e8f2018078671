-- mtl:run-as-migrator (a database's privileges are granted by its owner)
-- The database's own privileges, in one function (first in V0021, issue 15; moved here when the
-- scorecards needed one more). A database's ACL is not copied by CREATE DATABASE … TEMPLATE, nor
-- restored by pg_restore without --create: a clone or a restore starts with PUBLIC allowed to
-- connect and to create temporary tables, and org.secure_database() sets them again; `mtl db
-- check` reports a database whose ACL differs. BI tools read and have no use for temporary tables
-- (a privilege, so revoking it from mtl_bi does reach its members, unlike role settings). The
-- owner, nobody's login, may create temporary tables because REFRESH MATERIALIZED VIEW
-- CONCURRENTLY makes them as the view's owner (the scorecards, V0029). Owned by the migrating
-- role (the database's owner or a superuser), which alone can revoke what PUBLIC holds by
-- default; nobody else may run it.

CREATE OR REPLACE FUNCTION org.secure_database() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM mtl_bi', current_database());
    -- mtl_login: the group roles of capabilities that modules register (V0036).
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO mtl_reader, mtl_bi, mtl_scheduler, mtl_login', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO mtl_reader, mtl_scheduler, mtl_owner', current_database());
    EXECUTE format('GRANT CREATE ON DATABASE %I TO mtl_owner', current_database());
END
$$;
REVOKE ALL ON FUNCTION org.secure_database() FROM PUBLIC;
COMMENT ON FUNCTION org.secure_database() IS 'Sets the database''s privileges (connect: mtl roles only; no temporary tables for BI). Run by the database''s owner after a clone or a restore.';

SELECT org.secure_database();
