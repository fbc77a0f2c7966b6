import FoundationEssentials
import Inputs
#if canImport(Glibc)
import Glibc
#endif

/// Supplies the `Authorization` header value (`Bearer <token>`) from wherever the secret lives,
/// for the duration of one call only.
public protocol Credential {
    func withAuthorization<Result>(_ body: (UnsafeRawBufferPointer) throws(ClientError) -> Result) throws(ClientError) -> Result
}

/// What token verification says (`GET …/tokens/verify`).
public struct TokenStatus: Sendable, Equatable, Decodable {
    public var id: String
    public var status: String
    public var notBefore: String?
    public var expiresOn: String?

    enum CodingKeys: String, CodingKey {
        case id, status, notBefore = "not_before", expiresOn = "expires_on"
    }
}

/// The Cloudflare API v4 as cfaccess uses it: one connection, envelopes checked, errors typed,
/// retries with backoff and jitter for what is worth retrying, and pacing under the
/// 1200-requests-per-5-minutes budget.
public final class CloudflareClient {
    public struct Retry: Sendable {
        public var attempts = 6
        public var baseDelay = 0.5
        public var maxDelay = 30.0

        public init() {}
    }

    public let baseURL: BaseURL
    private let transport: HTTPTransport
    private let credential: Credential
    private let retry: Retry
    private let log: ((String) -> Void)?
    /// Told of every wait before a retry, in words ("waiting 2 s after 503 from Cloudflare, attempt 3 of 6").
    private let retryNotice: ((String) -> Void)?
    private let isCancelled: () -> Bool
    /// Shared by every client of the same token.
    private let budget: RequestBudget
    /// Requests made and retries among them, for reports.
    public private(set) var requests = 0
    public private(set) var retries = 0
    /// Answers by HTTP status, and `error` for requests that got none, for metrics.
    public private(set) var responses: [String: Int] = [:]

    public init(baseURL: BaseURL, credential: Credential, transport: HTTPTransport, retry: Retry = Retry(),
                budget: RequestBudget = RequestBudget(), log: ((String) -> Void)? = nil, retryNotice: ((String) -> Void)? = nil,
                isCancelled: @escaping () -> Bool = { false }) {
        self.baseURL = baseURL
        self.credential = credential
        self.transport = transport
        self.retry = retry
        self.budget = budget
        self.log = log
        self.retryNotice = retryNotice
        self.isCancelled = isCancelled
    }

    public func verifyUserToken() throws(ClientError) -> TokenStatus {
        try decode(TokenStatus.self, from: try request("/user/tokens/verify", retrying: true))
    }

    public func verifyAccountToken(account: AccountID) throws(ClientError) -> TokenStatus {
        try decode(TokenStatus.self, from: try request("/accounts/\(account)/tokens/verify", retrying: true))
    }

    /// Verifies the token as a user token, then as one of `account`'s (Cloudflare tells them
    /// apart only by which endpoint accepts it).
    public func verify(account: AccountID) throws(ClientError) -> (status: TokenStatus, accountOwned: Bool) {
        do throws(ClientError) {
            return (try verifyUserToken(), false)
        } catch where error.status == 401 || error.codes.contains(1000) {
            return (try verifyAccountToken(account: account), true)
        }
    }

    /// One page of access requests; `accept` checks and reads the body, and a `.payload` error
    /// from it (cut JSON, HTML, `success:false`) counts as a failed attempt to retry.
    public func accessRequests<Page>(account: AccountID, query: [(String, String)], accept: ([UInt8]) throws(ClientError) -> Page) throws(ClientError) -> Page {
        let encoded = query.map { "\($0.0)=\(CloudflareClient.percentEncode($0.1))" }.joined(separator: "&")
        return try perform("/accounts/\(account)/access/logs/access_requests?" + encoded, retrying: true, accept: accept)
    }

    /// A refused request (401, 403) explained by asking verification about the token: an
    /// expired or disabled token is said to be so, with its date, instead of the missing
    /// permission the error codes suggest. Any other error, or a token that verifies as active,
    /// is returned as it was.
    public func explain(_ refusal: ClientError, account: AccountID) -> ClientError {
        guard refusal.status == 401 || refusal.status == 403 else { return refusal }
        let status: TokenStatus
        do throws(ClientError) {
            do throws(ClientError) {
                status = try verifyUserToken()
            } catch where error.status == 401 || error.codes.contains(1000) {
                status = try verifyAccountToken(account: account)
            }
        } catch {
            return refusal
        }
        var explained = refusal
        let expiry = status.expiresOn.flatMap { try? TimeInput($0, option: "expires_on", now: 0) }
        if let expiry, expiry.milliseconds < TimeInput.nowMilliseconds() {
            explained.diagnosis = "the token expired on \(expiry.rfc3339)"
        } else if status.status != "active" {
            explained.diagnosis = "the token is \(status.status)" + (expiry.map { " (it expires on \($0.rfc3339))" } ?? "")
        }
        return explained
    }

    // MARK: Requests

    private func request(_ path: String, retrying: Bool) throws(ClientError) -> [UInt8] {
        try perform(path, retrying: retrying) { body throws(ClientError) in body }
    }

