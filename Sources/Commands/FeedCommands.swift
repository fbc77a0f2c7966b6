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
        subcommands: [FeedCreate.self, FeedList.self, FeedShow.self, FeedRun.self, FeedReset.self, FeedTest.self, FeedDelete.self]
    )
}

extension FeedCommand {
    /// A feed store failure as the command line reports it.
    static func failure(_ error: FeedStoreError, feed: FeedName) -> CommandFailure {
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
            throw FeedCommand.failure(error, feed: name)
        }
    }
}

struct FeedCreate: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Save a feed (after checking its token, unless --no-check).",
        discussion: """
            Example:
              cfaccess feed create prod --account 023e105f4ecef8ad9ca31a8372d0c353 --token prod --output /var/log/cfaccess/prod.ndjson
            """
    )

    @Argument(help: ArgumentHelp("A name for the feed.", valueName: "name")) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id.", valueName: "id")) var account: String
    @Option(help: ArgumentHelp("Name of the vault token to use.", valueName: "token")) var token: String
    @Option(help: ArgumentHelp("Event types to collect.", valueName: "types")) var events = "access_requests"
    @Option(help: ArgumentHelp("Where events are appended.", valueName: "path"), completion: .file()) var output: String?
    @Option(help: "Write OCSF events or the raw records.") var format: LogsFetch.Format = .ocsf
    @Option(help: ArgumentHelp("Where records that cannot be normalized go (default: the output + .rejects).", valueName: "path"),
            completion: .file()) var rejects: String?
    @Option(help: ArgumentHelp("Collect from this time (default: 24h ago).", valueName: "time")) var start = "24h"
    @Option(help: ArgumentHelp("Re-read this far behind the checkpoint on every run (default 10m).", valueName: "duration")) var lookback = "10m"
    @Option(name: .customLong("contact-name"), help: "Who to ask about this feed.") var contactName: String?
    @Option(name: .customLong("contact-email"), help: "Their e-mail.") var contactEmail: String?
    @Flag(name: .customLong("no-check"), help: "Save without running check-scopes.") var noCheck = false
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        let unknown = events.split(separator: ",").map(String.init).filter { !FeedDefinition.eventTypes.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("unknown event type '\(unknown[0])' (supported: \(FeedDefinition.eventTypes.joined(separator: ", ")))")
        }
        guard format != .table else { throw ValidationError("a feed writes ocsf or raw, not table") }
        if let contactEmail, !contactEmail.contains("@") { throw ValidationError("'\(contactEmail)' is not an e-mail address") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let feedName = try parsed { () throws(InvalidInput) in try FeedName(name) }
        let accountID = try parsed { () throws(InvalidInput) in try AccountID(account) }
        let lookbackValue = try parsed { () throws(InvalidInput) in
            try DurationInput(lookback, option: "--lookback", within: FeedDefinition.lookbackBounds)
        }
        let startTime = try parsed { () throws(InvalidInput) in try TimeInput(start, option: "--start", now: nowMilliseconds()) }
        let baseURL = try connection.baseURL.map { text throws(CommandFailure) in try parsed { () throws(InvalidInput) in try BaseURL(text) } }
        let store = session.feeds
        do throws(FeedStoreError) { try store.checkDirectories() } catch { throw FeedCommand.failure(error, feed: feedName) }
        if store.exists(feedName) {
            throw CommandFailure(.cannotCreate, "a feed named '\(feedName)' already exists", hint: "delete it first, or pick another name")
        }
        let outputPath = absolutePath(output ?? (session.paths.dataDirectory + "/output/\(feedName).ndjson"))
        let definition = FeedDefinition(
            name: feedName, account: accountID, token: token, baseURL: baseURL?.text, output: outputPath,
            format: format.rawValue, rejects: absolutePath(rejects ?? outputPath + ".rejects"),
            start: TimeInput(milliseconds: startTime.milliseconds).rfc3339, lookback: lookbackValue.seconds,
            contactName: contactName, contactEmail: contactEmail)
        if !noCheck {
            var check = try TokenCheckScopes.parse([token, "--account", accountID.text] + (definition.baseURL.map { ["--base-url", $0] } ?? []))
            check.json = false
            do {
                _ = try check.run(in: session)
            } catch let failure as CommandFailure {
                throw CommandFailure(failure.status, "the feed was not saved: its token failed check-scopes",
                                     hint: "fix the token, or save anyway with --no-check")
            }
        } else {
            _ = try unlockedVault(session)
        }
        if definition.output.hasPrefix(absolutePath(session.paths.dataDirectory) + "/output/") {
            do throws(FileProblem) { try PrivateDirectory.make(session.paths.dataDirectory + "/output") } catch {
                throw CommandFailure(.cannotCreate, error.message, hint: error.hint)
            }
        }
        do throws(FeedStoreError) { try store.save(definition) } catch { throw FeedCommand.failure(error, feed: feedName) }
        Console.status("feed", "created '\(feedName)' → \(definition.output)")
        return .status(0)
    }
}

struct FeedList: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per feed with its health.")
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.feeds
        let summaries = store.names().map { FeedSummary(name: $0, store: store) }
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
        } else if summaries.isEmpty {
            Console.status("feed", "no feeds yet; create one with 'cfaccess feed create'")
        } else {
            let rows = [["NAME", "HEALTH", "LAST RUN", "DELIVERED", "LAG"]]
                + summaries.map { [$0.name, $0.health, $0.lastRun?.started ?? "never", String($0.delivered), $0.lag ?? "-"] }
            Console.writeOutput(Table.render(rows))
        }
        return .status(0)
    }
}

