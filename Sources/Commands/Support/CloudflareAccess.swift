import ArgumentParser
import Client
import Inputs
import Vault
import Voice

/// Options every command that calls Cloudflare takes.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: ArgumentHelp("API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA bundle (PEM) as well.", valueName: "path"), completion: .file())
    var caFile: String?
}

extension ConnectionOptions {
    /// The base URL a command without a feed uses: `--base-url`, then `CFACCESS_BASE_URL`, then
    /// the saved default, then Cloudflare's.
    func resolvedBaseURL(session: ShellSession) throws(CommandFailure) -> BaseURL {
        let saved = try SavedDefaults(session: session).values[SavedDefaults.Key.baseURL.rawValue]
        return try (baseURL.map { ($0, "--base-url") } ?? Environment.value("CFACCESS_BASE_URL").map { ($0, "CFACCESS_BASE_URL") }
            ?? saved.map { ($0, "the saved base-url") })
            .map { text, source throws(CommandFailure) in try parsed { () throws(InvalidInput) in try BaseURL(text, option: source) } } ?? .cloudflare
    }

    /// A client for `tokenName`'s secret from the vault, logging requests with `--verbose` and
    /// telling `notice` of each wait before a retry (unless `--quiet`). `url` is the feed's saved
    /// base URL for a command run for a feed, which neither the environment nor the saved
    /// defaults ever override; the resolved one otherwise.
    func client(tokenName: String, url fixed: BaseURL? = nil, session: ShellSession,
                notice: @escaping (String) -> Void = { Console.status("http", $0) }) throws(CommandFailure) -> (CloudflareClient, VaultEntry) {
        let url: BaseURL
        if let fixed { url = fixed } else { url = try resolvedBaseURL(session: session) }
        return try session.vault.client(
            token: tokenName, key: try unlockedVault(session), baseURL: url, caFile: caFile, userAgent: "cfaccess/\(Cfaccess.version)",
            log: session.globals.verbose ? { Console.status("http", $0) } : nil, retryNotice: session.globals.quiet ? nil : notice)
    }
}
