import Foundation
import MTLCore
import PGKit

/// A touchpoint (`dg.touchpoint`): an activity that touched a lead after its source — the lead
/// came from a summit, then attended a workshop. Attribution models share the lead among them.
public struct Touchpoint: PGRecord, Codable, Equatable {
    public var id: Int64
    public var leadId: Int64
    public var activityId: Int64
    public var touchedAt: Date
    /// cli or import.
    public var source: String

    /// Records that `activity` touched `lead` at `time` (now by default). The activity is one of
    /// the lead's unit or a unit above it, as a lead's source is.
    public static func record(lead: Int64, activity: Int64, at time: Date? = nil, on db: PGConnection) async throws -> Touchpoint {
        _ = try await Lead.require(id: lead, on: db)
        _ = try await Activity.require(id: activity, on: db)
        let id = try await explainingDenials(scope: "lead \(lead) is outside your write scope", capability: "only editors and admins record touchpoints") {
            try await db.fetchValue("""
                INSERT INTO dg.touchpoint (lead_id, activity_id, touched_at) VALUES (\(lead), \(activity), coalesce(\(time), now()))
                RETURNING id
                """, as: Int64.self)
        }
        guard let id, let touchpoint = try await db.fetchOne(
            "SELECT id, lead_id, activity_id, touched_at, source FROM dg.touchpoint WHERE id = \(id)", as: Touchpoint.self) else {
            throw DemandError.notSaved("touchpoint")
        }
        return touchpoint
    }
}
