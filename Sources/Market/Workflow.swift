import MTLCore

/// The state machines of market management, listed by the composition root (`MTLModules`);
/// their transitions are data in `org.state_transition` (V0023).
public enum MarketWorkflow {
    public static let machines: [StateMachine] = [StateMachine("msp", MSP.State.self), StateMachine("framework", Framework.State.self)]
}
