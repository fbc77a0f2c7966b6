import Client
import Files
import Inputs
import Storage
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs many feeds in one process (`feed run NAME… | --all`): each feed's runs on a worker
/// thread of its own, at most `jobs` at once, each feed standing alone — one whose API is down,
/// whose token was revoked or whose disk is full is reported, backed off and retried on later
/// cycles while the others keep delivering. With `follow`, polls are spread with jitter, feed
/// definitions are re-read every pass (and at once on `reload`), and a stop (SIGTERM, Ctrl-C)
/// ends every run at a page boundary with its checkpoint saved.
public final class FeedService {
    public struct Options: Sendable {
        /// Feeds to run; nil for every saved feed (re-read while following).
        public var names: [FeedName]?
        public var follow = false
        /// Seconds between polls of a feed that sets no interval of its own.
        public var interval = FeedHealth.defaultInterval
        public var jobs = 4
        public var metricsFile: String?
        /// The longest pause after repeated failures.
        public var maxBackoff = 900.0
        /// Log every poll, not only those that delivered records, failed or recovered.
        public var verbose = false
        /// While following, each feed's runs are summed up in one line this often (seconds).
        public var summaryInterval = 3600.0

        public init(names: [FeedName]?) { self.names = names }
    }

    /// How one feed's last pass ended.
    public enum Outcome: Sendable {
        case delivered(FeedState)
        case failed(FeedRunError)
        /// Another process holds the feed's run lock.
        case busy
    }

    /// Something to log: `event` names it, `fields` carry its facts (never a secret).
    public struct LogRecord: Sendable {
        public enum Level: String, Sendable { case info, warning, error }
        public var level: Level
        public var feed: String?
        public var event: String
        public var message: String
        public var fields: [(String, String)]
    }

    private let store: FeedStore
    private let options: Options
    private let makeSource: (FeedDefinition) throws(FeedRunError) -> AccessLogSource
    private let isStopping: @Sendable () -> Bool
    private let takeReload: () -> Bool
    private let log: (LogRecord) -> Void
    /// Told of each page a feed delivers (feed, records in this run, time reached), for progress.
    public var onPage: (String, Int, String?) -> Void = { _, _, _ in }
    /// Asked whenever the feeds are re-read (every cycle, and at once on SIGHUP): true when the
    /// credentials changed, so each feed's client is made anew before its next run.
    public var credentialsChanged: () -> Bool = { false }
    /// A client for the object store of a feed whose output is `s3://…`.
    public var makeObjectStore: (FeedDefinition) throws(FeedRunError) -> S3Client = { definition throws(FeedRunError) in
        throw .setup("feed '\(definition.name)' writes to an object store, which this run cannot reach", hint: nil)
    }
    /// Bumped when the credentials change; a client made under an older one is replaced.
    private var credentialsGeneration = 0

    public init(store: FeedStore, options: Options, makeSource: @escaping (FeedDefinition) throws(FeedRunError) -> AccessLogSource,
                isStopping: @escaping @Sendable () -> Bool, takeReload: @escaping () -> Bool = { false },
                log: @escaping (LogRecord) -> Void) {
        self.store = store
        self.options = options
        self.makeSource = makeSource
        self.isStopping = isStopping
        self.takeReload = takeReload
        self.log = log
    }

    /// One feed as the scheduler sees it.
    private final class Slot: @unchecked Sendable {
        let name: FeedName
        var definition: FeedDefinition
        var source: AccessLogSource?
        var objectStore: S3Client?
        var due: Double
        var running = false
        var passes = 0
        var last: Outcome?
        /// The checkpoint and health as the last pass left them (read once when first seen).
        var state: FeedState?
        /// The credentials generation `source` was made under.
        var generation = 0
        /// Passes in a row that failed, counted here too: a failure that cannot be recorded in
        /// the state (an unreadable state file) is still backed off.
        var failures = 0
        /// Records and runs since the last summary line, and when that was.
        var summaryRecords = 0
        var summaryRuns = 0
        var summaryStarted = CloudflareClient.now()

