import ArgumentParser
import Foundation
import MTLCore
import MTLModules
import PGKit
import Quality

/// `mtl quality …`: quality rules and their findings (MQA).
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Quality checks: rules, their findings, acknowledging, resolving and waiving them.",
        discussion: """
            Each module registers quality rules; the daily quality.check job (or `mtl quality check`, \
            HQ admins) turns their violations into findings, one per rule and subject. A finding is \
            open, acknowledged, resolved (by hand, or by the check once the violation is gone) or \
            waived (a waiver with a reason, approved by someone else). A violation that comes back \
            reopens its finding.
            Example:
              mtl quality findings --unit DE --state open
              mtl quality ack 12
              mtl quality waive 12 --reason "Trade fair lead lists arrive in March"
              mtl quality rules set dg.lead_incomplete threshold 3      (HQ admins)
            """,
        subcommands: [Findings.self, Ack.self, Resolve.self, Waive.self, Check.self, Rules.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The finding's id (see: mtl quality findings).") var id: Int64
    }

    static func report(_ f: Finding) {
        print("finding \(f.id) (\(f.ruleCode), \(f.subjectKind) \(f.subjectId), \(f.unit)) is \(f.state)")
    }
}

extension QualityCommand {
    struct Findings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the findings you can see, newest first.")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this unit's and the units' below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Only this rule's (see: mtl quality rules list).", valueName: "code")) var rule: String?
        @Option(help: "Only findings in this state: open, acknowledged, resolved or waived (repeat for several).")
        var state: [Finding.State] = []
        @Option(help: "At most this many.") var limit = 500
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let findings = try await options.withConnection { db in
                try await Finding.list(unit: unit, rule: rule.map { QualityRuleCode($0) }, states: state, limit: limit, on: db)
            }
            try format.print(findings)
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an open finding: it is seen and being worked on.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var finding: IDArgument

        func run() async throws {
            report(try await options.withConnection { try await Finding.acknowledge(id: finding.id, on: $0) })
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a finding by hand.", discussion: "If the violation is still there, the next check reopens it.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var finding: IDArgument

        func run() async throws {
            report(try await options.withConnection { try await Finding.resolve(id: finding.id, on: $0) })
        }
    }

    struct Waive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask for a finding to be waived, with the reason.",
            discussion: "The request goes to the approvers of the finding's unit; you cannot decide your own. Approved, the finding is waived.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var finding: IDArgument
        @Option(help: "Why the finding is acceptable as it is.") var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--reason is empty") }
        }

        func run() async throws {
            let waiver = try await options.withConnection { try await Waiver.request(finding: finding.id, reason: reason, on: $0) }
            print("asked to waive finding \(finding.id): approval request \(waiver.requestId.map(String.init) ?? "?") is waiting for an approver"
                  + " (mtl approvals list --pending)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the quality checks now and keep the findings (HQ admins).",
            discussion: "The daily quality.check job does the same; its figures cover every unit.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this rule.", valueName: "code")) var rule: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let results = try await options.withConnection { try await QualityCheck.run(rule: rule.map { QualityRuleCode($0) }, on: $0) }
            try format.print(results)
        }
    }
}

extension QualityCommand {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The quality rules: list them; HQ admins enable, disable and set them.",
            subcommands: [List.self, Enable.self, Disable.self, Set.self])

        struct CodeArgument: ParsableArguments {
            @Argument(help: "The rule's code (see: mtl quality rules list).") var code: String
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the rules, their parameters and open findings you can see.")
            @OptionGroup var options: DomainOptions
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                try format.print(try await options.withConnection { try await QualityRule.list(on: $0) })
            }
        }

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Let the check run a rule.")
            @OptionGroup var options: DomainOptions
            @OptionGroup var rule: CodeArgument

            func run() async throws {
                let updated = try await options.withConnection { try await QualityRule.setEnabled(QualityRuleCode(rule.code), true, on: $0) }
                print("quality rule \(updated.code) is enabled")
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Stop the check running a rule.", discussion: "Its findings stay as they are until it runs again.")
            @OptionGroup var options: DomainOptions
            @OptionGroup var rule: CodeArgument

            func run() async throws {
                let updated = try await options.withConnection { try await QualityRule.setEnabled(QualityRuleCode(rule.code), false, on: $0) }
                print("quality rule \(updated.code) is disabled")
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set a rule's parameter, or put it back to its default.",
                discussion: "Example: mtl quality rules set dg.activity_without_leads days 21")
            @OptionGroup var options: DomainOptions
            @OptionGroup var rule: CodeArgument
            @Argument(help: "The parameter (see: mtl quality rules list).") var parameter: String
            @Argument(help: "Its value: a number, true/false, or text.") var value: String?
            @Flag(help: "Back to the rule's default.") var reset = false

            func validate() throws {
                if reset == (value != nil) { throw ValidationError("give a value, or --reset") }
            }

            func run() async throws {
                let updated = try await options.withConnection {
                    try await QualityRule.set(QualityRuleCode(rule.code), parameter: parameter, value: reset ? nil : value, on: $0)
                }
                print("quality rule \(updated.code): \(updated.parameters)")
            }
        }
    }
}

extension Finding.State: ExpressibleByArgument {}
