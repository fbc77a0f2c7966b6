import ArgumentParser
import Shell
import Voice

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
