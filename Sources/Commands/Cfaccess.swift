import ArgumentParser

/// The command tree every entry point parses with (DESIGN.md §1–2).
package struct Cfaccess: ParsableCommand {
    package static let version = "0.1.0"

    package static let configuration = CommandConfiguration(
        commandName: "cfaccess",
        abstract: "Cloudflare Access logs to OCSF Authentication (3002) events.",
        version: "cfaccess \(version)",
        subcommands: [MapCommand.self, VersionCommand.self]
    )

    package init() {}

    /// Parses `arguments` (without the program name), runs the command and returns its exit
    /// code, having printed any error in the project's voice.
    package static func main(arguments: [String]) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(parseError: error)
        }
        do {
            var command = command
            try command.run()
            return ExitStatus.success.rawValue
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { Console.error(failure.message, hint: failure.hint) }
            return failure.status.rawValue
        } catch {
            return report(parseError: error)
        }
    }

    /// Help and version go to stdout with status 0; usage errors go to stderr with 64.
    private static func report(parseError error: any Error) -> Int32 {
        let code = exitCode(for: error)
        if code == .success {
            Console.writeOutput(fullMessage(for: error) + "\n")
            return 0
        }
        let message = self.message(for: error)
        Console.error(lowercasedFirst(message), hint: "run 'cfaccess help' to see the commands and options")
        return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
