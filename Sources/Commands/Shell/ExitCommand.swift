import ArgumentParser
import Shell

/// `exit [STATUS]` / `quit`.
struct ExitCommand: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "exit", abstract: "Leave the shell.", aliases: ["quit"])

    @Argument(help: "Exit status (default 0).")
    var status: Int32 = 0

    func run(in session: ShellSession) throws -> ShellOutcome { .exit(status) }
}
