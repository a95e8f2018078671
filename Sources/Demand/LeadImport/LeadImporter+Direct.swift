import Foundation
import MTLCore
import PGKit

// The direct path of a lead import: for a file whose rows the database will take as they are,
// which most files are. The rows go straight into dg.lead in batches, each read while the server
// inserts the one before; the constraints of dg.lead (its unique indexes, foreign keys and source
// check) find what the checked path's queries would. When they refuse anything, or a row is
// refused without a reject file, everything the path did is rolled back to its savepoint and the
// import goes the checked way (staging table, every problem listed), as if this had not run.
extension LeadImporter {
    enum DirectOutcome {
        case imported(LeadImportOutcome)
        /// Rolled back; the import's record, when it was inserted (before the rows, so that they
        /// can name it), stays, for the checked path to count.
        case fellBack(importID: Int64?)
    }

    /// Whether an import may try the direct path: one that writes, and refuses duplicates (skip
    /// and update need the matches the checked path finds).
    var triesDirectPath: Bool { !dryRun && onDuplicate == .refuse }

    func importDirectly(_ path: String, layout: LeadFileLayout, sha256: String, fileSize: Int, unit unitID: Int64, bu buID: Int64?,
                        rejects: RejectFile?, on db: PGConnection,
                        progress: @escaping @Sendable (LeadImportProgress) -> Void) async throws -> DirectOutcome {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let tally = ImportTally(reportLimit: reportLimit)
        let batches = LeadBatches(path: path, layout: layout, tally: tally, rejects: rejects)
        progress(LeadImportProgress(phase: .loading, rowsRead: 0, bytesRead: 0, fileSize: fileSize))
        var next: (columns: [PGTextArray], bytesRead: Int)?
        do {
            next = try batches.next()
        } catch is LeadBatches.Refused {
            try rejects?.restart(layout)
            return .fellBack(importID: nil)
        }
        // Inserted once the first batch is read (a file refused early uses up no import number),
        // and outside the savepoint, so that its counts may be written later in this transaction
        // (dg.lead_import_counted_once: only by the transaction that inserted it).
        guard let importID = try await db.fetchValue("""
            INSERT INTO dg.lead_import (unit_id, bu_id, file_name, sha256, rows_read, rows_imported, rows_rejected, forced)
            VALUES (\(unitID), \(buID), \(fileName), \(sha256), 0, 0, 0, \(force))
            RETURNING id
            """, as: Int64.self) else { throw PGError(.client, "the import record was not created") }
        try await db.execute("SAVEPOINT lead_import_direct")
        var inserted = 0
        // Each batch's statement, its arrays encoded, is built off the connection's thread.
        @Sendable func statement(_ batch: (columns: [PGTextArray], bytesRead: Int)?) -> (sql: SQL, bytesRead: Int)? {
            batch.map { (batches.insert($0.columns, unit: unitID, bu: buID, importID: importID), $0.bytesRead) }
        }
        do {
            var current = statement(next)
            next = nil
            while let (sql, bytesRead) = current {
                // The next batch is read on another thread while this one is inserted.
                let following = Task.detached { statement(try batches.next()) }
                do {
                    inserted += try await db.execute(sql)
                } catch {
                    _ = try? await following.value
                    throw error
                }
                progress(LeadImportProgress(phase: .loading, rowsRead: tally.rowsRead, bytesRead: bytesRead,
                                            fileSize: fileSize, done: inserted))
                current = try await following.value
            }
        } catch let error where error is LeadBatches.Refused || (error as? PGError).map(Self.refusesRows) == true {
            try await db.execute("ROLLBACK TO SAVEPOINT lead_import_direct")
            try rejects?.restart(layout)
            return .fellBack(importID: importID)
        }
        try await db.execute("RELEASE SAVEPOINT lead_import_direct")
        let counted = tally.snapshot
        try await Self.count(importID, read: counted.rowsRead, imported: inserted, rejected: counted.rowsRejected, on: db)
        progress(LeadImportProgress(phase: .loading, rowsRead: counted.rowsRead, bytesRead: fileSize, fileSize: fileSize, done: inserted))
        return .imported(LeadImportOutcome(file: path, sha256: sha256, importID: importID, rowsRead: counted.rowsRead,
                                           rowsImported: inserted, rowsRejected: counted.rowsRejected, problems: counted.problems,
                                           rejectFile: rejects?.path, forced: force))
    }

    /// Writes the counts of an import record this transaction inserted (dg.lead_import_counted_once).
    static func count(_ importID: Int64, read: Int, imported: Int, rejected: Int, on db: PGConnection) async throws {
        try await db.execute("""
            UPDATE dg.lead_import SET rows_read = \(Int32(read)), rows_imported = \(Int32(imported)), rows_rejected = \(Int32(rejected))
            WHERE id = \(importID)
            """)
    }

    /// A server error about the rows (a constraint, a check, a trigger's refusal, bad data), which
    /// the checked path reports row by row; not one about the connection or a cancelled query.
    static func refusesRows(_ error: PGError) -> Bool {
        guard let state = error.sqlState, !error.isQueryCanceled else { return false }
        return ["22", "23", "42", "P0"].contains(String(state.prefix(2)))
    }
}
