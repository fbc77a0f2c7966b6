import ArgumentParser
import FoundationEssentials

/// The command tree as argument-parser itself describes it (its help dump), for what the parser
/// does not do on its own: tab completion in the shell and "did you mean" for commands.
/// Built once, on first use, so starting up does not pay for it.
struct CommandGrammar {
    struct Command {
        var name: String
        var aliases: [String]
        var subcommands: [Command]
        var options: [Argument]
        var positionals: [Argument]

        func subcommand(named word: String) -> Command? {
            subcommands.first { $0.name == word || $0.aliases.contains(word) }
        }

        /// The option a word names, with or without an attached `=value`.
        func option(for word: String) -> Argument? {
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            return options.first { $0.names.contains(name) }
        }
    }

    struct Argument {
        /// With dashes: `--output`, `-o`.
        var names: [String]
        var takesValue: Bool
        var isRepeating: Bool
        var valueName: String?
        var values: [String]?
        var completesFiles: Bool
    }

    let root: Command

    nonisolated(unsafe) private static var loaded: CommandGrammar?

    /// The grammar of `Cfaccess`; only the shell's thread asks for it.
    static var shared: CommandGrammar {
        if let loaded { return loaded }
        let grammar = CommandGrammar(dump: Cfaccess.helpDump())
        loaded = grammar
        return grammar
    }

    init(dump: String) {
        let info = try? JSONDecoder().decode(Dump.self, from: Data(dump.utf8))
        root = info.map { CommandGrammar.command(from: $0.command) } ?? Command(name: "cfaccess", aliases: [], subcommands: [], options: [], positionals: [])
    }

    private static func command(from info: Dump.CommandInfo) -> Command {
        var options: [Argument] = []
        var positionals: [Argument] = []
        for argument in info.arguments ?? [] where argument.shouldDisplay {
            let names = (argument.names ?? []).map { ($0.kind == "short" ? "-" : "--") + $0.name }
            let parsed = Argument(
                names: names, takesValue: argument.kind != "flag", isRepeating: argument.isRepeating,
                valueName: argument.valueName, values: argument.allValues,
                completesFiles: argument.completionKind?.keys.contains("file") ?? false)
            if argument.kind == "positional" { positionals.append(parsed) } else { options.append(parsed) }
        }
        return Command(name: info.commandName, aliases: info.aliases ?? [],
                       subcommands: (info.subcommands ?? []).map(command(from:)), options: options, positionals: positionals)
    }

    /// Just the fields of argument-parser's `ToolInfoV0` JSON that the shell uses.
    private struct Dump: Decodable {
        struct CommandInfo: Decodable {
            var commandName: String
            var aliases: [String]?
            var subcommands: [CommandInfo]?
            var arguments: [ArgumentInfo]?
        }
        struct ArgumentInfo: Decodable {
            struct Name: Decodable { var kind: String; var name: String }
            var kind: String
            var shouldDisplay: Bool
            var isRepeating: Bool
            var names: [Name]?
            var valueName: String?
            var allValues: [String]?
            var completionKind: [String: EmptyOrAny]?
        }
        /// Completion kinds carry payloads the shell does not need; only their names matter.
        struct EmptyOrAny: Decodable { init(from decoder: Decoder) throws {} }
        var command: CommandInfo
    }

    /// The closest command name to `word` within two edits, for "did you mean".
    func suggestion(for word: String) -> String? {
        let names = root.subcommands.flatMap { [$0.name] + $0.aliases }
        let scored = names.map { ($0, CommandGrammar.editDistance(word, $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Cfaccess {
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
