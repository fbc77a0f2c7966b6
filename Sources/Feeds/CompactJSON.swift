import FoundationEssentials

/// One line of JSON, keys sorted and slashes as they are: the form of every record a feed keeps
/// in a list or in its bucket, so the same value always makes the same bytes (and digest).
enum CompactJSON {
    static func bytes<Value: Encodable>(_ value: Value) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { [UInt8]($0) }
    }
}
