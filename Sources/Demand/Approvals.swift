import MTLCore

/// The approval kinds of demand generation, listed by the composition root (`MTLModules`). Their
/// database side is in `sql/repeatable/R__dg_budgets.sql` (`approval.kind`).
public enum DemandApprovals {
    public static let kinds: [ApprovalRequest.Kind] = [.budget]
}

extension ApprovalRequest.Kind {
    /// A programme's budget request (initial or change); the first approved one approves the
    /// programme.
    public static let budget = Self("budget")
}
