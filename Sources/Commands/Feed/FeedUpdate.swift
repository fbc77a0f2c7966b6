import ArgumentParser
import Feeds
import Files
import Inputs
import Shell
import Voice

struct FeedUpdate: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a saved feed, keeping its checkpoint.",
        discussion: """
            A new token, account or base URL is checked with check-scopes first (unless --no-check). A new \
            output or rejects path starts that file afresh; what was delivered stays where it is.

            Example:
              cfaccess feed update prod --rotate-size 256M --compress
            """
    )

    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed"), completion: CompletionValues.feeds) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id.", valueName: "id")) var account: String?
    @Option(help: ArgumentHelp("Name of the vault token to use.", valueName: "token"), completion: CompletionValues.tokens) var token: String?
    @OptionGroup var settings: FeedSettings
    @Flag(name: .customLong("no-filter"), help: "Deliver every record again from the checkpoint on (drops the saved filters).") var noFilter = false
    @Flag(name: .customLong("no-profile"), help: "Drop the saved OCSF profiles.") var noProfile = false
    @Flag(name: .customLong("no-check"), help: "Save without running check-scopes.") var noCheck = false
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if noFilter && settings.filters.filter != nil { throw ValidationError("give filters or --no-filter, not both") }
        if noProfile && !settings.eventOptions.profiles.isEmpty { throw ValidationError("give --profile or --no-profile, not both") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, before) = try session.feed(name)
        var definition = before
        if let account { definition.account = try parsed { () throws(InvalidInput) in try AccountID(account) } }
        if let token {
            try parsed { () throws(InvalidInput) in try CredentialShape.checkName(token) }
            definition.token = token
        }
        if let text = connection.baseURL { definition.baseURL = try parsed { () throws(InvalidInput) in try BaseURL(text) }.text }
        if noFilter { definition.filter = nil }
        if noProfile { definition.profiles = nil }
        try settings.apply(to: &definition)
        if let problem = definition.objectOutputProblem { throw problem.failure }
        guard definition != before else {
            Console.status("feed", "nothing to change in '\(feedName)'")
            return .status(0)
        }
        let reaches = definition.account != before.account || definition.token != before.token || definition.baseURL != before.baseURL
            || definition.storage != before.storage || (definition.storage != nil && definition.output != before.output)
        if reaches && !noCheck { try FeedCommand.check(definition, in: session) }
        do throws(FileProblem) { try session.feeds.prepareOutput(of: definition) } catch {
            throw CommandFailure(.cannotCreate, error.message, hint: error.hint)
        }
        let store = session.feeds
        try FeedCommand.withRunLock(feedName, in: store, busyHint: "try again between its runs") {
            var state = try store.state(feedName)
            // The checkpoint stays; a file at a new path is the feed's from its start.
            if store.activeFiles(of: definition, name: feedName).output != store.activeFiles(of: before, name: feedName).output {
                state.output = FilePosition()
                state.activeSince = nil
                state.activeFirst = nil
                state.activeLast = nil
            }
            if store.activeFiles(of: definition, name: feedName).rejects != store.activeFiles(of: before, name: feedName).rejects {
                state.rejects = FilePosition()
            }
            try store.save(definition)
            try store.save(state, for: feedName)
        }
        Console.status("feed", "updated '\(feedName)'; its checkpoint is kept")
        return .status(0)
    }
}
