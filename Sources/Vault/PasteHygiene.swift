/// Cleans a pasted token or refuses it with a precise reason (DESIGN.md §6). It works on the
/// secret's bytes where they lie and never copies the token out; what it reports names
/// characters and positions, never the token.
public enum PasteHygiene {
    public struct Report: Equatable, Sendable {
        /// What was stripped, e.g. `removed 1 trailing newline`.
        public var removed: [String] = []
        /// Accepted, but worth a second look.
        public var warnings: [String] = []
    }

    public enum Refusal: Error, Equatable, Sendable {
        case empty
        /// 1-based character position, total characters, and the offending scalar.
        case character(position: Int, total: Int, scalar: UInt32)
        case invalidUTF8(byte: Int)
        case globalAPIKey
        /// Of no known form and shorter than any: most likely cut by a line break.
        case tooShort(length: Int)

        public var message: String {
            switch self {
            case .empty:
                return "the token is empty"
            case .character(let position, let total, let scalar):
                return "character \(position) of \(total) is \(PasteHygiene.describe(scalar))"
            case .invalidUTF8(let byte):
                return "byte \(byte) of the token is not valid UTF-8"
            case .globalAPIKey:
                return "this is a Global API Key, not an API token"
            case .tooShort(let length):
                return "the token is only \(length) characters, shorter than any Cloudflare token: was it cut by a line break?"
            }
        }

        public var hint: String? {
            switch self {
            case .globalAPIKey:
                return "create an API token instead: My Profile → API Tokens → Create Token (Global API Keys carry every permission of the account)"
            case .character, .invalidUTF8:
                return "copy the token again from the Cloudflare dashboard; tokens hold only letters, digits, '_' and '-'"
            case .tooShort:
                return "paste it again whole (it is read as one paste, line breaks included), or store it with --from-file PATH"
            case .empty:
                return nil
            }
        }
    }

    /// Strips what surrounds the token in `secret` (in place) and checks the rest.
    public static func clean(_ secret: SecretBytes) throws(Refusal) -> Report {
        var report = Report()
        let (range, removed) = secret.withUnsafeBytes { bytes in surroundings(bytes) }
        report.removed = removed
        secret.keep(range)
        guard secret.count > 0 else { throw .empty }
        try secret.withUnsafeBytes { bytes throws(Refusal) in
            try checkCharacters(bytes)
            if let warning = try checkForm(bytes) { report.warnings.append(warning) }
        }
        return report
    }

    /// An object store's secret key: stripped of surrounding whitespace, zero-width characters
    /// and quotes, and refused for a character inside that no key has, like a token; but no
    /// Cloudflare form or length is expected (an AWS secret access key is 40 characters, other
    /// stores' differ), and a leading `Bearer ` is part of nothing here.
    public static func cleanStorageSecret(_ secret: SecretBytes) throws(Refusal) -> Report {
        var report = Report()
        let (range, removed) = secret.withUnsafeBytes { bytes in surroundings(bytes, bearer: false) }
        report.removed = removed
        secret.keep(range)
        guard secret.count > 0 else { throw .empty }
        try secret.withUnsafeBytes { bytes throws(Refusal) in try checkCharacters(bytes) }
        return report
    }

    /// Where the token lies once whitespace, a leading `Bearer ` (for a token) and surrounding
    /// quotes are stripped (repeatedly, in any nesting), and what was stripped, in words.
    private static func surroundings(_ bytes: UnsafeRawBufferPointer, bearer: Bool = true) -> (Range<Int>, [String]) {
        var counts: [String: Int] = [:]
        var order: [String] = []
        func note(_ what: String) {
            if counts[what] == nil { order.append(what) }
            counts[what, default: 0] += 1
        }
        var start = 0, end = bytes.count
        var changed = true
        while changed && start < end {
            changed = false
            while start < end, let (scalar, length) = decode(bytes, at: start), let kind = strippable(scalar) {
                note("leading \(kind)")
                start += length
                changed = true
            }
            while start < end, let (scalar, length) = decodeBackward(bytes, before: end), let kind = strippable(scalar) {
                note("trailing \(kind)")
                end -= length
                changed = true
            }
            if bearer, end - start > 7, hasPrefixIgnoringCase(bytes[start..<end], "bearer ") {
                note("leading 'Bearer '")
                start += 7
                changed = true
            }
            if end - start >= 2, let first = bytes[start] as UInt8?, [0x22, 0x27, 0x60].contains(first), bytes[end - 1] == first {
                note("surrounding quotes")
                start += 1
                end -= 1
                changed = true
            }
        }
        let removed = order.map { what in
            let count = counts[what]!
            return what == "surrounding quotes" || what == "leading 'Bearer '" ? "removed \(what)" : "removed \(count) \(what)\(count == 1 ? "" : "s")"
        }
        return (start..<end, removed)
    }

