import MTLCore

/// The state machines of market insight, listed by the composition root (`MTLModules`); their
/// transitions are data in `org.state_transition` (V0035).
public enum InsightWorkflow {
    public static let machines: [StateMachine] = [
        StateMachine("topic", Topic.State.self), StateMachine("voice", Voice.State.self),
        StateMachine("contribution", Contribution.State.self),
    ]
}
