/// When an API token expires, as people read it ("expires in 5 days, 2026-12-09"), and whether
/// that is soon enough to warn: under 14 days, time to create the next token and rotate.
public struct TokenExpiry: Sendable, Equatable {
    /// Warn this many days ahead.
    public static let warningDays: Int64 = 14
    /// Unix milliseconds.
    public let milliseconds: Int64

    /// Nil for no text or text that is not a time.
    public init?(_ text: String?) {
        guard let text, let time = try? TimeInput(text, option: "expires_on", now: 0) else { return nil }
        milliseconds = time.milliseconds
    }

    public func isSoon(now: Int64) -> Bool { milliseconds - now < TokenExpiry.warningDays * 86_400_000 }

    public func isPast(now: Int64) -> Bool { milliseconds <= now }

    /// The date, UTC.
    public var date: String { String(TimeInput(milliseconds: milliseconds).rfc3339.prefix(10)) }

    /// `in 5 days` (to the nearest day), or `in 7 hours` inside a day.
    public func remaining(now: Int64) -> String {
        let left = milliseconds - now
        if left >= 86_400_000 {
            let days = (left + 43_200_000) / 86_400_000
            return "in \(days) day\(days == 1 ? "" : "s")"
        }
        let hours = max(1, (left + 1_800_000) / 3_600_000)
        return "in \(hours) hour\(hours == 1 ? "" : "s")"
    }

    /// `expires in 5 days, 2026-12-09`, or `expired on 2026-11-30`.
    public func description(now: Int64) -> String {
        isPast(now: now) ? "expired on \(date)" : "expires \(remaining(now: now)), \(date)"
    }
}
