import MTLCore
import Schema

// The migration runner's records as output shows them (see ``OutputRecord``).

extension Migration.Kind: OutputValueConvertible {}
extension MigrationStatus.State: OutputValueConvertible {}

extension MigrationStatus: OutputRecord {
    public static let outputColumns: [OutputColumn<MigrationStatus>] = [
        .init("id") { $0.id }, .init("path") { $0.path }, .init("kind", table: false) { $0.kind }, .init("state") { $0.state },
        .init("applied_at") { $0.appliedAt }, .init("applied_by") { $0.appliedBy },
    ]
}

extension SecurityCheck.Violation: OutputRecord {
    public static let outputColumns: [OutputColumn<SecurityCheck.Violation>] = [
        .init("check") { $0.check }, .init("object") { $0.object }, .init("problem") { $0.problem }, .init("fix") { $0.fix },
    ]
}
