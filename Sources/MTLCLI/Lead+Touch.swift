import ArgumentParser
import Demand
import Foundation
import MTLCore

extension LeadCommand {
    struct Touch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that an activity touched a lead after its source (it attended a workshop, too).",
            discussion: "Attribution models share the lead among its touches: mtl report attribution --model linear")
        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @Option(help: ArgumentHelp("The activity that touched it.", valueName: "id")) var activity: Int64
        @Option(help: ArgumentHelp("When (ISO 8601, such as 2026-11-03T10:00:00Z; default: now).", valueName: "time")) var at: String?

        func run() async throws {
            var time: Date?
            if let at {
                guard let parsed = ISO8601DateFormatter().date(from: at) else {
                    throw ValidationError("--at \(at) is not an ISO 8601 time such as 2026-11-03T10:00:00Z")
                }
                time = parsed
            }
            let touch = try await options.withConnection { try await Touchpoint.record(lead: lead.id, activity: activity, at: time, on: $0) }
            print("lead \(touch.leadId) touched by activity \(touch.activityId) at \(OutputFormat.timestamp(touch.touchedAt)) (touchpoint \(touch.id))")
        }
    }
}
