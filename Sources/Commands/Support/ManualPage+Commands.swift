import ArgumentParser
import Voice

extension ManualPage {
    /// The page of the whole command tree, each command's usage and options as its `--help` gives them.
    static func render() -> String {
        let globalOptions = GlobalOptions.helpMessage(columns: 100).split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("OPTIONS:") }.dropFirst().joined(separator: "\n")
        return render(version: Cfaccess.version, description: Cfaccess.configuration.discussion, globalOptions: globalOptions,
                      commands: commands(Cfaccess.self, path: []).map { ($0.0, Cfaccess.helpMessage(for: $0.1, columns: 100)) })
    }

    /// Every command that runs something, with its path of names, in the order of the tree.
    private static func commands(_ type: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        let name = type.configuration.commandName ?? "cfaccess"
        let here = path + [name]
        let children = type.configuration.subcommands
        if children.isEmpty { return [(here, type)] }
        return children.flatMap { commands($0, path: here) }
    }
}
