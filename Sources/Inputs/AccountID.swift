/// A Cloudflare account id: 32 hexadecimal characters, kept in lowercase. It goes into URL
/// paths, so nothing else may pass.
public struct AccountID: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    public init(_ text: String, option: String = "--account") throws(InvalidInput) {
        let bytes = Array(text.utf8)
        guard bytes.count == 32, bytes.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || ($0 | 0x20) &- UInt8(ascii: "a") < 6 }) else {
            throw InvalidInput("'\(InvalidInput.shown(text))' is not a Cloudflare account id for \(option)",
                               hint: "an account id is 32 hexadecimal characters, shown in the dashboard's URL and on the account's Overview page")
        }
        self.text = text.lowercased()
    }

    public var description: String { text }
}

extension AccountID: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self), option: "account")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
