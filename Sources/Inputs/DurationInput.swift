/// A length of time as users write it: a whole or decimal number with a unit, `90s`, `5m`,
/// `1.5h`, `7d`, `2w` (a bare number is seconds). Held in milliseconds, within the bounds the
/// option gives, so no input overflows what is computed from it.
public struct DurationInput: Hashable, Sendable {
    public let milliseconds: Int64

    public var seconds: Double { Double(milliseconds) / 1000 }

    /// The longest duration any option takes: 100 years, far inside `Int64` milliseconds.
    public static let longest: Int64 = 36_500 * 86_400_000

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public init(_ text: String, option: String, within bounds: ClosedRange<Int64> = 0...longest) throws(InvalidInput) {
        let example = "give a number and a unit such as 30s, 10m, 1.5h, 7d or 2w"
        guard let parsed = DurationInput.parse(text) else {
            throw InvalidInput(text.isEmpty ? "\(option) needs a duration" : "'\(InvalidInput.shown(text))' is not a duration for \(option)", hint: example)
        }
        guard bounds.contains(parsed) else {
            throw InvalidInput("'\(InvalidInput.shown(text))' is out of range for \(option)",
                               hint: "give between \(DurationInput.format(bounds.lowerBound)) and \(DurationInput.format(bounds.upperBound))")
        }
        milliseconds = parsed
    }

    /// Milliseconds, or nil for anything but `DIGITS[.DIGITS][s|m|h|d|w]` within 100 years.
    static func parse(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        let scale: Int64
        switch bytes.last {
        case UInt8(ascii: "s"): scale = 1000
        case UInt8(ascii: "m"): scale = 60_000
        case UInt8(ascii: "h"): scale = 3_600_000
        case UInt8(ascii: "d"): scale = 86_400_000
        case UInt8(ascii: "w"): scale = 604_800_000
        case let digit? where digit &- UInt8(ascii: "0") < 10: scale = 1000
        default: return nil
        }
        if let last = bytes.last, last &- UInt8(ascii: "0") >= 10 { bytes.removeLast() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : []
        guard parts.count == 1 || (!fraction.isEmpty && fraction.count <= 3 && fraction.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 })) else { return nil }
        let integer = whole.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        var thousandths = fraction.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        for _ in fraction.count..<3 { thousandths *= 10 }
        // 12 digits times a week's milliseconds would overflow: bound the whole part first.
        guard integer <= longest / scale else { return nil }
        return integer * scale + thousandths * scale / 1000
    }

    /// `10m`, `36h`, `7d`: the largest unit that divides evenly.
    public static func format(_ milliseconds: Int64) -> String {
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 && milliseconds >= size {
            return "\(milliseconds / size)\(unit)"
        }
        return milliseconds == 0 ? "0s" : "\(Double(milliseconds) / 1000)s"
    }
}
