/// What went wrong talking to Cloudflare, typed so commands can choose exit codes and hints.
public struct ClientError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No answer: DNS, connect, TLS, timeout, connection cut (libcurl's code and text).
        case transport(code: Int, message: String)
        /// An HTTP error status with Cloudflare's codes and messages when the body had them.
        case http(status: Int)
        /// A 200 whose body is not a usable envelope (cut JSON, HTML, `success:false`, or larger
        /// than `HTTPTransport.bodyLimit`).
        case payload
        /// The caller asked to stop (Ctrl-C, SIGTERM) before the request was sent.
        case cancelled
        /// The request was not sent: the token would have gone to a port another user holds.
        case foreignPort
    }

    public var kind: Kind
    /// `{code, message}` pairs from the envelope's `errors`.
    public var errors: [CloudflareMessage]
    public var detail: String
    /// Seconds the server asked to wait (`Retry-After`).
    public var retryAfter: Double?
    /// Where the request went (the base URL), for "cannot reach" messages.
    public var url: String?
    /// What verification found when a request was refused: the token expired or disabled. It
    /// replaces the guess the error codes allow ("lacks the permission…").
    public var diagnosis: String?

    public init(_ kind: Kind, errors: [CloudflareMessage] = [], detail: String) {
        self.kind = kind
        self.errors = errors
        self.detail = detail
    }

    public var status: Int? { if case .http(let status) = kind { status } else { nil } }
    public var codes: [Int] { errors.map(\.code) }

    /// 408, 429, 5xx, transport failures and unusable 200 bodies are worth another try;
    /// 400/401/403/404 never are.
    public var isRetryable: Bool {
        switch kind {
        // An untrusted certificate or a malformed URL will not fix itself by waiting.
        case .transport(let code, _): !ClientError.permanentTransportCodes.contains(code)
        case .payload: true
        case .http(let status): status == 408 || status == 429 || status >= 500
        case .cancelled, .foreignPort: false
        }
    }

    /// libcurl codes that retrying cannot cure: bad URL or protocol, and TLS certificate
    /// verification failures (51, 58, 60, 77, 83, 90, 91).
    static let permanentTransportCodes: Set<Int> = [1, 3, 51, 58, 60, 77, 83, 90, 91]

    /// What went wrong in a few words, for a retry notice: `503`, `a cut answer`, `no connection`.
    public var shortCause: String {
        switch kind {
        case .transport(let code, _): code == 28 ? "a timeout" : "no connection"
        case .http(let status): String(status)
        case .payload: "an unusable answer"
        case .cancelled: "a stop"
        case .foreignPort: "a port held by another user"
        }
    }

    /// Cloudflare's error, e.g. `HTTP 403: 10000 Authentication error`.
    public var summary: String {
        if let diagnosis { return diagnosis }
        let codes = errors.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
        switch kind {
        case .transport(_, let message): return "cannot reach Cloudflare" + (url.map { " at '\($0)'" } ?? "") + ": \(message)"
        case .http(let status): return "HTTP \(status)" + (codes.isEmpty ? (detail.isEmpty ? "" : ": \(detail)") : ": \(codes)")
        case .payload: return "unusable response: \(detail)"
        case .cancelled: return "stopped before the request was sent"
        case .foreignPort: return detail
        }
    }

    /// A plain hint for the codes DESIGN.md §4 names.
    public var hint: String? {
        if diagnosis != nil { return "create a new token (or enable this one) in My Profile → API Tokens, then 'cfaccess token rotate' it" }
        let codes = Set(self.codes)
        if codes.contains(1000) { return "the token is invalid or was revoked: create a new one and 'cfaccess token rotate' it" }
        if codes.contains(6003) || codes.contains(6111) {
            return "the Authorization header was malformed: re-add the token with 'cfaccess token rotate' (it may hold stray characters or be a Global API Key)"
        }
        if codes.contains(9106) { return "the request carried no credentials" }
        if codes.contains(9109) { return "the token may not be used from this IP address, or it cannot access this account" }
        if codes.contains(10000) { return "the token lacks the permission 'Access: Audit Logs Read' for this account" }
        if codes.contains(971) || status == 429 { return "rate limited: Cloudflare allows 1200 requests per 5 minutes per token" }
        if case .transport = kind { return "check the network, the proxy settings and --base-url" }
        if case .foreignPort = kind { return "whoever holds that port would receive the token: stop using it, and start your own cfaccess-sandbox or server" }
        return nil
    }
}

/// One `{code, message}` of an envelope's `errors` or `messages`.
public struct CloudflareMessage: Sendable, Equatable, Decodable {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }
}
