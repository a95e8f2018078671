import Foundation
import CLibPQ

extension PGConnection {
    /// The server-side form of a password: a SCRAM-SHA-256 verifier computed here, with the
    /// server's `password_encryption` algorithm, so the clear password never leaves the client
    /// (what psql's `\password` does). Use the result in `ALTER ROLE … PASSWORD`.
    public func encryptPassword(_ password: String, user: String) throws(PGError) -> String {
        let handle = try live()
        guard let encrypted = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
            throw PGError(.client, "cannot encrypt the password: \(String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        defer { PQfreemem(encrypted) }
        return String(cString: encrypted)
    }
}
