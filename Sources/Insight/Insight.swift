import Foundation
import MTLCore
import PGKit

/// An insight (`mi.insight`): what research found — about a market, a competitor or customers —
/// with its evidence, confidence and validity, shared with its unit's scope, its region or every
/// unit. Another scope reads a shared insight only while one of its units contributes
/// (contribute to consume, the table's own row-level security: R__mi_credits.sql).
public struct Insight: PGRecord, Codable, Equatable, Sendable {
    /// The three analyses (`insight_kind`).
    public enum Kind: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case market, competitor, customer

        public var description: String { rawValue }
    }

    /// Who may read it (`insight_sharing`): its unit's scope, its region, or every unit.
    public enum Sharing: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case unit, region, global

        public var description: String { rawValue }
    }

    /// How sure its authors are (`insight_confidence`).
    public enum Confidence: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case low, medium, high

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var kind: Kind
    public var title: String
    public var summary: String
    public var confidence: Confidence
    public var sharing: Sharing
    public var topicId: Int64?
    public var author: String
    public var createdAt: Date
}
