import MTLCore

/// The state machine of quality assurance, listed by the composition root (`MTLModules`); its
/// transitions are data in `org.state_transition` (V0028).
public enum QualityWorkflow {
    public static let machines: [StateMachine] = [StateMachine("finding", Finding.State.self)]
}
