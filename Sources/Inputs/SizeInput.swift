/// A file size as users write it: bytes, or a number with `K`, `M`, `G` (powers of 1024, an
/// optional trailing `B` or `iB`), between 1 KiB and 1 TiB.
public struct SizeInput: Hashable, Sendable {
    public let bytes: Int64

    public static let bounds: ClosedRange<Int64> = 1024...(1 << 40)

    public init(_ text: String, option: String) throws(InvalidInput) {
        let hint = "give a size such as 256M, 1G or 500K (from 1K to 1T)"
        var digits = Substring(text.uppercased())
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        var scale: Int64 = 1
        if let unit = digits.last, let power = ["K": 10, "M": 20, "G": 30, "T": 40][unit] {
            scale = 1 << Int64(power)
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 13, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(digits),
              value <= SizeInput.bounds.upperBound / scale else {
            throw InvalidInput("'\(InvalidInput.shown(text))' is not a size for \(option)", hint: hint)
        }
        guard SizeInput.bounds.contains(value * scale) else {
            throw InvalidInput("'\(InvalidInput.shown(text))' is out of range for \(option)", hint: hint)
        }
        bytes = value * scale
    }
}
