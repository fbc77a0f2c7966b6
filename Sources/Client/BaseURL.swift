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
            if host == "localhost" || host == "::1" || host.hasPrefix("127.") {
                self.text = trimmed
                return
            }
        }
        throw ClientError(.insecureURL, detail: "refusing '\(text)': the API must be reached over https:// (http:// only to a loopback address)")
    }
}
