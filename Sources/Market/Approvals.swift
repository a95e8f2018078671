import MTLCore

/// The approval kinds of market management, listed by the composition root (`MTLModules`). Their
/// database side — which subject a request is about, and what the subject does when the request
/// closes — is in `sql/repeatable/R__mm_approval_subjects.sql` (`approval.kind`).
public enum MarketApprovals {
    public static let kinds: [ApprovalRequest.Kind] = [.framework, .msp, .quarterlyReview]
}

extension ApprovalRequest.Kind {
    /// The fiscal year's marketing framework, decided by HQ approvers.
    public static let framework = Self("framework")
    /// A Market Segment Plan, decided by approvers of its unit and BU.
    public static let msp = Self("msp")
    /// A quarterly MSP review with its draft plan for the next quarter.
    public static let quarterlyReview = Self("quarterly_review")
}
