import Inputs

/// A feed's health as `feed status`, `feed list` and the metrics report it:
/// - `never run`: no run has ended yet;
/// - `failing`: the last run ended with an error;
/// - `lagging`: the last successful run is older than three polling intervals, and at least
///   five minutes (the service is stopped or stuck);
/// - `expiring`: all is well, but the feed's token expires within 14 days;
/// - `ok` otherwise.
public enum FeedHealth: String, Sendable, Encodable {
    case ok
    case expiring
    case lagging
    case failing
    case neverRun = "never run"

    /// A feed is late once its last success is this many intervals old…
    public static let lateIntervals = 3.0
    /// …and at least this many seconds.
    public static let lateMinimum = 300.0
    /// The polling interval of a feed that sets none.
    public static let defaultInterval = 60.0

    public init(state: FeedState, definition: FeedDefinition?, now: Int64) {
        guard let run = state.lastRun else { self = .neverRun; return }
        if run.error != nil { self = .failing; return }
        let interval = definition?.interval ?? FeedHealth.defaultInterval
        let late = max(FeedHealth.lateIntervals * interval, FeedHealth.lateMinimum)
        if let success = state.lastSuccess.flatMap(Instant.init), Double(now / 1000 - success.seconds) > late {
            self = .lagging
        } else if let expiry = FeedHealth.tokenExpiry(state, definition: definition), expiry.isSoon(now: now) {
            self = .expiring
        } else {
            self = .ok
        }
    }

    /// When the feed's current token expires, if its state knows.
    public static func tokenExpiry(_ state: FeedState, definition: FeedDefinition?) -> TokenExpiry? {
        guard let token = state.token, token.name == definition?.token else { return nil }
        return TokenExpiry(token.expiresOn)
    }

    /// Up, for the metrics and for `feed status` without `--strict`: ok, or only expiring.
    public var isUp: Bool { self == .ok || self == .expiring }

    /// Seconds from the checkpoint to `now`: how far behind the feed's data is.
    public static func lag(_ state: FeedState, now: Int64) -> Int64? {
        state.cursor.flatMap(Instant.init).map { now / 1000 - $0.seconds }
    }
}
