import PGKit

/// The security invariants a migrated database must hold, checked against its catalog
/// (`mtl db check`, and `mtl db status`).
///
/// A database can look healthy and hold none of them: restored onto a new cluster without the
/// roles first (`pg_dumpall --roles-only`), it loses every policy and its tables belong to
/// whoever restored them; cloned with `CREATE DATABASE … TEMPLATE`, or restored without
/// `--create`, it loses its own privileges; a BI login made by hand misses its session limits.
/// The SQL lives here, in the binary, rather than in the database it checks.
public enum SecurityCheck {
    /// One broken invariant: what is wrong, where, and what to do. Read from the columns check,
    /// object, problem and fix (PGKit's rows from Decodable).
    public struct Violation: Sendable, Codable, Equatable, PGRecord {
        /// A short name for the invariant (`group_role`, `table_owner`, `rls`, `policies`, …).
        public var check: String
        /// The object: a role, a table, a function, the database.
        public var object: String
        public var problem: String
        public var fix: String

        public init(check: String, object: String, problem: String, fix: String) {
            (self.check, self.object, self.problem, self.fix) = (check, object, problem, fix)
        }

    }

    /// The group roles and what each must be a member of.
    static let groupRoles = ["mtl_owner", "mtl_reader", "mtl_editor", "mtl_approver", "mtl_admin", "mtl_bi", "mtl_scheduler"]
    static let memberships = [("mtl_reader", "mtl_editor"), ("mtl_reader", "mtl_approver"), ("mtl_editor", "mtl_admin"),
                              ("mtl_approver", "mtl_admin"), ("mtl_bi", "mtl_scheduler")]
    /// The schemas whose tables must be secured.
    static let schemas = ["org", "mi", "mm", "dg", "sce", "mqa", "approval", "audit", "scheduler"]
    /// What restoring the roles first would have brought back.
    static let restoreHint = "restore the roles first (pg_dumpall --roles-only on the old cluster, psql -f on the new one), then the database; see docs/operations.md"

    /// Every violation, in a stable order (none on a healthy database).
    public static func run(on db: PGConnection) async throws -> [Violation] {
        let migrated = try await db.fetchValue("SELECT to_regprocedure('org.bi_login_settings()') IS NOT NULL", as: Bool.self) ?? false
        guard migrated else {
            return [Violation(check: "migrations", object: "database", problem: "is not migrated (it has no org.bi_login_settings())",
                              fix: "run mtl db migrate")]
        }
        var found: [Violation] = []
        found += try await db.fetchAll(roles)
        // The rest names the group roles; without them the catalog cannot be asked about them.
        guard found.allSatisfy({ $0.check != "group_role" || !$0.problem.hasPrefix("missing") }) else { return found }
        found += try await db.fetchAll(tables)
        found += try await db.fetchAll(functions)
        found += try await db.fetchAll(biLogins)
        found += try await db.fetchAll(database)
        return found
    }

    static var roles: SQL {
        let pairs = memberships.map { "\($0.0):\($0.1)" }
        return """
            SELECT 'group_role' AS "check", r.name AS object, 'missing: the group role does not exist in this cluster' AS problem,
                   \(restoreHint)::text AS fix
            FROM unnest(\(groupRoles)::text[]) r(name) WHERE to_regrole(r.name) IS NULL
            UNION ALL
            SELECT 'group_role', g.rolname::text,
                   concat_ws(', ', CASE WHEN g.rolcanlogin THEN 'can log in' END, CASE WHEN g.rolsuper THEN 'is a superuser' END,
                             CASE WHEN g.rolbypassrls THEN 'bypasses RLS' END, CASE WHEN g.rolreplication THEN 'may replicate' END,
                             CASE WHEN g.rolcreatedb THEN 'may create databases' END,
                             CASE WHEN g.rolcreaterole AND g.rolname <> 'mtl_owner' THEN 'may create roles' END,
                             CASE WHEN NOT g.rolcreaterole AND g.rolname = 'mtl_owner' THEN 'cannot create roles (org.create_user needs it)' END),
                   'ALTER ROLE ' || g.rolname || ' NOLOGIN NOSUPERUSER NOBYPASSRLS NOREPLICATION NOCREATEDB, and CREATEROLE for mtl_owner only (V0001, V0002)'
            FROM pg_roles g WHERE g.rolname = ANY (\(groupRoles)::text[])
              AND (g.rolcanlogin OR g.rolsuper OR g.rolbypassrls OR g.rolreplication OR g.rolcreatedb
                   OR g.rolcreaterole <> (g.rolname = 'mtl_owner'))
            UNION ALL
            SELECT 'group_role', split_part(p, ':', 2), 'is not a member of ' || split_part(p, ':', 1),
                   'GRANT ' || split_part(p, ':', 1) || ' TO ' || split_part(p, ':', 2)
            FROM unnest(\(pairs)::text[]) p
            WHERE to_regrole(split_part(p, ':', 1)) IS NOT NULL AND to_regrole(split_part(p, ':', 2)) IS NOT NULL
              AND NOT pg_has_role(split_part(p, ':', 2), split_part(p, ':', 1), 'MEMBER')
            UNION ALL
            SELECT 'group_role', m.rolname::text, 'is a member of mtl_owner, so row-level security does not apply to it',
                   'REVOKE mtl_owner FROM ' || m.rolname || ' (only the migrating role belongs to it)'
            FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member
            WHERE a.roleid = to_regrole('mtl_owner') AND NOT m.rolsuper AND m.rolname IN (SELECT u.role_name FROM org.user_account u)
            ORDER BY 1, 2, 3
            """
    }

