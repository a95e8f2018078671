import MTLCore

// Seller enablement's records as output shows them: declared once, used by list and show in
// every format (the table shows the columns marked for it).

extension Material: OutputRecord {
    public static let outputColumns: [OutputColumn<Material>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("tier") { $0.tier }, .init("kind") { $0.kind }, .init("title") { $0.title },
        .init("version") { $0.version }, .init("state") { $0.state }, .init("score") { $0.score }, .init("ratings") { $0.ratingCount },
        .init("uses") { $0.useCount }, .init("outdated") { $0.parentOutdated }, .init("language", table: false) { $0.language },
        .init("parent_id", table: false) { $0.parentId }, .init("stages", table: false) { $0.stages.joined(separator: " ") },
        .init("scenarios", table: false) { $0.scenarios.joined(separator: " ") }, .init("roles", table: false) { $0.roles.joined(separator: " ") },
        .init("uri", table: false) { $0.uri }, .init("summary", table: false) { $0.summary }, .init("created_by", table: false) { $0.createdBy },
    ]
}

extension MaterialVersion: OutputRecord {
    public static let outputColumns: [OutputColumn<MaterialVersion>] = [
        .init("version") { $0.version }, .init("change_note") { $0.changeNote }, .init("created_by") { $0.createdBy },
        .init("created_at") { $0.createdAt },
    ]
}

extension RatingTally: OutputRecord {
    public static let outputColumns: [OutputColumn<RatingTally>] = [
        .init("role") { $0.role }, .init("country") { $0.country }, .init("ratings") { $0.ratings },
    ]
}

extension Kit: OutputRecord {
    public static let outputColumns: [OutputColumn<Kit>] = [
        .init("unit") { $0.unit }, .init("code") { $0.code }, .init("title") { $0.title }, .init("scenario") { $0.scenario },
        .init("steps") { $0.items }, .init("description", table: false) { $0.description },
    ]
}

extension KitItem: OutputRecord {
    public static let outputColumns: [OutputColumn<KitItem>] = [
        .init("step_no") { Int64($0.position) }, .init("step") { $0.step }, .init("use") { $0.what }, .init("material_id") { $0.materialId },
        .init("version") { $0.version }, .init("score") { $0.score }, .init("note") { $0.note },
    ]
}

extension Seller: OutputRecord {
    public static let outputColumns: [OutputColumn<Seller>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("bu") { $0.bu }, .init("name") { $0.name }, .init("role") { $0.role },
        .init("login") { $0.login }, .init("active") { $0.active }, .init("certifications") { $0.certifications },
    ]
}

extension Certification: OutputRecord {
    public static let outputColumns: [OutputColumn<Certification>] = [
        .init("id") { $0.id }, .init("seller") { $0.seller }, .init("unit") { $0.unit }, .init("exam") { $0.exam }, .init("role") { $0.role },
        .init("segment") { $0.segment }, .init("granted_on") { $0.grantedOn }, .init("expires_on") { $0.expiresOn }, .init("status") { $0.status },
    ]
}

extension Readiness: OutputRecord {
    public static let outputColumns: [OutputColumn<Readiness>] = [
        .init("segment") { $0.segment }, .init("horizon") { $0.horizon }, .init("role") { $0.role }, .init("sellers") { $0.sellers },
        .init("certified") { $0.certified }, .init("share") { $0.share },
    ]
}

extension ExamResult: OutputRecord {
    public static let outputColumns: [OutputColumn<ExamResult>] = [
        .init("id") { $0.id }, .init("exam") { $0.exam }, .init("seller") { $0.seller }, .init("score") { $0.score },
        .init("passed") { $0.passed }, .init("confirmed") { $0.confirmed }, .init("taken_on") { $0.takenOn }, .init("recorded_by") { $0.recordedBy },
    ]
}
