import ArgumentParser
import Client
import Feeds
import Inputs
import Mapping
import Normalizer
import Shell
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// `logs fetch`: a one-off pull of a time window, written as pages arrive.
struct LogsFetch: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the access requests of a time window (OCSF, raw records or a table).",
        discussion: """
            Examples:
              cfaccess logs fetch --account 023e105f4ecef8ad9ca31a8372d0c353 \\
                  --token prod --since 24h > events.ndjson
              cfaccess logs fetch --account ACCOUNT_ID --token prod \\
                  --since 2025-07-01 --until 2025-07-02 --format raw -o raw.ndjson
              cfaccess logs fetch --since 1h --denied --country RU --country CN
              cfaccess logs fetch --since 7d --email alice@example.com --email-exact \\
                  --app wiki.example.com

            Filters are sent to the API where it documents a parameter, and every record is also \
            judged on arrival, so the result is right either way.
            """
    )

    typealias Format = FetchFormat

    @OptionGroup var source: LogsSource
    @Option(help: "Output format (default: table on a terminal, ocsf otherwise).") var format: Format?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of stdout.", valueName: "path"), completion: .file()) var output: String?
    @Option(help: ArgumentHelp("Keep records that cannot be normalized here.", valueName: "path"), completion: .file()) var rejects: String?
    @Option(name: .customLong("max-records"), help: "Stop after this many records.") var maxRecords: Int?
    @Option(name: .customLong("page-size"), help: "Records to ask for per page.") var pageSize = 1000
    @OptionGroup(title: "Filters") var filters: FilterOptions
    @OptionGroup var events: EventOptions

    func validate() throws {
        guard (1...10_000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 10000") }
        if let maxRecords, maxRecords < 1 { throw ValidationError("--max-records must be at least 1") }
        if format != nil && format != .ocsf && (!events.profiles.isEmpty || events.rawData != nil) {
            throw ValidationError("--profile and --raw-data shape OCSF events: give them with --format ocsf")
        }
    }

    /// What the options and defaults resolve to, checked before anything is fetched or written.
    private struct Plan {
        var source: LogsSource.Resolved
        var format: Format?
        var window: FetchWalk.Window
        var since: String { source.times.since.rfc3339 }
        var account: AccountID { source.account }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let plan = try resolve(in: session)
        let progress = ProgressLine(quiet: session.globals.quiet)
        try session.refuseFeedFile(output, role: "events")
        try session.refuseFeedFile(rejects, role: "rejects")
        // Everything is checked and the vault unlocked before any output exists.
        let client = try source.client(plan.source, session: session) { notice in
            progress.clear()
            Console.status("logs", notice)
        }
        let sink = try mappingCall { () throws(MapFailure) in
            try FetchSink(format: plan.format ?? (output == nil && isatty(1) == 1 ? .table : .ocsf), output: output, rejects: rejects,
                          options: MapOptions(accountID: plan.account.text, profiles: Set(events.profiles), includeRawData: events.rawData ?? false),
                          clearProgress: { progress.clear() })
        }
        sink.diagnostics = { Console.warning($0) }
        sink.status = { Console.status("logs", $0) }
        let started = CloudflareClient.now()
        let stats: FetchWalk.Stats
        do {
            stats = try WindowFetch(source: client, window: plan.window, progress: progress, verb: "logs") { Interrupt.isRequested }
                .run { try sink.write($0) }
        } catch let error as ClientError {
            try mappingCall { () throws(MapFailure) in try sink.finish() }
            Console.status("logs", "\(sink.records.counted("record")) written before the failure")
            throw error.failure
        } catch let error as MapFailure {
            throw error.failure
        }
        try mappingCall { () throws(MapFailure) in try sink.finish() }
        try report(stats, client: client, sink: sink, plan: plan, seconds: CloudflareClient.now() - started)
        return .status(0)
    }

    /// The account, token, base URL, format and window, from the feed or the options, the
    /// environment and the saved defaults.
    private func resolve(in session: ShellSession) throws(CommandFailure) -> Plan {
        let defaults = try SavedDefaults(session: session)
        let resolved = try source.resolve(in: session, defaults: defaults)
        let format = try parsed { () throws(InvalidInput) in
            try defaults.value(.format, option: self.format?.rawValue).map { text throws(InvalidInput) in
                guard let format = Format(rawValue: text) else { throw InvalidInput("'\(text)' is not a format", hint: "give ocsf, raw or table") }
                return format
            }
        }
        let window = FetchWalk.Window(account: resolved.account, since: resolved.times.since.rfc3339, until: resolved.times.until?.rfc3339,
                                      pageSize: pageSize, maxRecords: maxRecords, filter: filters.filter)
        return Plan(source: resolved, format: format, window: window)
    }

    /// The closing counts, and the exit status an interruption or rejections give.
    private func report(_ stats: FetchWalk.Stats, client: CloudflareClient, sink: FetchSink, plan: Plan, seconds: Double) throws(CommandFailure) {
        Console.status("logs", "\(stats.records.counted("record")) in \(stats.pages.counted("page")) (\(client.requests.counted("request")), "
                       + "\(client.retries.counted("retry", "retries")), \(stats.duplicates.counted("repeat")) dropped) in "
                       + "\(String(Int(seconds * 10) / 10)).\(Int(seconds * 10) % 10) s"
                       + (sink.rejected > 0 ? ", \(sink.rejected) not normalized" : "")
                       + (plan.window.filter.map { "; \(stats.filtered) left out by the filters (\($0))" } ?? ""))
        if stats.records == 0 && !Interrupt.isRequested {
            Console.status("logs", "nothing\(plan.window.filter == nil ? "" : " matching") between \(plan.since) and \(plan.window.until ?? "now (" + formatTime(plan.source.now) + ")")")
        }
        if Interrupt.isRequested {
            Interrupt.clear()
            throw CommandFailure(.interrupted, "interrupted; everything fetched so far was written")
        }
        if sink.rejected > 0 {
            throw CommandFailure(.dataError, "\(sink.rejected.counted("record")) could not be normalized",
                                 hint: rejects.map { "they are in '\($0)'" } ?? "keep them with --rejects PATH")
        }
    }
}

extension FetchFormat: ExpressibleByArgument {}
