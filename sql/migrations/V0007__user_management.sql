-- V0007: people. A person is a PostgreSQL LOGIN role, member of one mtl_* group role, with an
-- account row (org.user_account) and grants (org.grant).
--
-- Creating and disabling roles needs CREATEROLE, which no person has: on PostgreSQL 15 a
-- CREATEROLE role could make itself a member of any role, mtl_owner included. These
-- SECURITY DEFINER functions, owned by mtl_owner (CREATEROLE since V0002), do it instead, after
-- checking that the caller is an admin whose grants cover the unit concerned. Names are checked
-- and quoted with format('%I'); passwords arrive as SCRAM verifiers computed by the client, so
-- no plain-text password ever reaches the server or its logs.

-- The role on whose behalf a SECURITY DEFINER function runs: the role set with SET ROLE if any,
-- else the login role. (Inside such a function current_user is the owner.)
CREATE FUNCTION org.caller() RETURNS name
LANGUAGE sql STABLE
RETURN coalesce(nullif(current_setting('role'), 'none'), session_user)::name;

-- The units a role administers: superusers all; members of mtl_admin the subtrees of their
-- grants that cover every BU; everybody else none. Reads org.grant as its caller, so it serves
-- the SECURITY DEFINER functions below only.
CREATE FUNCTION org.admin_units_of(who name) RETURNS bigint[]
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT CASE
        WHEN (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = who)
            THEN ARRAY(SELECT u.id FROM org.unit u)
        WHEN NOT pg_has_role(who, 'mtl_admin', 'MEMBER')
            THEN '{}'::bigint[]
        ELSE org.subtree(ARRAY(SELECT g.unit_id FROM org.grant g
                               WHERE g.bu_id IS NULL
                                 AND pg_has_role(who, to_regrole(quote_ident(g.role_name)), 'MEMBER')))
    END;
END;
REVOKE ALL ON FUNCTION org.admin_units_of(name) FROM PUBLIC;

-- Refuses a user name that is not a plain lower-case name (the CLI checks the same first).
CREATE FUNCTION org.check_user_name(user_name text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF user_name IS NULL OR user_name !~ '^[a-z][a-z0-9_.@-]*$' OR octet_length(user_name) > 63 THEN
        RAISE EXCEPTION 'invalid user name %', quote_literal(coalesce(user_name, ''))
            USING ERRCODE = 'invalid_name',
                  HINT = 'A user name starts with a lower-case letter and has at most 63 of a-z, 0-9, _ . @ -.';
    END IF;
    IF user_name LIKE 'mtl\_%' OR user_name LIKE 'pg\_%' THEN
        RAISE EXCEPTION 'user name % is reserved', quote_literal(user_name)
            USING ERRCODE = 'reserved_name', HINT = 'Names starting with mtl_ or pg_ are kept for system roles.';
    END IF;
END
$$;

-- Checks that the caller administers a unit; returns the unit.
CREATE FUNCTION org.require_admin_of(unit_code text, action text) RETURNS org.unit
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target org.unit;
BEGIN
    SELECT * INTO target FROM org.unit u WHERE u.code = unit_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown unit %', unit_code
            USING ERRCODE = 'no_data_found', HINT = 'See the units with: mtl org list';
    END IF;
    IF NOT target.id = ANY (org.admin_units_of(org.caller())) THEN
        RAISE EXCEPTION 'permission denied: % cannot % in unit %', org.caller(), action, unit_code
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only admins whose grants cover a unit (for every BU) manage its users.';
    END IF;
    RETURN target;
END
$$;
REVOKE ALL ON FUNCTION org.require_admin_of(text, text) FROM PUBLIC;

-- Creates a person: a LOGIN role in the group of its capability, its account and its first grant.
CREATE FUNCTION org.create_user(user_name text, capability text, unit_code text,
                                bu_code text DEFAULT NULL, password_verifier text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    home org.unit;
    bu bigint;
BEGIN
    PERFORM org.check_user_name(user_name);
    IF capability IS NULL OR capability NOT IN ('reader', 'editor', 'approver', 'admin', 'bi') THEN
        RAISE EXCEPTION 'unknown role %', quote_literal(coalesce(capability, ''))
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use reader, editor, approver, admin or bi.';
    END IF;
    home := org.require_admin_of(unit_code, 'create users');
    IF bu_code IS NOT NULL THEN
        SELECT b.id INTO bu FROM org.business_unit b WHERE b.code = bu_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'unknown business unit %', bu_code
                USING ERRCODE = 'no_data_found', HINT = 'See the BUs with: mtl bu list';
        END IF;
    END IF;
    IF EXISTS (SELECT FROM pg_roles r WHERE r.rolname = user_name) THEN
        RAISE EXCEPTION 'a role named % already exists', quote_literal(user_name)
            USING ERRCODE = 'duplicate_object';
    END IF;
    IF password_verifier IS NOT NULL AND password_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the password must be given as a SCRAM-SHA-256 verifier, never as plain text'
            USING ERRCODE = 'invalid_password';
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS IN ROLE %I',
                   user_name, 'mtl_' || capability);
    IF password_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', user_name, password_verifier);
    END IF;
    INSERT INTO org.user_account (role_name, capability, home_unit_id, created_by)
    VALUES (user_name, capability, home.id, org.caller());
    INSERT INTO org.grant (role_name, unit_id, bu_id, granted_by)
    VALUES (user_name, home.id, bu, org.caller());
END
$$;

-- Looks up an account the caller administers (by its home unit).
CREATE FUNCTION org.require_account(user_name text, action text) RETURNS org.user_account
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    account org.user_account;
BEGIN
    SELECT * INTO account FROM org.user_account a WHERE a.role_name = user_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown user %', quote_literal(coalesce(user_name, ''))
            USING ERRCODE = 'no_data_found', HINT = 'See the users with: mtl user list';
    END IF;
    PERFORM org.require_admin_of((SELECT u.code FROM org.unit u WHERE u.id = account.home_unit_id), action);
    RETURN account;
END
$$;
REVOKE ALL ON FUNCTION org.require_account(text, text) FROM PUBLIC;

-- Disables a person: the role can no longer log in; account, grants and history stay.
CREATE FUNCTION org.disable_user(user_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    account org.user_account := org.require_account(user_name, 'disable users');
BEGIN
    IF account.role_name = org.caller() THEN
        RAISE EXCEPTION 'you cannot disable your own account'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Ask another admin.';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', account.role_name);
    UPDATE org.user_account SET disabled_at = now(), disabled_by = org.caller()
    WHERE role_name = account.role_name AND disabled_at IS NULL;
END
$$;

-- Lets a disabled person log in again.
CREATE FUNCTION org.enable_user(user_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    account org.user_account := org.require_account(user_name, 'enable users');
BEGIN
    EXECUTE format('ALTER ROLE %I LOGIN', account.role_name);
    UPDATE org.user_account SET disabled_at = NULL, disabled_by = NULL WHERE role_name = account.role_name;
END
$$;

REVOKE ALL ON FUNCTION org.create_user(text, text, text, text, text), org.disable_user(text), org.enable_user(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION org.create_user(text, text, text, text, text), org.disable_user(text), org.enable_user(text) TO mtl_admin;
