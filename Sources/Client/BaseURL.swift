/// The API base URL: `https://` always, `http://` only to a loopback address (the sandbox).
public struct BaseURL: Sendable, Equatable {
    public static let cloudflare = BaseURL(unchecked: "https://api.cloudflare.com/client/v4")

    public let text: String

    private init(unchecked text: String) { self.text = text }

    public init(_ text: String) throws(ClientError) {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed.hasPrefix("https://"), trimmed.count > 8 {
            self.text = trimmed
            return
        }
        if trimmed.hasPrefix("http://") {
            let rest = trimmed.dropFirst(7)
            let authority = rest.prefix { $0 != "/" }
            let host: Substring
            if authority.hasPrefix("[") {
                host = authority.dropFirst().prefix { $0 != "]" }
            } else {
                host = authority.prefix { $0 != ":" }
            }
            if host == "localhost" || host == "::1" || BaseURL.isLoopbackIPv4(host) {
                self.text = trimmed
                return
            }
        }
        throw ClientError(.insecureURL, detail: "refusing '\(text)': the API must be reached over https:// (http:// only to a loopback address)")
    }

    /// A dotted-quad address in 127.0.0.0/8 (a host name that merely starts with "127." is not).
    private static func isLoopbackIPv4(_ host: Substring) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in part.count <= 3 && !part.isEmpty && part.allSatisfy(\.isNumber) && Int(part)! <= 255 }
    }
}
