import ArgumentParser
import Foundation
import MTLCore
import MTLModules
import PGKit

/// `mtl user …`: people, their roles and their grants.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage people: each is a PostgreSQL login role with a capability and grants of units.",
        discussion: """
            A grant on a unit covers the unit and every unit below it, for every BU or one (--bu). \
            Admins manage the people and grants of the units they cover.
            """,
        subcommands: [Add.self, Grant.self, Revoke.self, List.self, Show.self, Disable.self, Enable.self]
    )

    /// The user name argument, checked before anything reaches the database.
    struct NameArgument: ParsableArguments {
        @Argument(help: "The user (login role) name: a lower-case letter, then a-z, 0-9, _ . @ -.") var name: String

        func validate() throws { try validating { try Names.checkUserName(name) } }
    }

    /// `--unit` and `--bu` of a grant.
    struct ScopeOptions: ParsableArguments {
        @Option(help: ArgumentHelp("The unit granted (with everything below it).", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Limit the grant to one business unit.", valueName: "code")) var bu: String?
    }
}

extension User {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a person: a login role with a capability and a grant on a unit.",
            discussion: """
                Example: printf '%s' "$PASSWORD" | mtl user add alice --role editor --unit DE --password-stdin
                Without --password-stdin the role has no password (for peer, certificate or other \
                authentication). The password is sent to the server only as a SCRAM-SHA-256 verifier.
                """)

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument
        @Option(help: ArgumentHelp("What the person may do: \(Modules.capabilities.map(\.rawValue).joined(separator: ", ")) (scheduler: a worker process's login, at HQ).",
                                   valueName: "role"))
        var role: Capability
        @OptionGroup var scope: ScopeOptions
        @Flag(help: "Read the password from standard input (prompted without echo on a terminal).")
        var passwordStdin = false

        func validate() throws {
            guard Modules.capabilities.contains(role) else {
                throw ValidationError("unknown role '\(role)': use \(Modules.capabilities.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let password = passwordStdin ? try Self.readPassword() : nil
            let account = try await options.withConnection { db in
                try await UserAccount.create(name: user.name, capability: role, unit: scope.unit, businessUnit: scope.bu,
                                             password: password, on: db)
            }
            print("created user \(account.name) (\(account.capability.rawValue)), sees \(account.grants.joined(separator: ", "))")
        }

        /// The password from standard input: the first line (without its line break).
        static func readPassword() throws -> String {
            if isatty(STDIN_FILENO) == 1 {
                guard let typed = getpass("Password: ") else { throw CLIError("could not read the password") }
                return String(cString: typed)
            }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let text = String(data: data, encoding: .utf8) else {
                throw CLIError("the password on standard input is not valid UTF-8")
            }
            return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a person a unit (and everything below it), for every BU or one.",
            discussion: "Example: mtl user grant alice --unit FR --bu CARRIER")

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument
        @OptionGroup var scope: ScopeOptions

        func run() async throws {
            try await options.withConnection { try await MTLCore.Grant.add(user: user.name, unit: scope.unit, businessUnit: scope.bu, on: $0) }
            print("granted \(scope.unit)\(scope.bu.map { "/" + $0 } ?? "") to \(user.name)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take back a grant.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument
        @OptionGroup var scope: ScopeOptions

        func run() async throws {
            try await options.withConnection { try await MTLCore.Grant.remove(user: user.name, unit: scope.unit, businessUnit: scope.bu, on: $0) }
            print("revoked \(scope.unit)\(scope.bu.map { "/" + $0 } ?? "") from \(user.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the people you manage (or yourself).")

        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let accounts = try await options.withConnection { try await UserAccount.all(on: $0) }
            try format.print(accounts)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a person: roles, grants and the units they can see.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument
        @OptionGroup var output: RecordFormatOption


        struct Details {
            let account: UserAccount
            let roles: [String]
            let visibleUnits: [UserAccount.VisibleUnit]

            var json: JSONText { .object([("account", account.json), ("roles", .texts(roles)), ("visible_units", visibleUnits.json)]) }
        }

        func run() async throws {
            let details = try await options.withConnection { db in
                let account = try await UserAccount.require(name: user.name, on: db)
                return Details(account: account, roles: try await account.roles(on: db), visibleUnits: try await account.visibleUnits(on: db))
            }
            if output.format == .json {
                print(OutputFormat.json(details.json))
                return
            }
            let account = details.account
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: [
                ["user", account.name], ["role", account.capability.rawValue], ["member of", details.roles.joined(separator: ", ")],
                ["home unit", account.homeUnit], ["grants", account.grants.joined(separator: ", ")],
                ["login", account.canLogin ? "enabled" : "disabled" + (account.disabledAt.map { " since " + OutputFormat.timestamp($0) } ?? "")],
                ["created", "\(OutputFormat.timestamp(account.createdAt)) by \(account.createdBy)"],
            ]))
            print("\nunits \(account.name) can see:")
            for unit in details.visibleUnits {
                let bus = unit.allBusinessUnits ? "all BUs" : unit.businessUnits.joined(separator: ", ")
                print("  \(unit.code.padding(toLength: 6, withPad: " ", startingAt: 0))  \(unit.name) (\(unit.kind); \(bus))")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a person from logging in (account, grants and history stay).",
            discussion: "Sessions already open stay open until they end.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument

        func run() async throws {
            try await options.withConnection { try await UserAccount.disable(name: user.name, on: $0) }
            print("disabled \(user.name)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled person log in again.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var user: NameArgument

        func run() async throws {
            try await options.withConnection { try await UserAccount.enable(name: user.name, on: $0) }
            print("enabled \(user.name)")
        }
    }
}

extension Capability: ExpressibleByArgument {}
