import PGKit

extension PGError {
    /// A write refused by a row-level security policy (the row is outside the caller's scope).
    public var isRowSecurityViolation: Bool {
        isInsufficientPrivilege && message.contains("row-level security")
    }

    /// A statement refused for want of a privilege on a table (the caller's capability).
    public var isMissingTablePrivilege: Bool {
        isInsufficientPrivilege && message.hasPrefix("permission denied for")
    }
}

/// Runs `body`, turning the database's refusals of scope and capability into messages that say
/// what was refused and why. Every other error passes through: the database's own messages (state
/// machines, four-eyes, limits) are already written for people.
@discardableResult
public func explainingDenials<T>(scope: @autoclosure () -> String, capability: @autoclosure () -> String,
                                 _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PGError where error.isRowSecurityViolation {
        throw CoreError.outOfScope(scope())
    } catch let error as PGError where error.isMissingTablePrivilege {
        throw CoreError.notPermitted(capability())
    }
}

/// ``explainingDenials(scope:capability:_:)`` for an UPDATE or DELETE that must change a row:
/// row-level security hides rows outside the caller's write scope, so "nothing changed" is the
/// scope refusal and is reported as one. Returns the number of rows changed.
@discardableResult
public func changingInScope(scope: @autoclosure () -> String, capability: @autoclosure () -> String,
                            _ body: () async throws -> Int) async throws -> Int {
    let changed = try await explainingDenials(scope: scope(), capability: capability(), body)
    if changed == 0 { throw CoreError.outOfScope(scope()) }
    return changed
}
