import Demand
import Enablement
import Insight
import MTLCore
import Market
import Quality
import Scheduler

/// The composition root: every module's job kinds and approval kinds, in one place the CLI and
/// the benchmarks start from. A new module adds its one line to ``all``; nothing else outside its
/// own folder changes.
public enum Modules {
    /// What one module brings: its job kinds (the workers' registry), its approval kinds, its
    /// state machines and its quality rules.
    public struct Module: Sendable {
        public let name: String
        public let jobKinds: [JobKind]
        public let approvalKinds: [ApprovalRequest.Kind]
        public var stateMachines: [StateMachine] = []
        public var qualityRules: [QualityRuleCode] = []
        /// Capabilities of its own (a group role registered in `org.capability`).
        public var capabilities: [Capability] = []
    }

    /// Every module, one line each.
    public static let all: [Module] = [
        Module(name: "market", jobKinds: MarketJobs.kinds, approvalKinds: MarketApprovals.kinds, stateMachines: MarketWorkflow.machines,
               qualityRules: MarketQuality.rules),
        Module(name: "demand", jobKinds: DemandJobs.kinds, approvalKinds: DemandApprovals.kinds, stateMachines: DemandWorkflow.machines,
               qualityRules: DemandQuality.rules),
        Module(name: "quality", jobKinds: QualityJobs.kinds, approvalKinds: QualityApprovals.kinds, stateMachines: QualityWorkflow.machines),
        Module(name: "insight", jobKinds: InsightJobs.kinds, approvalKinds: [], stateMachines: InsightWorkflow.machines,
               qualityRules: InsightQuality.rules),
        Module(name: "enablement", jobKinds: EnablementJobs.kinds, approvalKinds: [], stateMachines: EnablementWorkflow.machines,
               qualityRules: EnablementQuality.rules, capabilities: EnablementAccess.capabilities),
    ]

    /// The job kinds every `mtl scheduler run` worker knows: the scheduler's housekeeping and
    /// every module's.
    public static let jobKinds = JobRegistry(JobKind.housekeeping + all.flatMap(\.jobKinds))

    /// The approval kinds the CLI knows (`mtl approvals list --kind`), pinned to `approval.kind`
    /// by a catalog test.
    public static let approvalKinds: [ApprovalRequest.Kind] = all.flatMap(\.approvalKinds)

    /// The state machines of every module, pinned to `org.state_machine` by a catalog test.
    public static let stateMachines: [StateMachine] = all.flatMap(\.stateMachines)

    /// Every capability a person can have, the core's first, pinned to `org.capability` by a
    /// catalog test.
    public static let capabilities: [Capability] = Capability.core + all.flatMap(\.capabilities)

    /// The quality rules every module registers, pinned to `mqa.rule` by a catalog test.
    public static let qualityRules: [QualityRuleCode] = all.flatMap(\.qualityRules)
}
