/// A record's time, reduced to what OCSF needs.
package struct Timestamp: Equatable {
    /// Unix epoch milliseconds, truncated.
    var milliseconds: Int64
    /// The string's UTC offset in minutes; `nil` for integer times.
    var offsetMinutes: Int?

    /// Parses RFC 3339 (`T`/`t`/space separator, `Z`/`z` or `±hh:mm`, any number of fraction
    /// digits) or, for strings of digits only, an epoch integer.
    init?(string text: Text) {
        if text.count > 0, text.bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
            guard let value = Timestamp.integer(text.bytes) else { return nil }
            self.init(epoch: value)
            return
        }
        guard let parsed = Timestamp.rfc3339(text.bytes) else { return nil }
        self = parsed
    }

    /// Classifies an epoch integer by magnitude: seconds, then ms, µs, ns.
    init(epoch value: Int64) {
        let magnitude = value.magnitude
        switch magnitude {
        case ..<100_000_000_000: milliseconds = value * 1000
        case ..<100_000_000_000_000: milliseconds = value
        case ..<100_000_000_000_000_000: milliseconds = value / 1000
        default: milliseconds = value / 1_000_000
        }
        offsetMinutes = nil
    }

    /// Parses the text of a JSON integer (optionally negative), refusing overflow.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; index = 1 }
        guard index < bytes.count, bytes.count - index <= 19 else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }

    /// Whole seconds and nanoseconds since the epoch of an RFC 3339 time, keeping all nine
    /// fraction digits (the fetch cursor must tell apart instants milliseconds would merge).
    package static func instant(_ text: String) -> (seconds: Int64, nanoseconds: Int64)? {
        var text = text
        return text.withUTF8 { bytes -> (Int64, Int64)? in
            guard let parsed = rfc3339(bytes) else { return nil }
            var nanos: Int64 = 0
            if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
                var digits = 0
                var index = dot + 1
                while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                    if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - UInt8(ascii: "0")); digits += 1 }
                    index += 1
                }
                while digits < 9 { nanos *= 10; digits += 1 }
            }
            let seconds = parsed.milliseconds >= 0 ? parsed.milliseconds / 1000 : (parsed.milliseconds - 999) / 1000
            return (seconds, nanos)
        }
    }

    private static func rfc3339(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count >= 20 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for index in at..<at + count {
                let digit = b[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2),
              b[10] | 0x20 == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second <= 60
        else { return nil }

        var index = 19
        var millis = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < b.count, b[index] &- UInt8(ascii: "0") < 10 {
                if index - fractionStart < 3 { millis = millis * 10 + Int(b[index] - UInt8(ascii: "0")) }
                index += 1
            }
            guard index > fractionStart else { return nil }
            for _ in min(index - fractionStart, 3)..<3 { millis *= 10 }
        }
        guard index < b.count else { return nil }
        let offset: Int
        if b[index] | 0x20 == UInt8(ascii: "z") {
            guard index + 1 == b.count else { return nil }
            offset = 0
        } else {
            guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"), index + 6 == b.count,
                  let offsetHours = digits(index + 1, 2), b[index + 3] == UInt8(ascii: ":"),
                  let offsetMinutes = digits(index + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second - offset * 60
        // An offset can carry 0000-01-01 into year 0 or 9999-12-31 into year 10000, which no
        // four-digit RFC 3339 time (OCSF's time_dt) can be written as.
        guard (earliestSecond...latestSecond).contains(seconds) else { return nil }
        return Timestamp(milliseconds: Int64(seconds) * 1000 + Int64(millis), offsetMinutes: offset)
    }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let earliestSecond = -62_135_596_800
    static let latestSecond = 253_402_300_799

    private init(milliseconds: Int64, offsetMinutes: Int?) {
        self.milliseconds = milliseconds
        self.offsetMinutes = offsetMinutes
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension ByteBuffer {
    /// Writes `milliseconds` as RFC 3339 UTC with exactly three fraction digits (`…T05:20:00.123Z`).
    package func appendRFC3339(milliseconds: Int64) {
        let (seconds, millis) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        var totalSeconds = Int(seconds)
        var fraction = Int(millis)
        if fraction < 0 { fraction += 1000; totalSeconds -= 1 }
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let date = Timestamp.civil(fromDays: days)
        appendPadded(date.year, width: 4)
        append(UInt8(ascii: "-"))
        appendPadded(date.month, width: 2)
        append(UInt8(ascii: "-"))
        appendPadded(date.day, width: 2)
        append(UInt8(ascii: "T"))
        appendPadded(secondOfDay / 3600, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(secondOfDay / 60 % 60, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, width: 2)
        append(UInt8(ascii: "."))
        appendPadded(fraction, width: 3)
        append(UInt8(ascii: "Z"))
    }

    private func appendPadded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
