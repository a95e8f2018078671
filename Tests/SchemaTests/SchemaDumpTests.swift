import Foundation
import LocalPostgres
import PGKit
import Testing
import TestSupport

/// `sql/schema.sql` is what the migrations produce: a normalised `pg_dump --schema-only` of a
/// migrated database, checked in so that every schema change shows in review. This test dumps a
/// freshly migrated database, writes the result to `.build/schema.sql`, and fails when it differs
/// from the checked-in file (`make schema` copies it over).
@Suite("schema dump")
struct SchemaDumpTests {
    /// pg_dump's output without what changes from run to run or machine to machine: comments (its
    /// version), the session settings at the top, and the random key of `\restrict`.
    static func normalised(_ dump: String) -> String {
        var lines: [Substring] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--") || line.hasPrefix("\\restrict") || line.hasPrefix("\\unrestrict") || line.hasPrefix("SET ")
                || line.hasPrefix("SELECT pg_catalog.set_config(") { continue }
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("sql/schema.sql is what the migrations produce")
    func matches() async throws {
        let cluster = try #require(try await TestServer.shared.cluster(), "needs the tests' own cluster")
        try await withTestDatabase { database in
            let output = FileManager.default.temporaryDirectory.appending(path: "mtl-schema-\(UUID().uuidString).sql").path
            defer { unlink(output) }
            let pgDump = try ServerBinaries.find().directory.appending(path: "pg_dump").path
            let status = try LocalPostgres.spawnAndWait([pgDump, "--schema-only", "--no-tablespaces",
                                                         // The audit trail's months depend on today's date (V0038).
                                                         "--exclude-table=audit.change_y*", "--exclude-table=audit.row_change_y*",
                                                         cluster.uri(database: database.name)],
                                                        environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"], outputPath: output)
            let dump = try String(contentsOfFile: output, encoding: .utf8)
            #expect(status == 0, "\(dump)")
            let actual = Self.normalised(dump)
            let generated = packageRoot.appending(path: ".build/schema.sql")
            try? actual.write(to: generated, atomically: true, encoding: .utf8)
            let checkedIn = (try? String(contentsOf: packageRoot.appending(path: "sql/schema.sql"), encoding: .utf8)) ?? ""
            if actual != checkedIn {
                let ours = checkedIn.split(separator: "\n", omittingEmptySubsequences: false)
                let theirs = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
                Issue.record("""
                    sql/schema.sql differs from what the migrations produce, from line \(first + 1): \
                    checked in "\(first < ours.count ? ours[first] : "(end)")", migrations give "\(first < theirs.count ? theirs[first] : "(end)")". \
                    Review the change and run `make schema` (it copies .build/schema.sql to sql/schema.sql).
                    """)
            }
        }
    }
}
