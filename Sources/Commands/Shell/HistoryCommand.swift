import ArgumentParser
import Files
import Shell
import Voice

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
