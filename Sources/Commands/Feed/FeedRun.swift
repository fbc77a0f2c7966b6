import ArgumentParser
import Feeds
import Files
import Inputs
import Secrets
import Shell
import Synchronization
import Voice

/// `feed run (NAME… | --all)`: every listed feed in one process with one vault unlock, each
/// standing alone; `--follow` keeps polling until SIGTERM or Ctrl-C, re-reading the feeds every
/// cycle and at once on SIGHUP.
struct FeedRun: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Collect from each feed's checkpoint to now (--follow: keep polling until stopped).",
        discussion: """
            Examples:
              cfaccess feed run prod
              cfaccess feed run --all --follow --interval 1m \\
                  --metrics-file /var/lib/node_exporter/textfile/cfaccess.prom
            """
    )

    @Argument(help: ArgumentHelp("The feeds to run.", valueName: "feed"), completion: CompletionValues.feeds) var names: [String] = []
    @Flag(help: "Run every saved feed (with --follow, also those created later).") var all = false
    @Flag(help: "Keep polling until SIGTERM or Ctrl-C; SIGHUP re-reads the feeds at once.") var follow = false
    @Option(help: ArgumentHelp("Time between polls of a feed that sets none.", valueName: "duration")) var interval = "60s"
    @Option(help: ArgumentHelp("Feeds fetched at once.", valueName: "n")) var jobs = 4
    @Option(name: .customLong("metrics-file"), help: ArgumentHelp("Write Prometheus metrics here after every cycle.", valueName: "path"),
            completion: .file()) var metricsFile: String?
    @Option(name: .customLong("ca-file"), help: ArgumentHelp("Trust this CA bundle (PEM) as well.", valueName: "path"), completion: .file())
    var caFile: String?

    func validate() throws {
        guard names.isEmpty != !all else { throw ValidationError(all ? "give feed names or --all, not both" : "give the feeds to run, or --all") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64") }
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let listed = try names.map { text throws(CommandFailure) in try session.feed(text).0 }
        var options = FeedService.Options(names: all ? nil : listed)
        options.follow = follow
        options.interval = try parsed { () throws(InvalidInput) in try DurationInput(interval, option: "--interval", within: 1000...86_400_000) }.seconds
        options.jobs = jobs
        options.verbose = session.globals.verbose
        options.metricsFile = metricsFile.map(absolutePath)
        let store = session.feeds
        do throws(FeedStoreError) { try store.checkDirectories() } catch { throw error.failure(feed: listed.first?.text ?? "--all") }
        if follow {
            Interrupt.catchTermination()
            Interrupt.catchHangup()
        }
        // Feeds run on threads of their own: the progress line and the log share one lock.
        let progress = Mutex(FeedProgress(line: ProgressLine(quiet: session.globals.quiet || follow)))
        let log: @Sendable (String, String, String?, String, [(String, String)]) -> Void = { level, event, feed, message, fields in
            progress.withLock { progress in
                progress.line.clear()
                Console.log(level: level, event: event, feed: feed, message: message, fields: fields)
            }
        }
        let sources = try FeedSources(vault: session.vault.store, key: try unlockedVault(session), caFile: caFile,
                                      userAgent: "cfaccess/\(Cfaccess.version)", verbose: session.globals.verbose,
                                      quiet: session.globals.quiet, log: log)
        let service = FeedService(
            store: store, options: options, makeSource: sources.make, isStopping: { Interrupt.isRequested }, takeReload: Interrupt.takeHangup,
            log: { log($0.level.rawValue, $0.event, $0.feed, $0.message, $0.fields) })
        service.credentialsChanged = sources.refresh
        service.makeObjectStore = sources.makeStore
        service.onPage = { feed, records, reached in progress.withLock { $0.update(feed: feed, records: records, reached: reached) } }
        let outcomes = service.run()
        progress.withLock { $0.line.clear() }
        if Interrupt.isRequested {
            Interrupt.clear()
            if follow { return .status(0) }
            throw CommandFailure(.interrupted, "interrupted; everything delivered so far is checkpointed")
        }
        for name in (all ? outcomes.keys.sorted() : listed.map(\.text)) {
            switch outcomes[name] {
            case .busy?: throw CommandFailure(.temporaryFailure, "feed '\(name)' is already running", hint: "wait for the other run to finish")
            case .failed(let error)?: throw CommandFailure.alreadyReported(error.status)
            default: continue
            }
        }
        return .status(0)
    }
}
