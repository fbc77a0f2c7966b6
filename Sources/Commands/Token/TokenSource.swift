import ArgumentParser
import Secrets
import Vault
import Voice

/// Options that say where a token's secret comes from (the terminal when none is given).
struct TokenSource: ParsableArguments {
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the token from this file ('-' for stdin).", valueName: "path"),
            completion: .file())
    var file: String?

    @Option(name: .customLong("from-env"), help: ArgumentHelp("Read the token from this environment variable.", valueName: "var"))
    var environment: String?

    func validate() throws {
        if file != nil && environment != nil { throw ValidationError("give either --from-file or --from-env, not both") }
    }

    /// Reads, cleans and checks the token; reports what was stripped, never the token.
    func read(for name: String, session: ShellSession) throws(CommandFailure) -> SecretBytes {
        let secret: SecretBytes
        if let file {
            secret = try SecretInput.file(file, what: "token", session: session, keepLineBreak: true)
        } else if let environment {
            secret = try SecretInput.environment(environment, what: "token")
        } else if let typed = try SecretInput.prompt("Paste the API token for '\(name)': ", acceptsPaste: true) {
            secret = typed
        } else {
            throw CommandFailure(.configuration, "no token: there is no terminal to paste it on",
                                 hint: "give it with --from-file PATH (or '-' for stdin) or --from-env VAR")
        }
        let report: PasteHygiene.Report
        do {
            report = try PasteHygiene.clean(secret)
        } catch {
            throw CommandFailure(.dataError, "refusing the token: \(error.message)", hint: error.hint)
        }
        for removed in report.removed { Console.status("token", removed) }
        for warning in report.warnings { Console.warning(warning) }
        return secret
    }
}
