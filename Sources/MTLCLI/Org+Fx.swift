import ArgumentParser
import Foundation
import MTLCore
import PGKit

extension Org {
    /// `mtl org fx …`: the exchange rates scorecards convert money with (HQ reference data).
    struct Fx: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exchange rates per fiscal quarter, for scorecards in one currency (HQ admins set them).",
            subcommands: [List.self, Set.self])

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the exchange rates.")
            @OptionGroup var options: DomainOptions
            @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

            func run() async throws {
                try format.print(try await options.withConnection { try await FxRate.list(on: $0) })
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set how many units of TO one unit of CURRENCY was worth in a quarter.",
                discussion: "Example: mtl org fx set CNY EUR 0.128 --quarter FY2027-Q2")
            @OptionGroup var options: DomainOptions
            @Argument(help: "The currency converted, such as CNY.") var currency: String
            @Argument(help: "The currency converted into, such as EUR.") var to: String
            @Argument(help: "Units of TO per unit of CURRENCY.") var rate: Decimal
            @Option(help: ArgumentHelp("The fiscal quarter it applies to.", valueName: "quarter")) var quarter: FiscalQuarter

            func validate() throws {
                for code in [currency, to] where !(code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLetter }) {
                    throw ValidationError("\(code) is not a currency code such as EUR")
                }
                if currency.uppercased() == to.uppercased() { throw ValidationError("the two currencies are the same") }
                if rate <= 0 { throw ValidationError("the rate must be above 0") }
            }

            func run() async throws {
                try await options.withConnection {
                    try await FxRate.set(currency.uppercased(), into: to.uppercased(), quarter: quarter, rate: rate, on: $0)
                }
                print("\(quarter): 1 \(currency.uppercased()) = \(rate) \(to.uppercased())")
            }
        }
    }
}
