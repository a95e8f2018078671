import ArgumentParser
import Foundation
import MTLCore
import MTLModules
import Market
import PGKit

/// `mtl approvals …`: the inbox of decisions (frameworks, MSPs; budgets and reviews later).
struct Approvals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals",
        abstract: "Decide approval requests: frameworks and MSPs.",
        discussion: """
            Approvers decide the requests of the units and BUs their grants cover, never their own \
            submissions (four-eyes); a rejection needs a reason. The database enforces all of it.
            """,
        subcommands: [List.self, Show.self, Approve.self, Reject.self, Withdraw.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The request's id (see: mtl approvals list).") var id: Int64
    }

    /// A subject's decision reviews as a table, oldest first (for `show` commands).
    static func history(_ requests: [ApprovalRequest]) -> String {
        OutputFormat.table(header: ["REQUEST", "SUBMITTED BY", "STATE", "DECIDED BY", "CONDITIONS / REASON"], rows: requests.map {
            [String($0.id), $0.submittedBy, $0.state.rawValue, $0.decidedBy ?? "", $0.comment ?? ""]
        })
    }

    static func scope(_ request: ApprovalRequest) -> String {
        request.unit + (request.bu.map { "/" + $0 } ?? "")
    }
}

extension Approvals {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the requests you can see; those you may decide first (marked *).",
            discussion: "Example: mtl approvals list --pending --kind msp --format json")

        @OptionGroup var options: DomainOptions
        @Flag(help: "Only pending requests.") var pending = false
        @Flag(help: "Only requests you submitted.") var mine = false
        @Option(help: "Only one kind: \(Modules.approvalKinds.map(\.rawValue).joined(separator: ", ")).") var kind: ApprovalRequest.Kind?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            try await options.withConnection { db in
                let writer = format.writer(for: ApprovalRequest.self)
                try await ApprovalRequest.forEach(.init(pending: pending, mine: mine, kind: kind), on: db) { try writer.write($0) }
                try writer.finish()
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a request and its decision.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var request: IDArgument
        @OptionGroup var output: RecordFormatOption


        func run() async throws {
            let found = try await options.withConnection { try await ApprovalRequest.require(id: request.id, on: $0) }
            if output.format == .json { return print(OutputFormat.json(found.json)) }
            Approvals.describe(found)
        }
    }

    static func describe(_ r: ApprovalRequest) {
        var lines: [(String, String)] = [
            ("request", "\(r.id): \(r.title)"), ("kind", "\(r.kind.rawValue) \(r.subjectId)"), ("scope", scope(r)),
            ("submitted", "\(OutputFormat.timestamp(r.submittedAt)) by \(r.submittedBy)"), ("state", r.state.rawValue),
        ]
        if let decision = r.decision, let by = r.decidedBy, let at = r.decidedAt {
            lines.append(("decision", "\(decision) by \(by) at \(OutputFormat.timestamp(at))"))
            if let comment = r.comment { lines.append((decision == .rejected ? "reason" : "conditions", comment)) }
        } else if r.state == .pending {
            lines.append(("you", r.canDecide ? "may decide it: mtl approvals approve|reject \(r.id)" : "cannot decide it"))
        }
        switch r.kind {
        case .msp: lines.append(("see", "mtl msp show \(r.subjectId)"))
        case .framework: lines.append(("see", "mtl framework show (the year in the title)"))
        default: break
        }
        print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: lines.map { [$0.0, $0.1] }))
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a request, with conditions if any.",
            discussion: "Example: mtl approvals approve 12 --comment 'Report partner progress monthly'")

        @OptionGroup var options: DomainOptions
        @OptionGroup var request: IDArgument
        @Option(help: "Conditions of the approval.") var comment: String?

        func run() async throws {
            let decided = try await options.withConnection { db in
                try await ApprovalRequest.approve(id: request.id, conditions: comment, on: db)
            }
            print("approved request \(decided.id): \(decided.title)")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a request; the reason is required and kept.",
            discussion: "Example: mtl approvals reject 12 --reason 'No partner plan'")

        @OptionGroup var options: DomainOptions
        @OptionGroup var request: IDArgument
        @Option(help: "Why it is rejected.") var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("--reason cannot be empty") }
        }

        func run() async throws {
            let decided = try await options.withConnection { db in
                try await ApprovalRequest.reject(id: request.id, reason: reason, on: db)
            }
            print("rejected request \(decided.id): \(decided.title)")
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a pending request you submitted; its subject goes back to draft.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var request: IDArgument

        func run() async throws {
            try await options.withConnection { try await ApprovalRequest.withdraw(id: request.id, on: $0) }
            print("withdrew request \(request.id)")
        }
    }
}

/// A kind some module declares (``Modules/approvalKinds``); any other is refused with the list.
extension ApprovalRequest.Kind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = Modules.approvalKinds.first(where: { $0.rawValue == argument }) else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { Modules.approvalKinds.map(\.rawValue) }
}
