import ArgumentParser
import Client
import Inputs
import Secrets
import Shell
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
        let key = try unlockedVault(session)
        let entries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }
        guard let entry = entries.first(where: { $0.name == tokenName }) else { throw VaultError.unknownEntry(tokenName).failure }
        let transport: HTTPTransport
        do throws(ClientError) {
            transport = try HTTPTransport(options: .init(userAgent: "cfaccess/\(Cfaccess.version)", caFile: caFile))
        } catch {
            throw CommandFailure(.software, error.summary)
        }
        let verbose = session.globals.verbose
        let quiet = session.globals.quiet
        let client = CloudflareClient(
            baseURL: url, credential: VaultCredential(token: entry.secret), transport: transport,
            log: verbose ? { Console.status("http", $0) } : nil, retryNotice: quiet ? nil : notice, isCancelled: { Interrupt.isRequested })
        return (client, entry)
    }
}

extension ClientError {
    /// The exit code DESIGN.md §4 gives this failure.
    var failure: CommandFailure {
        let status: ExitStatus
        switch kind {
        case .transport: status = .unavailable
        case .cancelled: status = .interrupted
        case .foreignPort: status = .permission
        case .payload: status = .dataError
        case .http(let code):
            switch code {
            case 401, 403: status = .permission
            case 429: status = .temporaryFailure
            case 400 where !codes.isEmpty && Set(codes).isSubset(of: [6003, 6111, 9106, 1001]): status = .permission
            case 500...: status = .unavailable
            default: status = .unavailable
            }
        }
        return CommandFailure(status, summary, hint: hint)
    }
}
