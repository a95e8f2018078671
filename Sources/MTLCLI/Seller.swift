import ArgumentParser
import Enablement
import Foundation
import MTLCore
import PGKit

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
