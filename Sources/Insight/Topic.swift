import Foundation
import MTLCore
import PGKit

/// An insight topic (`mi.topic`): the question a business leader or expert sets for a scenario —
/// a project, a customer, a segment, a region or country, or an industry or solution trend. Its
/// life cycle, proposed → accepted → in research → delivered → evaluated (or rejected with a
/// reason, or cancelled), and who may move it, are the database's (R__mi_topics.sql).
public struct Topic: PGRecord, Codable, Equatable, Sendable {
    /// A topic's state (machine `topic` in `org.state_transition`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case proposed, accepted
        case inResearch = "in_research"
        case delivered, evaluated, rejected, cancelled

        public var description: String { rawValue }
    }

    /// What the insight serves (`topic_scenario`).
    public enum Scenario: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case project, customer, segment, region
        case industryTrend = "industry_trend"
        case solutionTrend = "solution_trend"

        public var description: String { rawValue }
    }

    /// How urgent it is (`topic_priority`).
    public enum Priority: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case low, normal, high, critical

        public var description: String { rawValue }
    }

    /// Who does what on a topic (`topic_role_kind`).
    public enum Role: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case setter, researcher
        case dataProvider = "data_provider"
        case consumer, evaluator

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var bu: String?
    public var fiscalYear: Int32
    public var title: String
    public var question: String
    public var scenario: Scenario
    public var dueOn: String
    public var priority: Priority
    public var state: State
    public var rejectionReason: String?
    public var stateChangedAt: Date
    public var createdBy: String
}
