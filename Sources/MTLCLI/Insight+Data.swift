import ArgumentParser
import Insight
import MTLCore

/// `mtl insight topic provide|accept-data|reject-data`: data provided for a topic by its own
/// unit or by a unit named as its data provider, decided by one of its researchers.
extension InsightCommand.TopicCommand {
    struct Provide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Provide data for a topic being researched, for your unit (its own, or one its setter named a data provider).",
            discussion: """
                People of a unit named as a data provider see the topic (mtl insight topic list) even when it is \
                another unit's. A researcher of the topic who did not submit the data accepts it, and the providing \
                unit earns credits (contribute to consume).
                """)
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @Option(help: ArgumentHelp("The providing unit (default: the topic's).", valueName: "code")) var unit: String?
        @Option(help: "What the data is.") var description: String
        @Option(help: ArgumentHelp("Where it is.", valueName: "URI")) var uri: String?

        func run() async throws {
            let c = try await options.withConnection {
                try await Contribution.submit(topic: topic.id, provider: unit, description: description, uri: uri, on: $0)
            }
            print("data \(c.id) from \(c.provider) submitted for topic \(c.topicId); a researcher of the topic accepts it: mtl insight topic accept-data \(c.id)")
        }
    }

    struct AcceptData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept-data", abstract: "Accept data provided for a topic (a researcher of it who did not submit it): the providing unit earns credits.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The contribution's id (see: mtl insight topic show ID).") var id: Int64
        func run() async throws {
            let c = try await options.withConnection { try await Contribution.decide(id, to: .accepted, on: $0) }
            print("data \(c.id) from \(c.provider) for topic \(c.topicId) is \(c.state)")
        }
    }

    struct RejectData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject-data", abstract: "Reject data provided for a topic (a researcher of it who did not submit it).")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The contribution's id.") var id: Int64
        func run() async throws {
            let c = try await options.withConnection { try await Contribution.decide(id, to: .rejected, on: $0) }
            print("data \(c.id) from \(c.provider) for topic \(c.topicId) is \(c.state)")
        }
    }
}
