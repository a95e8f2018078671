import MTLCore

/// The state machine of market insight, listed by the composition root (`MTLModules`); its
/// transitions are data in `org.state_transition` (V0035).
public enum InsightWorkflow {
    public static let machines: [StateMachine] = [StateMachine("topic", Topic.State.self)]
}
