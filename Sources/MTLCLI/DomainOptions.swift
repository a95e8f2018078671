import ArgumentParser
import MTLCore
import PGKit

/// Options of the commands that read or change domain data.
///
/// Those commands refuse a connection that row-level security would not apply to (a superuser,
/// a BYPASSRLS role, a member of mtl_owner) unless `--allow-superuser` is given, which first-time
/// setup needs: creating the first admin.
struct DomainOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Allow a superuser or BYPASSRLS connection (first-time setup only: row-level security does not apply to it).")
    var allowSuperuser = false

    /// A connection whose role row-level security applies to (unless allowed otherwise).
    func connect() async throws -> PGConnection {
        let connection = try await global.connect()
        do {
            try await ConnectionRole.current(on: connection).requireUnprivileged(allowed: allowSuperuser)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Runs `body` on a checked connection and closes it afterwards.
    @discardableResult
    func withConnection<T: Sendable>(_ body: (PGConnection) async throws -> T) async throws -> T {
        let connection = try await connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}
