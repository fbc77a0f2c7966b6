/// A run of UTF-8 bytes inside the input or the per-record arena.
///
/// `plain` means the bytes can go between JSON quotes as they are: raw string contents without
/// escapes always can, decoded contents can unless they hold a quote, backslash or control byte.
struct Text {
    var start: UnsafePointer<UInt8>
    var count: Int
    var plain: Bool

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> UInt8 { start[index] }

    /// The bytes before the first `byte`, or all of them.
    func prefix(upTo byte: UInt8) -> Text {
        var index = 0
        while index < count && start[index] != byte { index += 1 }
        return Text(start: start, count: index, plain: plain)
    }

    /// Whether the bytes equal `literal`, ignoring ASCII case.
    func equalsIgnoringCase(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        let other = literal.utf8Start
        for index in 0..<count where asciiLowercased(start[index]) != asciiLowercased(other[index]) {
            return false
        }
        return true
    }

    func equals(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && memoryEquals(start, literal.utf8Start, count)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
}

@inline(__always)
func memoryEquals(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for index in 0..<count where a[index] != b[index] { return false }
    return true
}

extension ByteBuffer {
    /// Writes `text` as a JSON string, escaping only what JSON requires.
    @inline(__always)
    func appendQuoted(_ text: Text) {
        append(UInt8(ascii: "\""))
        if text.plain {
            append(text.start, count: text.count)
        } else {
            appendEscaped(text.bytes)
        }
        append(UInt8(ascii: "\""))
    }

    func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x00..<0x20:
                append("\\u00")
                append(hexDigit(byte >> 4))
                append(hexDigit(byte & 0xF))
            default: append(byte)
            }
        }
    }

    /// Writes a JSON value's text without the whitespace between its tokens.
    func appendCompacted(_ bytes: UnsafeBufferPointer<UInt8>) {
        var inString = false
        var afterBackslash = false
        for byte in bytes {
            if inString {
                append(byte)
                if afterBackslash { afterBackslash = false }
                else if byte == UInt8(ascii: "\\") { afterBackslash = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: continue
                case UInt8(ascii: "\""): inString = true; append(byte)
                default: append(byte)
                }
            }
        }
    }
}

@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}

/// Decodes JSON string escapes into an arena that was reserved large enough beforehand,
/// so the pointers it hands out stay valid for the whole record.
struct StringDecoder {
    let arena: ByteBuffer

    /// The decoded contents of a scanned string (already validated by `JSONScanner`).
    func decode(_ start: UnsafePointer<UInt8>, count: Int, escaped: Bool) -> Text {
        guard escaped else { return Text(start: start, count: count, plain: true) }
        let outputStart = arena.count
        var plain = true
        var index = 0
        while index < count {
            let byte = start[index]
            guard byte == UInt8(ascii: "\\") else {
                arena.append(byte)
                index += 1
                continue
            }
            let kind = start[index + 1]
            index += 2
            var scalar: UInt32
            switch kind {
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "t"): scalar = 0x09
            case UInt8(ascii: "u"):
                scalar = hexUnit(start + index)
                index += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hexUnit(start + index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
            default: scalar = UInt32(kind)
            }
            if scalar < 0x20 || scalar == 0x22 || scalar == 0x5C { plain = false }
            appendUTF8(scalar)
        }
        return Text(start: UnsafePointer(arena.base + outputStart), count: arena.count - outputStart, plain: plain)
    }

    private func hexUnit(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        var unit: UInt32 = 0
        for index in 0..<4 { unit = unit << 4 | (hexValue(pointer[index]) ?? 0) }
        return unit
    }

    private func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            arena.append(UInt8(scalar))
        case 0x80..<0x800:
            arena.append(UInt8(0xC0 | scalar >> 6))
            arena.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            arena.append(UInt8(0xE0 | scalar >> 12))
            arena.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            arena.append(UInt8(0x80 | scalar & 0x3F))
        default:
            arena.append(UInt8(0xF0 | scalar >> 18))
            arena.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            arena.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            arena.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
