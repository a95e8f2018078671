import Crypto
import Foundation
import MTLCore
import PGKit

/// Where an import is, for a progress display.
public struct LeadImportProgress: Sendable {
    /// `loading`: the direct path, which inserts the rows as it reads them (most files); the
    /// others are the checked path's, which stages the rows first.
    public enum Phase: String, Sendable {
        case reading, loading = "reading and inserting", checking, inserting, updating, touching = "recording touchpoints"
    }
    public var phase: Phase
    public var rowsRead: Int
    public var bytesRead: Int
    public var fileSize: Int
    /// Rows done and to do in the phase (checking, inserting, updating).
    public var done = 0
    public var total = 0

    /// How far the phase is, 0 to 1, when known.
    public var fraction: Double? {
        if phase == .reading || phase == .loading { return fileSize > 0 ? Double(bytesRead) / Double(fileSize) : nil }
        return total > 0 ? Double(done) / Double(total) : nil
    }
}

/// What an import did.
public struct LeadImportOutcome: Sendable {
    public var file: String
    public var sha256: String
    /// The import's record (`dg.lead_import`); nil when nothing was imported.
    public var importID: Int64?
    public var rowsRead: Int
    /// Leads created.
    public var rowsImported: Int
    /// Leads of the unit updated by the rows that matched them (`onDuplicate` update).
    public var rowsUpdated = 0
    /// Rows skipped because they matched a lead of the unit (`onDuplicate` skip).
    public var rowsSkipped = 0
    /// Touchpoints recorded: rows that matched a lead of the unit (skip or update) and named an
    /// activity other than its source, that had not touched it before.
    public var touchpointsRecorded = 0
    public var rowsRejected: Int
    /// A dry run: everything checked, nothing written; the counts say what an import would do.
    public var dryRun = false
    /// The first problems found, up to the report limit, in the order found: each row's
    /// problems as it was read, then duplicates and unknown activities.
    public var problems: [RowProblem]
    /// Where the refused rows were written, if anywhere.
    public var rejectFile: String?
    public var forced: Bool
}

/// Imports leads from a CSV file into one unit (and BU), in one transaction.
///
/// The file is read once to hash it and once to stream it through COPY into a temporary staging
/// table: memory stays flat whatever its size. Rows are checked as they are read (fields, types,
/// e-mail addresses, scores); the database then finds duplicates, within the file and against
/// the unit's leads, and unknown activities, and inserts the rest under row-level security. By
/// default any refused row means nothing is imported; with a reject file the good rows are
/// imported and the refused ones written there with their reasons.
public struct LeadImporter: Sendable {
    public var unit: String
    public var bu: String?
    /// How columns not named after their field are read (mapped, composed, ignored).
    public var mapping: LeadMapping
    /// The channel of rows that name neither a channel nor an activity.
    public var defaultChannel: String?
    public var rejectFile: String?
    /// Import a file again although it was imported before.
    public var force: Bool
    /// How many problems an outcome lists.
    public var reportLimit: Int
    /// The field separator; nil finds it from the header (comma, semicolon or tab).
    public var delimiter: UInt8?
    /// The file's encoding; Windows-1252 and ISO-8859-1 are converted to UTF-8.
    public var encoding: TextEncoding = .utf8
    /// What a row matching a lead of the unit (same e-mail, else same company and contact name)
    /// does: refused (the default), skipped, or updates that lead with the fields the file gives.
    public var onDuplicate: OnDuplicate = .refuse
    /// Check everything — mapping, rows, duplicates, scope — and write nothing.
    public var dryRun = false

    public enum OnDuplicate: String, Sendable, CaseIterable { case refuse, skip, update }

    /// The separators by name, for `--delimiter`.
    public static var delimiters: [String: UInt8] { CSVReader.delimiters }

