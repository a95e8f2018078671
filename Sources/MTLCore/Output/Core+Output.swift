// The core's records as output shows them (see ``OutputRecord``).

extension Capability: OutputValueConvertible {}
extension OrgUnit.Kind: OutputValueConvertible {}

extension ApprovalRequest: OutputRecord {
    public static let outputColumns: [OutputColumn<ApprovalRequest>] = [
        .init("mark", data: false) { $0.canDecide ? "*" : "" }, .init("can_decide", table: false) { $0.canDecide },
        .init("id") { $0.id }, .init("kind") { $0.kind }, .init("title") { $0.title },
        .init("scope") { $0.unit + ($0.bu.map { "/" + $0 } ?? "") },
        .init("submitted_by") { $0.submittedBy }, .init("submitted_at") { $0.submittedAt }, .init("state") { $0.state },
        .init("decided_by") { $0.decidedBy }, .init("subject_id", table: false) { $0.subjectId },
        .init("unit", table: false) { $0.unit }, .init("bu", table: false) { $0.bu },
        .init("closed_at", table: false) { $0.closedAt }, .init("decision", table: false) { $0.decision },
        .init("comment", table: false) { $0.comment }, .init("decided_at", table: false) { $0.decidedAt },
    ]
}

extension AuditEvent: OutputRecord {
    public static let outputColumns: [OutputColumn<AuditEvent>] = [
        .init("id") { $0.id }, .init("transaction_time") { $0.transactionTime }, .init("clock_time", table: false) { $0.clockTime },
        .init("actor") { $0.actor }, .init("acting_role", table: false) { $0.actingRole }, .init("table") { $0.table },
        .init("operation") { $0.operation }, .init("unit") { $0.unit }, .init("key") { OutputValue.json($0.key) },
        .init("change", data: false) { $0.changeSummary },
        .init("old_row", table: false) { $0.oldRow.map(OutputValue.json) }, .init("new_row", table: false) { $0.newRow.map(OutputValue.json) },
        .init("transaction_id", table: false) { $0.transactionId },
    ]
}

extension BusinessUnit: OutputRecord {
    public static let outputColumns: [OutputColumn<BusinessUnit>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("active") { $0.active },
    ]
}

extension OrgUnit: OutputRecord {
    public static let outputColumns: [OutputColumn<OrgUnit>] = [
        // The table shows the tree by indentation; CSV and JSON name the parent.
        .init("unit", data: false) { String(repeating: "  ", count: max($0.path.count - 1, 0)) + $0.code },
        .init("code", table: false) { $0.code }, .init("name") { $0.name }, .init("kind") { $0.kind },
        .init("parent", table: false) { $0.parentCode }, .init("time_zone") { $0.timeZone }, .init("currency") { $0.currency },
        .init("active") { $0.active }, .init("path", table: false) { OutputValue.list($0.path.map(OutputValue.text), separator: "/") },
    ]
}

extension OutputValue: OutputValueConvertible {
    public var outputValue: OutputValue { self }
}

extension UserAccount: OutputRecord {
    public static let outputColumns: [OutputColumn<UserAccount>] = [
        .init("name") { $0.name }, .init("role") { $0.capability }, .init("home_unit") { $0.homeUnit },
        .init("grants") { OutputValue.list($0.grants.map(OutputValue.text), separator: ", ") }, .init("can_login") { $0.canLogin },
        .init("created_by", table: false) { $0.createdBy }, .init("created_at", table: false) { $0.createdAt },
        .init("disabled_at", table: false) { $0.disabledAt },
    ]
}

extension UserAccount.VisibleUnit: OutputRecord {
    public static let outputColumns: [OutputColumn<UserAccount.VisibleUnit>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("kind") { $0.kind },
        .init("all_business_units") { $0.allBusinessUnits },
        .init("business_units") { OutputValue.list($0.businessUnits.map(OutputValue.text), separator: ", ") },
    ]
}

extension FxRate: OutputRecord {
    public static let outputColumns: [OutputColumn<FxRate>] = [
        .init("currency") { $0.currency }, .init("to_currency") { $0.toCurrency },
        .init("fiscal_quarter") { "FY\($0.fiscalYear)-Q\($0.quarter)" }, .init("rate") { $0.rate },
        .init("updated_by", table: false) { $0.updatedBy }, .init("updated_at", table: false) { $0.updatedAt },
    ]
}
