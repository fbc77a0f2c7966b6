import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Cloudflare's request allowance for one token (1200 requests per 5 minutes per user), shared by
/// every client that uses the token, on any thread: a token bucket that paces requests before
/// the limit is reached, a slower pace when a response's `Ratelimit-Policy` announces a stricter
/// quota, and a pause when its `Ratelimit` header says nothing remains.
public final class RequestBudget: Sendable {
    private struct State {
        var tokens: Double
        var last: Double
        /// Lowered by a `Ratelimit-Policy` stricter than the default.
        var capacity: Double
        var perSecond: Double
        /// No request before this monotonic time (the server said the window is spent).
        var pausedUntil: Double = 0
    }

    public let capacity: Double
    public let perSecond: Double
    private let state: Mutex<State>

    /// Cloudflare's documented allowance, spread so a burst never exceeds it.
    public convenience init() { self.init(capacity: 1200, perSecond: 4) }

    public init(capacity: Double, perSecond: Double) {
        self.capacity = capacity
        self.perSecond = perSecond
        state = Mutex(State(tokens: capacity, last: CloudflareClient.now(), capacity: capacity, perSecond: perSecond))
    }

    /// Takes one request from the budget, sleeping (in short steps, so a stop is noticed) while
    /// there is none.
    /// Requests per second now allowed (lowered by a stricter policy).
    public var pace: Double { state.withLock { $0.perSecond } }

    public func take(unless cancelled: () -> Bool) {
        while !cancelled() {
            let wait: Double = state.withLock { state in
                let now = CloudflareClient.now()
                state.tokens = min(state.capacity, state.tokens + (now - state.last) * state.perSecond)
                state.last = now
                if state.pausedUntil > now { return state.pausedUntil - now }
                guard state.tokens >= 1 else { return (1 - state.tokens) / state.perSecond }
                state.tokens -= 1
                return 0
            }
            if wait == 0 { return }
            CloudflareClient.sleep(min(wait, 1), unless: cancelled)
        }
    }

    /// Reads `Ratelimit-Policy` (a stricter quota slows the pace, a looser one changes nothing)
    /// and `Ratelimit` (`"default";r=0;t=30`, or the older `limit=…, remaining=0, reset=30`):
    /// when nothing remains, every user of the budget pauses until the reset. A 429 empties the
    /// bucket: the server says the window is spent, so no burst follows the wait it asks for.
    public func note(status: Int = 200, headers: [String: String]) {
        // `"default";q=1200;w=300` (or `1200;w=300`): a quota of q requests per w seconds. The
        // pace keeps a tenth in hand and bursts stay a tenth of the quota, so that no window of
        // w seconds, wherever the server starts it, sees more than q.
        if let policy = headers["ratelimit-policy"], let window = RequestBudget.field(policy, ["w", "window"]), window > 0,
           let quota = RequestBudget.field(policy, ["q", "limit"]) ?? Double(policy.split(separator: ";").first?.trimmingCharacters(in: " \"") ?? ""),
           quota >= 1 {
            state.withLock { state in
                state.perSecond = min(state.perSecond, 0.9 * quota / window)
                state.capacity = min(state.capacity, max(1, (quota / 10).rounded(.down)))
                state.tokens = min(state.tokens, state.capacity)
            }
        }
        if status == 429 { state.withLock { $0.tokens = 0 } }
        guard let header = headers["ratelimit"], let remaining = RequestBudget.field(header, ["r", "remaining"]), remaining <= 0 else { return }
        let reset = min(RequestBudget.field(header, ["t", "reset"]) ?? 1, CloudflareClient.retryAfterLimit)
        state.withLock { $0.pausedUntil = max($0.pausedUntil, CloudflareClient.now() + reset) }
    }

    /// The first `name=number` in a structured header whose name is one of `names`.
    static func field(_ header: String, _ names: [String]) -> Double? {
        for part in header.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: " \"") }
            if pair.count == 2, names.contains(pair[0].lowercased()), let value = Double(pair[1]), value.isFinite, value >= 0 { return value }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
