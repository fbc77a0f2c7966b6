/// HTTP header lines as libcurl hands them over, read where they enter.
public enum HeaderLine {
    /// One header line as libcurl hands it over (`Name: value` followed by CRLF) split into the
    /// lower-cased name and the value without surrounding spaces, tabs or line break. Done on
    /// bytes: in a Swift `String` the CRLF pair is one `Character`, which no per-character
    /// trimming of `"\r"` or `"\n"` would ever remove. Nil for the status line and the blank
    /// line that ends the headers.
    public static func field(_ line: UnsafeRawBufferPointer) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = colon + 1
        var end = line.count
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]), as: UTF8.self).lowercased()
        return (name, String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self))
    }
}
