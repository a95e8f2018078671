import Foundation
import MTLCore
import PGKit
import Scheduler

/// The job kinds of quality assurance, registered by the composition root (`MTLModules`). Their
/// database side is in `sql/repeatable/R__mqa_checks.sql` (`scheduler.job_kind`, the daily
/// schedule `quality.check` in V0028).
public enum QualityJobs {
    public static let kinds: [JobKind] = [.qualityCheck, .scorecardRefresh, .quarterlyPack]
}

extension JobKind {
    /// `quality.check`: runs every enabled quality rule (or `{"rule": CODE}`) and keeps the findings.
    public static let qualityCheck = JobKind("quality.check", timeout: .seconds(900)) { context in
        struct Arguments: Decodable { var rule: String? }
        let arguments = try context.arguments(as: Arguments.self)
        let results = try await QualityCheck.run(rule: arguments.rule.map { QualityRuleCode($0) }, on: context.db)
        for failed in results where failed.failure != nil {
            context.logger.error("quality rule failed", metadata: ["rule": "\(failed.ruleCode)", "failure": "\(failed.failure ?? "")"])
        }
        context.logger.info("quality check done", metadata: [
            "rules": "\(results.count)", "violations": "\(results.compactMap(\.violations).reduce(0, +))",
            "failed": "\(results.filter { $0.failure != nil }.count)",
            "opened": "\(results.map(\.opened).reduce(0, +))", "reopened": "\(results.map(\.reopened).reduce(0, +))",
            "resolved": "\(results.map(\.resolved).reduce(0, +))",
        ])
    }
}

extension JobKind {
    /// `scorecard.refresh`: refreshes the scorecards' materialized figures, concurrently.
    public static let scorecardRefresh = JobKind("scorecard.refresh", timeout: .seconds(1800)) { context in
        let refreshed = try await Scorecard.refresh(on: context.db)
        context.logger.info("scorecards refreshed", metadata: ["views": "\(refreshed.map { "\($0.0) \($0.1) s" }.joined(separator: ", "))"])
    }
}

extension JobKind {
    /// `report.quarterly_pack`: `{"unit": REGION}`; renders and stores the region's pack of the
    /// quarter just closed in its clock.
    public static let quarterlyPack = JobKind("report.quarterly_pack", timeout: .seconds(1800)) { context in
        struct Arguments: Decodable { var unit: String }
        let arguments = try context.arguments(as: Arguments.self)
        let stored = try await ReportPack.render(unit: arguments.unit, job: context.job.id, on: context.db)
        context.logger.info("report pack", metadata: ["unit": "\(arguments.unit)", "pack": "\(stored.map(String.init) ?? "existed")"])
    }
}
