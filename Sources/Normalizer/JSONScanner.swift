/// Why a scan stopped short of a complete, valid JSON value.
package enum ScanFailure: Error, Equatable {
    /// The buffer ended inside a value; more input may complete it.
    case incomplete
    /// The bytes are not JSON; `offset` is where the scanner gave up.
    case invalid(String, offset: Int)
}

/// The kind of a scanned JSON value.
package enum ValueKind: UInt8 {
    case string, integer, number, `true`, `false`, null, object, array
}

/// One `"key": value` member of an object, as offsets into the scanned bytes.
///
/// Strings are kept as their raw contents (between the quotes); `escaped` says whether that
/// content holds backslash escapes and must be decoded before its bytes mean anything.
package struct Member {
    package var keyStart: Int
    package var keyEnd: Int
    package var keyEscaped: Bool
    package var kind: ValueKind
    /// For strings: the first content byte; otherwise the first byte of the value.
    package var valueStart: Int
    /// For strings: one past the last content byte; otherwise one past the value.
    package var valueEnd: Int
    package var valueEscaped: Bool
}

/// A validating JSON scanner over bytes it does not own.
///
/// It never builds a tree: it checks the grammar (RFC 8259, strict UTF-8, paired surrogates)
/// and reports where values lie, which is all the normalizer needs to map a record without
/// allocating. Newlines can only occur between tokens, so counting them while skipping
/// whitespace gives exact line numbers for diagnostics.
package struct JSONScanner {
    package let base: UnsafePointer<UInt8>
    package let end: Int
    /// Whether `end` is the end of the input (otherwise running out means `.incomplete`).
    package let isFinal: Bool
    package var position: Int
    package var line: Int

    /// Deeper nesting is refused so hostile input cannot exhaust the stack.
    static let maximumDepth = 256

    package init(base: UnsafePointer<UInt8>, start: Int, end: Int, isFinal: Bool, line: Int) {
        self.base = base
        self.end = end
        self.isFinal = isFinal
        self.position = start
        self.line = line
    }

    @inline(__always)
    package var atEnd: Bool { position >= end }

    @inline(__always)
    package var current: UInt8 { base[position] }

    @inline(__always)
    func ranOut() -> ScanFailure {
        isFinal ? .invalid("unexpected end of input", offset: end) : .incomplete
    }

    @inline(__always)
    func unexpected(_ at: Int) -> ScanFailure {
        .invalid("unexpected \(JSONScanner.describe(base[at]))", offset: at)
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21...0x7E: return "character '\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    @inline(__always)
    package mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1
            default: return
            }
        }
    }

    /// Scans the value at `position` without recording its parts.
    package mutating func skipValue(depth: Int = 0) throws(ScanFailure) -> ValueKind {
        guard position < end else { throw ranOut() }
        switch base[position] {
        case UInt8(ascii: "\""):
            _ = try scanString()
            return .string
        case UInt8(ascii: "{"):
            try skipContainer(close: UInt8(ascii: "}"), depth: depth, keyed: true)
            return .object
        case UInt8(ascii: "["):
            try skipContainer(close: UInt8(ascii: "]"), depth: depth, keyed: false)
            return .array
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            return .true
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            return .false
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try scanNumber()
        default:
            throw unexpected(position)
        }
    }

    private mutating func skipContainer(close: UInt8, depth: Int, keyed: Bool) throws(ScanFailure) {
        guard depth < JSONScanner.maximumDepth else {
            throw .invalid("nesting deeper than \(JSONScanner.maximumDepth) levels", offset: position)
        }
        position += 1
        skipWhitespace()
        guard position < end else { throw ranOut() }
        if base[position] == close { position += 1; return }
        while true {
            if keyed {
                guard base[position] == UInt8(ascii: "\"") else { throw unexpected(position) }
                _ = try scanString()
                try expectColon()
            }
            _ = try skipValue(depth: depth + 1)
            skipWhitespace()
            guard position < end else { throw ranOut() }
            let byte = base[position]
            position += 1
            if byte == close { return }
            guard byte == UInt8(ascii: ",") else { throw unexpected(position - 1) }
            skipWhitespace()
            guard position < end else { throw ranOut() }
        }
    }

    @inline(__always)
    private mutating func expectColon() throws(ScanFailure) {
        skipWhitespace()
        guard position < end else { throw ranOut() }
        guard base[position] == UInt8(ascii: ":") else { throw unexpected(position) }
        position += 1
        skipWhitespace()
    }

    /// Scans an object at `position`, recording each member.
    package mutating func scanObject(into members: inout [Member]) throws(ScanFailure) {
        members.removeAll(keepingCapacity: true)
        position += 1
        skipWhitespace()
        guard position < end else { throw ranOut() }
        if base[position] == UInt8(ascii: "}") { position += 1; return }
        while true {
            guard base[position] == UInt8(ascii: "\"") else { throw unexpected(position) }
            let keyStart = position + 1
            let keyEscaped = try scanString()
            let keyEnd = position - 1
            try expectColon()
            guard position < end else { throw ranOut() }
            var valueStart = position
            let valueEscaped: Bool
            let kind: ValueKind
            var valueEnd: Int
            if base[position] == UInt8(ascii: "\"") {
                valueStart += 1
                valueEscaped = try scanString()
                valueEnd = position - 1
                kind = .string
            } else {
                kind = try skipValue(depth: 1)
                valueEscaped = false
                valueEnd = position
            }
            members.append(Member(
                keyStart: keyStart, keyEnd: keyEnd, keyEscaped: keyEscaped, kind: kind,
                valueStart: valueStart, valueEnd: valueEnd, valueEscaped: valueEscaped))
            skipWhitespace()
            guard position < end else { throw ranOut() }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw unexpected(position - 1) }
            skipWhitespace()
            guard position < end else { throw ranOut() }
        }
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(ScanFailure) {
        let length = literal.utf8CodeUnitCount
        for index in 0..<length {
            guard position + index < end else { throw ranOut() }
            guard base[position + index] == literal.utf8Start[index] else { throw unexpected(position + index) }
        }
        position += length
    }

    /// Scans a number; `.integer` when it has neither fraction nor exponent.
    private mutating func scanNumber() throws(ScanFailure) -> ValueKind {
        var isInteger = true
        if base[position] == UInt8(ascii: "-") {
            position += 1
            guard position < end else { throw ranOut() }
        }
        switch base[position] {
        case UInt8(ascii: "0"): position += 1
        case UInt8(ascii: "1")...UInt8(ascii: "9"): try skipDigits()
        default: throw unexpected(position)
        }
        if position < end, base[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end else { throw ranOut() }
            guard isDigit(base[position]) else { throw unexpected(position) }
            try skipDigits()
        }
        if position < end, base[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            guard position < end else { throw ranOut() }
            if base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") {
                position += 1
                guard position < end else { throw ranOut() }
            }
            guard isDigit(base[position]) else { throw unexpected(position) }
            try skipDigits()
        }
        // A number that touches the end of a partial buffer may continue in the next one.
        if position >= end && !isFinal { throw .incomplete }
        return isInteger ? .integer : .number
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private mutating func skipDigits() throws(ScanFailure) {
        while position < end, isDigit(base[position]) { position += 1 }
    }

    /// Scans a string at `position` (its opening quote) and leaves `position` past the closing
    /// quote. Returns whether the contents hold escapes.
    package mutating func scanString() throws(ScanFailure) -> Bool {
        position += 1
        var escaped = false
        while true {
            // Eight bytes at a time while none of them is special (quote, backslash, control, non-ASCII).
            while position + 8 <= end {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word) | word
                if special & highs != 0 { break }
                position += 8
            }
            guard position < end else { throw ranOut() }
            let byte = base[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return escaped
            case UInt8(ascii: "\\"):
                escaped = true
                try scanEscape()
            case 0x0A:
                throw .invalid("unterminated string", offset: position)
            case 0x00..<0x20:
                throw .invalid("control character in string", offset: position)
            case 0x80...:
                try scanMultibyte()
            default:
                position += 1
            }
        }
    }

    private mutating func scanEscape() throws(ScanFailure) {
        guard position + 1 < end else { throw ranOut() }
        switch base[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: position + 2)
            position += 6
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw .invalid("unpaired surrogate in string", offset: position - 6)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                let unpaired = ScanFailure.invalid("unpaired surrogate in string", offset: position - 6)
                guard position < end else { throw ranOut() }
                guard base[position] == UInt8(ascii: "\\") else { throw unpaired }
                guard position + 1 < end else { throw ranOut() }
                guard base[position + 1] == UInt8(ascii: "u") else { throw unpaired }
                let low = try hexUnit(at: position + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw .invalid("unpaired surrogate in string", offset: position - 6)
                }
                position += 6
            }
        default:
            throw .invalid("invalid escape in string", offset: position)
        }
    }

    private func hexUnit(at start: Int) throws(ScanFailure) -> UInt32 {
        var unit: UInt32 = 0
        for index in start..<start + 4 {
            guard index < end else { throw ranOut() }
            guard let digit = hexValue(base[index]) else {
                throw .invalid("invalid \\u escape in string", offset: index)
            }
            unit = unit << 4 | digit
        }
        return unit
    }

    /// Validates one UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
    private mutating func scanMultibyte() throws(ScanFailure) {
        let lead = base[position]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw .invalid("invalid UTF-8 in string", offset: position)
        }
        guard position + length <= end else {
            // Only a partial buffer can end inside a sequence; check what is there first.
            if !isFinal { throw .incomplete }
            throw .invalid("invalid UTF-8 in string", offset: position)
        }
        let second = base[position + 1]
        guard second >= low && second <= high else { throw .invalid("invalid UTF-8 in string", offset: position) }
        for index in 2..<max(length, 2) where index < length {
            guard base[position + index] & 0xC0 == 0x80 else {
                throw .invalid("invalid UTF-8 in string", offset: position)
            }
        }
        position += length
    }
}

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}
