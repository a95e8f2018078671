import ArgumentParser
import Enablement
import Foundation
import MTLCore
import PGKit

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