    static var tables: SQL {
        """
        WITH t AS (
            SELECT c.oid, n.nspname || '.' || c.relname AS name, c.relowner::regrole::text AS owner, c.relrowsecurity, c.relforcerowsecurity,
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                   EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'owner_all'
                           AND p.polroles = ARRAY[to_regrole('mtl_owner')::oid]) AS owner_policy,
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid
                    AND pg_get_expr(coalesce(p.polqual, p.polwithcheck), c.oid) LIKE '%visible_units%') AS scoped,
                   EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'unit_id' AND NOT a.attisdropped) AS tenant,
                   EXISTS (SELECT FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE a.grantee = 0) AS public_access
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (\(schemas)::text[]) AND NOT c.relispartition
        ),
        -- Partitions (the audit trail's months, V0038) are reached through their parent only:
        -- row-level security forced with no policy, and no grants.
        part AS (
            SELECT n.nspname || '.' || c.relname AS name, c.relrowsecurity AND c.relforcerowsecurity AS forced,
                   EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policies,
                   EXISTS (SELECT FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE a.grantee <> c.relowner) AS granted,
                   c.relowner = to_regrole('mtl_owner') AS owned
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relispartition AND n.nspname = ANY (\(schemas)::text[])
        )
        SELECT 'table_owner' AS "check", name AS object, 'belongs to ' || owner || ', not mtl_owner' AS problem,
               'ALTER TABLE ' || name || ' OWNER TO mtl_owner; ' || \(restoreHint) AS fix
        FROM t WHERE owner <> 'mtl_owner'
        UNION ALL
        SELECT 'rls', name, concat_ws(' and ', CASE WHEN NOT relrowsecurity THEN 'row-level security is off' END,
                                      CASE WHEN NOT relforcerowsecurity THEN 'not forced' END),
               'ALTER TABLE ' || name || ' ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY'
        FROM t WHERE NOT (relrowsecurity AND relforcerowsecurity)
        UNION ALL
        SELECT 'policies', name,
               CASE WHEN policies = 0 THEN 'has no policies: nobody but its owner reads it'
                    WHEN NOT owner_policy THEN 'has no owner_all policy for mtl_owner'
                    WHEN policies < 2 THEN 'has no policy for people'
                    ELSE 'has a unit_id but no policy scoped by org.visible_units*()' END,
               \(restoreHint)
        FROM t WHERE policies < 2 OR NOT owner_policy OR (tenant AND scoped = 0)
        UNION ALL
        SELECT 'privileges', name, 'grants privileges to PUBLIC', 'REVOKE ALL ON ' || name || ' FROM PUBLIC'
        FROM t WHERE public_access
        UNION ALL
        SELECT 'partition', name, concat_ws(', ', CASE WHEN NOT owned THEN 'does not belong to mtl_owner' END,
                                            CASE WHEN NOT forced THEN 'row-level security is not forced' END,
                                            CASE WHEN has_policies THEN 'has policies of its own' END,
                                            CASE WHEN granted THEN 'grants privileges' END),
               'a partition is read through its parent only: SELECT audit.secure_partition(''' || name || '''), and drop its policies and grants'
        FROM part WHERE NOT owned OR NOT forced OR has_policies OR granted
        ORDER BY 1, 2
        """
    }