    public init(unit: String, bu: String? = nil, mapping: LeadMapping = [:], defaultChannel: String? = nil,
                rejectFile: String? = nil, force: Bool = false, reportLimit: Int = 20) {
        self.unit = unit
        self.bu = bu
        self.mapping = mapping
        self.defaultChannel = defaultChannel
        self.rejectFile = rejectFile
        self.force = force
        self.reportLimit = reportLimit
    }

    public func run(file path: String, on db: PGConnection,
                    progress: @escaping @Sendable (LeadImportProgress) -> Void = { _ in }) async throws -> LeadImportOutcome {
        if let defaultChannel, !LeadField.channels.contains(defaultChannel) {
            throw DemandError.unknownChannel(defaultChannel)
        }
        let layout = try readLayout(path)
        let (sha256, fileSize) = try Self.hash(path)
        let target = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        let rejects = try rejectFile.map { path throws(DemandError) in try RejectFile(path: path) }
        do {
            try rejects?.start(layout)
            let outcome = try await importing(path, layout: layout, sha256: sha256, fileSize: fileSize,
                                              unit: target, bu: businessUnit, rejects: rejects, on: db, progress: progress)
            try rejects?.commit()
            return outcome
        } catch let refused as NothingImported {
            rejects?.discard()
            return refused.outcome
        } catch {
            rejects?.discard()
            throw error
        }
    }

    /// The file's header, checked against the fields.
    private func readLayout(_ path: String) throws(DemandError) -> LeadFileLayout {
        let reader = try CSVReader(path: path, delimiter: delimiter, encoding: encoding)
        guard let header = try reader.next() else { throw .emptyFile(path: path) }
        if let malformed = header.malformed { throw .malformedHeader(path: path, line: header.line, reason: malformed) }
        var layout = try LeadFileLayout(header: header.fields, mapping: mapping, defaultChannel: defaultChannel, path: path)
        layout.delimiter = reader.delimiter
        layout.encoding = encoding
        layout.byteOrderMark = reader.byteOrderMark
        layout.lineEnding = reader.lineEnding ?? "\n"
        layout.keepsSourceText = rejectFile != nil
        guard try reader.next() != nil else { throw .noRows(path: path) }
        return layout
    }

