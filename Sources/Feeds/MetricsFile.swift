import Files
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// The Prometheus text exposition format for node_exporter's textfile collector, written
/// atomically (readable by the collector: it holds no secret).
public enum MetricsFile {
    /// What the service knows of one feed besides its state file.
    public struct Feed {
        public var name: String
        public var state: FeedState
        public var definition: FeedDefinition?
        /// Answers by HTTP status (`error` for none) since the service started.
        public var responses: [String: Int]
        public var retries: Int
        /// Why the feed's last pass failed when that is not in its state (an unreadable
        /// definition or state file): the feed is down whatever its state says.
        public var failure: String?
        /// Requests to the feed's object store (retries included) since the service started.
        public var storeRequests = 0

        var isObjectFeed: Bool { definition.flatMap { ObjectLayout(output: $0.output) } != nil }

        public init(name: String, state: FeedState, definition: FeedDefinition?, responses: [String: Int], retries: Int) {
            self.name = name
            self.state = state
            self.definition = definition
            self.responses = responses
            self.retries = retries
        }
    }

    public static func text(_ feeds: [Feed], now: Int64) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name){\(sample.labels)} \(sample.value)\n" }
        }
        func feedLabel(_ name: String) -> String { "feed=\"\(escape(name))\"" }
        family("cfaccess_feed_records_total", "counter", "Events delivered to the feed's destination (its file, or its bucket) since it was created.",
               feeds.map { (feedLabel($0.name), String($0.isObjectFeed ? $0.state.uploadedRecords : $0.state.totalDelivered)) })
        family("cfaccess_feed_rejected_total", "counter", "Records the feed could not normalize, kept in its rejects file.",
               feeds.map { (feedLabel($0.name), String($0.state.totalRejected)) })
        family("cfaccess_feed_last_success_timestamp_seconds", "gauge", "When the feed's last successful run ended (Unix seconds, 0 if never).",
               feeds.map { (feedLabel($0.name), String($0.state.lastSuccess.flatMap(Instant.init)?.seconds ?? 0)) })
        family("cfaccess_feed_checkpoint_lag_seconds", "gauge", "Seconds between the newest record delivered and now.",
               feeds.compactMap { feed in FeedHealth.lag(feed.state, now: now).map { (feedLabel(feed.name), String($0)) } })
        family("cfaccess_feed_up", "gauge", "1 when the feed's health is ok (or only its token expiring soon), 0 otherwise.",
               feeds.map { (feedLabel($0.name), $0.failure == nil && FeedHealth(state: $0.state, definition: $0.definition, now: now).isUp ? "1" : "0") })
        family("cfaccess_api_requests_total", "counter", "Requests to the Cloudflare API by HTTP status (error: no answer), since the service started.",
               feeds.flatMap { feed in feed.responses.sorted { $0.key < $1.key }.map { ("\(feedLabel(feed.name)),code=\"\($0.key)\"", String($0.value)) } })
        family("cfaccess_api_retries_total", "counter", "Requests to the Cloudflare API that were retries, since the service started.",
               feeds.map { (feedLabel($0.name), String($0.retries)) })
        let objectFeeds = feeds.filter(\.isObjectFeed)
        family("cfaccess_feed_spooled_records", "gauge", "Events collected and waiting in the spool, not yet in the bucket.",
               objectFeeds.map { (feedLabel($0.name), String(ObjectOutput.spooledRecords($0.state))) })
        family("cfaccess_feed_upload_pending_objects", "gauge", "Sealed objects waiting in the spool for their upload.",
               objectFeeds.map { (feedLabel($0.name), String($0.state.pendingObjects.count)) })
        family("cfaccess_feed_upload_pending_bytes", "gauge", "Bytes of the sealed objects waiting in the spool.",
               objectFeeds.map { (feedLabel($0.name), String(ObjectOutput.pendingBytes($0.state))) })
        family("cfaccess_feed_uploaded_objects_total", "counter", "Objects the feed delivered to its bucket since it was created.",
               objectFeeds.map { (feedLabel($0.name), String($0.state.uploadedObjects)) })
        family("cfaccess_store_requests_total", "counter", "Requests to the feed's object store (retries included), since the service started.",
               objectFeeds.map { (feedLabel($0.name), String($0.storeRequests)) })
        family("cfaccess_feed_lease_held", "gauge", "1 while this process holds the shared feed's lease and collects, 0 while it stands by.",
               objectFeeds.filter { $0.definition?.shared == true }.map { (feedLabel($0.name), $0.state.shared?.leaseETag != nil ? "1" : "0") })
        var expiries: [String: Int64] = [:]
        for feed in feeds {
            if let expiry = FeedHealth.tokenExpiry(feed.state, definition: feed.definition), let token = feed.definition?.token {
                expiries[token] = expiry.milliseconds / 1000
            }
        }
        family("cfaccess_token_expiry_timestamp_seconds", "gauge", "When the token expires (Unix seconds), as the feeds using it last learned; absent for a token that never expires.",
               expiries.sorted { $0.key < $1.key }.map { ("token=\"\(escape($0.key))\"", String($0.value)) })
        return out
    }

    /// Replaces the file at `path` (never writing into it, so a link there is replaced, not
    /// followed); a file there that another user owns is refused.
    public static func write(_ feeds: [Feed], to path: String, now: Int64) throws(FileProblem) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK, info.st_uid != geteuid() {
            throw FileProblem(.unsafe, "refusing to replace the metrics file '\(path)': it is owned by another user (uid \(info.st_uid))",
                              hint: "give --metrics-file a path in a directory of your own")
        }
        try PrivateFile.replace(path, with: Array(text(feeds, now: now).utf8), mode: 0o644)
    }

    private static func escape(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
