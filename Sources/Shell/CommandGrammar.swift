import FoundationEssentials

/// A command tree as argument-parser describes it in its help dump (`ToolInfoV0` JSON), for
/// what the parser does not do on its own: tab completion, "did you mean", and options given
/// after the command that belong before it. It knows commands and options, nothing of what
/// they do.
public struct CommandGrammar: Sendable {
    public struct Command: Sendable {
        public var name: String
        public var aliases: [String]
        public var subcommands: [Command]
        public var options: [Argument]
        public var positionals: [Argument]

        public func subcommand(named word: String) -> Command? {
            subcommands.first { $0.name == word || $0.aliases.contains(word) }
        }

        /// The option a word names, with or without an attached `=value`.
        public func option(for word: String) -> Argument? {
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            return options.first { $0.names.contains(name) }
        }
    }

    public struct Argument: Sendable {
        /// With dashes: `--output`, `-o`.
        public var names: [String]
        public var takesValue: Bool
        public var isRepeating: Bool
        public var valueName: String?
        public var values: [String]?
        public var completesFiles: Bool
    }

    public let root: Command

    /// A dump that cannot be read gives a tree with no commands: nothing completes, nothing breaks.
    public init(dump: String) {
        let info = try? JSONDecoder().decode(Dump.self, from: Data(dump.utf8))
        root = info.map { CommandGrammar.command(from: $0.command) }
            ?? Command(name: "", aliases: [], subcommands: [], options: [], positionals: [])
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

    /// Just the fields of argument-parser's `ToolInfoV0` JSON that the grammar uses.
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
        /// Completion kinds carry payloads the grammar does not need; only their names matter.
        struct EmptyOrAny: Decodable { init(from decoder: Decoder) throws {} }
        var command: CommandInfo
    }

    /// The command a line names and the index of the first word after its names.
    public func command(for words: [String]) -> (Command, Int) {
        var command = root
        var index = 0
        while index < words.count, let next = command.subcommand(named: words[index]) {
            command = next
            index += 1
        }
        return (command, index)
    }
}
