import ArgumentParser
import Files
import Shell

/// A command that works on the running session (variables, history, leaving the loop).
protocol SessionCommand: ParsableCommand {
    func run(in session: ShellSession) throws -> ShellOutcome
}

/// `set NAME VALUE`: a variable for `${NAME}` in later lines.
struct SetCommand: SessionCommand, DeclaresSecrets {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Define a variable for ${NAME} in later lines (no arguments: list the names).",
        discussion: """
            Values are treated as secrets: a 'set' line is never written to the history and \
            --echo shows its value as ***.

            Examples:
              set ACCOUNT 023e105f4ecef8ad9ca31a8372d0c353
              map --account ${ACCOUNT} saved-page.json
            """
    )

    static let secretPositions: Set<Int> = [1]

    @Argument(help: "Variable name (letters, digits, _).")
    var name: String?

    @Argument(help: "Its value.")
    var value: String?

    func validate() throws {
        if let name, name.isEmpty || !name.allSatisfy({ $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("invalid variable name '\(name)' (use letters, digits and _)")
        }
        if name != nil && value == nil { throw ValidationError("missing value for '\(name!)'") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        guard let name, let value else {
            Console.writeOutput(session.variables.keys.sorted().map { $0 + "\n" }.joined())
            return .status(0)
        }
        session.variables[name] = value
        return .status(0)
    }
}

/// `unset NAME`.
struct UnsetCommand: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Forget a variable.")

    @Argument(help: "Variable name.")
    var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        session.variables[name] = nil
        return .status(0)
    }
}

/// `history`: what Up/Down recall in this shell.
struct HistoryCommand: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show the command history.")

    func run(in session: ShellSession) throws -> ShellOutcome {
        // From argv or a script, the shell's saved history is what there is to show.
        var history = session.history
        if history.isEmpty {
            do throws(FileProblem) {
                history = try HistoryFile(path: session.paths.history).load()
            } catch {
                throw CommandFailure(error.kind == .unsafe ? .permission : .noInput, error.message, hint: error.hint)
            }
        }
        let lines = history.enumerated().map { index, line in
            let number = String(index + 1)
            return String(repeating: " ", count: max(0, 5 - number.count)) + number + "  " + line + "\n"
        }
        Console.writeOutput(lines.joined())
        return .status(0)
    }
}

/// `exit [STATUS]` / `quit`.
struct ExitCommand: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "exit", abstract: "Leave the shell.", aliases: ["quit"])

    @Argument(help: "Exit status (default 0).")
    var status: Int32 = 0

    func run(in session: ShellSession) throws -> ShellOutcome { .exit(status) }
}
