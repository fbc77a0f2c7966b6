import Client
import Inputs

/// Where pages of access requests come from: the Cloudflare client, or a test's stand-in. The
/// walk and the runner see only this, so they are tested without HTTP.
public protocol AccessLogSource: AnyObject {
    /// One page; a `.payload` error (cut JSON, HTML, `success:false`) is a failed attempt that
    /// the source may retry before giving up.
    func accessPage(account: AccountID, query: [(String, String)]) throws(ClientError) -> AccessPage
    /// Requests made, retries among them, and answers by status, for reports and metrics.
    var requests: Int { get }
    var retries: Int { get }
    var responses: [String: Int] { get }
    /// `error` explained as well as the source can (an expired or disabled token).
    func explain(_ error: ClientError, account: AccountID) -> ClientError
    /// The token's status as verification gives it (its expiry); nil when the source cannot say.
    func tokenStatus(account: AccountID) throws(ClientError) -> TokenStatus?
}

extension AccessLogSource {
    public func explain(_ error: ClientError, account: AccountID) -> ClientError { error }
    public func tokenStatus(account: AccountID) throws(ClientError) -> TokenStatus? { nil }
}

extension CloudflareClient: AccessLogSource {
    public func tokenStatus(account: AccountID) throws(ClientError) -> TokenStatus? { try verify(account: account).status }

    public func accessPage(account: AccountID, query: [(String, String)]) throws(ClientError) -> AccessPage {
        try accessRequests(account: account, query: query) { (body) throws(ClientError) in try AccessPage(body: body) }
    }
}
