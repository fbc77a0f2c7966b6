import ArgumentParser
import Shell

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