    /// SHA-256 of the file's bytes (hex) and its size.
    static func hash(_ path: String) throws(DemandError) -> (String, Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var size = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            size += count
            hasher.update(data: buffer[..<count])
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    /// The import proper, in one transaction.
    private func importing(_ path: String, layout: LeadFileLayout, sha256: String, fileSize: Int, unit target: OrgUnit,
                           bu businessUnit: BusinessUnit?, rejects: RejectFile?, on db: PGConnection,
                           progress: @escaping @Sendable (LeadImportProgress) -> Void) async throws -> LeadImportOutcome {
        let scope = target.code + (businessUnit.map { "/\($0.code)" } ?? "")
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let (unitID, buID) = (target.id, businessUnit?.id)
        return try await db.transaction { db in
            guard try await db.fetchValue("SELECT org.in_write_scope(\(unitID), \(buID))", as: Bool.self) == true else {
                throw DemandError.importOutsideScope(scope: scope, oneBU: businessUnit != nil)
            }
            // Two imports of the same file into the same unit wait for each other, so the second
            // sees the first's record.
            try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(sha256) || \(unitID)::text, 0))")
            if let earlier = try await db.fetchOne("""
                SELECT id, imported_at::date::text, imported_by::text, rows_imported FROM dg.lead_import
                WHERE unit_id = \(unitID) AND sha256 = \(sha256) ORDER BY id DESC LIMIT 1
                """, as: (Int64, String, String, Int32).self), !force {
                throw DemandError.alreadyImported(file: fileName, unit: target.code, importID: earlier.0, on: earlier.1, by: earlier.2, leads: earlier.3)
            }
            try await db.execute("SET LOCAL work_mem = '64MB'")
            var directRecord: Int64?
            if triesDirectPath {
                switch try await importDirectly(path, layout: layout, sha256: sha256, fileSize: fileSize, unit: unitID, bu: buID,
                                                rejects: rejects, on: db, progress: progress) {
                case .imported(let outcome): return outcome
                case .fellBack(let importID): directRecord = importID
                }
            }
            let tally = ImportTally(reportLimit: reportLimit)
            // The fields, then the row's own text per column, for the reject file.
            let columns = (LeadField.allCases.map { "\(SQL.quoteIdentifier($0.rawValue)) \($0.sqlType)" }
                + (layout.keepsSourceText ? layout.rejectHeader.indices.map { "source_\($0 + 1) text" } : [])).joined(separator: ", ")
            try await db.execute(SQL(unsafeRaw: "CREATE TEMP TABLE lead_stage (line bigint NOT NULL, \(columns)) ON COMMIT DROP"))
            try await db.execute("CREATE TEMP TABLE lead_reject (line bigint NOT NULL, reason text NOT NULL) ON COMMIT DROP")

            try await db.copyIn("COPY pg_temp.lead_stage FROM STDIN",
                                from: StagedRows(path: path, layout: layout, tally: tally, rejects: rejects, progress: progress, fileSize: fileSize))
            let read = tally.snapshot
            progress(LeadImportProgress(phase: .checking, rowsRead: read.rowsRead, bytesRead: fileSize, fileSize: fileSize,
                                        done: 0, total: read.rowsStaged))
            // Inserts and updates run in batches of lines, for progress; the index finds each batch.
            try await db.execute("CREATE INDEX ON pg_temp.lead_stage (line)")
            try await db.execute("ANALYZE pg_temp.lead_stage")
            var matched = 0
            try await db.execute("CREATE TEMP TABLE lead_match (line bigint PRIMARY KEY, lead_id bigint NOT NULL) ON COMMIT DROP")
            if onDuplicate != .refuse {
                matched = try await db.execute(Self.findMatches(unit: unitID))
                // Two rows of the file that match the same lead: the first counts, the others are refused.
                let twice = try await db.execute("""
                    WITH ranked AS (SELECT line, lead_id, min(line) OVER (PARTITION BY lead_id) AS first FROM pg_temp.lead_match),
                    gone AS (DELETE FROM pg_temp.lead_match m USING ranked r WHERE m.line = r.line AND r.line > r.first
                             RETURNING m.line, m.lead_id, r.first)
                    INSERT INTO pg_temp.lead_reject (line, reason)
                    SELECT line, 'matches lead ' || lead_id || ', as line ' || first || ' does' FROM gone
                    """)
                matched -= twice
            }
            try await db.execute(Self.findRejects(unit: unitID))
            try await db.execute("CREATE TEMP TABLE lead_touch (lead_id bigint PRIMARY KEY, activity_id bigint NOT NULL) ON COMMIT DROP")
            var touches = 0
            if matched > 0 { touches = try await db.execute(Self.findTouches) }
            let found = Int(try await db.fetchValue("SELECT count(*) FROM pg_temp.lead_reject", as: Int64.self) ?? 0)
            if found > 0 {
                let first = try await db.fetchAll("SELECT line, reason FROM pg_temp.lead_reject ORDER BY line LIMIT \(Int64(reportLimit))",
                                                  as: (Int64, String).self)
                tally.rejectedLater(count: found, first: first.map { RowProblem(line: Int($0.0), column: nil, reason: $0.1) })
                if let rejects { try await Self.copyRejects(layout: layout, into: rejects, on: db) }
            }
            let counted = tally.snapshot
            progress(LeadImportProgress(phase: .checking, rowsRead: counted.rowsRead, bytesRead: fileSize, fileSize: fileSize,
                                        done: counted.rowsStaged, total: counted.rowsStaged))
            let importable = counted.rowsStaged - found - matched
            var outcome = LeadImportOutcome(file: path, sha256: sha256, importID: nil, rowsRead: counted.rowsRead,
                                            rowsImported: 0, rowsRejected: counted.rowsRejected, problems: counted.problems,
                                            rejectFile: rejects?.path, forced: force)
            if dryRun {
                outcome.dryRun = true
                outcome.rowsImported = importable
                outcome.rowsUpdated = onDuplicate == .update ? matched : 0
                outcome.rowsSkipped = onDuplicate == .skip ? matched : 0
                outcome.touchpointsRecorded = touches
                throw NothingImported(outcome: outcome)
            }
            if counted.rowsRejected > 0 && rejects == nil { throw NothingImported(outcome: outcome) }

            let importID: Int64?
            if let directRecord {
                // The direct path's record: counted here, in the transaction that inserted it.
                try await Self.count(directRecord, read: counted.rowsRead, imported: importable, rejected: counted.rowsRejected, on: db)
                importID = directRecord
            } else {
                importID = try await db.fetchValue("""
                    INSERT INTO dg.lead_import (unit_id, bu_id, file_name, sha256, rows_read, rows_imported, rows_rejected, forced,
                                                rows_updated, rows_skipped, on_duplicate, touchpoints_recorded)
                    VALUES (\(unitID), \(buID), \(fileName), \(sha256), \(Int32(counted.rowsRead)), \(Int32(importable)),
                            \(Int32(counted.rowsRejected)), \(force), \(Int32(onDuplicate == .update ? matched : 0)),
                            \(Int32(onDuplicate == .skip ? matched : 0)), \(onDuplicate.rawValue), \(Int32(touches)))
                    RETURNING id
                    """, as: Int64.self)
            }
            let fields = LeadField.allCases.map { SQL.quoteIdentifier($0.rawValue) }
            let batches = try await Self.batches(on: db)
            func report(_ phase: LeadImportProgress.Phase, _ done: Int, of total: Int) {
                progress(LeadImportProgress(phase: phase, rowsRead: counted.rowsRead, bytesRead: fileSize, fileSize: fileSize,
                                            done: done, total: total))
            }
            do {
                report(.inserting, 0, of: importable)
                for (low, high) in batches {
                    outcome.rowsImported += try await db.execute("""
                        INSERT INTO dg.lead (unit_id, bu_id, import_id, \(unsafeRaw: fields.joined(separator: ", ")))
                        SELECT \(unitID), \(buID), \(importID), \(unsafeRaw: Self.insertValues().joined(separator: ", "))
                        FROM pg_temp.lead_stage s
                        WHERE s.line > \(low) AND s.line <= \(high)
                          AND NOT EXISTS (SELECT FROM pg_temp.lead_reject r WHERE r.line = s.line)
                          AND NOT EXISTS (SELECT FROM pg_temp.lead_match m WHERE m.line = s.line)
                        ORDER BY s.line
                        """)
                    report(.inserting, outcome.rowsImported, of: importable)
                }
                if onDuplicate == .update, matched > 0 {
                    report(.updating, 0, of: matched)
                    for (low, high) in batches {
                        outcome.rowsUpdated += try await db.execute(Self.updateMatched(layout: layout, low: low, high: high))
                        report(.updating, outcome.rowsUpdated, of: matched)
                    }
                }
                outcome.rowsSkipped = onDuplicate == .skip ? matched : 0
                if touches > 0 {
                    report(.touching, 0, of: touches)
                    outcome.touchpointsRecorded = try await db.execute(Self.recordTouches)
                    report(.touching, outcome.touchpointsRecorded, of: touches)
                }
            } catch let error as PGError where error.isUniqueViolation {
                throw DemandError.hiddenDuplicate(file: fileName, unit: target.code)
            }
            outcome.importID = importID
            return outcome
        }
    }
}

/// An import that refused rows without a reject file: rolled back, reported.
private struct NothingImported: Error {
    let outcome: LeadImportOutcome
}
