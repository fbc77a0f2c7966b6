import ArgumentParser
import Client
import Inputs
import Voice

/// Where `logs fetch` and `logs summary` read from: a feed's account, token and base URL, or
/// the options (else the environment, else the saved defaults), over a window of time.
struct LogsSource: ParsableArguments {
    @Option(help: ArgumentHelp("Use this feed's account, token and base URL (its checkpoint is not touched).", valueName: "feed"),
            completion: CompletionValues.feeds) var feed: String?
    @Option(help: ArgumentHelp("Cloudflare account id.", valueName: "id")) var account: String?
    @Option(help: ArgumentHelp("Name of the vault token to use.", valueName: "token"), completion: CompletionValues.tokens) var token: String?
    @Option(help: ArgumentHelp("Start of the window: RFC 3339 or an age (30m, 24h, 7d).", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("End of the window.", valueName: "time")) var until: String?
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if feed != nil && (account != nil || token != nil || connection.baseURL != nil) {
            throw ValidationError("give either --feed or --account, --token and --base-url: a feed always uses its own")
        }
    }

    /// What the options and defaults resolve to, checked before anything is fetched or written.
    struct Resolved {
        var account: AccountID
        var token: String
        /// The feed's own base URL with `--feed`; nil resolves it from the options.
        var feedURL: BaseURL?
        var times: TimeWindow
        var now: Int64
    }

    func resolve(in session: ShellSession, defaults: SavedDefaults) throws(CommandFailure) -> Resolved {
        let definition = try feed.map { name throws(CommandFailure) in try session.feed(name).1 }
        let account: AccountID
        let token: String
        if let definition {
            account = definition.account
            token = definition.token
        } else {
            let text = try parsed { () throws(InvalidInput) in try defaults.required(.account, option: self.account, flag: "--account ID (or --feed NAME)") }
            account = try parsed { () throws(InvalidInput) in try AccountID(text) }
            token = try parsed { () throws(InvalidInput) in try defaults.required(.token, option: self.token, flag: "--token NAME (or --feed NAME)") }
        }
        let feedURL = try definition.map { definition throws(CommandFailure) in
            try parsed { () throws(InvalidInput) in try definition.baseURL.map { text throws(InvalidInput) in try BaseURL(text) } ?? .cloudflare }
        }
        let now = nowMilliseconds()
        guard let since else { throw CommandFailure(.usage, "give --since TIME", hint: "an age such as 24h, or an RFC 3339 time") }
        let times = try parsed { () throws(InvalidInput) in try TimeWindow(since: since, until: until, now: now) }
        return Resolved(account: account, token: token, feedURL: feedURL, times: times, now: now)
    }

    /// The client for the resolved account's token; `notice` hears of each wait before a retry.
    func client(_ resolved: Resolved, session: ShellSession, notice: @escaping (String) -> Void) throws(CommandFailure) -> CloudflareClient {
        try connection.client(tokenName: resolved.token, url: resolved.feedURL, session: session, notice: notice).0
    }
}
