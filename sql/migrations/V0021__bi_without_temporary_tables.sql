-- mtl:run-as-migrator (revokes a privilege V0001 granted as the migrating role)
-- V0021: BI tools read; they have no use for temporary tables (issue 15). TEMPORARY is a
-- privilege, so revoking it from the group role does reach its members (unlike role settings).

DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM mtl_bi', current_database());
END
$$;
