import MTLCore
import PGKit
import Scheduler

// What seller enablement registers with the composition root (`MTLModules`): its capability,
// state machine, quality rules and job kind. Their database side is in V0037 and
// sql/repeatable/R__sce_*.sql.

extension Capability {
    /// A seller of the front line (`mtl_seller`, registered by V0037): reads enablement material in
    /// scope and records their own uses, ratings, attendance and exam results, nothing else.
    public static let seller = Capability(rawValue: "seller")
}

/// Seller enablement's capabilities (`org.capability` rows of schema sce).
public enum EnablementAccess {
    public static let capabilities: [Capability] = [.seller]
}

/// The state machines of seller enablement; their transitions are data in `org.state_transition`.
public enum EnablementWorkflow {
    public static let machines: [StateMachine] = [StateMachine("material", Material.State.self)]
}

/// The quality rules of seller enablement (`sql/repeatable/R__sce_quality.sql`).
public enum EnablementQuality {
    public static let rules: [QualityRuleCode] = [
        .init("sce.material_rated_low"), .init("sce.material_unused"), .init("sce.material_outdated_parent"), .init("sce.h1_readiness_low"),
    ]
}

/// The job kinds of seller enablement (the daily schedule `enablement.cert_check` is in V0037).
public enum EnablementJobs {
    public static let kinds: [JobKind] = [.enablementCertCheck]
}

extension JobKind {
    /// `enablement.cert_check`: flags certifications expiring soon, expired, or to recertify.
    public static let enablementCertCheck = JobKind("enablement.cert_check", timeout: .seconds(300)) { context in
        let flagged = try await context.db.fetchValue("SELECT sce.flag_certifications()", as: Int32.self) ?? 0
        context.logger.info("certification check done", metadata: ["flagged": "\(flagged)"])
    }
}
