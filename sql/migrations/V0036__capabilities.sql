-- mtl:run-as-migrator (creates the mtl_login role and grants CONNECT, which only the database's owner can)
-- V0036 (issue 20, the seam for modules' own group roles): capabilities become data. A person's
-- capability names a group role; until now the six were written into org.user_account's check,
-- org.create_user and the CLI. A module that needs a role of its own (SCE's mtl_seller, which
-- reads enablement material and writes its own uses, ratings and results, and nothing of the
-- other modules) registers it in org.capability from its own migration: the registration creates
-- the group role and admits it to what every person needs (connecting, the org reference data,
-- their own account and grants, the scope helpers that policies call); the module grants the rest
-- on its own schema. Nothing is inherited from mtl_reader, so a module's role sees nothing of the
-- other modules' tables.

-- Connecting to the database: a privilege of the group roles that module capabilities belong to
-- (org.secure_database() grants it; the core's roles hold it themselves).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'mtl_login') THEN
        BEGIN
            CREATE ROLE mtl_login NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database
        END;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO mtl_login', current_database());
    -- mtl_owner registers capabilities (in a module's migration): it makes module roles members.
    -- Cluster-wide, so changed only when it differs (as in V0001).
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_auth_members m
                   WHERE m.roleid = 'mtl_login'::regrole AND m.member = 'mtl_owner'::regrole AND m.admin_option) THEN
        GRANT mtl_login TO mtl_owner WITH ADMIN OPTION;
    END IF;
END
$$;

-- The rest belongs to mtl_owner, like every other object.
SET LOCAL ROLE mtl_owner;

CREATE TABLE org.capability (
    code         text PRIMARY KEY CONSTRAINT capability_code CHECK (code ~ '^[a-z][a-z_]{1,30}$'),
    -- mtl_<code>, a NOLOGIN group role.
    group_role   name NOT NULL UNIQUE CONSTRAINT capability_group_role CHECK (group_role = 'mtl_' || code),
    -- The schema of the module that registered it (org for the core's).
    owner_schema name NOT NULL,
    description  text NOT NULL CHECK (btrim(description) <> ''),
    position     smallint NOT NULL
);
COMMENT ON TABLE org.capability IS 'What a person may do: each capability is a group role (mtl_<code>). The core''s six, and those modules register from their migrations (SCE''s seller).';
SELECT org.secure_reference_table('org.capability');
-- Registered by migrations only.
REVOKE INSERT, UPDATE, DELETE ON org.capability FROM mtl_admin;

INSERT INTO org.capability (code, group_role, owner_schema, description, position) VALUES
    ('reader', 'mtl_reader', 'org', 'Reads the rows of their units and BUs.', 1),
    ('editor', 'mtl_editor', 'org', 'Reads and writes within their scope.', 2),
    ('approver', 'mtl_approver', 'org', 'Reads, and approves within their scope.', 3),
    ('admin', 'mtl_admin', 'org', 'Edits and approves; manages units, users and grants within their scope.', 4),
    ('bi', 'mtl_bi', 'org', 'BI tools: reads the reporting schema only.', 5),
    ('scheduler', 'mtl_scheduler', 'org', 'A worker process (mtl scheduler run): runs jobs and fires schedules; created at HQ.', 6);

ALTER TABLE org.user_account DROP CONSTRAINT user_account_capability,
    ADD CONSTRAINT user_account_capability FOREIGN KEY (capability) REFERENCES org.capability (code);

-- A module's capability, once registered: its group role exists (cluster-wide, so perhaps made by
-- another database's migration), never logs in, connects, uses schema org, reads the org
-- reference data (every org table with a read_all policy) and its own account and grants
-- (read_own), and may run the org functions granted to readers (the scope helpers policies and
-- triggers call). Runs as mtl_owner, which owns those objects; called by the trigger below.
CREATE FUNCTION org.admit_capability() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = NEW.group_role) THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', NEW.group_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_auth_members m WHERE m.roleid = 'mtl_login'::regrole AND m.member = NEW.group_role::regrole) THEN
        EXECUTE format('GRANT mtl_login TO %I', NEW.group_role);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA org TO %I', NEW.group_role);
    EXECUTE format('GRANT SELECT ON org.effective_grant TO %I', NEW.group_role);
    FOR target IN
        SELECT p.polname, c.oid::regclass AS rel,
               ARRAY(SELECT quote_ident(r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles)) AS roles
        FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.relnamespace = 'org'::regnamespace AND p.polname IN ('read_all', 'read_own')
          AND NOT NEW.group_role::regrole::oid = ANY (p.polroles)
    LOOP
        EXECUTE format('ALTER POLICY %I ON %s TO %s', target.polname, target.rel,
                       array_to_string(target.roles || quote_ident(NEW.group_role), ', '));
        EXECUTE format('GRANT SELECT ON %s TO %I', target.rel, NEW.group_role);
    END LOOP;
    FOR target IN
        SELECT p.oid::regprocedure AS fn
        FROM pg_proc p, aclexplode(p.proacl) a
        WHERE p.pronamespace = 'org'::regnamespace AND a.grantee = 'mtl_reader'::regrole AND a.privilege_type = 'EXECUTE'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', target.fn, NEW.group_role);
    END LOOP;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION org.admit_capability() FROM PUBLIC;
CREATE TRIGGER capability_admitted AFTER INSERT ON org.capability
    FOR EACH ROW EXECUTE FUNCTION org.admit_capability();
