import ArgumentParser
import Enablement
import Foundation
import MTLCore
import PGKit

/// `mtl kit …`: kits per battle scenario.
struct KitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Kits per battle scenario: what to use at each step (materials and tools), which the front line combines with more.",
        discussion: """
            Example:
              mtl kit add HQ/SUMMIT --title "Summit kit" --scenario summit
              mtl kit add HQ/SUMMIT --step "Open the summit" --material 3
              mtl kit add HQ/SUMMIT --step "Show the network live" --tool "Experience cloud"
              mtl kit show HQ/SUMMIT
            """,
        subcommands: [Add.self, List.self, Show.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a kit (with --title and --scenario), or add a step to it (with --step and --material or --tool).")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The kit, as UNIT/CODE (such as HQ/SUMMIT).") var kit: String
        @Option(help: "A new kit's title.") var title: String?
        @Option(help: ArgumentHelp("A new kit's battle scenario.", valueName: "code")) var scenario: String?
        @Option(help: ArgumentHelp("A new kit's BU (default: every BU).", valueName: "code")) var bu: String?
        @Option(help: "What the kit is for.") var description = ""
        @Option(help: "A step to add: what to do.") var step: String?
        @Option(help: ArgumentHelp("The material to use at the step.", valueName: "id")) var material: Int64?
        @Option(help: "The tool to use at the step (insight tool, case library, experience cloud, …).") var tool: String?
        @Option(help: "A note for the step.") var note = ""

        func validate() throws {
            let parts = kit.split(separator: "/")
            guard parts.count == 2 else { throw ValidationError("name the kit UNIT/CODE, such as HQ/SUMMIT") }
            if step == nil && (title == nil || scenario == nil) { throw ValidationError("give --title and --scenario to create the kit, or --step to add a step") }
            if step != nil && (material == nil) == (tool == nil) { throw ValidationError("a step uses a --material or a --tool") }
        }

        func run() async throws {
            let parts = kit.split(separator: "/").map(String.init)
            try await options.withConnection { db in
                if let title, let scenario {
                    let k = try await Kit.add(unit: parts[0], bu: bu, code: parts[1], title: title, scenario: scenario, description: description, on: db)
                    print("added kit \(k.unit)/\(k.code) (\(k.title), \(k.scenario))")
                }
                if let step {
                    try await Kit.addStep(kit, step: step, material: material, tool: tool, note: note, on: db)
                    print("added a step to \(kit): \(step)")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the kits you see (your scope's and those of the units above).")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Only this scenario's.", valueName: "code")) var scenario: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws { try format.print(try await options.withConnection { try await Kit.list(scenario: scenario, on: $0) }) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what to use at each step of a kit.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The kit, as UNIT/CODE.") var kit: String
        @OptionGroup var output: RecordFormatOption
        func run() async throws {
            let (k, steps) = try await options.withConnection { db in
                let k = try await Kit.require(kit, on: db)
                return (k, try await k.steps(on: db))
            }
            if output.format == .json { return print(OutputFormat.json(.object([("kit", k.json), ("steps", steps.json)]))) }
            print("kit \(k.unit)/\(k.code): \(k.title) (scenario \(k.scenario))" + (k.description.isEmpty ? "" : "\n\(k.description)"))
            try OutputFormat.table.print(steps)
        }
    }
}

/// `mtl seller …`: the people enablement serves.
struct SellerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seller",
        abstract: "Sellers to enable: a unit and BU, a seller role, perhaps their login (mtl user add NAME --role seller).",
        subcommands: [Add.self, List.self, Show.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a seller.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "Their name.") var name: String
        @Option(help: ArgumentHelp("Their unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Their BU.", valueName: "code")) var bu: String?
        @Option(help: "account_manager, product_sales, channel_sales, solution_manager, front_line_sales, …") var role: String
        @Option(help: "Their e-mail address.") var email: String?
        @Option(help: ArgumentHelp("Their login, who records their own uses, ratings and results.", valueName: "login")) var login: String?
        func run() async throws {
            let s = try await options.withConnection {
                try await Seller.add(unit: unit, bu: bu, name: name, role: role, email: email, login: login, on: $0)
            }
            print("added seller \(s.id) (\(s.name), \(s.role), \(s.unit)\(s.bu.map { "/\($0)" } ?? ""))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sellers of your scope.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this role.") var role: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws { try format.print(try await options.withConnection { try await Seller.list(unit: unit, role: role, on: $0) }) }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a seller (by id or login) and their certifications.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The seller's id or login.") var seller: String
        @OptionGroup var output: RecordFormatOption
        func run() async throws {
            let (s, certifications) = try await options.withConnection { db in
                let s = try await Seller.require(seller, on: db)
                return (s, try await s.certifications(on: db))
            }
            if output.format == .json { return print(OutputFormat.json(.object([("seller", s.json), ("certifications", certifications.json)]))) }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: Seller.outputColumns.map { [$0.heading, $0.value(of: s).text] }))
            print("\nCERTIFICATIONS"); try OutputFormat.table.print(certifications)
        }
    }
}