    static var functions: SQL {
        """
        SELECT 'definer_function' AS "check", p.oid::regprocedure::text AS object,
               concat_ws(', ', CASE WHEN p.proowner <> to_regrole('mtl_owner') THEN 'belongs to ' || p.proowner::regrole::text || ', not mtl_owner' END,
                         CASE WHEN NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, pg_temp', 'search_path=pg_catalog,pg_temp'], false)
                              THEN 'has no fixed search_path' END,
                         CASE WHEN has_function_privilege('public', p.oid, 'EXECUTE') THEN 'PUBLIC may execute it' END) AS problem,
               'SECURITY DEFINER functions belong to mtl_owner, SET search_path = pg_catalog, pg_temp, and are granted to the roles that need them: run mtl db migrate; ' || \(restoreHint) AS fix
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prosecdef AND n.nspname = ANY (\(schemas + ["reporting"])::text[])
          AND (p.proowner <> to_regrole('mtl_owner')
               OR NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, pg_temp', 'search_path=pg_catalog,pg_temp'], false)
               OR has_function_privilege('public', p.oid, 'EXECUTE'))
        ORDER BY 2
        """
    }

    /// The BI logins of this database's people (roles belong to the cluster, and another
    /// database on it has people of its own).
    static var biLogins: SQL {
        """
        SELECT 'bi_login' AS "check", r.rolname::text AS object, 'lacks ' || string_agg(s, ', ' ORDER BY s) AS problem,
               'every BI login carries the BI limits itself (role settings do not pass to members): ALTER ROLE '
                   || quote_ident(r.rolname) || ' SET … for each, or as mtl_owner: SELECT org.apply_bi_login_settings(''' || r.rolname || ''')' AS fix
        FROM pg_roles r CROSS JOIN unnest(org.bi_login_settings()) s
        WHERE r.rolcanlogin AND pg_has_role(r.oid, 'mtl_bi', 'MEMBER') AND NOT r.rolsuper
          -- This database's people: roles belong to the whole cluster, which may hold other databases.
          AND r.rolname IN (SELECT a.role_name FROM org.user_account a)
          AND NOT EXISTS (SELECT FROM pg_db_role_setting d WHERE d.setrole = r.oid AND d.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
                          AND s = ANY (d.setconfig))
        GROUP BY r.rolname
        ORDER BY 2
        """
    }

    static var database: SQL {
        """
        WITH acl AS (
            SELECT a.grantee, a.privilege_type FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
            WHERE d.datname = current_database()
        ), expected(role, privilege) AS (
            VALUES ('mtl_reader', 'CONNECT'), ('mtl_bi', 'CONNECT'), ('mtl_scheduler', 'CONNECT'), ('mtl_login', 'CONNECT'), ('mtl_reader', 'TEMPORARY'),
                   ('mtl_scheduler', 'TEMPORARY'), ('mtl_owner', 'TEMPORARY'), ('mtl_owner', 'CREATE')
        )
        SELECT 'database' AS "check", current_database()::text AS object, 'PUBLIC may ' || string_agg(privilege_type, ', ' ORDER BY privilege_type) AS problem,
               'as the database''s owner: SELECT org.secure_database() (a clone or a restore without --create loses the database''s privileges)' AS fix
        FROM acl WHERE grantee = 0 HAVING count(*) > 0
        UNION ALL
        SELECT 'database', current_database()::text, 'BI logins may create temporary tables',
               'as the database''s owner: SELECT org.secure_database()'
        FROM acl WHERE grantee = to_regrole('mtl_bi') AND privilege_type = 'TEMPORARY'
        UNION ALL
        SELECT 'database', current_database()::text, e.role || ' lacks ' || e.privilege,
               'as the database''s owner: SELECT org.secure_database()'
        FROM expected e WHERE NOT EXISTS (SELECT FROM acl WHERE acl.grantee = to_regrole(e.role) AND acl.privilege_type = e.privilege)
        ORDER BY 3
        """
    }
}
