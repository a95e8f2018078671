import Foundation
import PackagePlugin

/// Embeds the `.sql` files of the package's `sql/migrations` and `sql/repeatable` folders into the
/// target as Swift source, so the built binary carries its migrations (no source tree needed at
/// run time). `sql/schema.sql`, the checked-in dump for review, is not a migration.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "sql")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "sql"
                && ["migrations", "repeatable"].contains(url.deletingLastPathComponent().lastPathComponent) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files",
                executable: try context.tool(named: "SQLEmbedder").url,
                arguments: [output.path, root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
