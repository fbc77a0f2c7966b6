/// The faults the sandbox injects, so tests can prove a fetch loses and repeats nothing.
public struct SandboxFaults: Sendable {
    /// At most this many requests per `rateWindow` seconds; beyond, 429 with `Retry-After`.
    public var rateLimit: Int?
    public var rateWindow: Double = 1
    /// Every Kth request fails, in turn with a 500 (JSON), an HTML 502 and a 503.
    public var failEvery: Int?
    /// Every Kth request answers 200 with the JSON cut in half.
    public var truncateEvery: Int?
    /// Every Kth request has its connection cut in the middle of the body.
    public var resetEvery: Int?
    /// Delay before every answer.
    public var slowMilliseconds: Int = 0
    /// Pages never hold more than this, whatever `limit` asks (a silent clamp).
    public var maxPageSize: Int = 1000
    /// Records sharing a timestamp come in a different order within each page, every time.
    public var shuffleTies = false
    /// Records among the newest that stay hidden for the first three log requests.
    public var lateArrivals: Int = 0
    /// Every Kth log request answers 200 with a valid envelope padded with whitespace to
    /// `oversizeBytes`, streamed without being held.
    public var oversizeEvery: Int?
    public var oversizeBytes: Int = 1 << 30
    /// The filter parameters (`email`, `emailOp`, `allowedOp`, …) are ignored, as an API that
    /// does not know them would: every record of the window is served.
    public var ignoreFilters = false

    public init() {}
}
