import ArgumentParser
import Shell

/// A command that works on the running session (variables, history, leaving the loop).
protocol SessionCommand: ParsableCommand {
    func run(in session: ShellSession) throws -> ShellOutcome
}
