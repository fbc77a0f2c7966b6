/// Checks that decide whether a value may go into a typed OCSF attribute or must stay in
/// `unmapped`. Each accepts a subset of what the OCSF 1.8.0 JSON Schema accepts, so a value that
/// passes here always validates there.
enum Validation {
    /// An IPv4 dotted quad (no leading zeros) or an IPv6 address (RFC 4291 text forms, including
    /// `::` compression and a trailing dotted quad), within the schema's 40 characters.
    static func isIPAddress(_ text: Text) -> Bool {
        guard text.count > 0, text.count <= 40 else { return false }
        let bytes = text.bytes
        if bytes.contains(UInt8(ascii: ":")) { return isIPv6(bytes) }
        return isIPv4(bytes[...])
    }

    private static func isIPv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var octets = 0
        var value = 0
        var digits = 0
        var firstDigit: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, octets < 3 else { return false }
                octets += 1
                value = 0
                digits = 0
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return false }
            if digits == 0 { firstDigit = byte }
            guard !(digits == 1 && firstDigit == UInt8(ascii: "0")) else { return false }
            value = value * 10 + Int(digit)
            digits += 1
            guard value <= 255 else { return false }
        }
        return octets == 3 && digits > 0
    }

    private static func isIPv6(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var groups = 0
        var sawCompression = false
        var index = 0
        let count = bytes.count
        if count >= 2, bytes[0] == UInt8(ascii: ":") {
            guard bytes[1] == UInt8(ascii: ":") else { return false }
            sawCompression = true
            index = 2
            if index == count { return true }
        }
        while index < count {
            // One group: 1–4 hex digits, or a final dotted quad worth two groups.
            let groupStart = index
            while index < count, hexValue(bytes[index]) != nil, index - groupStart < 4 { index += 1 }
            if index < count, bytes[index] == UInt8(ascii: ".") {
                guard isIPv4(bytes[groupStart..<count]) else { return false }
                groups += 2
                index = count
                break
            }
            guard index > groupStart else { return false }
            groups += 1
            if index == count { break }
            guard bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if index < count, bytes[index] == UInt8(ascii: ":") {
                guard !sawCompression else { return false }
                sawCompression = true
                index += 1
                if index == count { break }
            } else if index == count {
                return false
            }
        }
        return sawCompression ? groups <= 7 : groups == 8
    }

    /// The OCSF `email_t` pattern: `^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$`
    /// (the class `+-/` is a range, so `,` is allowed too).
    static func isEmailAddress(_ text: Text) -> Bool {
        var index = 0
        let count = text.count
        while index < count, isLocalCharacter(text[index]) { index += 1 }
        guard index > 0, index < count, text[index] == UInt8(ascii: "@") else { return false }
        index += 1
        let labelStart = index
        while index < count, isDomainCharacter(text[index]) { index += 1 }
        guard index > labelStart, index < count, text[index] == UInt8(ascii: ".") else { return false }
        index += 1
        guard index < count else { return false }
        while index < count {
            guard isDomainCharacter(text[index]) || text[index] == UInt8(ascii: ".") else { return false }
            index += 1
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    private static func isDomainCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }

    private static func isLocalCharacter(_ byte: UInt8) -> Bool {
        if isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"),
             UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"),
             UInt8(ascii: "~"), UInt8(ascii: "."):
            return true
        case UInt8(ascii: "+")...UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    /// Two ASCII letters: an ISO 3166-1 alpha-2 code in any case.
    static func isCountryCode(_ text: Text) -> Bool {
        text.count == 2 && (text[0] | 0x20) &- UInt8(ascii: "a") < 26 && (text[1] | 0x20) &- UInt8(ascii: "a") < 26
    }
}
