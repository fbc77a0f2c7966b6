import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Cloudflare's request allowance for one token (1200 requests per 5 minutes per user), shared by
/// every client that uses the token, on any thread: a token bucket that paces requests before
/// the limit is reached, and a pause when a response's `Ratelimit` header says nothing remains.
public final class RequestBudget: Sendable {
    private struct State {
        var tokens: Double
        var last: Double
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
        state = Mutex(State(tokens: capacity, last: CloudflareClient.now()))
    }

    /// Takes one request from the budget, sleeping (in short steps, so a stop is noticed) while
    /// there is none.
    public func take(unless cancelled: () -> Bool) {
        while !cancelled() {
            let wait: Double = state.withLock { state in
                let now = CloudflareClient.now()
                state.tokens = min(capacity, state.tokens + (now - state.last) * perSecond)
                state.last = now
                if state.pausedUntil > now { return state.pausedUntil - now }
                guard state.tokens >= 1 else { return (1 - state.tokens) / perSecond }
                state.tokens -= 1
                return 0
            }
            if wait == 0 { return }
            CloudflareClient.sleep(min(wait, 1), unless: cancelled)
        }
    }

    /// Reads `Ratelimit` (`"default";r=0;t=30`, or the older `limit=…, remaining=0, reset=30`)
    /// and pauses every user of the budget until the reset when nothing remains.
    public func note(headers: [String: String]) {
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
