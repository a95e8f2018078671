import ArgumentParser
import Demand
import Foundation
import MTLCore
import PGKit

/// `mtl asset …`: marketing content.
struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset",
        abstract: "Marketing assets: slides, white papers, case studies, videos, … (draft → published → retired).",
        discussion: """
            Everybody sees every asset, so HQ's material is reused by regions and countries; people add \
            and change their own units' assets. Activities use published assets.
            Example:
              mtl asset add 'Smart rail white paper' --type white_paper --language en --uri https://cdn.example/rail.pdf --owner de_editor --unit DE
              mtl asset publish 1
            """,
        subcommands: [Add.self, List.self, Publish.self, Retire.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The asset's id (see: mtl asset list).") var id: Int64
    }
}

extension AssetCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a draft asset.")

        @OptionGroup var options: DomainOptions
        @Argument(help: "Its title.") var title: String
        @Option(help: "slides, white_paper, article, case_study, video, brochure, demo, kit or other.") var type: String
        @Option(help: "A language tag such as en, de or zh-CN.") var language: String
        @Option(help: "Where it is, such as https://…") var uri: String
        @Option(help: ArgumentHelp("The person responsible for it.", valueName: "user")) var owner: String
        @Option(help: ArgumentHelp("The owning unit.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("The BU, if it is one BU's.", valueName: "code")) var bu: String?

        func validate() throws {
            guard Asset.types.contains(type) else { throw ValidationError("--type is one of \(Asset.types.joined(separator: ", "))") }
            if language.range(of: "^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$", options: .regularExpression) == nil {
                throw ValidationError("--language takes a language tag such as en, de or zh-CN")
            }
            if uri.range(of: #"^[a-z][a-z0-9+.-]*:\S+$"#, options: .regularExpression) == nil {
                throw ValidationError("--uri takes a URI such as https://cdn.example.com/deck.pdf")
            }
        }

        func run() async throws {
            let asset = try await options.withConnection { db in
                try await Asset.create(unit: unit, bu: bu, type: type, title: title, language: language, uri: uri, owner: owner, on: db)
            }
            print("created asset \(asset.id): \(asset.title) (\(asset.type), \(asset.language), draft); publish it with: mtl asset publish \(asset.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List assets.")

        @OptionGroup var options: DomainOptions
        @Option(help: "Only this type.") var type: String?
        @Option(help: "Only this state: \(Asset.State.allCases.map(\.rawValue).joined(separator: ", ")).") var state: Asset.State?
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            let assets = try await options.withConnection { db in try await Asset.list(type: type, state: state, on: db) }
            try format.print(assets)
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish a draft asset, so that activities can use it.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var asset: IDArgument
        func run() async throws {
            let a = try await options.withConnection { db in try await Asset.move(id: asset.id, to: .published, on: db) }
            print("asset \(a.id) (\(a.title)) is \(a.state)")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a published asset.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var asset: IDArgument
        func run() async throws {
            let a = try await options.withConnection { db in try await Asset.move(id: asset.id, to: .retired, on: db) }
            print("asset \(a.id) (\(a.title)) is \(a.state)")
        }
    }
}

extension Asset.State: ExpressibleByArgument {}
