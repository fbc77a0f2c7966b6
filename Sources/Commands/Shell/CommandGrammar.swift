import ArgumentParser
import Shell

extension CommandGrammar {
    nonisolated(unsafe) private static var loaded: CommandGrammar?

    /// The grammar of `Cfaccess`, built on first use so starting up does not pay for it; only
    /// the shell's thread asks for it.
    static var shared: CommandGrammar {
        if let loaded { return loaded }
        let grammar = CommandGrammar(dump: Cfaccess.helpDump())
        loaded = grammar
        return grammar
    }
}

extension Cfaccess {
    /// The names and aliases of the top-level commands.
    static let commandNames: Set<String> = Set(configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases })

    /// argument-parser's JSON description of the command tree.
    static func helpDump() -> String {
        do {
            _ = try parseAsRoot(["--experimental-dump-help"])
        } catch {
            return fullMessage(for: error)
        }
        return ""
    }
}
