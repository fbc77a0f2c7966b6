import Vault
import Voice

extension SecretInput {
    /// A token from a file (`-`: the next script line or stdin), an environment variable, or
    /// else the terminal, cleaned and checked like any paste; says what was stripped, never the token.
    package static func token(for name: String, file: String?, environment: String?, sources: SecretSources) throws(CommandFailure) -> SecretBytes {
        try pasted("token", prompt: "Paste the API token for '\(name)': ", file: file, environment: environment, sources: sources,
                   clean: PasteHygiene.clean)
    }

    /// An object store's secret access key, from the same places, cleaned of what surrounds it
    /// but held to no Cloudflare form.
    package static func storageSecret(for name: String, file: String?, environment: String?, sources: SecretSources) throws(CommandFailure) -> SecretBytes {
        try pasted("secret access key", prompt: "Paste the secret access key for '\(name)': ", file: file, environment: environment,
                   sources: sources, clean: PasteHygiene.cleanStorageSecret)
    }

    private static func pasted(_ what: String, prompt: String, file: String?, environment: String?, sources: SecretSources,
                               clean: (SecretBytes) throws(PasteHygiene.Refusal) -> PasteHygiene.Report) throws(CommandFailure) -> SecretBytes {
        let secret: SecretBytes
        if let file {
            secret = try SecretInput.file(file, what: what, sources: sources, keepLineBreak: true)
        } else if let environment {
            secret = try SecretInput.environment(environment, what: what)
        } else if let typed = try SecretInput.prompt(prompt, acceptsPaste: true) {
            secret = typed
        } else {
            throw CommandFailure(.configuration, "no \(what): there is no terminal to paste it on",
                                 hint: "give it with --from-file PATH (or '-' for stdin) or --from-env VAR")
        }
        let report: PasteHygiene.Report
        do throws(PasteHygiene.Refusal) {
            report = try clean(secret)
        } catch {
            throw CommandFailure(.dataError, "refusing the \(what): \(error.message)", hint: error.hint)
        }
        for removed in report.removed { Console.status(what == "token" ? "token" : "storage", removed) }
        for warning in report.warnings { Console.warning(warning) }
        return secret
    }
}
