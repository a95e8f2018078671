import Foundation
import PGKit
import Scheduler

/// The job kinds of market management, registered by the composition root (`MTLModules`). Their
/// database side (who may enqueue them, which arguments) is in `sql/repeatable/R__mm_review.sql`.
public enum MarketJobs {
    public static let kinds: [JobKind] = [.quarterlyReview]
}

extension JobKind {
    /// `msp.quarterly_review`: reviews the active MSPs of a quarter. Arguments: `unit` (the clock's
    /// unit when fired by a schedule, else a subtree), `quarter` (FY2026-Q3; by default the one
    /// that closed last before `fire_at` in the unit's time zone), `fire_at` (set by schedules).
    public static let quarterlyReview = JobKind("msp.quarterly_review", timeout: .seconds(600)) { context in
        struct Arguments: Decodable {
            var unit: String?
            var quarter: String?
            var fireAt: String?
        }
        let arguments = try context.arguments(as: Arguments.self)
        let quarter: String
        if let given = arguments.quarter {
            quarter = given
        } else {
            guard let fireAt = arguments.fireAt else {
                throw JobError("msp.quarterly_review needs a quarter or a fire_at argument")
            }
            quarter = try await context.db.fetchValue(
                "SELECT mm.quarter_to_review(\(arguments.unit), \(fireAt)::timestamptz)", as: String.self) ?? ""
        }
        let created = try await QuarterlyReview.run(quarter: quarter, unit: arguments.unit,
                                                    byTimeZone: arguments.fireAt != nil, job: context.job.id, on: context.db)
        context.logger.info("quarterly review done", metadata: ["quarter": "\(quarter)", "unit": "\(arguments.unit ?? "all")",
                                                                "reviews_created": "\(created.count)"])
    }
}