        init(name: FeedName, definition: FeedDefinition, due: Double) {
            self.name = name
            self.definition = definition
            self.due = due
        }
    }

    /// Passes that finished on a worker, waiting for the scheduler.
    private let finished = Mutex<[(String, Outcome)]>([])

    /// Runs until every feed has had one pass (or, with `follow`, until stopped); returns each
    /// feed's last outcome, by name.
    public func run() -> [String: Outcome] {
        var slots: [String: Slot] = [:]
        /// Listed feeds whose definition cannot be read: reported once, never run.
        var unreadable: [String: Outcome] = [:]
        var generator = SystemRandomNumberGenerator()
        var reload = true
        while true {
            if reload {
                refresh(&slots, unreadable: &unreadable, generator: &generator)
                reload = false
            }
            collect(slots, unreadable: unreadable)
            let stopping = isStopping()
            let running = slots.values.filter(\.running)
            if stopping || (!options.follow && slots.values.allSatisfy { $0.passes > 0 && !$0.running }) {
                if running.isEmpty { break }
            } else {
                let now = CloudflareClient.now()
                for slot in slots.values.filter({ !$0.running && $0.due <= now && (options.follow || $0.passes == 0) })
                    .sorted(by: { $0.due < $1.due }).prefix(max(0, options.jobs - running.count)) {
                    start(slot)
                }
            }
            usleep(20_000)
            if options.follow && takeReload() { reload = true }
            // Running feeds keep their definition until their pass ends; the rest are re-read.
            if options.follow && !reload && CloudflareClient.now() >= nextReload { reload = true }
        }
        releaseLeases(slots)
        return slots.mapValues { $0.last ?? .failed(.file(FileProblem(.missing, "never run"))) }.merging(unreadable) { ran, _ in ran }
    }

    /// When definitions are next re-read while following (every pass of the shortest interval).
    private var nextReload = 0.0

    /// Reads the feeds to run: new ones are scheduled with a little jitter so polls spread out,
    /// changed ones take their new definition, deleted ones are dropped once idle.
    private func refresh(_ slots: inout [String: Slot], unreadable: inout [String: Outcome], generator: inout SystemRandomNumberGenerator) {
        if credentialsChanged() { credentialsGeneration += 1 }
        let names = options.names ?? store.names().compactMap { try? FeedName($0) }
        let now = CloudflareClient.now()
        nextReload = now + min(options.interval, 60)
        for name in names {
            let definition: FeedDefinition
            do throws(FeedStoreError) {
                definition = try store.definition(name)
            } catch {
                if slots[name.text] == nil && unreadable[name.text] == nil {
                    log(LogRecord(level: .error, feed: name.text, event: "unreadable", message: FeedRunError.store(error).message, fields: []))
                }
                if slots[name.text] == nil { unreadable[name.text] = .failed(.store(error)) }
                continue
            }
            unreadable[name.text] = nil
            if let slot = slots[name.text] {
                if slot.definition != definition && !slot.running {
                    slot.definition = definition
                    slot.source = nil
                    slot.objectStore = nil
                }
            } else {
                let jitter = options.follow ? Double(generator.next() % 1000) / 1000 * min(interval(definition), 5) : 0
                let slot = Slot(name: name, definition: definition, due: now + jitter)
                slot.state = try? store.state(name)
                slots[name.text] = slot
                if options.follow { log(LogRecord(level: .info, feed: name.text, event: "added", message: "following feed '\(name)'", fields: [])) }
            }
        }
        if options.names == nil {
            let current = Set(names.map(\.text))
            for (key, slot) in slots where !current.contains(key) && !slot.running {
                slots[key] = nil
                log(LogRecord(level: .info, feed: key, event: "removed", message: "feed '\(key)' was deleted; no longer followed", fields: []))
            }
        }
    }

