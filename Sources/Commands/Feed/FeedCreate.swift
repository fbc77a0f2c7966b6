import ArgumentParser
import Feeds
import Files
import Inputs
import Shell
import Voice

struct FeedCreate: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Save a feed (after checking its token, unless --no-check).",
        discussion: """
            Examples:
              cfaccess feed create prod --account 023e105f4ecef8ad9ca31a8372d0c353 \\
                  --token prod --output /var/log/cfaccess/prod.ndjson
              cfaccess feed create denials --token prod --denied \\
                  --profile security_control --output /var/log/cfaccess/denials.ndjson

            A filtered feed delivers, exactly once, the records its filters keep.
            """
    )

    @Argument(help: ArgumentHelp("A name for the feed.", valueName: "name")) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id (default: the saved account).", valueName: "id")) var account: String?
    @Option(help: ArgumentHelp("Name of the vault token to use (default: the saved token).", valueName: "token"), completion: CompletionValues.tokens) var token: String?
    @Option(help: ArgumentHelp("Collect from this time: RFC 3339, a date, or an age.", valueName: "time")) var start = "24h"
    @OptionGroup var settings: FeedSettings
    @Flag(name: .customLong("no-check"), help: "Save without running check-scopes.") var noCheck = false
    @OptionGroup var connection: ConnectionOptions

    func run(in session: ShellSession) throws -> ShellOutcome {
        let feedName = try parsed { () throws(InvalidInput) in try FeedName(name) }
        let defaults = try SavedDefaults(session: session)
        let accountText = try parsed { () throws(InvalidInput) in try defaults.required(.account, option: account, flag: "--account ID") }
        let accountID = try parsed { () throws(InvalidInput) in try AccountID(accountText) }
        let token = try parsed { () throws(InvalidInput) in try defaults.required(.token, option: self.token, flag: "--token NAME") }
        try parsed { () throws(InvalidInput) in try CredentialShape.checkName(token) }
        let startTime = try parsed { () throws(InvalidInput) in try TimeInput(start, option: "--start", now: nowMilliseconds()) }
        let baseURL = try defaults.value(.baseURL, option: connection.baseURL).map { text throws(CommandFailure) in
            try parsed { () throws(InvalidInput) in try BaseURL(text) }
        }
        let output = absolutePath(session.paths.dataDirectory + "/output/\(feedName).ndjson")
        var definition = FeedDefinition(
            name: feedName, account: accountID, token: token, baseURL: baseURL?.text, output: output, format: FeedFormat.ocsf.rawValue,
            rejects: output + ".rejects", start: startTime.rfc3339, lookback: 600, contactName: nil, contactEmail: nil)
        try settings.apply(to: &definition)
        if let problem = definition.objectOutputProblem { throw problem.failure }
        let store = session.feeds
        do throws(FeedStoreError) { try store.checkDirectories() } catch { throw error.failure(feed: feedName.text) }
        if store.exists(feedName) {
            throw CommandFailure(.cannotCreate, "a feed named '\(feedName)' already exists", hint: "change it with 'cfaccess feed update', or pick another name")
        }
        if noCheck { _ = try unlockedVault(session) } else { try FeedCommand.check(definition, in: session) }
        do throws(FileProblem) { try session.feeds.prepareOutput(of: definition) } catch {
            throw CommandFailure(.cannotCreate, error.message, hint: error.hint)
        }
        do throws(FeedStoreError) { try store.save(definition) } catch { throw error.failure(feed: feedName.text) }
        Console.status("feed", "created '\(feedName)' → \(definition.output)")
        return .status(0)
    }
}
