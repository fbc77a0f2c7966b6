import ArgumentParser
import Client
import Feeds
import Inputs
import Shell
import Synchronization
import Vault
#if canImport(Glibc)
import Glibc
#endif

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

    @Argument(help: ArgumentHelp("The feeds to run.", valueName: "feed")) var names: [String] = []
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
        do throws(FeedStoreError) { try store.checkDirectories() } catch { throw FeedCommand.failure(error, feed: listed.first?.text ?? "--all") }
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
        let sources = try FeedSources(session: session, caFile: caFile, log: log)
        let service = FeedService(
            store: store, options: options, makeSource: sources.make, isStopping: { Interrupt.isRequested }, takeReload: Interrupt.takeHangup,
            log: { log($0.level.rawValue, $0.event, $0.feed, $0.message, $0.fields) })
        service.credentialsChanged = sources.refresh
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
            case .failed(let error)?: throw CommandFailure.alreadyReported(FeedRun.status(for: error))
            default: continue
            }
        }
        return .status(0)
    }

    /// The exit code DESIGN.md §4 gives what stopped a run.
    static func status(for error: FeedRunError) -> ExitStatus {
        switch error {
        case .api(let error): error.failure.status
        case .file(let problem): problem.kind == .unsafe ? .permission : .ioError
        case .notOwn, .setup: .configuration
        case .store(let error): FeedCommand.failure(error, feed: "").status
        }
    }
}

/// Clients for the feeds of one run: the vault unlocked once, one client per feed, and one
/// request budget per token, shared by every feed that uses it. The vault file is followed:
/// when it changes (`token rotate`, `token remove`), it is read again with the key this process
/// holds, and feeds use the new tokens from their next request.
final class FeedSources: Sendable {
    /// The tokens as last read, or why the vault could not be read again.
    private let tokens: Mutex<Result<[String: SecretBytesBox], FeedRunError>>
    /// The vault file's device, inode, size and change time when last read.
    private let seen: Mutex<[Int64]>
    private let vault: VaultStore
    private let key: VaultKeyBox
    private let initialNames: Set<String>
    private let budgets = Mutex<[String: RequestBudget]>([:])
    private let caFile: String?
    private let verbose: Bool
    private let quiet: Bool
    private let log: @Sendable (String, String, String?, String, [(String, String)]) -> Void

    init(session: ShellSession, caFile: String?,
         log: @escaping @Sendable (String, String, String?, String, [(String, String)]) -> Void) throws(CommandFailure) {
        self.log = log
        let key = try unlockedVault(session)
        vault = session.vault.store
        self.key = VaultKeyBox(key: key)
        seen = Mutex(FeedSources.stamp(of: session.vault.store.path))
        let entries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }
        tokens = Mutex(.success(FeedSources.secrets(entries)))
        initialNames = Set(entries.map(\.name))
        self.caFile = caFile
        verbose = session.globals.verbose
        quiet = session.globals.quiet
    }

    /// Reads the vault again if its file changed since it was last read; true when it did, so
    /// every feed's client is made anew before its next run.
    func refresh() -> Bool {
        let stamp = FeedSources.stamp(of: vault.path)
        guard seen.withLock({ seen in defer { seen = stamp }; return seen != stamp }) else { return false }
        let reread: Result<[String: SecretBytesBox], FeedRunError>
        do throws(VaultError) {
            reread = .success(FeedSources.secrets(try vault.entries(with: key.key)))
            log("info", "vault", nil, "the vault changed; its tokens were read again", [])
        } catch {
            let failure = error.failure
            reread = .failure(.setup("the vault can no longer be opened with the key this service holds: \(failure.message)",
                                     hint: "if its passphrase was changed, restart the service with the new passphrase"))
            log("error", "vault", nil, "the vault can no longer be opened with the key this service holds: \(failure.message)",
                [("hint", "if its passphrase was changed, restart the service with the new passphrase")])
        }
        tokens.withLock { $0 = reread }
        return true
    }

    func make(_ definition: FeedDefinition) throws(FeedRunError) -> AccessLogSource {
        let tokens = try self.tokens.withLock { $0 }.get()
        guard let token = tokens[definition.token] else {
            if removed(definition.token) {
                throw .setup("token '\(definition.token)' was removed from the vault",
                             hint: "add it again with 'cfaccess token add \(definition.token)', or point the feed at another with 'cfaccess feed update \(definition.name) --token NAME'")
            }
            throw .setup("no token named '\(definition.token)' in the vault",
                         hint: "add it with 'cfaccess token add \(definition.token)', or point the feed at another with 'cfaccess feed update \(definition.name) --token NAME'")
        }
        // The feed's own base URL, always: the environment and the saved defaults are for
        // commands without a feed, or another API's records would mix into this one's.
        var url = BaseURL.cloudflare
        if let text = definition.baseURL {
            do throws(InvalidInput) { url = try BaseURL(text) } catch { throw .setup(error.message, hint: error.hint) }
        }
        let transport: HTTPTransport
        do throws(ClientError) {
            transport = try HTTPTransport(options: .init(userAgent: "cfaccess/\(Cfaccess.version)", caFile: caFile))
        } catch {
            throw .api(error)
        }
        let budget = budgets.withLock { budgets in
            if let shared = budgets[definition.token] { return shared }
            let fresh = RequestBudget()
            budgets[definition.token] = fresh
            return fresh
        }
        let feed = definition.name
        return CloudflareClient(baseURL: url, credential: VaultCredential(token: token.secret), transport: transport, budget: budget,
                                log: verbose ? { [log] in log("info", "http", feed, $0, []) } : nil,
                                retryNotice: quiet ? nil : { [log] in log("info", "retry", feed, "'\(feed)': " + $0, []) },
                                isCancelled: { Interrupt.isRequested })
    }
}

extension FeedSources {
    /// Names of tokens the vault held when the service started, to tell a removed token from
    /// one that was never there.
    private func removed(_ token: String) -> Bool { initialNames.contains(token) }

    private static func secrets(_ entries: [VaultEntry]) -> [String: SecretBytesBox] {
        Dictionary(entries.map { ($0.name, SecretBytesBox(secret: $0.secret)) }) { first, _ in first }
    }

    /// Device, inode, size and change time: a rewrite (always a new file, renamed into place)
    /// changes at least the inode.
    private static func stamp(of path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return [Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_size), Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
    }
}

/// A vault secret handed to the worker threads that read it (never written after it is read).
struct SecretBytesBox: @unchecked Sendable {
    let secret: SecretBytes
}

/// The unlocked key, kept by the service to read the vault again when it changes.
struct VaultKeyBox: @unchecked Sendable {
    let key: VaultKey
}

/// What `feed run` shows on a terminal while feeds deliver: records so far and how far each got.
struct FeedProgress: ~Copyable {
    let line: ProgressLine
    private var feeds: [String: (records: Int, reached: String?)] = [:]
    private let started = ProgressLine.now()

    init(line: ProgressLine) { self.line = line }

    mutating func update(feed: String, records: Int, reached: String?) {
        feeds[feed] = (records, reached)
        let total = feeds.values.reduce(0) { $0 + $1.records }
        let rate = Double(total) / max(ProgressLine.now() - started, 0.001)
        let position = feeds.count == 1 ? reached.map { ", at \($0)" } ?? "" : ", \(feeds.count.counted("feed")) delivering"
        line.update { "cfaccess: feed: \(total.counted("record")) delivered, \(Int(rate)) records/s\(position)" }
    }
}
