import Client
import Inputs
import Normalizer

/// The walk shared by `logs fetch` and `feed run` (DESIGN.md §8): ascending pages from `since`,
/// the cursor moved to the newest `created_at` seen, records at that instant read again and
/// dropped by identity, `page=2,3…` only while a whole page shares one timestamp, and a stop on an
/// empty page or one with nothing new — never on a short page, since the server may cap page size
/// without saying so.
public final class FetchWalk {
    public struct Window: Sendable {
        public var account: AccountID
        public var since: String
        public var until: String?
        public var pageSize: Int
        public var maxRecords: Int?
        /// Records the filter drops are walked past (the cursor moves over them) but not delivered.
        package var filter: RecordFilter?

        package init(account: AccountID, since: String, until: String?, pageSize: Int = 1000, maxRecords: Int? = nil,
                     filter: RecordFilter? = nil) {
            self.account = account
            self.since = since
            self.until = until
            self.pageSize = pageSize
            self.maxRecords = maxRecords
            self.filter = filter.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public struct Stats: Sendable, Equatable {
        public var records = 0
        public var pages = 0
        public var duplicates = 0
        /// Records walked past because the filter dropped them.
        public var filtered = 0
        /// The newest `created_at` walked (where a feed's checkpoint goes).
        public var newest: String?
    }

    private let source: AccessLogSource
    private let window: Window
    private let isCancelled: () -> Bool

    public init(source: AccessLogSource, window: Window, isCancelled: @escaping () -> Bool = { false }) {
        self.source = source
        self.window = window
        self.isCancelled = isCancelled
    }

    /// Walks the window, handing each new record to `deliver` as pages arrive, and calling
    /// `pageDone` after each page's records (where a feed flushes and checkpoints).
    public func run(_ deliver: (AccessPage, AccessPage.Record) throws -> Void,
                    pageDone: (Stats) throws -> Void = { _ in }) throws -> Stats {
        var stats = Stats()
        var cursor = window.since
        var cursorInstant = Instant(window.since)
        // Identities of records at or after the cursor instant already delivered.
        var seen: [String: Instant] = [:]
        var page = 1
        let check = window.filter.map(FilterCheck.init)
        while !isCancelled() {
            var query = [("since", cursor), ("limit", String(window.pageSize)), ("direction", "asc")]
            if let until = window.until { query.append(("until", until)) }
            query += window.filter?.queryParameters ?? []
            if page > 1 { query.append(("page", String(page))) }
            let result: AccessPage
            do throws(ClientError) {
                result = try source.accessPage(account: window.account, query: query)
            } catch {
                // Stopped between pages: what was delivered stands.
                if error.kind == .cancelled { break }
                throw error
            }
            stats.pages += 1
            guard let first = result.records.first, let last = result.records.last else { break }
            var fresh = 0
            for record in result.records {
                if seen[record.identity] != nil || (cursorInstant.map { record.instant < $0 } ?? false) {
                    stats.duplicates += 1
                    continue
                }
                if let check, !check.keeps(result.bytes(of: record)) {
                    stats.filtered += 1
                } else {
                    try deliver(result, record)
                    stats.records += 1
                }
                seen[record.identity] = record.instant
                fresh += 1
                stats.newest = record.createdAt
                if let max = window.maxRecords, stats.records >= max {
                    try pageDone(stats)
                    return stats
                }
            }
            if fresh > 0 { try pageDone(stats) }
            if fresh == 0 { break }
            if first.instant == last.instant {
                // A whole page at one instant: stay on it and page through the block.
                if cursorInstant != last.instant {
                    cursor = last.createdAt
                    cursorInstant = last.instant
                    page = 2
                } else {
                    page += 1
                }
            } else {
                let newest = result.records.max { $0.instant < $1.instant }!
                cursor = newest.createdAt
                cursorInstant = newest.instant
                page = 1
                seen = seen.filter { $0.value >= newest.instant }
            }
        }
        return stats
    }
}
