import Files
import Inputs

/// What `feed list`, `feed show` and `feed status` say about a feed's health (thresholds in
/// `FeedHealth`).
public struct FeedSummary: Encodable, Sendable {
    public var name: String
    public var definition: FeedDefinition?
    public var health: String
    public var lastRun: FeedState.Run?
    public var lastSuccess: String?
    /// Events that reached the feed's destination: its file, or for an object-storage feed its
    /// bucket (uploaded, or committed when shared).
    public var delivered: Int
    /// An object-storage feed's events collected and still in the spool, not yet in the bucket.
    public var spooled: Int?
    public var rejected: Int
    public var cursor: String?
    /// Seconds from the checkpoint to now.
    public var lagSeconds: Int64?
    public var lag: String?
    /// Why the definition or the state cannot be read: the feed is failing for that reason.
    public var problem: String?
    /// `expires in 5 days, 2026-12-09`, when the state knows when the feed's token expires.
    public var tokenExpires: String?
    /// An object-storage feed's sealed objects waiting for their upload, their bytes, the
    /// oldest one's first record, and the store's last error.
    public var pendingObjects: Int?
    public var pendingBytes: Int64?
    public var oldestPending: String?
    public var uploadError: String?
    /// A shared feed's lease as this host last saw it, and this host's part.
    public var lease: Lease?

    public struct Lease: Encodable, Sendable {
        public var holder: String?
        public var since: String?
        public var until: String?
        /// `collecting` or `standing by`.
        public var role: String
        /// This host collected under a lease that ran out, and no run of this feed holds its lock
        /// on this host: what the state says is only as of its last run, and nobody here collects.
        public var expired: Bool
    }

    enum CodingKeys: String, CodingKey {
        case name, definition, health, lastRun = "last_run", lastSuccess = "last_success", delivered, spooled, rejected, cursor, lagSeconds = "lag_seconds", lag
        case problem, tokenExpires = "token_expires", pendingObjects = "pending_objects", pendingBytes = "pending_bytes"
        case oldestPending = "oldest_pending", uploadError = "upload_error", lease
    }

    /// The error every view shows: what stops the feed from being read, else its last run's.
    public var lastError: String? { problem ?? lastRun?.error }

    public init(name: String, store: FeedStore) {
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
        let now = TimeInput.nowMilliseconds()
        lastRun = state.lastRun
        lastSuccess = state.lastSuccess
        delivered = state.totalDelivered
        rejected = state.totalRejected
        cursor = state.cursor
        health = problem != nil ? FeedHealth.failing.rawValue : FeedHealth(state: state, definition: definition, now: now).rawValue
        lagSeconds = FeedHealth.lag(state, now: now)
        tokenExpires = FeedHealth.tokenExpiry(state, definition: definition)?.description(now: now)
        if definition.flatMap({ ObjectLayout(output: $0.output) }) != nil {
            delivered = state.uploadedRecords
            spooled = ObjectOutput.spooledRecords(state)
            pendingObjects = state.pendingObjects.count
            pendingBytes = ObjectOutput.pendingBytes(state)
            oldestPending = state.pendingObjects.first?.first
            uploadError = state.uploadError
        }
        if definition?.shared == true {
            let facts = state.shared ?? SharedFacts()
            // Only this host's own lease: a host standing by shows the holder's as its last poll saw it.
            let ran = facts.role == .collecting && (facts.until.flatMap(Instant.init).map { Int64($0.seconds) * 1000 < now } ?? false)
            let running = (try? FeedName(name)).flatMap { FileLock.isHeld(store.lockPath($0)) } ?? false
            lease = Lease(holder: facts.holder, since: facts.since, until: facts.until, role: (facts.role ?? .standingBy).rawValue,
                          expired: ran && !running)
        }
        lag = lagSeconds.map { seconds in
            seconds < 120 ? "\(seconds)s" : seconds < 7200 ? "\(seconds / 60)m" : seconds < 172_800 ? "\(seconds / 3600)h" : "\(seconds / 86_400)d"
        }
    }
}