/// What `feed list` and `feed show` say about a feed's health.
struct FeedSummary: Encodable {
    var name: String
    var definition: FeedDefinition?
    var health: String
    var lastRun: FeedState.Run?
    var delivered: Int
    var cursor: String?
    var lag: String?

    enum CodingKeys: String, CodingKey { case name, definition, health, lastRun = "last_run", delivered, cursor, lag }

    init(name: String, store: FeedStore) {
        self.name = name
        let feed = try? FeedName(name)
        definition = feed.flatMap { try? store.definition($0) }
        let state = feed.flatMap { try? store.state($0) } ?? FeedState()
        lastRun = state.lastRun
        delivered = state.totalDelivered
        cursor = state.cursor
        health = definition == nil ? "unreadable" : state.lastRun == nil ? "never run" : state.lastRun?.error == nil ? "ok" : "failing"
        if let cursor = state.cursor.flatMap(Instant.init) {
            let seconds = nowMilliseconds() / 1000 - cursor.seconds
            lag = seconds < 120 ? "\(seconds)s" : seconds < 7200 ? "\(seconds / 60)m" : seconds < 172_800 ? "\(seconds / 3600)h" : "\(seconds / 86_400)d"
        }
    }
}

struct FeedShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A feed's definition and health (never the token).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (_, definition) = try session.feed(name)
        let summary = FeedSummary(name: name, store: session.feeds)
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        var lines = [
            "name:        \(name)", "account:     \(definition.account)", "token:       \(definition.token) (in the vault)",
            "events:      \(definition.events.joined(separator: ","))", "output:      \(definition.output) (\(definition.format))",
            "rejects:     \(definition.rejects)", "start:       \(definition.start)", "lookback:    \(Int(definition.lookback))s",
        ]
        if let base = definition.baseURL { lines.append("base url:    \(base)") }
        if let contact = definition.contactName ?? definition.contactEmail {
            lines.append("contact:     \(contact)\(definition.contactEmail.map { definition.contactName != nil ? " <\($0)>" : "" } ?? "")")
        }
        lines.append("health:      \(summary.health)")
        lines.append("delivered:   \(summary.delivered) in total; checkpoint \(summary.cursor ?? "none"), lag \(summary.lag ?? "-")")
        if let run = summary.lastRun {
            lines.append("last run:    \(run.started) → \(run.ended ?? "?"): \(run.records) records, \(run.pages) pages, \(run.retries) retries, \(run.rejects) rejects")
            if let error = run.error { lines.append("last error:  \(error)") }
        }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        return .status(0)
    }
}

struct FeedRun: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Collect from the checkpoint to now (--follow: keep polling until Ctrl-C).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String
    @Flag(help: "Keep polling until interrupted.") var follow = false
    @Option(help: ArgumentHelp("Time between polls with --follow (default 60s).", valueName: "duration")) var interval = "60s"
    @OptionGroup var connection: ConnectionOptions

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (feedName, definition) = try session.feed(name)
        let pause = try parsed { () throws(InvalidInput) in try DurationInput(interval, option: "--interval", within: 1000...86_400_000) }.seconds
        if follow { Interrupt.catchTermination() }
        var options = connection
        options.baseURL = options.baseURL ?? definition.baseURL
        let (client, _) = try options.client(tokenName: definition.token, session: session)
        let store = session.feeds
        do {
            try store.withRunLock(feedName) {
                repeat {
                    let state: FeedState
                    do throws(FeedStoreError) {
                        state = try store.state(feedName)
                    } catch .damaged {
                        // Never start over silently: that would deliver everything again.
                        throw CommandFailure(.configuration, "the state of feed '\(name)' is damaged and was left as it is: \(store.statePath(feedName))",
                                             hint: "restore it from a backup, or move it aside and run 'cfaccess feed reset \(name) --since TIME'")
                    } catch {
                        throw FeedCommand.failure(error, feed: feedName)
                    }
                    let after = try FeedRunner(definition: definition, name: feedName, store: store, client: client).run(state: state)
                    Console.status("feed", "'\(name)': \(after.lastRun?.records ?? 0) records in this run, \(after.totalDelivered) in total, checkpoint \(after.cursor ?? "none")")
                    if follow { CloudflareClient.sleep(pause) { Interrupt.isRequested } }
                } while follow && !Interrupt.isRequested
            }
        } catch is FeedBusy {
            throw CommandFailure(.temporaryFailure, "feed '\(name)' is already running", hint: "wait for the other run to finish")
        }
        if Interrupt.isRequested {
            Interrupt.clear()
            if follow { return .status(0) }
            throw CommandFailure(.interrupted, "interrupted; everything delivered so far is checkpointed")
        }
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
            throw FeedCommand.failure(error, feed: feedName)
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
        let check = try TokenCheckScopes.parse([definition.token, "--account", definition.account.text] + (definition.baseURL.map { ["--base-url", $0] } ?? []))
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
            throw FeedCommand.failure(error, feed: feedName)
        }
        Console.status("feed", "deleted '\(name)' (its output files are kept)")
        return .status(0)
    }
}