/// `mtl enablement programme|session|attend`: training.
struct EnablementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enablement",
        abstract: "Enablement programmes (for a segment or key project), their sessions, and who attended.",
        subcommands: [Programme.self, Session.self, Attend.self])

    struct Programme: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an enablement programme.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("Its unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
        @Option(help: "Its title.") var title: String
        @Option(help: ArgumentHelp("The segment it is for.", valueName: "UNIT/CODE")) var segment: String?
        @Option(help: ArgumentHelp("The key project (a lead or opportunity) it is for.", valueName: "id")) var lead: Int64?
        @Option(help: ArgumentHelp("When it starts.", valueName: "YYYY-MM-DD")) var starts: String
        @Option(help: ArgumentHelp("When it ends.", valueName: "YYYY-MM-DD")) var ends: String
        func run() async throws {
            let id = try await options.withConnection {
                try await Training.addProgramme(unit: unit, bu: bu, title: title, segment: segment, lead: lead, startsOn: starts, endsOn: ends, on: $0)
            }
            print("added programme \(id) (\(title)); add its sessions: mtl enablement session \(id) …")
        }
    }

    struct Session: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a session to a programme: classroom, online, meeting or mobile.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The programme's id.") var programme: Int64
        @Option(help: "Its title.") var title: String
        @Option(help: "classroom, online, meeting or mobile.") var channel: String
        @Option(help: ArgumentHelp("When it is held.", valueName: "YYYY-MM-DD")) var on: String
        @Option(help: ArgumentHelp("The material it teaches.", valueName: "id")) var material: Int64?
        func run() async throws {
            let id = try await options.withConnection {
                try await Training.addSession(programme: programme, title: title, channel: channel, heldOn: on, material: material, on: $0)
            }
            print("added session \(id) (\(title), \(channel), \(on))")
        }
    }

    struct Attend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record attendance of a session: yours, or (editors) a seller's of your scope.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The session's id.") var session: Int64
        @Option(help: ArgumentHelp("The seller (id or login); default: you.", valueName: "seller")) var seller: String?
        func run() async throws {
            try await options.withConnection { try await Training.attend(session: session, seller: seller, on: $0) }
            print("attended session \(session)" + (seller.map { " (\($0))" } ?? ""))
        }
    }
}