    /// A shared feed polls at least three times per lease period: the holder renews, the others
    /// notice soon when it stops.
    private func interval(_ definition: FeedDefinition) -> Double {
        let base = definition.interval ?? options.interval
        return definition.shared == true ? min(base, (definition.lease ?? SharedFeed.defaultLease) / 3) : base
    }

    /// A clean stop gives up every lease this process holds, so another host takes over at once.
    private func releaseLeases(_ slots: [String: Slot]) {
        for slot in slots.values {
            guard var state = slot.state, state.shared?.leaseETag != nil, let client = slot.objectStore,
                  let layout = ObjectLayout(output: slot.definition.output) else { continue }
            // The stop that cancels every request is the reason for this one.
            client.isCancelled = { false }
            client.attempts = 2
            SharedFeed(definition: slot.definition, name: slot.name, layout: layout, client: client).release(&state)
            try? store.withRunLock(slot.name) { try store.save(state, for: slot.name) }
            log(LogRecord(level: .info, feed: slot.name.text, event: "released", message: "released the lease of '\(slot.name)'", fields: []))
        }
    }

    /// Says when this host starts or stops collecting a shared feed.
    private func noteRole(of slot: Slot, after state: FeedState) {
        guard options.follow, let facts = state.shared, facts.role != slot.state?.shared?.role || facts.holder != slot.state?.shared?.holder else { return }
        if facts.role == .collecting {
            log(LogRecord(level: .info, feed: slot.name.text, event: "collecting", message: "'\(slot.name)': this host holds the lease and collects (term \(facts.term))",
                          fields: [("holder", facts.holder ?? ""), ("until", facts.until ?? "")]))
        } else {
            let holder = facts.holder.map { "\($0) collects until \(facts.until ?? "?")" } ?? "nobody holds the lease"
            log(LogRecord(level: .info, feed: slot.name.text, event: "standing-by", message: "'\(slot.name)': standing by; \(holder)",
                          fields: [("holder", facts.holder ?? ""), ("until", facts.until ?? "")]))
        }
    }

    /// Runs one pass of `slot` on a thread of its own.
    private func start(_ slot: Slot) {
        if slot.generation != credentialsGeneration {
            slot.source = nil
            slot.objectStore = nil
            slot.generation = credentialsGeneration
        }
        slot.running = true
        slot.passes += 1
        let job = Job { [self] in (slot.name.text, pass(slot)) }
        job.onDone = { [self] result in finished.withLock { $0.append(result) } }
        job.start()
    }

    /// Takes the passes that ended, schedules each feed's next poll, and writes the metrics.
    private func collect(_ slots: [String: Slot], unreadable: [String: Outcome]) {
        let done = finished.withLock { results in defer { results.removeAll() }; return results }
        guard !done.isEmpty else { return }
        var generator = SystemRandomNumberGenerator()
        for (name, outcome) in done {
            guard let slot = slots[name] else { continue }
            slot.running = false
            slot.last = outcome
            let base = interval(slot.definition)
            let jitter = 1 + (Double(generator.next() % 200) / 1000 - 0.1)
            switch outcome {
            case .delivered(let state):
                noteRole(of: slot, after: state)
                slot.state = state
                slot.failures = 0
                slot.due = CloudflareClient.now() + base * jitter
                slot.summaryRecords += state.lastRun?.records ?? 0
            case .failed, .busy:
                // The failed run recorded itself on disk; read it once, for the backoff and the metrics.
                slot.state = (try? store.state(slot.name)) ?? slot.state
                slot.failures += 1
                let failures = Double(max(slot.state?.failures ?? 1, slot.failures))
                slot.due = CloudflareClient.now() + min(base * pow(2, max(0, failures - 1)), max(base, options.maxBackoff)) * jitter
            }
            slot.summaryRuns += 1
            summarise(slot)
        }
        writeMetrics(slots, unreadable: unreadable)
    }

