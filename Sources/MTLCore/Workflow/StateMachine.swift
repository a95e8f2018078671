/// A module's state machine as Swift knows it: its name in `org.state_machine` and the states of
/// its Swift enum. A module lists its machines (`…Workflow.machines`) for the composition root;
/// a catalog test pins each to its table's CHECK, its transitions and its
/// `org.enforce_transition` trigger, so a new module's machine is checked without editing the
/// test.
public struct StateMachine: Sendable, Equatable {
    public let name: String
    public let states: Set<String>

    /// The machine `name` over the cases of `State`.
    public init<State: CaseIterable & RawRepresentable>(_ name: String, _ state: State.Type) where State.RawValue == String {
        self.name = name
        self.states = Set(State.allCases.map(\.rawValue))
    }
}
