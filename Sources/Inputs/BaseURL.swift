import CCurl

/// The API base URL, parsed by libcurl's own URL parser (the one that will connect), so what is
/// checked is exactly what is reached: `https://` always, `http://` only when the host is
/// `localhost`, in 127.0.0.0/8, or `[::1]` (the sandbox). User-info, queries and fragments are
/// refused, and so is a path that is more than plain segments. A URL without a path means
/// `/client/v4` on that host, as the dashboard writes it.
public struct BaseURL: Hashable, Sendable, CustomStringConvertible {
    public static let cloudflare = BaseURL(text: "https://api.cloudflare.com/client/v4", isLoopback: false)

    /// Scheme, host, port and path, without a trailing slash; paths are appended to it.
    public let text: String
    /// A loopback host: never reached through a proxy.
    public let isLoopback: Bool

    private init(text: String, isLoopback: Bool) {
        self.text = text
        self.isLoopback = isLoopback
    }

    public var description: String { text }

    public init(_ input: String, option: String = "--base-url") throws(InvalidInput) {
        let parts = try BaseURL.parse(input, what: "base URL", option: option,
                                      hint: "give https://HOST[/PATH] (default https://api.cloudflare.com/client/v4); http:// only to localhost, 127.0.0.1 or [::1]")
        self.init(text: parts.origin + (parts.path.isEmpty ? "/client/v4" : parts.path), isLoopback: parts.isLoopback)
    }

    /// An endpoint URL split as libcurl reads it: `origin` is the scheme, host and port; `path`
    /// is empty or plain segments with a leading slash and no trailing one.
    struct Parts {
        var origin: String
        var path: String
        var isLoopback: Bool
    }

    /// The rules every endpoint cfaccess connects to obeys; a refusal names `what` and `option`.
    static func parse(_ input: String, what: String, option: String, hint: String) throws(InvalidInput) -> Parts {
        func refuse(_ why: String) -> InvalidInput {
            InvalidInput("refusing the \(what) '\(InvalidInput.shown(input))' for \(option): \(why)", hint: hint)
        }
        guard !input.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else { throw refuse("it holds spaces or characters outside ASCII") }
        guard let handle = curl_url() else { throw refuse("libcurl could not parse it") }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, input, 0) == CURLUE_OK else { throw refuse("it is not a URL with a scheme and a host") }
        func part(_ which: CURLUPart) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, 0) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME)?.lowercased(), let host = part(CURLUPART_HOST)?.lowercased(), !host.isEmpty else {
            throw refuse("it has no host")
        }
        let hostBytes = host.hasPrefix("[") ? host.utf8.dropFirst().dropLast() : host.utf8[...]
        let plainHost = hostBytes.allSatisfy { byte in
            byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || (host.hasPrefix("[") && byte == UInt8(ascii: ":"))
        }
        guard plainHost else { throw refuse("its host holds characters no host name has") }
        if part(CURLUPART_USER) != nil || part(CURLUPART_PASSWORD) != nil || part(CURLUPART_OPTIONS) != nil {
            throw refuse("it holds a user name or password (everything before '@')")
        }
        if part(CURLUPART_QUERY) != nil { throw refuse("it holds a query ('?…')") }
        if part(CURLUPART_FRAGMENT) != nil { throw refuse("it holds a fragment ('#…')") }
        let loopback = BaseURL.isLoopback(host)
        switch scheme {
        case "https": break
        case "http": guard loopback else { throw refuse("plain http:// is allowed only to a loopback address") }
        default: throw refuse("the scheme must be https")
        }
        var path = part(CURLUPART_PATH) ?? "/"
        while path.hasSuffix("/") { path.removeLast() }
        // Plain segments only: nothing that could read as another authority (`//host@…`).
        let plain = path.utf8.allSatisfy { byte in
            byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10 || "-._~/".utf8.contains(byte)
        }
        guard plain, !path.contains("//"), !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw refuse("its path may hold only letters, digits and '-._~' between single slashes")
        }
        let port = part(CURLUPART_PORT).map { ":" + $0 } ?? ""
        return Parts(origin: "\(scheme)://\(host)\(port)", path: path, isLoopback: loopback)
    }

    /// `localhost`, `[::1]`, or a dotted quad in 127.0.0.0/8 (libcurl has already normalised
    /// numeric forms such as `127.1`); `localhost.example` and `127.0.0.1.example` are not.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && Int(part)! <= 255 }
    }
}
