import ArgumentParser
import Foundation
import Insight
import MTLCore
import PGKit

/// `mtl insight topic …`: topics set by leaders and experts, from proposed to evaluated.
extension InsightCommand {
    struct TopicCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topic",
            abstract: "Insight topics: propose, accept or reject (their setter), assign, start and deliver (a researcher), evaluate.",
            subcommands: [Propose.self, Accept.self, Reject.self, Cancel.self, Assign.self, Start.self, Deliver.self, Evaluate.self,
                          Observe.self, Provide.self, AcceptData.self, RejectData.self, List.self, Show.self])

        struct IDArgument: ParsableArguments {
            @Argument(help: "The topic's id (see: mtl insight topic list).") var id: Int64
        }

        static func report(_ t: Topic) { print("topic \(t.id) (\(t.title), \(t.unit)) is \(t.state)") }
    }
}

extension InsightCommand.TopicCommand {
    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a topic for a scenario; you are its setter unless --setter names another.",
            discussion: "Each scenario names what it is about: --segment (segment), --customer (customer), --lead or --customer (project), --about UNIT (region), --industry (industry_trend, solution_trend).")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("The unit that owns it.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
        @Option(help: ArgumentHelp("The fiscal year it is planned in.", valueName: "FY")) var year: FiscalYear
        @Option(help: "Its title.") var title: String
        @Option(help: "The question it asks.") var question: String
        @Option(help: "project, customer, segment, region, industry_trend or solution_trend (default: segment with --segment).")
        var scenario: Topic.Scenario?
        @Option(help: ArgumentHelp("The segment it is about.", valueName: "UNIT/CODE")) var segment: String?
        @Option(help: "The customer it is about.") var customer: String?
        @Option(help: ArgumentHelp("The lead or opportunity it is about.", valueName: "id")) var lead: Int64?
        @Option(help: ArgumentHelp("The region or country it is about.", valueName: "code")) var about: String?
        @Option(help: "The industry it is about.") var industry: String?
        @Option(help: ArgumentHelp("When it is due.", valueName: "YYYY-MM-DD")) var due: String
        @Option(help: "low, normal, high or critical.") var priority: Topic.Priority = .normal
        @Option(help: ArgumentHelp("Its setter's login (default: you).", valueName: "login")) var setter: String?
        @Option(help: ArgumentHelp("A business-process stage it covers (repeatable): plan, build, operate, maintain, market, sell, serve, …", valueName: "code"))
        var stage: [String] = []

        func validate() throws {
            if scenario == nil && segment == nil { throw ValidationError("give --scenario, or --segment for a segment topic") }
        }

        func run() async throws {
            var proposal = Topic.Proposal(unit: unit, bu: bu, fiscalYear: Int32(year.year), title: title, question: question,
                                          scenario: scenario ?? .segment, dueOn: due)
            proposal.segment = segment; proposal.customer = customer; proposal.lead = lead; proposal.subjectUnit = about
            proposal.industry = industry; proposal.priority = priority; proposal.setter = setter; proposal.stages = stage
            let topic = try await options.withConnection { try await Topic.propose(proposal, on: $0) }
            print("proposed topic \(topic.id) (\(topic.title), \(topic.unit), due \(topic.dueOn)); its setter accepts it: mtl insight topic accept \(topic.id)")
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept a proposed topic (its setter).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        func run() async throws { report(try await options.withConnection { try await Topic.move(topic.id, to: .accepted, on: $0) }) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a proposed topic, with the reason (its setter).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @Option(help: "Why it is the wrong topic.") var reason: String
        func run() async throws { report(try await options.withConnection { try await Topic.move(topic.id, to: .rejected, reason: reason, on: $0) }) }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a topic that is not delivered.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        func run() async throws { report(try await options.withConnection { try await Topic.move(topic.id, to: .cancelled, on: $0) }) }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give people (logins) or units roles on a topic: setter, researcher, data provider, consumer, evaluator.",
            discussion: "The evaluator is never a researcher of the same topic (the database refuses it).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @Option(help: ArgumentHelp("A setter (repeatable).", valueName: "login")) var setter: [String] = []
        @Option(help: ArgumentHelp("A researcher (repeatable).", valueName: "login")) var researcher: [String] = []
        @Option(help: ArgumentHelp("A person who provides data (repeatable).", valueName: "login")) var dataProvider: [String] = []
        @Option(help: ArgumentHelp("A unit that provides data (repeatable).", valueName: "code")) var providerUnit: [String] = []
        @Option(help: ArgumentHelp("A person who uses the result (repeatable).", valueName: "login")) var consumer: [String] = []
        @Option(help: ArgumentHelp("Its evaluator.", valueName: "login")) var evaluator: String?

        func validate() throws {
            if setter.isEmpty && researcher.isEmpty && dataProvider.isEmpty && providerUnit.isEmpty && consumer.isEmpty && evaluator == nil {
                throw ValidationError("name at least one person or unit")
            }
        }

        func run() async throws {
            let people: [(Topic.Role, String)] = setter.map { (.setter, $0) } + researcher.map { (.researcher, $0) }
                + dataProvider.map { (.dataProvider, $0) } + consumer.map { (.consumer, $0) } + (evaluator.map { [(.evaluator, $0)] } ?? [])
            let roles = try await options.withConnection { db in
                try await db.transaction { db in
                    for (role, person) in people { try await Topic.assign(topic.id, role: role, person: person, unit: nil, on: db) }
                    for unit in providerUnit { try await Topic.assign(topic.id, role: .dataProvider, person: nil, unit: unit, on: db) }
                    return try await Topic.require(id: topic.id, on: db).roles(on: db)
                }
            }
            try OutputFormat.table.print(roles)
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start research on an accepted topic (a researcher).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        func run() async throws { report(try await options.withConnection { try await Topic.move(topic.id, to: .inResearch, on: $0) }) }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver a topic with its insights attached (a researcher); their units earn credits.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        func run() async throws { report(try await options.withConnection { try await Topic.move(topic.id, to: .delivered, on: $0) }) }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate a delivered topic (its evaluator, who did not research it).")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @Option(help: "How useful it was, 1–5.") var usefulness: Int
        @Option(help: "The decision it informed.") var decision: String
        @Option(help: "A comment.") var comment = ""

        func validate() throws { if !(1...5).contains(usefulness) { throw ValidationError("--usefulness is 1 to 5") } }

        func run() async throws {
            report(try await options.withConnection {
                try await Topic.evaluate(topic.id, usefulness: usefulness, comment: comment, decision: decision, on: $0)
            })
        }
    }

    struct Observe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record what research gathered for an item of the topic's data model.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @Option(help: ArgumentHelp("The item (see: mtl insight topic show ID).", valueName: "code")) var item: String
        @Option(help: "site_visit, machine_room, store, customer_experience, interview, desk_research or purchased_report.") var method: String
        @Option(help: "What was found.") var note: String

        func run() async throws {
            let added = try await options.withConnection { db in
                try await db.execute("""
                    INSERT INTO mi.observation (topic_id, item_id, method, note)
                    SELECT \(topic.id), i.item_id, \(method), \(note) FROM mi.topic_item i WHERE i.topic_id = \(topic.id) AND i.code = \(item)
                    """)
            }
            if added == 0 {
                throw CLIError("no item \(item) in topic \(topic.id)'s data model", hint: "See its items: mtl insight topic show \(topic.id)")
            }
            print("observed \(item) (\(method)) for topic \(topic.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the topics you can see.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("A fiscal year.", valueName: "FY")) var year: FiscalYear?
        @Option(help: "Only this state (repeatable).") var state: [Topic.State] = []
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            try format.print(try await options.withConnection {
                try await Topic.list(unit: unit, year: year.map { Int32($0.year) }, states: state, on: $0)
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a topic: its question, roles, stages, insights, data model (items covered and missed) and data provided.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var topic: IDArgument
        @OptionGroup var output: RecordFormatOption

        struct Details: Sendable {
            var topic: Topic, roles: [TopicRole], stages: [String], insights: [Insight], items: [TopicItem], data: [Contribution]
            var progress: TopicProgress?
        }

        func run() async throws {
            let d = try await options.withConnection { db in
                let topic = try await Topic.require(id: self.topic.id, on: db)
                return Details(topic: topic, roles: try await topic.roles(on: db), stages: try await topic.stages(on: db),
                               insights: try await Insight.list(topic: topic.id, on: db), items: try await topic.items(on: db),
                               data: try await Contribution.list(topic: topic.id, on: db), progress: try await topic.progress(on: db))
            }
            if output.format == .json {
                let progress: JSONText = d.progress?.json ?? .value(.null)
                let stages: JSONText = .array(d.stages.map { .value(.text($0)) })
                return print(OutputFormat.json(.object([("topic", d.topic.json), ("roles", d.roles.json), ("stages", stages),
                                                        ("insights", d.insights.json), ("items", d.items.json),
                                                        ("contributions", d.data.json), ("progress", progress)])))
            }
            let t = d.topic
            print("topic \(t.id): \(t.title) (\(t.unit)\(t.bu.map { "/\($0)" } ?? ""), FY\(t.fiscalYear), \(t.scenario), \(t.priority), due \(t.dueOn)) is \(t.state)")
            print("question: \(t.question)" + (t.rejectionReason.map { "\nrejected: \($0)" } ?? ""))
            if let p = d.progress {
                if !p.leadTimes.isEmpty { print("lead times: \(p.leadTimes)") }
                if let usefulness = p.usefulness {
                    print("evaluated by \(p.evaluatedBy ?? "?"): usefulness \(usefulness)/5; informed: \(p.decision ?? "")"
                          + (p.comment.map { $0.isEmpty ? "" : " (\($0))" } ?? ""))
                }
            }
            print("stages covered: " + (d.stages.isEmpty ? "none" : d.stages.joined(separator: ", ")))
            print("\nROLES"); try OutputFormat.table.print(d.roles)
            print("\nINSIGHTS"); try OutputFormat.table.print(d.insights)
            print("\nDATA MODEL (\(d.items.filter(\.covered).count) of \(d.items.count) items covered)"); try OutputFormat.table.print(d.items)
            if !d.data.isEmpty { print("\nDATA PROVIDED"); try OutputFormat.table.print(d.data) }
        }
    }
}
