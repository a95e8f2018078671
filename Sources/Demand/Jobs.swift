import Foundation
import PGKit
import Scheduler

/// The job kinds of demand generation, registered by the composition root (`MTLModules`). Their
/// database side is in `sql/repeatable/R__dg_leads.sql` (the scheduler's alone).
public enum DemandJobs {
    public static let kinds: [JobKind] = [.leadSLACheck]
}

extension JobKind {
    /// `lead.sla_check`: flags hand-offs waiting past their acceptance SLA.
    public static let leadSLACheck = JobKind("lead.sla_check", timeout: .seconds(300)) { context in
        let flagged = try await SLABreach.flag(on: context.db)
        context.logger.info("lead SLA check done", metadata: ["flagged": "\(flagged)"])
    }
}
