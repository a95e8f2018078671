import ArgumentParser
import Foundation
import PGKit

extension DB {
    /// `mtl db pooler-auth`: lets PgBouncer look people up in the database (`auth_query`), so a
    /// person added with `mtl user add` logs in through the pooler at once, with no auth file to
    /// keep in step.
    struct PoolerAuth: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pooler-auth",
            abstract: "Set up PgBouncer's auth_query: a lookup role and function, and the pooler's auth file for that role.",
            discussion: """
                Run as a superuser (only a superuser reads password verifiers), once per database and again to \
                rotate the lookup role's password. It creates (or updates) the login ROLE, which may only call \
                pooler.user_secret(name): the SCRAM verifier of a login that may connect to this database (people, BI logins, \
                workers), and nothing for superusers, BYPASSRLS or replication roles, the migrating role, or the lookup role itself. \
                It writes the role's password to the auth file PgBouncer reads for auth_user (keeping the one the file \
                holds already, unless --rotate), and prints the pgbouncer.ini lines to use. See docs/operations.md.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The lookup login PgBouncer connects as (auth_user).", valueName: "name"))
        var role = "mtl_pooler"

        @Option(help: ArgumentHelp("Where to write PgBouncer's auth file (auth_file) with the lookup role's password; written with mode 0600.",
                                   valueName: "path"))
        var authFile: String

        @Flag(help: "Give the lookup role a new password even when the auth file already holds one (then reload PgBouncer).")
        var rotate = false

        func validate() throws {
            guard role.range(of: "^[a-z_][a-z0-9_.-]{0,62}$", options: .regularExpression) != nil, !role.hasPrefix("pg_") else {
                throw ValidationError("--role must be a lower-case name (a-z, 0-9, _ . -), not starting with pg_")
            }
        }

        func run() async throws {
            let connection = try await global.connect()
            do {
                try await setUp(on: connection)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        }

        private func setUp(on connection: PGConnection) async throws {
            guard try await connection.fetchValue("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", as: Bool.self) == true else {
                throw CLIError("pooler-auth must run as a superuser", hint: "Only a superuser can read password verifiers; connect as one with --database.")
            }
            guard try await connection.fetchValue("SELECT to_regrole('mtl_login') IS NOT NULL", as: Bool.self) == true else {
                throw CLIError("this database is not migrated", hint: "Run mtl db migrate first.")
            }
            let file = URL(filePath: authFile).standardizedFileURL
            let kept = rotate ? nil : Self.password(of: role, in: file)
            let password = kept ?? Self.newPassword()
            let verifier = try await connection.encryptPassword(password, user: role)
            let database = try await connection.fetchValue("SELECT current_database()::text", as: String.self) ?? ""
            try await connection.transaction { db in
                try await db.executeScript(unsafeSQL: Self.setupSQL(role: role, verifier: verifier, database: database))
            }
            let line = "\(Self.authFileQuoted(role)) \(Self.authFileQuoted(password))\n"
            guard FileManager.default.createFile(atPath: file.path, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CLIError("cannot write \(file.path)", hint: "Give --auth-file a path in a folder you may write to.")
            }
            chmod(file.path, 0o600)
            print("""
                PgBouncer can now look up the people of \(database) through \(role).
                \(kept == nil ? "wrote \(file.path) with a new password for \(role) (reload PgBouncer if it runs: SIGHUP or RELOAD)" : "kept the password of \(role) in \(file.path) (--rotate for a new one)"); keep the file readable by PgBouncer only
                In pgbouncer.ini:
                  [databases]
                  \(database) = host=… port=… dbname=\(database) auth_user=\(role)
                  [pgbouncer]
                  auth_type = scram-sha-256
                  auth_file = \(file.path)
                  auth_query = SELECT username, password FROM pooler.user_secret($1)
                  pool_mode = transaction
                """)
        }

        /// The lookup schema, function and role. The function runs as its owner (a superuser)
        /// and answers for the logins that may connect to this database (`org.secure_database`
        /// grants CONNECT to the mtl group roles only, so: people, BI logins, workers), never for
        /// a superuser, a BYPASSRLS or replication role, a member of mtl_owner (the migrating
        /// role), or the lookup role itself.
        /// `name` is checked by `validate()` (lower-case letters, digits, _ . -: nothing to escape in a literal).
        static func setupSQL(role name: String, verifier: String, database: String) -> String {
            let role = SQL.quoteIdentifier(name)
            let verifier = "'" + verifier.replacingOccurrences(of: "'", with: "''") + "'"
            return """
                CREATE SCHEMA IF NOT EXISTS pooler;
                REVOKE ALL ON SCHEMA pooler FROM PUBLIC;
                COMMENT ON SCHEMA pooler IS 'PgBouncer''s auth_query lookup (mtl db pooler-auth); nothing else belongs here.';
                CREATE OR REPLACE FUNCTION pooler.user_secret(login text) RETURNS TABLE (username text, password text)
                    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
                    SELECT a.rolname::text, a.rolpassword::text
                    FROM pg_catalog.pg_authid a
                    WHERE a.rolname = login AND a.rolname <> session_user AND a.rolcanlogin AND a.rolpassword IS NOT NULL
                      AND NOT (a.rolsuper OR a.rolbypassrls OR a.rolreplication)
                      AND NOT pg_catalog.pg_has_role(a.oid, 'mtl_owner', 'MEMBER')
                      AND pg_catalog.has_database_privilege(a.oid, pg_catalog.current_database(), 'CONNECT')
                $$;
                COMMENT ON FUNCTION pooler.user_secret(text) IS 'The SCRAM verifier of a person of this system, for PgBouncer''s auth_query; nothing for anyone else.';
                REVOKE ALL ON FUNCTION pooler.user_secret(text) FROM PUBLIC;
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN
                        CREATE ROLE \(role) LOGIN NOINHERIT;
                    END IF;
                END $$;
                ALTER ROLE \(role) LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD \(verifier);
                GRANT CONNECT ON DATABASE \(SQL.quoteIdentifier(database)) TO \(role);
                GRANT USAGE ON SCHEMA pooler TO \(role);
                GRANT EXECUTE ON FUNCTION pooler.user_secret(text) TO \(role);
                """
        }

        /// The password the auth file holds for `role`, if it holds one.
        static func password(of role: String, in file: URL) -> String? {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            let prefix = authFileQuoted(role) + " "
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
            let quoted = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else { return nil }
            return String(quoted.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }

        /// A value in PgBouncer's auth file: in double quotes, a double quote written twice.
        static func authFileQuoted(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        /// 32 random letters and digits.
        static func newPassword() -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }
}
