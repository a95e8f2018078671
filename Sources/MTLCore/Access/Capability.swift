import PGKit

/// What a person may do: each is one of the `mtl_*` group roles (DESIGN.md), registered in
/// `org.capability`. Capabilities are open: the core's six are below; a module that needs a role
/// of its own declares it (`static let` in an extension, listed in its module's `capabilities`)
/// and registers it from its migration; a catalog test pins the two lists together.
public struct Capability: RawRepresentable, Hashable, Codable, Sendable, PGCodable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Reads the rows of their units and BUs.
    public static let reader = Capability(rawValue: "reader")
    /// Reads and writes within their scope.
    public static let editor = Capability(rawValue: "editor")
    /// Reads, and approves within their scope.
    public static let approver = Capability(rawValue: "approver")
    /// Edits and approves; manages units, users and grants within their scope.
    public static let admin = Capability(rawValue: "admin")
    /// BI tools: reads the reporting schema only.
    public static let bi = Capability(rawValue: "bi")
    /// A worker process (`mtl scheduler run`): runs jobs and fires schedules; created at HQ.
    public static let scheduler = Capability(rawValue: "scheduler")

    /// The core's capabilities (`org.capability` rows of schema org).
    public static let core: [Capability] = [.reader, .editor, .approver, .admin, .bi, .scheduler]

    /// The group role a person with this capability belongs to.
    public var groupRole: String { "mtl_" + rawValue }
}
