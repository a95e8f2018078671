import Foundation
import PGKit

/// A unit of the organisation: HQ, a region or a country (`org.unit`).
public struct OrgUnit: PGRecord, Codable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable, PGCodable {
        case hq, region, country
    }

    public var id: Int64
    public var code: String
    public var name: String
    public var kind: Kind
    /// The code of the unit above (nil for HQ).
    public var parentCode: String?
    /// The unit's IANA time zone: its local times, quarters and review schedule (a country's
    /// main zone unless set).
    public var timeZone: String
    /// The unit's ISO 4217 currency: the default of its amounts (a country's own, a region's
    /// HQ's, HQ's USD, unless set).
    public var currency: String
    public var active: Bool
    /// The codes from HQ down to this unit.
    public var path: [String]

    /// The columns every query of units selects, in tree order when sorted by `path`.
    static let selection: SQL = """
        SELECT u.id, u.code, u.name, u.kind, p.code AS parent_code, u.time_zone, u.currency,
               u.active,
               ARRAY(SELECT a.code FROM unnest(u.path) WITH ORDINALITY AS x(id, n)
                     JOIN org.unit a ON a.id = x.id ORDER BY x.n) AS path
        FROM org.unit u
        LEFT JOIN org.unit p ON p.id = u.parent_id
        """
}

// MARK: - Reading

extension OrgUnit {
    /// Every unit, in tree order (each unit after its parent, siblings by code).
    public static func all(on db: PGConnection) async throws -> [OrgUnit] {
        try await db.fetchAll(selection + " ORDER BY path")
    }

    /// The unit with this code, or nil.
    public static func find(code: String, on db: PGConnection) async throws -> OrgUnit? {
        try await db.fetchOne(selection + " WHERE u.code = \(code)")
    }

    /// The unit with this code; throws ``CoreError/unknownUnit(_:)`` when there is none.
    public static func require(code: String, on db: PGConnection) async throws -> OrgUnit {
        guard let unit = try await find(code: code, on: db) else { throw CoreError.unknownUnit(code) }
        return unit
    }

    /// The units directly below this one, by code.
    public func children(on db: PGConnection) async throws -> [OrgUnit] {
        try await db.fetchAll(Self.selection + " WHERE u.parent_id = \(id) ORDER BY u.code")
    }

    /// The local time and the fiscal quarter (such as FY2027-Q1) now, in the unit's time zone,
    /// by the database clock.
    public func now(on db: PGConnection) async throws -> (localTime: String, fiscalQuarter: String) {
        let row = try await db.fetchOne("""
            SELECT to_char(now() AT TIME ZONE \(timeZone), 'YYYY-MM-DD HH24:MI'),
                   org.fiscal_quarter_label((now() AT TIME ZONE \(timeZone))::date)
            """, as: (String, String).self)
        guard let row else { throw PGError(.decoding, "no row for the unit's local time") }
        return (row.0, row.1)
    }
}

// MARK: - Changing

extension OrgUnit {
    /// Adds a region under HQ. Only HQ admins may (row-level security). Without a currency it
    /// takes HQ's.
    @discardableResult
    public static func addRegion(code: String, name: String, timeZone: String, currency: String? = nil,
                                 on db: PGConnection) async throws -> OrgUnit {
        try Names.checkCode(code, what: "region")
        try Names.checkDisplayName(name, what: "region")
        if let currency { try Names.checkCurrency(currency) }
        try await insert(code: code, deniedBecause: "only HQ admins add regions", on: db, """
            INSERT INTO org.unit (code, name, kind, parent_id, time_zone, currency)
            VALUES (\(code), \(name), 'region', org.hq(), \(timeZone), \(currency))
            """)
        return try await require(code: code, on: db)
    }

    /// Adds a country (by its ISO 3166-1 alpha-2 code) to a region. Without a name the country
    /// gets its ISO name; without a time zone its main one; without a currency its own.
    /// Admins of HQ or of the region may.
    @discardableResult
    public static func addCountry(code: String, region: String, name: String?, timeZone: String? = nil, currency: String? = nil,
                                  on db: PGConnection) async throws -> OrgUnit {
        try Names.checkCountryCode(code)
        if let name { try Names.checkDisplayName(name, what: "country") }
        if let currency { try Names.checkCurrency(currency) }
        let parent = try await require(code: region, on: db)
        guard parent.kind == .region else {
            throw CoreError.notARegion(region, isHQ: parent.kind == .hq)
        }
        try await insert(code: code, deniedBecause: "your grants do not cover region \(region) for every BU", on: db, """
            INSERT INTO org.unit (code, name, kind, parent_id, time_zone, currency)
            VALUES (\(code), \(name), 'country', \(parent.id), \(timeZone), \(currency))
            """)
        return try await require(code: code, on: db)
    }

    /// Changes a unit's time zone or currency (nil keeps it). Its review schedule follows its
    /// time zone. The admins of the unit above may (HQ's own row: HQ admins).
    @discardableResult
    public static func update(code: String, timeZone: String?, currency: String?, on db: PGConnection) async throws -> OrgUnit {
        if let currency { try Names.checkCurrency(currency) }
        let unit = try await require(code: code, on: db)
        let changed = try await db.execute("""
            UPDATE org.unit SET time_zone = coalesce(\(timeZone), time_zone), currency = coalesce(\(currency), currency)
            WHERE id = \(unit.id)
            """)
        if changed == 0 {
            throw CoreError.unitNotManaged(code)
        }
        return try await require(code: code, on: db)
    }

    /// Runs an insert into org.unit, turning the database's refusals into messages about units.
    private static func insert(code: String, deniedBecause reason: String, on db: PGConnection, _ statement: SQL) async throws {
        do {
            try await db.execute(statement)
        } catch let error as PGError where error.isUniqueViolation {
            throw CoreError.unitExists(code)
        } catch let error as PGError where error.isInsufficientPrivilege {
            throw CoreError.notPermitted(reason)
        }
    }

    /// Deactivates or reactivates a unit. Units keep their data and history; a unit with active
    /// units below it cannot be deactivated, nor a unit under an inactive one reactivated.
    public static func setActive(code: String, _ active: Bool, on db: PGConnection) async throws {
        let unit = try await require(code: code, on: db)
        let changed = try await db.execute("UPDATE org.unit SET active = \(active) WHERE id = \(unit.id)")
        if changed == 0 {
            throw CoreError.unitNotManaged(code)
        }
    }
}
