import PGKit

/// A domain error a person can act on: what went wrong and, where it helps, what to do.
///
/// Errors raised by the database (policies, triggers, the SECURITY DEFINER functions) arrive as
/// ``PGError``s whose message and hint are already written for people; ``MTLError`` covers what
/// the services check before asking the database.
public struct MTLError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    public static func unknownUnit(_ code: String) -> MTLError {
        MTLError("unknown unit \(code)", hint: "See the units with: mtl org list")
    }

    public static func unknownBusinessUnit(_ code: String) -> MTLError {
        MTLError("unknown business unit \(code)", hint: "See the BUs with: mtl bu list")
    }

    public static func unknownUser(_ name: String) -> MTLError {
        MTLError("unknown user \(name)", hint: "See the users with: mtl user list")
    }

    /// The connection's role could bypass row-level security.
    public static func privilegedConnection(_ role: String, _ why: String) -> MTLError {
        MTLError("refusing to run as \(role): it is \(why), so row-level security would not apply",
                 hint: "Connect as a person's role (--user NAME), or pass --allow-superuser for first-time setup.")
    }
}
