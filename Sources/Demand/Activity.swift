import Foundation
import MTLCore
import PGKit

/// A marketing activity of a programme (`dg.activity`): a summit, a workshop, a webinar, … with
/// its dates, planned and actual cost, invited and attended counts, and the assets it used.
///
/// Its cost (actual once known, else planned) counts against the programme's approved budget:
/// the database refuses an activity that would take the programme over it.
public struct Activity: PGRecord, Codable, Equatable {
    /// An activity's state (`dg.activity` CHECK `activity_state`).
    public enum State: String, Codable, Sendable, CaseIterable, PGCodable, OutputValueConvertible, CustomStringConvertible {
        case planned, done, cancelled

        public var description: String { rawValue }
    }

    public var id: Int64
    public var programmeId: Int64
    public var unit: String
    public var bu: String
    public var name: String
    public var type: String
    public var startsOn: String
    public var endsOn: String
    public var plannedCost: Decimal
    public var actualCost: Decimal?
    public var invited: Int32
    public var attended: Int32
    /// planned, done or cancelled.
    public var state: State
    /// The ids of the assets it used.
    public var assets: [Int64]

    static let selection: SQL = """
        SELECT a.id, a.programme_id, u.code AS unit, b.code AS bu, a.name, a.type, a.starts_on::text, a.ends_on::text,
               a.planned_cost, a.actual_cost, a.invited, a.attended, a.state,
               ARRAY(SELECT x.asset_id FROM dg.activity_asset x WHERE x.activity_id = a.id ORDER BY x.asset_id) AS assets
        FROM dg.activity a
        JOIN org.unit u ON u.id = a.unit_id
        JOIN org.business_unit b ON b.id = a.bu_id
        """

    public static let types = ["summit", "exhibition", "workshop", "seminar", "webinar", "digital_campaign", "customer_visit",
                               "customer_experience", "roadshow", "joint_innovation", "other"]

    public static func list(programme: Int64? = nil, unit: String? = nil, on db: PGConnection) async throws -> [Activity] {
        var query = selection + " WHERE true"
        if let programme { query += " AND a.programme_id = \(programme)" }
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND u.path @> ARRAY[\(target.id)]"
        }
        return try await db.fetchAll(query + " ORDER BY a.starts_on, a.id")
    }

    public static func require(id: Int64, on db: PGConnection) async throws -> Activity {
        guard let activity = try await db.fetchOne(selection + " WHERE a.id = \(id)", as: Activity.self) else {
            throw DemandError.noActivity(id)
        }
        return activity
    }

    /// What a new activity is.
    public struct Plan: Sendable {
        public var programme: Int64
        /// The programme's unit when nil; else a unit at or below it.
        public var unit: String?
        public var name: String
        public var type: String
        public var startsOn: String
        public var endsOn: String
        public var plannedCost: Decimal
        public var invited: Int

        public init(programme: Int64, unit: String?, name: String, type: String, startsOn: String, endsOn: String,
                    plannedCost: Decimal, invited: Int = 0) {
            self.programme = programme
            self.unit = unit
            self.name = name
            self.type = type
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.plannedCost = plannedCost
            self.invited = invited
        }
    }

    public static func create(_ plan: Plan, on db: PGConnection) async throws -> Activity {
        let programme = try await Programme.require(id: plan.programme, on: db)
        let unit = try await OrgUnit.require(code: plan.unit ?? programme.unit, on: db)
        let id = try await explainingDenials(scope: "your grants do not let you plan activities for \(unit.code)/\(programme.bu)",
                                             capability: "only editors and admins plan activities") {
            try await db.fetchValue("""
                INSERT INTO dg.activity (programme_id, unit_id, bu_id, name, type, starts_on, ends_on, planned_cost, invited)
                SELECT p.id, \(unit.id), p.bu_id, \(plan.name), \(plan.type), \(plan.startsOn)::date, \(plan.endsOn)::date,
                       \(plan.plannedCost), \(Int32(clamping: plan.invited))
                FROM dg.programme p WHERE p.id = \(plan.programme)
                RETURNING id
                """, as: Int64.self)
        }
        guard let id else { throw DemandError.notSaved("activity") }
        return try await require(id: id, on: db)
    }

    /// Records that an activity took place: what it cost and who came.
    public static func complete(id: Int64, actualCost: Decimal, attended: Int, on db: PGConnection) async throws -> Activity {
        try await change(id, on: db) {
            try await db.execute("""
                UPDATE dg.activity SET state = \(State.done), actual_cost = \(actualCost), attended = \(Int32(clamping: attended))
                WHERE id = \(id) AND state = \(State.planned)
                """)
        }
    }

    public static func cancel(id: Int64, on db: PGConnection) async throws -> Activity {
        try await change(id, on: db) { try await db.execute("UPDATE dg.activity SET state = \(State.cancelled) WHERE id = \(id) AND state = \(State.planned)") }
    }

    /// Records that an activity used a (published) asset.
    public static func use(id: Int64, asset: Int64, on db: PGConnection) async throws -> Activity {
        try await change(id, on: db) {
            try await db.execute("INSERT INTO dg.activity_asset (activity_id, asset_id) VALUES (\(id), \(asset)) ON CONFLICT DO NOTHING")
            return 1
        }
    }

    /// Runs a change of a planned activity, explaining why nothing changed.
    private static func change(_ id: Int64, on db: PGConnection, _ body: () async throws -> Int) async throws -> Activity {
        let before = try await require(id: id, on: db)
        let changed = try await explainingDenials(scope: "activity \(id) is outside your write scope",
                                                  capability: "only editors and admins change activities") {
            try await body()
        }
        if changed == 0 {
            if before.state != .planned { throw DemandError.activityNotPlanned(id, state: before.state) }
            throw CoreError.outOfScope("activity \(id) is outside your write scope")
        }
        return try await require(id: id, on: db)
    }
}
