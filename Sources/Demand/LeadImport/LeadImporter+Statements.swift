import MTLCore
import PGKit

// The statements of a lead import, run in its transaction over the staging table
// (`pg_temp.lead_stage`): batches, matches, refusals, updates and the reject file's rows.
extension LeadImporter {
    /// Ranges of staged lines (after, up to) of about 50,000 rows each, covering them all.
    static func batches(on db: PGConnection) async throws -> [(Int64, Int64)] {
        let bounds = try await db.fetchAll("""
            SELECT line FROM (SELECT line, row_number() OVER (ORDER BY line) AS n FROM pg_temp.lead_stage) t
            WHERE n % 50000 = 0 ORDER BY line
            """, as: Int64.self)
        let last = try await db.fetchValue("SELECT coalesce(max(line), 0) FROM pg_temp.lead_stage", as: Int64.self) ?? 0
        var ranges: [(Int64, Int64)] = []
        var low: Int64 = 0
        for high in bounds + [last] where high > low {
            ranges.append((low, high))
            low = high
        }
        return ranges
    }

    /// The staged fields as a new lead takes them: an empty yes/no or score as its default. From
    /// the staging table's typed columns, or (`fromText`) from text, as the direct path sends
    /// them; a field not `given` is its default (or NULL) in every row.
    static func insertValues(fromText: Bool = false, given: Set<LeadField> = Set(LeadField.allCases)) -> [String] {
        LeadField.allCases.map { field in
            guard given.contains(field) else { return field.insertDefault ?? "NULL" }
            let column = "s." + SQL.quoteIdentifier(field.rawValue) + (fromText && field.sqlType != "text" ? "::" + field.sqlType : "")
            return field.insertDefault.map { "coalesce(\(column), \($0))" } ?? column
        }
    }

    /// The rows that match a lead of the unit (same e-mail, else same company and contact name),
    /// for `onDuplicate` skip and update: the first row of the file with that e-mail and that
    /// company and contact (a later one is a duplicate within the file, refused), with a known
    /// activity if it names one.
    /// The staged rows `f` with their match keys and the first line of the file for each, their
    /// activity `a`, the lead of the unit with their e-mail `e`, and the unit's path `iu`.
    static func stagedKeys(unit: Int64) -> SQL {
        """
        (SELECT s.line, s.activity_id, s.email, lower(s.company) AS company_key, lower(s.contact_name) AS contact_key,
                min(s.line) OVER (PARTITION BY s.email) AS first_email,
                min(s.line) OVER (PARTITION BY lower(s.company), lower(s.contact_name)) AS first_contact
         FROM pg_temp.lead_stage s) f
        CROSS JOIN (SELECT u.path FROM org.unit u WHERE u.id = \(unit)) iu
        LEFT JOIN dg.activity a ON a.id = f.activity_id
        LEFT JOIN dg.lead e ON e.unit_id = \(unit) AND e.email = f.email
        """
    }

    /// A row naming an activity its writer can see that is not of the unit or a unit above it:
    /// the rule of a lead's source (`dg.lead_check_sources`) and of a touchpoint
    /// (`dg.touchpoint_before_insert`), found here so the row is refused with its line rather
    /// than failing the whole import.
    static let activityElsewhere = "(a.id IS NOT NULL AND NOT iu.path @> ARRAY[a.unit_id])"

    static func findMatches(unit: Int64) -> SQL {
        """
        INSERT INTO pg_temp.lead_match (line, lead_id)
        SELECT f.line, coalesce(e.id, c.id)
        FROM \(stagedKeys(unit: unit))
        LEFT JOIN LATERAL (SELECT c.id FROM dg.lead c WHERE c.unit_id = \(unit) AND lower(c.company) = f.company_key
                           AND lower(c.contact_name) = f.contact_key ORDER BY c.id LIMIT 1) c ON true
        WHERE (e.id IS NOT NULL OR c.id IS NOT NULL)
          AND (f.email IS NULL OR f.first_email = f.line) AND f.first_contact = f.line
          AND NOT (f.activity_id IS NOT NULL AND a.id IS NULL) AND NOT \(unsafeRaw: activityElsewhere)
        """
    }

    /// The touchpoints a delta import records: a matched row that names an activity other than
    /// its lead's source, and that has not touched the lead before (a second import of the same
    /// attendee list records nothing again).
    static let findTouches: SQL = """
        INSERT INTO pg_temp.lead_touch (lead_id, activity_id)
        SELECT m.lead_id, s.activity_id
        FROM pg_temp.lead_match m
        JOIN pg_temp.lead_stage s ON s.line = m.line
        JOIN dg.lead l ON l.id = m.lead_id
        WHERE s.activity_id IS NOT NULL AND s.activity_id IS DISTINCT FROM l.activity_id
          AND NOT EXISTS (SELECT FROM dg.touchpoint t WHERE t.lead_id = m.lead_id AND t.activity_id = s.activity_id)
        """

