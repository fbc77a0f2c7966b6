import ArgumentParser
import CProcess
import Files
import Inputs
import Shell
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// The command tree every entry point parses with (DESIGN.md §1–2).
package struct Cfaccess: ParsableCommand {
    package static let version = "0.1.0"

    package static let configuration = CommandConfiguration(
        commandName: "cfaccess",
        abstract: "Cloudflare Access logs to OCSF Authentication (3002) events.",
        discussion: """
            With a command, runs it and exits with its status. Without one, reads commands: \
            interactively with line editing when stdin is a terminal, otherwise as a script \
            (one command per line, # comments, ${NAME} variables).
            """,
        version: "cfaccess \(version)",
        subcommands: [
            MapCommand.self, LogsCommand.self, FeedCommand.self, VaultCommand.self, TokenCommand.self, StorageCommand.self, VersionCommand.self,
            ConfigCommand.self, CompletionCommand.self, SetCommand.self, UnsetCommand.self, HistoryCommand.self, ExitCommand.self,
        ]
    )

    package init() {}

    /// Root help: the commands, then the global options, which are parsed on their own because
    /// they belong before the command and nowhere else.
    static var fullHelp: String {
        let global = GlobalOptions.helpMessage(columns: nil)
        // Everything after GlobalOptions' own "OPTIONS:" heading.
        let options = global.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("OPTIONS:") }.dropFirst().joined(separator: "\n")
        return helpMessage(columns: nil).trimmingTrailingNewlines + "\n\nGLOBAL OPTIONS (before the command):\n" + options.trimmingTrailingNewlines + "\n"
    }

    /// The whole program: argv → mode → exit status.
    package static func main(arguments: [String]) -> Int32 {
        // Before anything can hold a secret: no core dumps, no ptrace by same-user processes.
        if let warning = hardeningWarning(failedSteps: cfaccess_harden_process()) { Console.warning(warning) }
        Interrupt.install()

        // A shell asking for the values of an argument as the user presses Tab.
        if arguments.first == "---completion" {
            do { _ = try parseAsRoot(arguments) } catch { return report(parseError: error) }
            return ExitStatus.success.rawValue
        }
        let (leading, trailing) = GlobalOptions.leading.split(arguments)
        let (hoisted, commandWords) = GlobalOptions.leading.mentioned(in: trailing)
            ? GlobalOptions.leading.hoist(trailing, grammar: CommandGrammar.shared) : ([], trailing)
        let globals: GlobalOptions
        switch setUp(leading + hoisted) {
        case .success(let parsed): globals = parsed
        case .failure(let done): return done.status
        }
        let session = ShellSession(globals: globals)

        if !commandWords.isEmpty {
            if globals.script != nil {
                Console.error("give either a command or --file, not both")
                return ExitStatus.usage.rawValue
            }
            switch session.execute(commandWords, location: nil) {
            case .status(let status), .exit(let status): return status
            }
        }
        if let script = globals.script {
            let descriptor = open(script, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                Console.error("cannot open '\(script)': \(FileProblem.describe(errno: errno))")
                return ExitStatus.noInput.rawValue
            }
            defer { close(descriptor) }
            return runScript(FileLineReader(descriptor: descriptor), name: script, session: session)
        }
        if isatty(0) == 1 {
            return InteractiveShell(session: session).run()
        }
        return runScript(FileLineReader(descriptor: 0), name: "<stdin>", session: session)
    }

    /// What `setUp` ends with when the run is over before any command: help, the manual, the
    /// version, a completion script, or bad global options.
    private struct Done: Error { var status: Int32 }

    /// Answers help, `--generate-manual`, `--version` and `--generate-completion-script`, or
    /// parses the global options and sets up the process and the voice by them.
    private static func setUp(_ globalWords: [String]) -> Result<GlobalOptions, Done> {
        if globalWords.contains(where: { ["-h", "--help"].contains($0) }) {
            Console.writeOutput(fullHelp)
            return .failure(Done(status: ExitStatus.success.rawValue))
        }
        if globalWords.contains("--generate-manual") {
            Console.writeOutput(ManualPage.render())
            return .failure(Done(status: ExitStatus.success.rawValue))
        }
        if globalWords.contains(where: { ["--version", "--generate-completion-script"].contains($0) }) {
            do { _ = try parseAsRoot(globalWords) } catch { return .failure(Done(status: report(parseError: error))) }
        }
        let globals: GlobalOptions
        do {
            globals = try GlobalOptions.parse(globalWords)
        } catch {
            return .failure(Done(status: report(parseError: error)))
        }
        // libcurl writes TLS session secrets wherever SSLKEYLOGFILE points: with them, a capture
        // of the traffic shows the token. Only an explicit --tls-keylog lets that happen.
        if !globals.tlsKeylog { unsetenv("SSLKEYLOGFILE") }
        Console.logsJSON = globals.logFormat == .json
        Console.quiet = globals.quiet
        Console.allowsColour = !globals.noColor && Environment.value("NO_COLOR") == nil
        return .success(globals)
    }

    private static func runScript(_ reader: FileLineReader, name: String, session: ShellSession) -> Int32 {
        session.scriptReader = reader
        let options = ShellLoop.Options(interactive: false, sourceName: name,
                                        keepGoing: session.globals.keepGoing, echo: session.globals.echo)
        return ShellLoop(reader: reader, options: options, delegate: session).run()
    }

    /// What to tell the user when start-up hardening did not fully work (`CFACCESS_HARDEN_*` bits).
    static func hardeningWarning(failedSteps: Int32) -> String? {
        var steps: [String] = []
        if failedSteps & CFACCESS_HARDEN_CORE_LIMIT != 0 { steps.append("core dumps could not be turned off") }
        if failedSteps & CFACCESS_HARDEN_DUMPABLE != 0 { steps.append("the process could not be marked non-dumpable") }
        guard !steps.isEmpty else { return nil }
        return steps.joined(separator: " and ") + "; secrets in memory may reach a core file or a debugger of your user"
    }

    /// Help and version go to stdout with status 0; usage errors go to stderr with 64.
    /// `command` names the command the words were for, when known, so the hint can point at its
    /// own help rather than the whole list.
    static func report(parseError error: any Error, command: String? = nil) -> Int32 {
        let code = exitCode(for: error)
        if code == .success {
            let text = fullMessage(for: error)
            // `help` alone describes the root: give the full root help, global options included.
            Console.writeOutput(text == helpMessage() ? fullHelp : text + "\n")
            return 0
        }
        var message = lowercasedFirst(self.message(for: error))
        if message.hasSuffix(".") { message.removeLast() }
        // argument-parser writes two sentences for a bad value; the second is the hint.
        var hint = command.map { "run 'cfaccess \($0) --help' to see its options" } ?? "run 'cfaccess help' to see the commands and options"
        if let split = message.firstRange(of: ". Please provide ") {
            hint = choiceHint(String(message[split.upperBound...]), for: message)
            message = String(message[..<split.lowerBound])
        }
        Console.error(message, hint: hint)
        return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
    }

    /// argument-parser's "one of the following:" and its list, one per line, as one line: the
    /// choices, and the nearest to the value given when it looks like a slip of the keyboard.
    private static func choiceHint(_ wanted: String, for message: String) -> String {
        let lines = wanted.split(separator: "\n")
        guard lines.first?.hasPrefix("one of the following") == true else { return "give " + wanted }
        let choices = lines.dropFirst().map { $0.drop { $0 == " " } }.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        var hint = "give one of: " + choices.joined(separator: ", ")
        if let value = message.firstMatch(of: /the value '([^']*)'/)?.1, let near = CommandGrammar.closest(to: String(value), among: choices) {
            hint += "; did you mean '\(near)'?"
        }
        return hint
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
