import ArgumentParser
import Client
import Feeds
import Files
import Inputs
import Shell
import Vault
#if canImport(Glibc)
import Glibc
#endif

/// `cfaccess feed …`: saved collection jobs that deliver every record exactly once.
struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Create, inspect and run saved collection jobs (feeds).",
        subcommands: [FeedCreate.self, FeedUpdate.self, FeedList.self, FeedShow.self, FeedStatus.self, FeedRun.self, FeedReset.self,
                      FeedTest.self, FeedDelete.self]
    )
}

extension FeedCommand {
    /// A feed store failure as the command line reports it.
    static func failure(_ error: FeedStoreError, feed: String) -> CommandFailure {
        switch error {
        case .file(let problem):
            switch problem.kind {
            case .missing: return CommandFailure(.configuration, "no feed named '\(feed)'", hint: "see 'cfaccess feed list'")
            case .unsafe: return CommandFailure(.permission, problem.message, hint: problem.hint)
            case .busy: return CommandFailure(.temporaryFailure, "feed '\(feed)' is busy", hint: "wait for the other run to finish")
            case .io: return CommandFailure(.ioError, problem.message, hint: problem.hint)
            }
        case .damaged(let path, let reason):
            return CommandFailure(.configuration, "'\(path)' of feed '\(feed)' is damaged and was left as it is: \(reason)",
                                  hint: "restore it from a backup, or delete the feed and create it again")
        }
    }
}

extension ShellSession {
    var feeds: FeedStore { FeedStore(directory: paths.dataDirectory) }

    /// The feed named `text`, its name checked and its files refused unless private.
    func feed(_ text: String) throws(CommandFailure) -> (FeedName, FeedDefinition) {
        let name = try parsed { () throws(InvalidInput) in try FeedName(text) }
        let store = feeds
        do throws(FeedStoreError) {
            try store.checkDirectories()
            // A missing definition file is reported as no such feed.
            return (name, try store.definition(name))
        } catch {
            throw FeedCommand.failure(error, feed: name.text)
        }
    }
}

/// What a feed writes: events or the records as fetched (a table is for people, not for files).
enum FeedFormat: String, ExpressibleByArgument, CaseIterable { case ocsf, raw }

/// The settings `feed create` and `feed update` share; each is parsed where it is given.
struct FeedSettings: ParsableArguments {
    @Option(help: ArgumentHelp("Event types to collect.", valueName: "types")) var events: String?
    @Option(help: ArgumentHelp("Where events are appended (default: the data directory's output/NAME.ndjson).", valueName: "path"),
            completion: .file()) var output: String?
    @Option(help: "Write OCSF events (default) or the raw records.") var format: FeedFormat?
    @Option(help: ArgumentHelp("Where records that cannot be normalized go (default: the output + .rejects).", valueName: "path"),
            completion: .file()) var rejects: String?
    @Option(help: ArgumentHelp("Re-read this far behind the checkpoint on every run (10m unless set; at most 7d).", valueName: "duration"))
    var lookback: String?
    @Option(help: ArgumentHelp("Time between polls under 'feed run --follow' (default: the run's --interval).", valueName: "duration"))
    var interval: String?
    @Option(name: .customLong("rotate-size"), help: ArgumentHelp("Start a new output file past this size, e.g. 256M ('off' to stop).", valueName: "size"))
    var rotateSize: String?
    @Option(name: .customLong("rotate-interval"), help: ArgumentHelp("Start a new output file this often, e.g. 1h or 1d ('off' to stop).", valueName: "duration"))
    var rotateInterval: String?
    @Flag(inversion: .prefixedNo, help: "Gzip rotated output files.") var compress: Bool?
    @Option(name: .customLong("contact-name"), help: "Who to ask about this feed.") var contactName: String?
    @Option(name: .customLong("contact-email"), help: "Their e-mail.") var contactEmail: String?

    func validate() throws {
        if let events {
            let unknown = events.split(separator: ",").map(String.init).filter { !FeedDefinition.eventTypes.contains($0) }
            guard unknown.isEmpty else {
                throw ValidationError("unknown event type '\(unknown[0])' (supported: \(FeedDefinition.eventTypes.joined(separator: ", ")))")
            }
        }
        if let contactEmail, !contactEmail.contains("@") { throw ValidationError("'\(contactEmail)' is not an e-mail address") }
        if output == "-" || rejects == "-" {
            throw ValidationError("a feed writes to files, not to standard output: give --output PATH (for standard output, use 'cfaccess logs fetch')")
        }
    }

