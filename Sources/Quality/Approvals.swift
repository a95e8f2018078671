import MTLCore

/// The approval kinds of quality assurance, listed by the composition root (`MTLModules`). Their
/// database side is in `sql/repeatable/R__mqa_checks.sql` (`approval.kind`).
public enum QualityApprovals {
    public static let kinds: [ApprovalRequest.Kind] = [.findingWaiver]
}

extension ApprovalRequest.Kind {
    /// A request to waive a quality finding; approved, the finding is waived.
    public static let findingWaiver = Self("finding_waiver")
}