    /// While following, one line per feed per `summaryInterval`: what its quiet polls did.
    private func summarise(_ slot: Slot) {
        let now = CloudflareClient.now()
        guard options.follow, now - slot.summaryStarted >= options.summaryInterval else { return }
        let state = slot.state
        log(LogRecord(level: .info, feed: slot.name.text, event: "summary",
                      message: "'\(slot.name)': \(slot.summaryRecords) \(slot.summaryRecords == 1 ? "record" : "records") in \(slot.summaryRuns) \(slot.summaryRuns == 1 ? "run" : "runs") since the last summary, checkpoint \(state?.cursor ?? "none")",
                      fields: [("records", String(slot.summaryRecords)), ("runs", String(slot.summaryRuns)), ("checkpoint", state?.cursor ?? "")]))
        slot.summaryRecords = 0
        slot.summaryRuns = 0
        slot.summaryStarted = now
    }

    /// One pass of one feed: under its run lock, from its checkpoint to now.
    private func pass(_ slot: Slot) -> Outcome {
        let definition = slot.definition
        do {
            return try store.withRunLock(slot.name) {
                let state = try store.state(slot.name)
                var runner = FeedRunner(definition: definition, name: slot.name, store: store, source: try source(of: slot, state: state))
                runner.isCancelled = isStopping
                runner.isOneShot = !options.follow
                if ObjectLayout(output: definition.output) != nil { runner.objectStore = try objectStore(of: slot) }
                runner.report = { [log, onPage] event in
                    switch event {
                    case .page(let records, let reached):
                        onPage(definition.name, records, reached)
                    case .cut(let path, let bytes):
                        log(LogRecord(level: .warning, feed: definition.name, event: "cut", message: "'\(path)' had \(bytes) bytes past the checkpoint; cut and fetched again", fields: [("path", path), ("bytes", String(bytes))]))
                    case .adopted(let path):
                        log(LogRecord(level: .info, feed: definition.name, event: "adopted", message: "'\(path)' was moved away or emptied; the feed writes it anew from the start", fields: [("path", path)]))
                    case .rotated(let target):
                        log(LogRecord(level: .info, feed: definition.name, event: "rotated", message: "rotated the output to '\(target)'", fields: [("file", target)]))
                    case .dropped(let records, let commit):
                        log(LogRecord(level: .warning, feed: definition.name, event: "dropped",
                                      message: "dropped \(records) uncommitted records; the log moved on to commit \(commit)",
                                      fields: [("records", String(records)), ("commit", String(commit))]))
                    }
                }
                let after = try runner.run(state: state)
                logRun(of: slot, after)
                return .delivered(after)
            }
        } catch is FeedBusy {
            return .busy
        } catch let error as FeedRunError {
            log(LogRecord(level: .error, feed: definition.name, event: "failed", message: error.message, fields: error.hint.map { [("hint", $0)] } ?? []))
            return .failed(error)
        } catch let error as FeedStoreError {
            log(LogRecord(level: .error, feed: definition.name, event: "failed", message: FeedRunError.store(error).message, fields: []))
            return .failed(.store(error))
        } catch {
            return .failed(.file(FileProblem(.io(errno: EIO), "\(error)")))
        }
    }

    /// The slot's object-store client, made when it has none (and anew when the vault changed).
    private func objectStore(of slot: Slot) throws(FeedRunError) -> S3Client {
        if let existing = slot.objectStore { return existing }
        let client = try makeObjectStore(slot.definition)
        slot.objectStore = client
        return client
    }

    /// The slot's client, made when it has none. No run without one (a removed token, a vault
    /// that no longer opens): that is recorded like a failed run, so every view says why.
    private func source(of slot: Slot, state: FeedState) throws(FeedRunError) -> AccessLogSource {
        if let existing = slot.source { return existing }
        do throws(FeedRunError) {
            let source = try makeSource(slot.definition)
            slot.source = source
            return source
        } catch {
            var failed = state
            let now = TimeInput(milliseconds: TimeInput.nowMilliseconds()).rfc3339
            failed.lastRun = FeedState.Run(started: now)
            failed.lastRun?.ended = now
            failed.lastRun?.error = error.message
            failed.failures += 1
            try? store.save(failed, for: slot.name)
            throw error
        }
    }

