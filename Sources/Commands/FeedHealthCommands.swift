import ArgumentParser
import Feeds
import Inputs
import Shell

/// What `feed list`, `feed show` and `feed status` say about a feed's health (thresholds in
/// `FeedHealth`).
struct FeedSummary: Encodable {
    var name: String
    var definition: FeedDefinition?
    var health: String
    var lastRun: FeedState.Run?
    var lastSuccess: String?
    var delivered: Int
    var rejected: Int
    var cursor: String?
    /// Seconds from the checkpoint to now.
    var lagSeconds: Int64?
    var lag: String?
    /// Why the definition or the state cannot be read: the feed is failing for that reason.
    var problem: String?

    enum CodingKeys: String, CodingKey {
        case name, definition, health, lastRun = "last_run", lastSuccess = "last_success", delivered, rejected, cursor, lagSeconds = "lag_seconds", lag
        case problem
    }

    /// The error every view shows: what stops the feed from being read, else its last run's.
    var lastError: String? { problem ?? lastRun?.error }

    init(name: String, store: FeedStore) {
        self.name = name
        var state = FeedState()
        do throws(FeedStoreError) {
            let feed: FeedName
            do { feed = try FeedName(name) } catch { throw FeedStoreError.damaged(path: name, reason: error.message) }
            definition = try store.definition(feed)
            state = try store.state(feed)
        } catch {
            problem = FeedRunError.store(error).message
        }
        let now = nowMilliseconds()
        lastRun = state.lastRun
        lastSuccess = state.lastSuccess
        delivered = state.totalDelivered
        rejected = state.totalRejected
        cursor = state.cursor
        health = problem != nil ? FeedHealth.failing.rawValue : FeedHealth(state: state, definition: definition, now: now).rawValue
        lagSeconds = FeedHealth.lag(state, now: now)
        lag = lagSeconds.map { seconds in
            seconds < 120 ? "\(seconds)s" : seconds < 7200 ? "\(seconds / 60)m" : seconds < 172_800 ? "\(seconds / 3600)h" : "\(seconds / 86_400)d"
        }
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
            let rows = [["NAME", "HEALTH", "LAST RUN", "DELIVERED", "LAG", "LAST ERROR"]]
                + summaries.map { [$0.name, $0.health, $0.lastRun?.started ?? "never", String($0.delivered), $0.lag ?? "-", $0.lastError ?? "-"] }
            Console.writeOutput(Table.render(rows))
        }
        return .status(0)
    }
}

struct FeedShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A feed's definition and health (never the token).")
    @Argument(help: ArgumentHelp("The feed's name.", valueName: "feed")) var name: String
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let (_, definition) = try session.feed(name)
        let summary = FeedSummary(name: name, store: session.feeds)
        if let problem = summary.problem { Console.warning(problem) }
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        var lines = [
            "name:        \(name)", "account:     \(definition.account)", "token:       \(definition.token) (in the vault)",
            "events:      \(definition.events.joined(separator: ","))", "output:      \(definition.output) (\(definition.format))",
            "rejects:     \(definition.rejects)", "start:       \(definition.start)", "lookback:    \(DurationInput.format(Int64(definition.lookback * 1000)))",
        ]
        if let interval = definition.interval { lines.append("interval:    \(DurationInput.format(Int64(interval * 1000)))") }
        let rotation = [definition.rotateSize.map { "past \($0 >> 20) MiB" }, definition.rotateInterval.map { "every \(DurationInput.format(Int64($0 * 1000)))" }]
            .compactMap { $0 }
        if !rotation.isEmpty { lines.append("rotation:    \(rotation.joined(separator: " or "))\(definition.compress == true ? ", gzipped" : "")") }
        if let base = definition.baseURL { lines.append("base url:    \(base)") }
        if let contact = definition.contactName ?? definition.contactEmail {
            lines.append("contact:     \(contact)\(definition.contactEmail.map { definition.contactName != nil ? " <\($0)>" : "" } ?? "")")
        }
        lines.append("health:      \(summary.health)")
        lines.append("delivered:   \(summary.delivered) in total, \(summary.rejected) rejected; checkpoint \(summary.cursor ?? "none"), lag \(summary.lag ?? "-")")
        if let run = summary.lastRun {
            lines.append("last run:    \(run.started) → \(run.ended ?? "?"): \(run.records) records, \(run.pages) pages, \(run.retries) retries, \(run.rejects) rejects")
        }
        if let error = summary.lastError { lines.append("last error:  \(error)") }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        return .status(0)
    }
}

/// `feed status`: one line per feed for people and monitors; exit 0 only when every listed feed
/// is ok, 1 otherwise (as `systemctl is-failed` does).
struct FeedStatus: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Each feed's health; exit 0 when all are ok, 1 otherwise.",
        discussion: """
            ok: the last run succeeded recently. failing: the last run ended with an error. lagging: the last \\
            success is older than 3 polling intervals (and at least 5 minutes). never run: no run has ended yet.
            """
    )
    @Argument(help: ArgumentHelp("The feeds to show (default: all).", valueName: "feed")) var names: [String] = []
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.feeds
        let listed = names.isEmpty ? store.names() : try names.map { text throws(CommandFailure) in try session.feed(text).0.text }
        let summaries = listed.map { FeedSummary(name: $0, store: store) }
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
        } else if summaries.isEmpty {
            Console.status("feed", "no feeds yet; create one with 'cfaccess feed create'")
        } else {
            let rows = [["NAME", "HEALTH", "LAST SUCCESS", "LAG", "DELIVERED", "REJECTED", "LAST ERROR"]]
                + summaries.map { [$0.name, $0.health, $0.lastSuccess ?? "never", $0.lag ?? "-", String($0.delivered), String($0.rejected),
                                   $0.lastError ?? "-"] }
            Console.writeOutput(Table.render(rows))
        }
        return .status(summaries.allSatisfy { $0.health == FeedHealth.ok.rawValue } ? 0 : 1)
    }
}
