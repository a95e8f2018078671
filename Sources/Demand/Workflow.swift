import MTLCore

/// The state machines of demand generation, listed by the composition root (`MTLModules`);
/// their transitions are data in `org.state_transition` (V0023).
public enum DemandWorkflow {
    public static let machines: [StateMachine] = [StateMachine("programme", Programme.State.self), StateMachine("lead", Lead.State.self)]
}
