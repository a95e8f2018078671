import Foundation
import MTLCore
import PGKit

/// A voice-of-the-customer entry (`mi.voice`): what a customer said, where and in which mood.
/// Accepted by someone other than its recorder (four-eyes, the database's), it earns its unit
/// credits toward reading other scopes' shared insights.
public struct Voice: PGRecord, Codable, Equatable, Sendable {
    /// An entry's state (machine `voice`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case submitted, accepted, rejected

        public var description: String { rawValue }
    }

    /// Where it was heard (`voice_channel`).
    public enum Channel: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case visit, survey, support, social

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var customer: String
    public var channel: Channel
    public var sentiment: Int16
    public var themes: [String]
    public var verbatim: String
    public var heardOn: String
    public var state: State
    public var recordedBy: String
}

/// Data a unit provided for a topic (`mi.contribution`): the topic's own unit, or one named as
/// a data provider of it (whose people then see the topic and submit for their unit), decided by
/// a researcher of the topic who did not submit it; accepted, it earns the providing unit credits.
public struct Contribution: PGRecord, Codable, Equatable, Sendable {
    /// A contribution's state (machine `contribution`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case submitted, accepted, rejected

        public var description: String { rawValue }
    }

    public var id: Int64
    public var topicId: Int64
    /// The providing unit's code.
    public var provider: String
    public var description: String
    public var uri: String?
    public var state: State
    public var submittedBy: String
}
