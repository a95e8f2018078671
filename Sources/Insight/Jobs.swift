import Scheduler

/// The job kinds of market insight, registered by the composition root (`MTLModules`).
public enum InsightJobs {
    public static let kinds: [JobKind] = []
}
