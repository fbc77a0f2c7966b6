import ArgumentParser
import Inputs
import Secrets
import Shell
import Voice

/// One run of cfaccess, in whichever mode: it parses each command line with the command tree,
/// runs it, reports errors in the project's voice, and serves the shell loop (variables,
/// secrets, completion).
final class ShellSession: ShellDelegate, CompletionProvider {
    let globals: GlobalOptions
    let paths: StatePaths
    var variables: [String: String] = [:]
    /// Entries Up/Down recall: the history file's, then this session's.
    var history: [String] = []
    /// The script being read (from stdin or `-f`), which `--from-file -` reads its next line from.
    var scriptReader: FileLineReader?
    /// At the interactive prompt: `help` then describes the shell, not the command line.
    var isInteractive = false
    let vault: VaultAccess

    init(globals: GlobalOptions) {
        self.globals = globals
        paths = StatePaths(home: globals.home)
        vault = VaultAccess(directory: paths.dataDirectory)
    }

    // MARK: Running commands

    func variable(_ name: String) -> String? {
        variables[name] ?? Environment.value(name)
    }

    func execute(_ words: [String], location: String?) -> ShellOutcome {
        Console.location = location
        defer { Console.location = nil }
        // The data lines this command takes are its own even if it fails before reading them.
        if let script = scriptReader {
            let expected = SecretWords(words).dataLines
            let before = script.linesRead
            defer {
                for _ in 0..<max(0, expected - (script.linesRead - before)) { _ = script.withNextLine { _ in } }
            }
            return run(words)
        }
        return run(words)
    }

    private func run(_ words: [String]) -> ShellOutcome {
        if isInteractive, words == ["help"] {
            Console.writeOutput(ShellSession.shellHelp)
            return .status(0)
        }
        // The command names come from the tree itself: the grammar (argument-parser's whole help
        // dump, a tenth of a second in a debug build) is built only for a suggestion.
        if let first = words.first, !first.hasPrefix("-"), !Cfaccess.commandNames.contains(first), first != "help" {
            let hint = CommandGrammar.shared.suggestion(for: first).map { "did you mean '\($0)'?" }
                ?? "run 'cfaccess help' to see the commands"
            Console.error("unknown command '\(first)'", hint: hint)
            return .status(ExitStatus.usage.rawValue)
        }
        if let first = words.first, first.hasPrefix("-"), (try? GlobalOptions.parse(words)) != nil {
            Console.error("options such as '\(first)' go before the command when starting cfaccess",
                          hint: "run 'cfaccess help' to see the commands")
            return .status(ExitStatus.usage.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try Cfaccess.parseAsRoot(words)
        } catch {
            // A misspelt option or subcommand explains the failure better than the parser's first
            // complaint (often a missing option); the grammar is built only on this path.
            guard Cfaccess.exitCode(for: error) != .success else { return .status(Cfaccess.report(parseError: error)) }
            if let unknown = CommandGrammar.shared.unknownWord(in: words) {
                Console.error(unknown.message, hint: unknown.hint)
                return .status(ExitStatus.usage.rawValue)
            }
            let (_, named) = CommandGrammar.shared.command(for: words)
            return .status(Cfaccess.report(parseError: error, command: named > 0 ? words[..<named].joined(separator: " ") : nil))
        }
        do {
            if let sessionCommand = command as? SessionCommand {
                return try sessionCommand.run(in: self)
            }
            var command = command
            try command.run()
            return .status(ExitStatus.success.rawValue)
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { Console.error(failure.message, hint: failure.hint) }
            return .status(failure.status.rawValue)
        } catch {
            return .status(Cfaccess.report(parseError: error))
        }
    }

    func reportSyntaxError(_ error: ShellSyntaxError, location: String?) {
        Console.location = location
        defer { Console.location = nil }
        Console.error(error.message)
    }

    func redacted(_ words: [String]) -> [String] { SecretWords(words).redacted }

    /// What the interactive history may keep.
    var historyPolicy: HistoryPolicy {
        HistoryPolicy(secretWords: { words in SecretWords(words).indices.union(words.indices.filter { CredentialShape.isSecretOption(words[$0]) }) },
                      looksSecret: CredentialShape.matches)
    }

    // MARK: Completion

    func candidates(for words: [String]) -> CompletionCandidates {
        CommandGrammar.shared.candidates(for: words) { valueName in
            switch valueName {
            case "feed": return feeds.names()
            // The vault's own names once this session holds its key; those feeds and the saved
            // defaults name in any case.
            case "token":
                let held = vault.heldKey.flatMap { key in try? vault.store.entries(with: key).filter { !$0.isStorage }.map(\.name) } ?? []
                return Array(Set(held + CompletionValues.tokenNames(home: globals.home))).sorted()
            case "storage":
                return vault.heldKey.flatMap { key in try? vault.store.entries(with: key).filter(\.isStorage).map(\.name) } ?? []
            default: return []
            }
        }
    }

    /// `help` at the prompt: the commands, what the shell itself offers, and the keys; not the
    /// global options, which are set when cfaccess starts (--file, --home, passphrase sources).
    static var shellHelp: String {
        let commands = Cfaccess.helpMessage(columns: nil).split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("SUBCOMMANDS:") }.prefix { !$0.hasPrefix("  See 'cfaccess help") }
            .filter { line in !["set ", "unset ", "history ", "exit"].contains(where: { line.hasPrefix("  " + $0) }) }
            .joined(separator: "\n").replacing("SUBCOMMANDS:", with: "COMMANDS:")
        return """
            \(commands.trimmingTrailingNewlines)

            SHELL:
              help [COMMAND]          This list, or a command's options.
              set NAME VALUE          A variable for ${NAME} in later lines (never kept in history).
              unset NAME              Forget it.
              history                 The lines kept in the history file.
              vault lock              Forget the vault key now (it also goes after 15 idle minutes).
              exit, quit, Ctrl-D      Leave.

            KEYS:
              Tab completes commands, options, values, files and token names; Up/Down and Ctrl-R recall
              earlier lines; Ctrl-C clears the line or stops the running command.

            """
    }
}
