import ArgumentParser
import Files
import Inputs
import Shell
import Voice

/// `cfaccess config set|get|unset|list`.
struct ConfigCommand: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Save defaults for --account, --token, --base-url and --format.",
        discussion: """
            An option on the command line wins, then the environment (CFACCESS_ACCOUNT, \
            CFACCESS_TOKEN, CFACCESS_BASE_URL, CFACCESS_FORMAT), then these saved defaults.

            Examples:
              cfaccess config set account 023e105f4ecef8ad9ca31a8372d0c353
              cfaccess config set token prod
              cfaccess config list
            """
    )

    enum Action: String, ExpressibleByArgument, CaseIterable { case set, get, unset, list }

    @Argument(help: "set, get, unset or list.") var action: Action
    @Argument(help: ArgumentHelp("account, token, base-url or format.", valueName: "key")) var key: SavedDefaults.Key?
    @Argument(help: ArgumentHelp("The value (set only).", valueName: "value")) var value: String?
    @Flag(help: "Machine-readable output (list).") var json = false

    func validate() throws {
        switch action {
        case .set: guard key != nil, value != nil else { throw ValidationError("'config set' takes a key and a value") }
        case .get, .unset: guard key != nil, value == nil else { throw ValidationError("'config \(action.rawValue)' takes a key") }
        case .list: guard key == nil, value == nil else { throw ValidationError("'config list' takes nothing more") }
        }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        var defaults = try SavedDefaults(session: session)
        switch action {
        case .set:
            try parsed { () throws(InvalidInput) in try key!.check(value!) }
            try save { () throws(FileProblem) in try defaults.set(key!, to: value!) }
            Console.status("config", "\(key!.rawValue) = \(value!)")
        case .unset:
            try save { () throws(FileProblem) in try defaults.set(key!, to: nil) }
            Console.status("config", "\(key!.rawValue) unset")
        case .get:
            guard let saved = defaults.values[key!.rawValue] else {
                throw CommandFailure(.configuration, "no default saved for \(key!.rawValue)", hint: "save one with 'cfaccess config set \(key!.rawValue) VALUE'")
            }
            Console.writeOutput(saved + "\n")
        case .list:
            if json {
                Console.writeOutput(try JSONText.encode(defaults.values) + "\n")
            } else if defaults.values.isEmpty {
                Console.status("config", "no defaults saved; see 'cfaccess config --help'")
            } else {
                Console.writeOutput(defaults.values.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "\n") + "\n")
            }
        }
        return .status(0)
    }

    private func save(_ change: () throws(FileProblem) -> Void) throws(CommandFailure) {
        do throws(FileProblem) { try change() } catch { throw CommandFailure(.ioError, error.message, hint: error.hint) }
    }
}
