import PGKit
import Testing

/// Runs `body` and expects the database to refuse it with `sqlState` and a message containing
/// `fragment`.
@discardableResult
public func expectRefusal(_ sqlState: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () async throws -> Void) async -> PGError? {
    do {
        try await body()
        Issue.record("expected SQLSTATE \(sqlState) (\(fragment)), but it succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as PGError {
        #expect(error.sqlState == sqlState && error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record(error, sourceLocation: sourceLocation)
        return nil
    }
}
