/// Finds where a value ends without holding it: what the mapper uses once a value has grown
/// past `OCSFMapper.valueLimit`, so the rest of it streams through in constant memory.
///
/// It follows only what decides the end — nesting outside strings, string quotes and their
/// escapes — and does not validate: the value is rejected whatever it holds. Text that does not
/// start like a JSON value is skipped to the end of its line, as the mapper's recovery does.
struct OversizedValue {
    private enum Mode { case start, container, string, scalar, line }
    private var mode = Mode.start
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Reads `count` bytes at `base`; returns where the value's text ends and where reading
    /// resumes once its end is among them, or nil when it goes on past them.
    mutating func consume(_ base: UnsafePointer<UInt8>, count: Int) -> (textEnd: Int, resume: Int)? {
        var index = 0
        while index < count {
            let byte = base[index]
            switch mode {
            case .start:
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["): mode = .container; depth = 1
                case UInt8(ascii: "\""): mode = .string; inString = true
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    mode = .scalar
                default: mode = .line
                }
                if mode == .line { continue }
            case .container, .string:
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if mode == .string { return (index + 1, index + 1) }
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return (index + 1, index + 1) }
                }
            case .scalar:
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return (index, index)
                default: break
                }
            case .line:
                if byte == 0x0A { return (index > 0 && base[index - 1] == 0x0D ? index - 1 : index, index + 1) }
            }
            index += 1
        }
        return nil
    }
}
