import Vault
import Voice

extension SecretInput {
    /// A token from a file (`-`: the next script line or stdin), an environment variable, or
    /// else the terminal, cleaned and checked like any paste; says what was stripped, never the token.
    package static func token(for name: String, file: String?, environment: String?, sources: SecretSources) throws(CommandFailure) -> SecretBytes {
        let secret: SecretBytes
        if let file {
            secret = try SecretInput.file(file, what: "token", sources: sources, keepLineBreak: true)
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
