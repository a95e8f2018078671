-- mtl:run-as-migrator (creates the roles, so it cannot run as mtl_owner)
-- V0001: the group roles and one schema per module (DESIGN.md, "Tenancy and security").
-- Roles are cluster-wide, so this file tolerates roles that another database's migration
-- already made. Objects belong to mtl_owner, a NOLOGIN role nobody logs in as.

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['mtl_owner', 'mtl_reader', 'mtl_editor', 'mtl_approver',
                                     'mtl_admin', 'mtl_bi', 'mtl_scheduler'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created meanwhile by a migration of another database
            END;
        END IF;
    END LOOP;
END
$$;

-- Role settings are cluster-wide too: change them only when they differ, so that migrating a
-- second database (or several at once, as the tests do) never rewrites shared catalog rows.
DO $$
DECLARE
    role_name text;
    member text;
    grantee text;
BEGIN
    -- Group roles never log in, whatever state they were found in.
    FOR role_name IN SELECT rolname FROM pg_catalog.pg_roles
                     WHERE rolname LIKE 'mtl\_%' AND rolcanlogin
                       AND rolname IN ('mtl_owner', 'mtl_reader', 'mtl_editor', 'mtl_approver',
                                       'mtl_admin', 'mtl_bi', 'mtl_scheduler') LOOP
        EXECUTE format('ALTER ROLE %I NOLOGIN', role_name);
    END LOOP;

    -- Editors and approvers read; admins edit and approve.
    FOR member, grantee IN VALUES ('mtl_reader', 'mtl_editor'), ('mtl_reader', 'mtl_approver'),
                                  ('mtl_editor', 'mtl_admin'), ('mtl_approver', 'mtl_admin') LOOP
        IF NOT pg_catalog.pg_has_role(grantee, member, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', member, grantee);
        END IF;
    END LOOP;

    -- BI tools: read-only, with a statement timeout.
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_db_role_setting
                   WHERE setrole = 'mtl_bi'::regrole AND setdatabase = 0
                     AND setconfig @> ARRAY['statement_timeout=60s', 'default_transaction_read_only=on']) THEN
        ALTER ROLE mtl_bi SET statement_timeout = '60s';
        ALTER ROLE mtl_bi SET default_transaction_read_only = on;
    END IF;

    -- The migrating role must be able to SET ROLE mtl_owner (a superuser already can).
    IF NOT pg_catalog.pg_has_role(current_user, 'mtl_owner', 'MEMBER') THEN
        EXECUTE format('GRANT mtl_owner TO %I', current_user);
    END IF;
END
$$;

-- Only our roles connect to this database; mtl_owner may create schemas in it.
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO mtl_reader, mtl_bi, mtl_scheduler', current_database());
    EXECUTE format('GRANT CREATE ON DATABASE %I TO mtl_owner', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS org AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS mi AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS mm AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS dg AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS sce AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS mqa AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS approval AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS scheduler AUTHORIZATION mtl_owner;
CREATE SCHEMA IF NOT EXISTS reporting AUTHORIZATION mtl_owner;

-- Domain schemas: people's roles and the scheduler use them; BI tools see reporting only.
GRANT USAGE ON SCHEMA org, mi, mm, dg, sce, mqa, approval, audit, reporting TO mtl_reader, mtl_scheduler;
GRANT USAGE ON SCHEMA scheduler TO mtl_scheduler, mtl_admin;
GRANT USAGE ON SCHEMA reporting TO mtl_bi;
