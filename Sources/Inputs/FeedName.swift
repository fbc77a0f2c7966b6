/// A feed's name: it names files (`feeds/NAME.json`, `state/NAME.json`), so it is
/// `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` and nothing else.
public struct FeedName: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) throws(InvalidInput) {
        let bytes = Array(text.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
        }
        guard let first = bytes.first, isAlphanumeric(first), bytes.count <= 64,
              bytes.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        else {
            throw InvalidInput("'\(InvalidInput.shown(text))' is not a valid feed name",
                               hint: "use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit")
        }
        self.text = text
    }

    public var description: String { text }
}
