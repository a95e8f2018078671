import ArgumentParser
import MTLCore
import PGKit

/// `mtl bu …`: business units.
struct BU: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bu",
        abstract: "Add and list business units (BUs).",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a business unit (HQ admins).",
                                                        discussion: "Example: mtl bu add CARRIER \"Carrier network\"")

        @OptionGroup var options: DomainOptions
        @Argument(help: "A short code: 2–16 of A–Z, 0–9, _ and -.") var code: String
        @Argument(help: "The BU's name.") var name: String

        func validate() throws {
            try validating {
                try Names.checkCode(code, what: "business unit")
                try Names.checkDisplayName(name, what: "business unit")
            }
        }

        func run() async throws {
            let bu = try await options.withConnection { try await BusinessUnit.add(code: code, name: name, on: $0) }
            print("added business unit \(bu.code) (\(bu.name))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the business units.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let bus = try await options.withConnection { try await BusinessUnit.all(on: $0) }
            try format.print(bus)
        }
    }
}
