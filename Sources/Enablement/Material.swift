import Foundation
import MTLCore
import PGKit

/// An enablement material (`sce.material`, as `sce.material_card` shows it): organised by sales
/// stage, scenario, seller role and segment; global at HQ, regional, or customised in a country,
/// with the material it derives from; versioned; scored by the front line that used it (a
/// Bayesian average of their ratings).
public struct Material: PGRecord, Codable, Equatable, Sendable {
    /// What it is (`material_kind`).
    public enum Kind: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case slides, whitePaper = "white_paper", article, successCase = "success_case", video, tool, document

        public var description: String { rawValue }
    }

    /// Its life cycle (machine `material`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case draft, published, retired

        public var description: String { rawValue }
    }

    public var id: Int64
    public var unit: String
    public var title: String
    public var summary: String
    public var kind: Kind
    public var language: String
    public var uri: String?
    /// global, regional or customised (its unit's level).
    public var tier: String
    public var parentId: Int64?
    public var stages: [String]
    public var scenarios: [String]
    public var roles: [String]
    public var state: State
    /// The current version, such as 2.1.
    public var version: String
    public var versionId: Int64
    public var ratingCount: Int32
    public var score: Decimal?
    public var useCount: Int32
    /// The material it derives from has a newer major version than the one this was built on.
    public var parentOutdated: Bool
    public var createdBy: String
}

/// A version of a material (`sce.material_version`).
public struct MaterialVersion: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var version: String
    public var changeNote: String
    public var createdBy: String
    public var createdAt: Date
}

/// How many ratings a material has by rater role and country (`sce.rating_tally`): counts only,
/// so that no cell shows one person's score.
public struct RatingTally: PGRecord, Codable, Equatable, Sendable {
    public var role: String
    public var country: String
    public var ratings: Int32
}