    private func perform<Result>(_ path: String, retrying: Bool, accept: ([UInt8]) throws(ClientError) -> Result) throws(ClientError) -> Result {
        var attempt = 0
        while true {
            attempt += 1
            budget.take(unless: isCancelled)
            if isCancelled() { throw ClientError(.cancelled, detail: "") }
            let started = CloudflareClient.now()
            requests += 1
            do throws(ClientError) {
                let response: HTTPResponse
                do throws(ClientError) {
                    response = try credential.withAuthorization { (authorization) throws(ClientError) in
                        // Plain http to loopback: on a shared host, another user may hold the port.
                        try transport.get(baseURL.text + path, authorization: authorization, direct: baseURL.isLoopback,
                                          guardsLoopback: baseURL.isLoopback && baseURL.text.lowercased().hasPrefix("http://"))
                    }
                } catch {
                    responses["error", default: 0] += 1
                    var error = error
                    error.url = baseURL.text
                    if error.kind == .foreignPort { error.detail = "refusing to send the token to '\(baseURL.text)': " + error.detail }
                    log?("GET \(path) → \(error.summary) (attempt \(attempt))")
                    throw error
                }
                responses[String(response.status), default: 0] += 1
                budget.note(status: response.status, headers: response.headers)
                log?("GET \(path) → \(response.status) in \(Int((CloudflareClient.now() - started) * 1000)) ms (attempt \(attempt))")
                guard (200..<300).contains(response.status) else {
                    throw CloudflareClient.failure(response)
                }
                return try accept(response.body)
            } catch {
                guard retrying, error.isRetryable, attempt < retry.attempts, !isCancelled() else { throw error }
                retries += 1
                let delay = delayBefore(attempt: attempt, after: error)
                log?("retrying in \(Int(delay * 1000)) ms")
                retryNotice?("waiting \(delay < 10 ? String(format1(delay)) : String(Int(delay))) s after \(error.shortCause) from Cloudflare, attempt \(attempt + 1) of \(retry.attempts)")
                CloudflareClient.sleep(delay, unless: isCancelled)
                if isCancelled() { throw error }
            }
        }
    }

    /// Capped exponential backoff with full jitter; `Retry-After` is honoured when longer, up
    /// to `retryAfterLimit`.
    private func delayBefore(attempt: Int, after error: ClientError) -> Double {
        CloudflareClient.delay(attempt: attempt, retry: retry, retryAfter: error.retryAfter)
    }

    static func delay(attempt: Int, retry: Retry, retryAfter: Double?) -> Double {
        let ceiling = min(retry.maxDelay, retry.baseDelay * Double(1 << min(attempt - 1, 16)))
        let jittered = Double.random(in: ceiling / 2...ceiling)
        return max(jittered, min(retryAfter ?? 0, CloudflareClient.retryAfterLimit))
    }

    /// One decimal: `2.4`.
    private func format1(_ value: Double) -> String { "\(Int(value))." + "\(Int(value * 10) % 10)" }

    /// The longest wait a `Retry-After` may impose: Cloudflare's rate-limit window is five minutes.
    public static let retryAfterLimit = 300.0

    private static func failure(_ response: HTTPResponse) -> ClientError {
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(response.body))
        let looksHTML = response.headers["content-type"]?.contains("html") ?? response.body.starts(with: Array("<".utf8))
        var error = ClientError(.http(status: response.status), errors: envelope?.allErrors ?? [],
                                detail: looksHTML ? "an HTML error page" : "")
        if let retryAfter = response.headers["retry-after"] { error.retryAfter = parseRetryAfter(retryAfter) }
        return error
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8]) throws(ClientError) -> Value {
        guard let envelope = try? JSONDecoder().decode(ResultEnvelope<Value>.self, from: Data(body)) else {
            throw ClientError(.payload, detail: "the response is not the JSON envelope expected")
        }
        guard envelope.success, let result = envelope.result else {
            throw ClientError(.payload, errors: envelope.errors ?? [], detail: "success is false")
        }
        return result
    }

    // MARK: Helpers

    /// Seconds (digits only), or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); nil for
    /// anything else, such as `inf`, `nan`, `1e9` or a date with impossible fields.
    static func parseRetryAfter(_ text: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        // Scalars, not characters: a CRLF pair is one `Character` and would survive a trim of either.
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let trimmed = String(String.UnicodeScalarView(scalars.drop(while: isSpace).reversed().drop(while: isSpace).reversed()))
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
            // Ten digits is over 300 years: anything longer is capped the same way.
            return Double(trimmed.count <= 10 ? Int(trimmed)! : 9_999_999_999)
        }
        let parts = trimmed.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", parts[1].count <= 2, parts[3].count == 4,
              let day = Int(parts[1]), (1...31).contains(day), let month = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3]), (1970...9999).contains(year) else {
            return nil
        }
        let clock = parts[4].split(separator: ":").compactMap { $0.count == 2 ? Int($0) : nil }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] <= 60 else { return nil }
        // Days since 1970-01-01 (proleptic Gregorian).
        let y = month < 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + 1 + (month > 1 ? -3 : 9)) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        let epoch = Double(days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2])
        return max(0, epoch - now)
    }

    static func percentEncode(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                output.append(Character(Unicode.Scalar(byte)))
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }

    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Sleeps in short steps so a cancellation (Ctrl-C) is noticed quickly.
    public static func sleep(_ seconds: Double, unless cancelled: () -> Bool) {
        var left = seconds
        while left > 0 && !cancelled() {
            let step = min(left, 0.1)
            usleep(useconds_t(step * 1_000_000))
            left -= step
        }
    }
}

private struct ErrorEnvelope: Decodable {
    struct Detail: Decodable {
        var code: Int
        var message: String
        var errorChain: [CloudflareMessage]?
        enum CodingKeys: String, CodingKey { case code, message, errorChain = "error_chain" }
    }
    var errors: [Detail]?

    /// Errors with their nested `error_chain`s flattened.
    var allErrors: [CloudflareMessage] {
        (errors ?? []).flatMap { [CloudflareMessage(code: $0.code, message: $0.message)] + ($0.errorChain ?? []) }
    }
}

private struct ResultEnvelope<Value: Decodable>: Decodable {
    var success: Bool
    var errors: [CloudflareMessage]?
    var result: Value?
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
