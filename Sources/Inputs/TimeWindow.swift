/// The window a one-off command reads: `--since` (RFC 3339 or an age) up to `--until`, or up
/// to now when there is none. A start in the future, or an end before the start, is refused
/// rather than answered with nothing.
public struct TimeWindow: Hashable, Sendable {
    public let since: TimeInput
    public let until: TimeInput?

    public init(since: String, until: String?, now: Int64) throws(InvalidInput) {
        let start = try TimeInput(since, option: "--since", now: now)
        let end = try until.map { text throws(InvalidInput) in try TimeInput(text, option: "--until", now: now) }
        if start.milliseconds > now {
            throw InvalidInput("--since \(start.rfc3339) is in the future", hint: "give a past time, or an age such as 24h")
        }
        if let end, end.milliseconds < start.milliseconds {
            throw InvalidInput("--until \(end.rfc3339) is before --since \(start.rfc3339)", hint: "swap them, or give a later --until")
        }
        self.since = start
        self.until = end
    }
}
