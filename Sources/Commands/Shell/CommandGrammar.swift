import ArgumentParser
import FoundationEssentials
import Voice

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

    /// The closest command name to `word`, for "did you mean".
    func suggestion(for word: String) -> String? {
        CommandGrammar.closest(to: word, among: root.subcommands.flatMap { [$0.name] + $0.aliases })
    }

    /// The command a line names and the index of the first word after its names.
    func command(for words: [String]) -> (Command, Int) {
        var command = root
        var index = 0
        while index < words.count, let next = command.subcommand(named: words[index]) {
            command = next
            index += 1
        }
        return (command, index)
    }

    /// What argument-parser would report less helpfully, or after another error: a subcommand
    /// that does not exist (`token lst`) or an option the command does not take (`--sinec`), each
    /// with the closest real one when one is close. Nil when the words name nothing unknown.
    func unknownWord(in words: [String]) -> CommandFailure? {
        let (command, start) = command(for: words)
        let path = (["cfaccess"] + words[..<start]).joined(separator: " ")
        if !command.subcommands.isEmpty, start < words.count, !words[start].hasPrefix("-"), command.name != "help" {
            let word = words[start]
            let names = command.subcommands.map(\.name)
            let hint = CommandGrammar.closest(to: word, among: names).map { "did you mean '\(path) \($0)'?" }
                ?? "'\(path)' takes one of: \(names.joined(separator: ", "))"
            return CommandFailure(.usage, "unknown command '\(path.dropFirst("cfaccess ".count)) \(word)'", hint: hint)
        }
        var expectsValue = false
        for word in words[start...] {
            if expectsValue { expectsValue = false; continue }
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1, !word.dropFirst().allSatisfy(\.isNumber) else { continue }
            let name = String(word.split(separator: "=", maxSplits: 1)[0])
            if ["-h", "--help"].contains(name) { continue }
            if let option = command.option(for: name) {
                expectsValue = option.takesValue && !word.contains("=")
                continue
            }
            let names = command.options.flatMap(\.names).filter { $0.hasPrefix("--") }
            let hint = CommandGrammar.closest(to: name, among: names).map { "did you mean '\($0)'?" }
                ?? "run '\(path) --help' to see its options"
            return CommandFailure(.usage, "unknown option '\(name)' for '\(path)'", hint: hint)
        }
        return nil
    }

    /// The name nearest to `word` if it is near enough to be a slip of the keyboard: at most one
    /// edit per three characters (a swap of two letters is one), and never more than two.
    static func closest(to word: String, among names: [String]) -> String? {
        let bare = word.drop { $0 == "-" }
        let allowed = max(1, min(2, bare.count / 3))
        let scored = names.map { ($0, editDistance(String(bare), String($0.drop { $0 == "-" }))) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Edits (insert, delete, substitute, swap of neighbours) from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
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
