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

/// Durations as users write them: `90` (seconds), `30s`, `5m`, `2h`, `7d`.
enum DurationText {
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = text.last, let scale = units[unit], let value = Double(text.dropLast()), value >= 0 { return value * scale }
        return Double(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}