    /// While following, a poll that found nothing is not worth a line in the journal (except
    /// with --verbose); a recovery always is, and a one-shot run always says what it did.
    private func logRun(of slot: Slot, _ after: FeedState) {
        let name = slot.definition.name
        let records = after.lastRun?.records ?? 0
        let rejected = after.lastRun?.rejects ?? 0
        let counted = "\(records) \(records == 1 ? "record" : "records") in this run"
            + (rejected > 0 ? " (\(rejected) not normalized, kept in \(ObjectLayout(output: slot.definition.output) == nil ? "'\(slot.definition.rejects)'" : "the bucket's rejects/"))" : "")
        if slot.failures > 0 {
            log(LogRecord(level: .info, feed: name, event: "recovered",
                          message: "'\(name)' recovered after \(slot.failures) failed \(slot.failures == 1 ? "run" : "runs"): \(counted), checkpoint \(after.cursor ?? "none")",
                          fields: [("records", String(records)), ("failures", String(slot.failures)), ("checkpoint", after.cursor ?? "")]))
        } else if records > 0 || options.verbose || !options.follow {
            log(LogRecord(level: .info, feed: name, event: "run",
                          message: "'\(name)': \(counted), \(after.totalDelivered) in total, checkpoint \(after.cursor ?? "none")",
                          fields: [("records", String(records)), ("rejects", String(rejected)), ("total", String(after.totalDelivered)), ("checkpoint", after.cursor ?? "")]))
        }
    }

    private func writeMetrics(_ slots: [String: Slot], unreadable: [String: Outcome]) {
        guard let path = options.metricsFile else { return }
        var feeds = slots.values.map { slot in
            var feed = MetricsFile.Feed(name: slot.name.text, state: slot.state ?? FeedState(), definition: slot.definition,
                                        responses: slot.running ? [:] : slot.source?.responses ?? [:], retries: slot.running ? 0 : slot.source?.retries ?? 0)
            if case .failed(let error)? = slot.last { feed.failure = error.message }
            feed.storeRequests = slot.running ? 0 : slot.objectStore?.requests ?? 0
            return feed
        }
        for (name, outcome) in unreadable {
            guard case .failed(let error) = outcome else { continue }
            var feed = MetricsFile.Feed(name: name, state: FeedState(), definition: nil, responses: [:], retries: 0)
            feed.failure = error.message
            feeds.append(feed)
        }
        feeds.sort { $0.name < $1.name }
        do throws(FileProblem) {
            try MetricsFile.write(feeds, to: path, now: TimeInput.nowMilliseconds())
            if metricsProblem != nil {
                metricsProblem = nil
                log(LogRecord(level: .info, feed: nil, event: "metrics", message: "the metrics file '\(path)' is written again", fields: []))
            }
        } catch {
            // Said once, not every cycle, until it changes or the file is written again.
            guard metricsProblem != error.message else { return }
            metricsProblem = error.message
            log(LogRecord(level: .warning, feed: nil, event: "metrics", message: "cannot write the metrics file: \(error.message)",
                          fields: [("hint", error.hint ?? "check that its directory exists and that you may write there")]))
        }
    }

    /// Why the metrics file could not be written last time, so it is said once.
    private var metricsProblem: String?
}

/// A closure run on a thread of its own (libcurl's calls block, so each pass gets a real thread,
/// not a slot of a small shared pool); on the caller's thread if the system has none to give.
private final class Job: @unchecked Sendable {
    let work: () -> (String, FeedService.Outcome)
    var onDone: ((String, FeedService.Outcome)) -> Void = { _ in }

    init(_ work: @escaping () -> (String, FeedService.Outcome)) { self.work = work }

    func start() {
        guard let thread = startThread({ [self] in onDone(work()) }) else { return onDone(work()) }
        pthread_detach(thread)
    }
}
