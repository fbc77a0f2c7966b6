import Normalizer

/// TIME as DESIGN.md §2 takes it: RFC 3339 (`2025-07-01T00:00:00Z`) or an age relative to now
/// (`30m`, `24h`, `7d`), given to the API as RFC 3339 UTC.
enum TimeArgument {
    static func resolve(_ text: String, option: String) throws(CommandFailure) -> String {
        if Timestamp.instant(text) != nil { return text }
        if let unit = text.last, "smhd".contains(unit), let seconds = DurationText.seconds(text) {
            return formatTime(nowMilliseconds() - Int64(seconds * 1000))
        }
        throw CommandFailure(.usage, "bad time '\(text)' for \(option)",
                             hint: "give RFC 3339 (2025-07-01T00:00:00Z) or an age such as 30m, 24h or 7d")
    }
}
