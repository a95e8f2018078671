/// A refusal by a module's service, in the module's own terms: each module has its own error
/// type (an enum whose cases tests match), and the CLI words what a person should do about each
/// case, naming its commands (`Sources/MTLCLI/Hints.swift`).
public protocol DomainError: Error, Sendable, CustomStringConvertible {
    /// What was refused, for people, without commands or flags.
    var message: String { get }
    /// What the rule itself says to do (a format, a range), without commands or flags.
    var advice: String? { get }
}

extension DomainError {
    public var description: String { message }
}
