import PGKit

/// What a person may do: each is one of the `mtl_*` group roles (DESIGN.md).
public enum Capability: String, Codable, Sendable, CaseIterable, PGCodable {
    /// Reads the rows of their units and BUs.
    case reader
    /// Reads and writes within their scope.
    case editor
    /// Reads, and approves within their scope.
    case approver
    /// Edits and approves; manages units, users and grants within their scope.
    case admin
    /// BI tools: reads the reporting schema only.
    case bi
    /// A worker process (`mtl scheduler run`): runs jobs and fires schedules; created at HQ.
    case scheduler

    /// The group role a person with this capability belongs to.
    public var groupRole: String { "mtl_" + rawValue }
}
