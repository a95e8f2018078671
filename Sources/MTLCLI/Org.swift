import ArgumentParser
import MTLCore
import PGKit

/// `mtl org …`: the unit hierarchy and the fiscal calendar.
struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Set up and show the organisation: HQ, regions, countries and the fiscal calendar.",
        subcommands: [AddRegion.self, AddCountry.self, SetUnit.self, List.self, Show.self, Deactivate.self, Activate.self, Calendar.self, Fx.self]
    )
}

extension Org {
    struct AddRegion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-region",
            abstract: "Add a region under HQ (HQ admins).",
            discussion: "Example: mtl org add-region EMEA \"Europe, Middle East and Africa\" --time-zone Europe/Berlin")

        @OptionGroup var options: DomainOptions
        @Argument(help: "A short code: 2–16 of A–Z, 0–9, _ and -, not an ISO country code (EMEA, APAC).") var code: String
        @Argument(help: "The region's name.") var name: String
        @Option(help: ArgumentHelp("The region's IANA time zone; its quarterly reviews run on its local time.", valueName: "zone"))
        var timeZone: String
        @Option(help: ArgumentHelp("Its ISO 4217 currency, the default of its amounts (default: HQ's).", valueName: "code"))
        var currency: String?

        func validate() throws {
            try validating {
                try Names.checkCode(code, what: "region")
                try Names.checkDisplayName(name, what: "region")
                if let currency { try Names.checkCurrency(currency) }
            }
        }

        func run() async throws {
            let unit = try await options.withConnection {
                try await OrgUnit.addRegion(code: code, name: name, timeZone: timeZone, currency: currency, on: $0)
            }
            print("added region \(unit.code) (\(unit.name)), time zone \(unit.timeZone), currency \(unit.currency)")
        }
    }

    struct AddCountry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-country",
            abstract: "Add a country to a region (admins of HQ or of the region).",
            discussion: "Example: mtl org add-country DE --region EMEA (Europe/Berlin, EUR); mtl org add-country AU --region APAC --time-zone Australia/Perth")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The country's ISO 3166-1 alpha-2 code (DE, BR, CN).") var code: String
        @Option(help: ArgumentHelp("The region it belongs to.", valueName: "code")) var region: String
        @Option(help: "Its name (default: the ISO name).") var name: String?
        @Option(help: ArgumentHelp("Its IANA time zone (default: the country's main zone, such as Europe/London for GB).", valueName: "zone"))
        var timeZone: String?
        @Option(help: ArgumentHelp("Its ISO 4217 currency (default: the country's, such as GBP for GB).", valueName: "code"))
        var currency: String?

        func validate() throws {
            try validating {
                try Names.checkCountryCode(code)
                if let name { try Names.checkDisplayName(name, what: "country") }
                if let currency { try Names.checkCurrency(currency) }
            }
        }

        func run() async throws {
            let unit = try await options.withConnection {
                try await OrgUnit.addCountry(code: code, region: region, name: name, timeZone: timeZone, currency: currency, on: $0)
            }
            print("added country \(unit.code) (\(unit.name)) to \(region), time zone \(unit.timeZone), currency \(unit.currency)")
        }
    }

    struct SetUnit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a unit's time zone or currency (admins of the unit above it; HQ's own: HQ admins).",
            discussion: "Example: mtl org set HQ --currency EUR; mtl org set AU --time-zone Australia/Perth. Its quarterly review schedule follows its time zone; amounts already recorded keep theirs.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The unit's code.") var code: String
        @Option(help: ArgumentHelp("Its IANA time zone.", valueName: "zone")) var timeZone: String?
        @Option(help: ArgumentHelp("Its ISO 4217 currency.", valueName: "code")) var currency: String?

        func validate() throws {
            if timeZone == nil && currency == nil { throw ValidationError("give --time-zone or --currency (or both)") }
            try validating {
                if let currency { try Names.checkCurrency(currency) }
            }
        }

        func run() async throws {
            let unit = try await options.withConnection {
                try await OrgUnit.update(code: code, timeZone: timeZone, currency: currency, on: $0)
            }
            print("unit \(unit.code): time zone \(unit.timeZone), currency \(unit.currency)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the units as an indented tree.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let units = try await options.withConnection { try await OrgUnit.all(on: $0) }
            try format.print(units)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one unit: its place, time zone, local time, fiscal quarter and the units below it.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The unit's code.") var code: String
        @OptionGroup var output: RecordFormatOption


        struct Details {
            let unit: OrgUnit
            let localTime: String
            let fiscalQuarter: String
            let children: [String]

            var json: JSONText {
                .object([("unit", unit.json), ("local_time", .text(localTime)), ("fiscal_quarter", .text(fiscalQuarter)),
                         ("children", .texts(children))])
            }
        }

        func run() async throws {
            let details = try await options.withConnection { db in
                let unit = try await OrgUnit.require(code: code, on: db)
                let now = try await unit.now(on: db)
                return Details(unit: unit, localTime: now.localTime, fiscalQuarter: now.fiscalQuarter,
                               children: try await unit.children(on: db).map(\.code))
            }
            if output.format == .json {
                print(OutputFormat.json(details.json))
                return
            }
            let unit = details.unit
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["code", unit.code], ["name", unit.name], ["kind", unit.kind.rawValue],
                ["path", unit.path.joined(separator: " > ")], ["time zone", unit.timeZone], ["currency", unit.currency],
                ["local time", details.localTime], ["fiscal quarter", details.fiscalQuarter],
                ["active", unit.active ? "yes" : "no"],
                ["below", details.children.isEmpty ? "-" : details.children.joined(separator: ", ")],
            ]))
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a unit (its data and history stay; units are never deleted once they own data).")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The unit's code.") var code: String

        func run() async throws {
            try await options.withConnection { try await OrgUnit.setActive(code: code, false, on: $0) }
            print("deactivated \(code)")
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reactivate a deactivated unit.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "The unit's code.") var code: String

        func run() async throws {
            try await options.withConnection { try await OrgUnit.setActive(code: code, true, on: $0) }
            print("activated \(code)")
        }
    }

    struct Calendar: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set the fiscal calendar (HQ admins set it).",
            discussion: "Example: mtl org calendar --start-month 4 --named-by end   (April 2026 – March 2027 is FY2027)")

        @OptionGroup var options: DomainOptions
        @Option(help: ArgumentHelp("The month the fiscal year starts, 1–12.", valueName: "month")) var startMonth: Int?
        @Option(help: ArgumentHelp("Name a fiscal year after the calendar year it ends (end) or starts (start) in.", valueName: "end|start"))
        var namedBy: FiscalCalendar.Naming?

        func validate() throws {
            if let startMonth, !(1...12).contains(startMonth) {
                throw ValidationError("--start-month must be from 1 (January) to 12 (December)")
            }
        }

        func run() async throws {
            let calendar = try await options.withConnection { db in
                var calendar = try await FiscalCalendar.current(on: db)
                if startMonth != nil || namedBy != nil {
                    calendar.startMonth = startMonth ?? calendar.startMonth
                    calendar.namedBy = namedBy ?? calendar.namedBy
                    try await calendar.save(on: db)
                }
                return calendar
            }
            let month = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"][calendar.startMonth - 1]
            print("fiscal year starts in \(month); named after the calendar year it \(calendar.namedBy == .end ? "ends" : "starts") in")
        }
    }
}

extension FiscalCalendar.Naming: ExpressibleByArgument {}
