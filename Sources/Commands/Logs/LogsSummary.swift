import ArgumentParser
import Client
import Feeds
import Inputs
import Mapping
import Normalizer
import Shell
import Voice

extension SummaryKey: ExpressibleByArgument {}

/// `logs summary`: requests counted by user, application, country, … over a window of the API
/// or over files (raw records or OCSF events, gzip or not).
struct LogsSummary: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Count requests by user, app, country, ip, idp, action, allowed or hour, from the API or files.",
        discussion: """
            Several --by give a cross-table. Each group shows its requests, how many were allowed \
            and denied (and the share denied), and when it was first and last seen. With --json, \
            each group is an object: its keys under the --by words (--by allowed as "result"), \
            count, allowed, denied, denial_ratio, first_seen and last_seen.

            Examples:
              cfaccess logs summary --since 1h --denied --by user
              cfaccess logs summary --since 7d --email alice@example.com --email-exact \\
                  --by country --by ip
              cfaccess logs summary --since 7d --denied --by app --top 5
              cfaccess logs summary --input events.ndjson archive/*.ndjson.gz \\
                  --by hour --json
            """
    )

    @Option(name: .customLong("by"), help: ArgumentHelp("Group by this (repeatable, in order).", valueName: "key")) var keys: [SummaryKey] = []
    @Option(help: ArgumentHelp("Only the N largest groups (with --top-each: the N first-key values with the most requests).", valueName: "n")) var top: Int?
    @Option(name: .customLong("top-each"), help: ArgumentHelp("With two or more --by keys: under each first-key value, only its N largest groups.", valueName: "n"))
    var topEach: Int?
    @Flag(help: "An array of groups as JSON.") var json = false
    @Option(name: .customLong("input"), parsing: .upToNextOption,
            help: ArgumentHelp("Count these files instead of fetching: raw records or OCSF events, gzip or not, '-' for stdin.", valueName: "file"),
            completion: .file()) var inputs: [String] = []
    @Option(help: ArgumentHelp("Read files on this many threads (default: one per CPU this process may use).", valueName: "n")) var jobs: Int?
    @OptionGroup var source: LogsSource
    @OptionGroup(title: "Filters") var filters: FilterOptions

    func validate() throws {
        if inputs.isEmpty == (source.since == nil) { throw ValidationError("give --since (to fetch a window) or --input FILE..., not both") }
        if !inputs.isEmpty && (source.feed != nil || source.account != nil || source.token != nil || source.until != nil) {
            throw ValidationError("--input counts files: --feed, --account, --token and --until are for fetching")
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let topEach, topEach < 1 { throw ValidationError("--top-each must be at least 1") }
        if topEach != nil && keys.count < 2 { throw ValidationError("--top-each ranks within the first --by key: give two or more, such as --by user --by country") }
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let summary = Summary(by: keys.isEmpty ? [.user] : keys, filter: filters.filter)
        var failure: CommandFailure?
        do {
            if inputs.isEmpty {
                try fetch(into: summary, progress: ProgressLine(quiet: session.globals.quiet), session: session)
            } else {
                try count(into: summary, quiet: session.globals.quiet)
            }
        } catch let stopped as CommandFailure where [.interrupted, .dataError].contains(stopped.status) {
            // What was counted is shown, then the status says why it is partial.
            failure = stopped
        }
        let groups = topEach.map { summary.nested(top: top, each: $0) } ?? summary.sorted(top: top)
        if json {
            Console.writeOutput(try JSONText.encode(groups.map { SummaryRow(keys: summary.keys, group: $0) }) + "\n")
        } else if groups.isEmpty {
            Console.status("summary", "no requests\(summary.filter == nil ? "" : " matching (\(summary.filter!))")")
        } else {
            Console.writeOutput(Self.table(groups, keys: summary.keys))
            if groups.count < summary.groupCount {
                Console.status("summary", "showing \(groups.count) of \(summary.groupCount) groups")
            }
        }
        if let failure { throw failure }
        return .status(0)
    }

    /// Counts files through the map pipeline, on worker threads.
    private func count(into summary: Summary, quiet: Bool) throws {
        let job = try mappingCall { () throws(MapFailure) in
            try MapJob(inputPaths: inputs, outputPath: nil, rejectsPath: nil, options: MapOptions(),
                       jobs: jobs ?? MapWorkers.availableCPUs, isInterrupted: { Interrupt.isRequested })
        }
        job.summary = summary
        try job.runSpeaking("summary", quiet: quiet)
    }

    /// Counts a window of the API, each record as it arrives.
    private func fetch(into summary: Summary, progress: ProgressLine, session: ShellSession) throws {
        let resolved = try source.resolve(in: session, defaults: try SavedDefaults(session: session))
        let client = try source.client(resolved, session: session) { notice in
            progress.clear()
            Console.status("summary", notice)
        }
        let window = FetchWalk.Window(account: resolved.account, since: resolved.times.since.rfc3339, until: resolved.times.until?.rfc3339,
                                      filter: filters.filter)
        var unreadable = 0
        let stats: FetchWalk.Stats
        do {
            stats = try WindowFetch(source: client, window: window, progress: progress, verb: "summary") { Interrupt.isRequested }
                .run { if !summary.read($0) { unreadable += 1 } }
        } catch let error as ClientError {
            throw error.failure
        }
        Console.status("summary", "\(stats.records.counted("record")) fetched in \(stats.pages.counted("page")), \(summary.counted) counted"
                       + (unreadable > 0 ? ", \(unreadable) not readable" : "")
                       + (window.filter.map { "; \(stats.filtered) left out by the filters (\($0))" } ?? ""))
        if Interrupt.isRequested {
            Interrupt.clear()
            throw CommandFailure(.interrupted, "interrupted; the summary counts what was fetched so far")
        }
        if unreadable > 0 {
            throw CommandFailure(.dataError, "\(unreadable.counted("record")) could not be read as access requests",
                                 hint: "fetch them with 'cfaccess logs fetch --format ocsf --rejects PATH' to see why")
        }
    }

    static func table(_ groups: [SummaryGroup], keys: [SummaryKey]) -> String {
        let header = keys.map { $0.rawValue.uppercased() } + ["REQUESTS", "ALLOWED", "DENIED", "DENIED %", "FIRST SEEN", "LAST SEEN"]
        let rows = groups.map { group in
            group.keys + [String(group.count), String(group.allowed), String(group.denied),
                          group.denialRatio.map { String(Int(($0 * 100).rounded())) } ?? "-",
                          formatTime(group.firstSeen), formatTime(group.lastSeen)]
        }
        return Table.render([header] + rows)
    }
}
