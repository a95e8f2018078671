import Demand
import Market
import Scheduler

/// The composition root: every module's job kinds, in one place the CLI and the benchmarks start
/// from. A new module adds its line here; nothing else outside its own folder changes.
public enum Modules {
    /// The job kinds every `mtl scheduler run` worker knows.
    public static let jobKinds = JobRegistry(
        JobKind.housekeeping
            + MarketJobs.kinds
            + DemandJobs.kinds
    )
}
