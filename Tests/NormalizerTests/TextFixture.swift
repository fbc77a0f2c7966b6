@testable import Normalizer

/// Runs `body` with `string`'s UTF-8 bytes as a `Text`.
func withText<Result>(_ string: String, _ body: (Text) -> Result) -> Result {
    var string = string
    return string.withUTF8 { bytes in
        let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        return body(Text(start: base, count: bytes.count, plain: true))
    }
}
