import ArgumentParser
import Feeds
import Files
import Inputs
import Secrets
import Shell
import Voice

struct FeedUpdate: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change a saved feed, keeping its checkpoint.",
        discussion: """
            A new token, account or base URL is checked with check-scopes first (unless --no-check). A new \
            output or rejects path starts that file afresh; what was delivered stays where it is.

            For a shared feed, --shared (or a change to its format, profiles, raw data, filters, events or \
            account) writes this host's definition to the bucket as the one every host must have: the \
            others refuse to collect until they are updated the same way. A feed becoming shared must \
            have uploaded everything it collected; its checkpoint becomes the shared one.

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
        let publishes = definition.shared == true && (settings.shared || before.shared != true || !definition.shapesLike(before))
        guard definition != before || publishes else {
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
        if publishes {
            try publish(definition, name: feedName, first: before.shared != true, in: session)
        }
        try FeedCommand.withRunLock(feedName, in: store, busyHint: "try again between its runs") {
            var state = try store.state(feedName)
            // The checkpoint stays; a file at a new path is the feed's from its start.
            if store.activeFiles(of: definition, name: feedName).output != store.activeFiles(of: before, name: feedName).output {
                state.output = FilePosition()
                // A new bucket or prefix is a new commit log.
                state.shared = nil
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

    /// Makes this definition the shared one in the bucket.
    private func publish(_ definition: FeedDefinition, name: FeedName, first: Bool, in session: ShellSession) throws {
        let state = try session.feeds.state(name)
        if first && (!state.pendingObjects.isEmpty || state.output.offset > 0 || state.rejects.offset > 0) {
            throw CommandFailure(.configuration, "feed '\(name)' holds records it has not uploaded yet; it was not made shared",
                                 hint: "run 'cfaccess feed run \(name)' first (it uploads everything it collected), then update it again")
        }
        guard let storage = definition.storage else { return }
        let client = try session.vault.storageClient(storage, key: try unlockedVault(session), userAgent: "cfaccess/\(Cfaccess.version)", caFile: nil).0
        do throws(FeedRunError) {
            try SharedFeed.publish(definition, name: name, state: state, first: first, client: client)
        } catch {
            throw CommandFailure(error.status, "the feed was not saved: \(error.message)", hint: error.hint)
        }
        Console.status("feed", "the bucket now holds this definition of '\(name)'; every host sharing it must have the same")
    }
}