    /// Sets what was given on `definition`.
    func apply(to definition: inout FeedDefinition) throws(CommandFailure) {
        if let output {
            definition.output = absolutePath(output)
            if rejects == nil && definition.rejects.hasSuffix(".rejects") { definition.rejects = definition.output + ".rejects" }
        }
        if let rejects { definition.rejects = absolutePath(rejects) }
        if let format { definition.format = format.rawValue }
        if let lookback {
            definition.lookback = try parsed { () throws(InvalidInput) in
                try DurationInput(lookback, option: "--lookback", within: FeedDefinition.lookbackBounds)
            }.seconds
        }
        if let interval {
            definition.interval = try parsed { () throws(InvalidInput) in try DurationInput(interval, option: "--interval", within: 1000...86_400_000) }.seconds
        }
        if let rotateSize {
            definition.rotateSize = rotateSize == "off" ? nil : try parsed { () throws(InvalidInput) in try SizeInput(rotateSize, option: "--rotate-size") }.bytes
        }
        if let rotateInterval {
            definition.rotateInterval = rotateInterval == "off" ? nil
                : try parsed { () throws(InvalidInput) in try DurationInput(rotateInterval, option: "--rotate-interval", within: 60_000...31 * 86_400_000) }.seconds
        }
        if let compress { definition.compress = compress ? true : nil }
        if let contactName { definition.contactName = contactName }
        if let contactEmail { definition.contactEmail = contactEmail }
    }
}

extension FeedCommand {
    /// Runs check-scopes for the token and account a feed will use; a failure saves nothing.
    static func check(_ definition: FeedDefinition, in session: ShellSession) throws {
        var check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + ["--base-url", definition.baseURL ?? BaseURL.cloudflare.text])
        check.json = false
        do {
            _ = try check.run(in: session)
        } catch let failure as CommandFailure {
            throw CommandFailure(failure.status, "the feed was not saved: its token failed check-scopes",
                                 hint: "fix the token, or save anyway with --no-check")
        }
    }

    /// Creates the default output directory when the feed writes there; any other directory
    /// must exist and be writable by the user, or the first run would fail with no hint.
    static func prepareOutput(_ definition: FeedDefinition, in session: ShellSession) throws(CommandFailure) {
        if definition.output.hasPrefix(absolutePath(session.paths.dataDirectory) + "/output/") {
            do throws(FileProblem) { try PrivateDirectory.make(session.paths.dataDirectory + "/output") } catch {
                throw CommandFailure(.cannotCreate, error.message, hint: error.hint)
            }
        }
        for (path, what) in [(definition.output, "output"), (definition.rejects, "rejects file")] {
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
            var info = stat()
            guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw CommandFailure(.cannotCreate, "the directory of the \(what) '\(path)' does not exist", hint: "create it first: mkdir -p '\(directory)'")
            }
            guard access(directory, W_OK | X_OK) == 0 else {
                throw CommandFailure(.cannotCreate, "you may not create files in '\(directory)', the directory of the \(what) '\(path)'",
                                     hint: "give a path in a directory you may write to")
            }
        }
    }
}