    /// Records the touchpoints found, at the import's time (as a lead's own source is dated by
    /// its creation), marked as recorded by an import.
    static let recordTouches: SQL = """
        INSERT INTO dg.touchpoint (lead_id, activity_id, touched_at, source)
        SELECT t.lead_id, t.activity_id, now(), 'import' FROM pg_temp.lead_touch t ORDER BY t.lead_id
        """

    /// Updates each matched lead with the fields the file gives (its columns, mapped or composed;
    /// an empty cell keeps what the lead has). Never its state, unit, BU, source or owner; the
    /// audit trail records each update like any other.
    static func updateMatched(layout: LeadFileLayout, low: Int64, high: Int64) -> SQL {
        let given = layout.fieldsFromColumns
        let fields = LeadField.allCases.filter { given.contains($0) && $0 != .channel && $0 != .activityID }
        let assignments = fields.map { field in
            let column = SQL.quoteIdentifier(field.rawValue)
            return "\(column) = coalesce(s.\(column), l.\(column))"
        }
        guard !assignments.isEmpty else { return "SELECT 1 WHERE false" }
        return SQL(unsafeRaw: """
            UPDATE dg.lead l SET \(assignments.joined(separator: ", "))
            FROM pg_temp.lead_match m JOIN pg_temp.lead_stage s ON s.line = m.line
            WHERE l.id = m.lead_id AND m.line > \(low) AND m.line <= \(high)
            """)
    }

    /// Finds the rows the database refuses: unknown activities, and duplicates of a lead of the
    /// unit or of an earlier line of the file (same e-mail, or same company and contact name).
    static func findRejects(unit: Int64) -> SQL {
        """
        INSERT INTO pg_temp.lead_reject (line, reason)
        SELECT f.line,
               CASE WHEN f.activity_id IS NOT NULL AND a.id IS NULL
                         THEN 'activity ' || f.activity_id || ' does not exist or is outside your scope'
                    WHEN \(unsafeRaw: activityElsewhere)
                         THEN 'activity ' || f.activity_id || ' is of another unit; a lead comes from an activity of its unit or a unit above it'
                    WHEN e.id IS NOT NULL THEN 'duplicate of lead ' || e.id || ' (same email)'
                    WHEN c.id IS NOT NULL THEN 'duplicate of lead ' || c.id || ' (same company and contact name)'
                    WHEN f.email IS NOT NULL AND f.first_email < f.line THEN 'duplicate of line ' || f.first_email || ' (same email)'
                    ELSE 'duplicate of line ' || f.first_contact || ' (same company and contact name)'
               END
        FROM \(stagedKeys(unit: unit))
        LEFT JOIN dg.lead c ON c.unit_id = \(unit) AND lower(c.company) = f.company_key AND lower(c.contact_name) = f.contact_key
        WHERE ((f.activity_id IS NOT NULL AND a.id IS NULL) OR \(unsafeRaw: activityElsewhere) OR e.id IS NOT NULL OR c.id IS NOT NULL
               OR (f.email IS NOT NULL AND f.first_email < f.line) OR f.first_contact < f.line)
          AND NOT EXISTS (SELECT FROM pg_temp.lead_match m WHERE m.line = f.line)
          AND NOT EXISTS (SELECT FROM pg_temp.lead_reject r WHERE r.line = f.line)
        """
    }

    /// Appends the rows the database refused to the reject file, as the file gave them.
    static func copyRejects(layout: LeadFileLayout, into rejects: RejectFile, on db: PGConnection) async throws {
        let columns = layout.rejectHeader.indices.map { "s.source_\($0 + 1)" }
        let query = SQL(unsafeRaw: """
            SELECT r.line, r.reason, \(columns.joined(separator: ", "))
            FROM pg_temp.lead_reject r JOIN pg_temp.lead_stage s ON s.line = r.line ORDER BY r.line
            """)
        for try await row in try await db.stream(query) {
            let line: Int64 = try row.decode(at: 0)
            let reason: String = try row.decode(at: 1)
            let fields = try columns.indices.map { (try row.decode(String?.self, at: $0 + 2)) ?? "" }
            try rejects.write(row: fields, line: Int(line), reason: reason)
        }
    }
}
