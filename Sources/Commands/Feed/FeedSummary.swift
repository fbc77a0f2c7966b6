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
