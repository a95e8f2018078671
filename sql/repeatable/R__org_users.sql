-- People (org.user_account): created through SECURITY DEFINER functions owned by mtl_owner (V0007).

-- Creates a person: a LOGIN role in the group of its capability (org.capability: the core's and
-- those modules register), its account and its first grant.
-- A scheduler login belongs to HQ for every BU. A BI login gets the BI session limits on its own
-- role (org.bi_login_settings): PostgreSQL applies role settings only to the role that logs in.
CREATE OR REPLACE FUNCTION org.create_user(user_name text, capability text, unit_code text,
                                           bu_code text DEFAULT NULL, password_verifier text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    home org.unit;
    bu bigint;
    group_role name;
BEGIN
    PERFORM org.check_user_name(user_name);
    SELECT c.group_role INTO group_role FROM org.capability c WHERE c.code = capability;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown role %', quote_literal(coalesce(capability, ''))
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ' || (SELECT string_agg(c.code, ', ' ORDER BY c.position, c.code) FROM org.capability c) || '.';
    END IF;
    home := org.require_admin_of(unit_code, 'create users');
    IF capability = 'scheduler' AND (home.parent_id IS NOT NULL OR bu_code IS NOT NULL) THEN
        RAISE EXCEPTION 'a scheduler login belongs to HQ for every BU'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use --unit HQ without --bu.';
    END IF;
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
                   user_name, group_role);
    IF password_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', user_name, password_verifier);
    END IF;
    INSERT INTO org.user_account (role_name, capability, home_unit_id, created_by)
    VALUES (user_name, capability, home.id, org.caller());
    INSERT INTO org.grant (role_name, unit_id, bu_id, granted_by)
    VALUES (user_name, home.id, bu, org.caller());
    IF capability = 'bi' THEN
        PERFORM org.apply_bi_login_settings(user_name);
    END IF;
END
$$;

-- Looks up an account the caller administers (by its home unit). An account outside the caller's
-- scope is refused without saying where it belongs (V0007 named its home unit).
CREATE OR REPLACE FUNCTION org.require_account(user_name text, action text) RETURNS org.user_account
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
    IF NOT account.home_unit_id = ANY (org.admin_units_of(org.caller())) THEN
        RAISE EXCEPTION 'permission denied: % cannot %: % is not in a unit you administer', org.caller(), action, quote_literal(user_name)
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only admins whose grants cover a person''s home unit (for every BU) manage their account.';
    END IF;
    RETURN account;
END
$$;

-- Whether a name is a person: a login of an mtl capability, neither a group role nor a superuser
-- (a topic role, a battlecard's owner, a seller's login name people, never mtl_reader or postgres).
-- Reads pg_roles only, so it needs no privilege on org.user_account.
CREATE OR REPLACE FUNCTION org.is_person(who name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
RETURN coalesce((SELECT r.rolcanlogin AND NOT r.rolsuper AND NOT r.rolbypassrls
                        AND (pg_has_role(r.oid, 'mtl_reader', 'MEMBER') OR pg_has_role(r.oid, 'mtl_login', 'MEMBER'))
                 FROM pg_roles r WHERE r.rolname = who), false);
GRANT EXECUTE ON FUNCTION org.is_person(name) TO mtl_reader, mtl_login;
