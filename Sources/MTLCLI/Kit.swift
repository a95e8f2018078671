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
