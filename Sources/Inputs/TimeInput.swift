import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// A point in time as users write it (DESIGN.md §2): RFC 3339 (`2025-07-01T00:00:00Z`), a date
/// (`2025-07-01`, UTC midnight), an age before now (`30m`, `24h`, `7d`, `2w`), or `now`. Given
/// to the API as RFC 3339 UTC with milliseconds; years 1970 to 9999 only.
public struct TimeInput: Hashable, Sendable {
    /// Unix epoch milliseconds.
    public let milliseconds: Int64

    /// The latest instant written with four year digits.
    static let latest: Int64 = 253_402_300_799_999

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public init(_ text: String, option: String, now: Int64) throws(InvalidInput) {
        let hint = "give RFC 3339 (2025-07-01T00:00:00Z), a date (2025-07-01), an age such as 30m, 24h or 7d, or 'now'"
        if text == "now" {
            milliseconds = now
            return
        }
        if let instant = Timestamp.instant(text) ?? TimeInput.date(text) {
            let value = instant.seconds * 1000 + instant.nanoseconds / 1_000_000
            guard value >= 0, value <= TimeInput.latest else {
                throw InvalidInput("'\(InvalidInput.shown(text))' for \(option) is outside the years 1970 to 9999", hint: hint)
            }
            milliseconds = value
            return
        }
        if text.hasPrefix("-") {
            throw InvalidInput("'\(InvalidInput.shown(text))' for \(option) is negative", hint: "an age counts back from now: give 30m, not -30m")
        }
        guard let age = DurationInput.parse(text), text.last.map({ !$0.isNumber }) ?? false else {
            throw InvalidInput(text.isEmpty ? "\(option) needs a time" : "'\(InvalidInput.shown(text))' is not a time for \(option)", hint: hint)
        }
        guard age <= now else {
            throw InvalidInput("'\(InvalidInput.shown(text))' for \(option) reaches back before 1970", hint: hint)
        }
        milliseconds = now - age
    }

    /// Unix milliseconds of the wall clock.
    public static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000 + clockOffset
    }

    /// `CFACCESS_CLOCK_OFFSET` (seconds, may be negative) moves this process's idea of the time:
    /// a test of how cfaccess behaves on a host whose clock is wrong. Nothing that shares a feed
    /// between hosts may depend on it.
    static let clockOffset: Int64 = Environment.value("CFACCESS_CLOCK_OFFSET").flatMap { Int64($0) }.map { $0 * 1000 } ?? 0

    /// RFC 3339 UTC with milliseconds, as the API is given it.
    public var rfc3339: String {
        let buffer = ByteBuffer(capacity: 32)
        buffer.appendRFC3339(milliseconds: milliseconds)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DD` as UTC midnight.
    private static func date(_ text: String) -> (seconds: Int64, nanoseconds: Int64)? {
        guard text.utf8.count == 10 else { return nil }
        return Timestamp.instant(text + "T00:00:00Z")
    }
}
