import MTLCore
import PGKit

/// The units a report covers: a unit and the units below it (the tree is HQ, regions,
/// countries), read through `reporting.dim_unit` so that BI logins, which see only the
/// reporting schema, get the same reports. One home for the scorecard's and attribution's rule.
enum ReportScope {
    /// Refuses a unit code no unit has.
    static func check(_ unit: String?, on db: PGConnection) async throws {
        if let unit, try await db.fetchValue("SELECT count(*) FROM reporting.dim_unit WHERE unit_code = \(unit)", as: Int64.self) == 0 {
            throw CoreError.unknownUnit(unit)
        }
    }

    /// True for a row of `units` (rows of reporting.dim_unit, as `alias`) in the scope of `unit`,
    /// or for every row when `unit` is nil.
    static func condition(_ unit: String?, alias: SQL, units: SQL = "reporting.dim_unit") -> SQL {
        """
        (\(unit)::text IS NULL OR \(unit) IN (\(alias).unit_code, \(alias).parent_code)
         OR \(unit) = (SELECT h.unit_code FROM \(units) h WHERE h.unit_kind = 'hq'))
        """
    }
}