/// `mtl exam add|record`: exams and their results; a pass certifies.
struct ExamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exam", abstract: "Exams per seller role (and segment): results, and the certification a confirmed pass grants.",
        subcommands: [Add.self, Record.self, Confirm.self, Results.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an exam: for a seller role, perhaps a segment and a material.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The exam, as UNIT/CODE (such as HQ/P5G).") var exam: String
        @Option(help: "Its title.") var title: String
        @Option(help: "The seller role it certifies.") var role: String
        @Option(help: ArgumentHelp("The segment it certifies for (default: every segment).", valueName: "UNIT/CODE")) var segment: String?
        @Option(help: ArgumentHelp("The material it is on (a new major version asks for recertification).", valueName: "id")) var material: Int64?
        @Option(help: "The pass mark, 0–100.") var passMark: Decimal
        @Option(help: "How many months a certification lasts.") var validity = 24
        @Option(help: ArgumentHelp("Its BU.", valueName: "code")) var bu: String?
        func validate() throws {
            if exam.split(separator: "/").count != 2 { throw ValidationError("name the exam UNIT/CODE, such as HQ/P5G") }
        }
        func run() async throws {
            let parts = exam.split(separator: "/").map(String.init)
            _ = try await options.withConnection {
                try await Training.addExam(unit: parts[0], bu: bu, code: parts[1], title: title, role: role, segment: segment, material: material,
                                           passMark: passMark, validityMonths: validity, on: $0)
            }
            print("added exam \(exam) (\(title)): pass mark \(passMark), certifies \(role) for \(validity) months")
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an exam result: yours (an editor of your unit confirms it), or (editors) a seller's of your scope. A confirmed pass certifies.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The exam, as UNIT/CODE.") var exam: String
        @Option(help: "The score, 0–100.") var score: Decimal
        @Option(help: ArgumentHelp("The seller (id or login); default: you.", valueName: "seller")) var seller: String?
        @Option(help: ArgumentHelp("When it was taken (default: today).", valueName: "YYYY-MM-DD")) var taken: String?
        func run() async throws {
            let result = try await options.withConnection {
                try await Training.recordResult(exam: exam, seller: seller, score: score, takenOn: taken, on: $0)
            }
            if let certification = result.certification {
                print("passed \(exam) with \(score): certification \(certification) granted (mtl cert list)")
            } else if !result.passed {
                print("\(exam): \(score) is below the pass mark; no certification")
            } else {
                print("passed \(exam) with \(score): result \(result.id) waits for an editor of your unit to confirm it (mtl exam confirm \(result.id))")
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm a result a seller recorded themselves (an editor of their unit, not the seller): a pass certifies.")
        @OptionGroup var options: DomainOptions
        @Argument(help: "The result's id (see: mtl exam results --pending).") var id: Int64
        func run() async throws {
            let certification = try await options.withConnection { try await Training.confirmResult(id, on: $0) }
            print("confirmed result \(id)" + (certification.map { ": certification \($0) granted" } ?? " (below the pass mark: no certification)"))
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the exam results you see.")
        @OptionGroup var options: DomainOptions
        @Flag(help: "Only passes waiting for confirmation.") var pending = false
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws { try format.print(try await options.withConnection { try await Training.results(pending: pending, on: $0) }) }
    }
}

/// `mtl cert list|expiring`: certifications and their status.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "Certifications: valid, expiring, to recertify (their material has a new major version) or expired.",
        subcommands: [List.self, Expiring.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the certifications you see.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws { try format.print(try await options.withConnection { try await Certification.list(unit: unit, on: $0) }) }
    }

    struct Expiring: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the certifications that need attention: expiring (within HQ's warning days, or --within), to recertify, expired.")
        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("This unit's and the units' below it.", valueName: "code")) var unit: String?
        @Option(help: ArgumentHelp("Also those expiring within this many days.", valueName: "days")) var within: Int?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func validate() throws {
            if let within, within < 0 { throw ValidationError("--within takes a number of days, 0 or more") }
        }
        func run() async throws {
            try format.print(try await options.withConnection { try await Certification.list(unit: unit, attention: true, within: within, on: $0) })
        }
    }
}

/// `mtl readiness`: the share of sellers certified, per segment and role.
struct ReadinessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readiness", abstract: "Seller readiness: per segment and seller role, the share of active sellers holding a valid certification.")
    @OptionGroup var options: DomainOptions
    @Option(help: ArgumentHelp("This unit's segments and the units' below it.", valueName: "code")) var unit: String?
    @Option(help: ArgumentHelp("One segment.", valueName: "UNIT/CODE")) var segment: String?
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
    func run() async throws { try format.print(try await options.withConnection { try await Readiness.list(unit: unit, segment: segment, on: $0) }) }
}