struct FeedCreate: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Save a feed (after checking its token, unless --no-check).",
        discussion: """
            Example:
              cfaccess feed create prod --account 023e105f4ecef8ad9ca31a8372d0c353 \\
                  --token prod --output /var/log/cfaccess/prod.ndjson
            """
    )

    @Argument(help: ArgumentHelp("A name for the feed.", valueName: "name")) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id (default: the saved account).", valueName: "id")) var account: String?
    @Option(help: ArgumentHelp("Name of the vault token to use (default: the saved token).", valueName: "token")) var token: String?
    @Option(help: ArgumentHelp("Collect from this time: RFC 3339, a date, or an age.", valueName: "time")) var start = "24h"
    @OptionGroup var settings: FeedSettings
    @Flag(name: .customLong("no-check"), help: "Save without running check-scopes.") var noCheck = false
    @OptionGroup var connection: ConnectionOptions

    func run(in session: ShellSession) throws -> ShellOutcome {
        let feedName = try parsed { () throws(InvalidInput) in try FeedName(name) }
        let defaults = try SavedDefaults(session: session)
        let accountText = try defaults.required(.account, option: account, flag: "--account ID")
        let accountID = try parsed { () throws(InvalidInput) in try AccountID(accountText) }
        let token = try defaults.required(.token, option: self.token, flag: "--token NAME")
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
        let store = session.feeds
        do throws(FeedStoreError) { try store.checkDirectories() } catch { throw FeedCommand.failure(error, feed: feedName.text) }
        if store.exists(feedName) {
            throw CommandFailure(.cannotCreate, "a feed named '\(feedName)' already exists", hint: "change it with 'cfaccess feed update', or pick another name")
        }
        if noCheck { _ = try unlockedVault(session) } else { try FeedCommand.check(definition, in: session) }
        try FeedCommand.prepareOutput(definition, in: session)
        do throws(FeedStoreError) { try store.save(definition) } catch { throw FeedCommand.failure(error, feed: feedName.text) }
        Console.status("feed", "created '\(feedName)' → \(definition.output)")
        return .status(0)
    }
}

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

    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id.", valueName: "id")) var account: String?
    @Option(help: ArgumentHelp("Name of the vault token to use.", valueName: "token")) var token: String?
    @OptionGroup var settings: FeedSettings
    @Flag(name: .customLong("no-check"), help: "Save without running check-scopes.") var noCheck = false
    @OptionGroup var connection: ConnectionOptions

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, before) = try session.feed(name)
        var definition = before
        if let account { definition.account = try parsed { () throws(InvalidInput) in try AccountID(account) } }
        if let token {
            try parsed { () throws(InvalidInput) in try CredentialShape.checkName(token) }
            definition.token = token
        }
        if let text = connection.baseURL { definition.baseURL = try parsed { () throws(InvalidInput) in try BaseURL(text) }.text }
        try settings.apply(to: &definition)
        guard definition != before else {
            Console.status("feed", "nothing to change in '\(feedName)'")
            return .status(0)
        }
        let reaches = definition.account != before.account || definition.token != before.token || definition.baseURL != before.baseURL
        if reaches && !noCheck { try FeedCommand.check(definition, in: session) }
        try FeedCommand.prepareOutput(definition, in: session)
        let store = session.feeds
        do {
            try store.withRunLock(feedName) {
                var state = try store.state(feedName)
                // The checkpoint stays; a file at a new path is the feed's from its start.
                if definition.output != before.output {
                    state.output = FilePosition()
                    state.activeSince = nil
                    state.activeFirst = nil
                    state.activeLast = nil
                }
                if definition.rejects != before.rejects { state.rejects = FilePosition() }
                try store.save(definition)
                try store.save(state, for: feedName)
            }
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is running", hint: "try again between its runs")
        } catch let error as FeedStoreError {
            throw FeedCommand.failure(error, feed: feedName.text)
        }
        Console.status("feed", "updated '\(feedName)'; its checkpoint is kept")
        return .status(0)
    }
}

struct FeedReset: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "reset", abstract: "Move a feed's checkpoint to a time.")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String
    @Option(help: ArgumentHelp("The new checkpoint: RFC 3339 or an age.", valueName: "time")) var since: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, _) = try session.feed(name)
        let time = try parsed { () throws(InvalidInput) in try TimeInput(since, option: "--since", now: nowMilliseconds()) }.rfc3339
        if SecretPrompt.hasTerminal, session.scriptReader == nil, isInteractiveTerminal {
            Console.writeError("Move the checkpoint of '\(name)' to \(time)? Records from then on will be delivered again, none before it. [y/N] ")
            guard let answer = FileLineReader(descriptor: 0).nextLine(), answer.first.map({ $0 | 0x20 }) == UInt8(ascii: "y") else {
                Console.status("feed", "nothing changed")
                return .status(0)
            }
        }
        let store = session.feeds
        do {
            try store.withRunLock(feedName) {
                var state = try store.state(feedName)
                state.cursor = time
                state.floor = time
                state.delivered = [:]
                try store.save(state, for: feedName)
            }
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is running", hint: "stop the run first, then reset it")
        } catch let error as FeedStoreError {
            throw FeedCommand.failure(error, feed: feedName.text)
        }
        Console.status("feed", "'\(name)' will collect from \(time) on its next run")
        return .status(0)
    }

    private var isInteractiveTerminal: Bool { isatty(0) == 1 }
}

struct FeedTest: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run check-scopes for a feed's token and account.")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (_, definition) = try session.feed(name)
        let check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + ["--base-url", definition.baseURL ?? BaseURL.cloudflare.text])
        return try check.run(in: session)
    }
}

struct FeedDelete: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a feed's definition and state (not its output).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, _) = try session.feed(name)
        let store = session.feeds
        do {
            try store.withRunLock(feedName) { store.delete(feedName) }
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is running", hint: "stop the run first, then delete it")
        } catch let error as FeedStoreError {
            throw FeedCommand.failure(error, feed: feedName.text)
        }
        Console.status("feed", "deleted '\(name)' (its output files are kept)")
        return .status(0)
    }
}
