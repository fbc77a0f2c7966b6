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
        try SecretInput.token(for: name, file: file, environment: environment, sources: session.secretSources)
    }
}