    /// Refuses invalid UTF-8 and any whitespace, control or non-ASCII character, by position.
    private static func checkCharacters(_ bytes: UnsafeRawBufferPointer) throws(Refusal) {
        var total = 0
        var index = 0
        while index < bytes.count {
            guard let (_, length) = decode(bytes, at: index) else { throw .invalidUTF8(byte: index + 1) }
            total += 1
            index += length
        }
        var position = 0
        index = 0
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)!
            position += 1
            if scalar <= 0x20 || scalar >= 0x7F {
                throw .character(position: position, total: total, scalar: scalar)
            }
            index += length
        }
    }

    /// Refuses a Global API Key and a token too short for any form (likely cut by a line
    /// break); returns a warning for another unexpected form.
    private static func checkForm(_ bytes: UnsafeRawBufferPointer) throws(Refusal) -> String? {
        if bytes.starts(with: "cfk_".utf8) { throw .globalAPIKey }
        let isLowerHex = bytes.allSatisfy { $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 }
        if (37...45).contains(bytes.count) && isLowerHex { throw .globalAPIKey }
        let isTokenAlphabet = { (byte: UInt8) in
            (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        let prefixed = bytes.starts(with: "cfut_".utf8) || bytes.starts(with: "cfat_".utf8)
        let expected = prefixed ? bytes.count >= 45 && bytes.dropFirst(5).allSatisfy(isTokenAlphabet)
            : bytes.count == 40 && bytes.allSatisfy(isTokenAlphabet)
        if expected { return nil }
        if bytes.count < 40 { throw .tooShort(length: bytes.count) }
        return "unexpected token form (\(bytes.count) characters): Cloudflare API tokens are "
            + "'cfut_' or 'cfat_' followed by 40 or more letters, digits, '_' or '-', or 40 such characters"
    }

    /// The whitespace DESIGN.md §6 strips from the ends, named for the report.
    private static func strippable(_ scalar: UInt32) -> String? {
        switch scalar {
        case 0x20: "space"
        case 0x09: "tab"
        case 0x0D: "carriage return"
        case 0x0A: "newline"
        case 0xA0: "no-break space"
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: "zero-width character"
        default: nil
        }
    }

    /// `U+00A0 NO-BREAK SPACE`.
    static func describe(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        guard let value = Unicode.Scalar(scalar) else { return code }
        let name = value.properties.name ?? value.properties.nameAlias ?? controlNames[scalar]
        return name.map { "\(code) \($0)" } ?? code
    }

    /// Unicode's aliases for the control characters a paste may carry (the standard library
    /// gives controls no name).
    private static let controlNames: [UInt32: String] = [
        0x00: "NULL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED", 0x0B: "LINE TABULATION",
        0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    ]

    private static func hasPrefixIgnoringCase(_ bytes: Slice<UnsafeRawBufferPointer>, _ prefix: String) -> Bool {
        zip(bytes, prefix.utf8).allSatisfy { asciiLower($0) == $1 } && bytes.count >= prefix.utf8.count
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }

    /// The scalar starting at `index` and its length in bytes, or nil for invalid UTF-8.
    static func decode(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0x00..<0x80: return (UInt32(lead), 1)
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = [0, 0, 0x80, 0x800, 0x10000][length]
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, length)
    }

    /// The scalar ending just before `end`.
    private static func decodeBackward(_ bytes: UnsafeRawBufferPointer, before end: Int) -> (UInt32, Int)? {
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let (scalar, length) = decode(bytes, at: start), start + length == end else { return nil }
        return (scalar, length)
    }
}
