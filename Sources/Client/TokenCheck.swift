import Inputs

/// What `token check-scopes` asks Cloudflare (DESIGN.md §7): does the token verify (as a user
/// token, then as the account's), is it active and unexpired, and may it read the account's
/// Access logs. Each step is one `Check` with what to do when it fails.
public struct TokenCheck {
    public struct Check: Encodable, Sendable {
        /// `skip`: not judged, because an earlier step settles it (a token that is not active
        /// reads nothing, so whether it may read the account cannot be told).
        public enum Outcome: String, Encodable, Sendable { case pass, warning, fail, skip }
        public var name: String
        public var outcome: Outcome
        public var detail: String
        public var remediation: [String]?

        public init(name: String, outcome: Outcome, detail: String, remediation: [String]? = nil) {
            self.name = name
            self.outcome = outcome
            self.detail = detail
            self.remediation = remediation
        }
    }

    /// How the checks ended, which the command line turns into its exit code.
    public enum Verdict: Sendable, Equatable {
        case passed
        /// The token, its status or its permission failed.
        case refused
        /// Cloudflare could not be reached.
        case unreachable
    }

    public private(set) var checks: [Check] = []
    public private(set) var status: TokenStatus?
    public private(set) var verdict = Verdict.passed

    /// Which failures mean Cloudflare could not be reached (the caller's exit-code rule).
    private let isUnreachable: (ClientError) -> Bool

    /// Runs the checks for the token named `token` (for the hints) against `account`, at `now`
    /// (Unix milliseconds). `newestEvent` reads a page's newest `created_at` (a body it cannot
    /// read is a `.payload` error, retried like any unusable answer).
    public init(client: CloudflareClient, account: AccountID, token: String, now: Int64,
                isUnreachable: @escaping (ClientError) -> Bool, newestEvent: ([UInt8]) throws(ClientError) -> String?) {
        self.isUnreachable = isUnreachable
        verify(client, account: account, token: token)
        if let status { checkStatus(status, token: token, now: now) }
        if checks.contains(where: { $0.name == "status" && $0.outcome == .fail }) {
            checks.append(Check(name: "permission", outcome: .skip, detail: "not judged: a token that is not active reads nothing"))
        } else if verdict != .unreachable {
            probe(client, account: account, token: token, newestEvent: newestEvent)
        }
    }

    /// The user endpoint, then the account endpoint for account-owned tokens.
    private mutating func verify(_ client: CloudflareClient, account: AccountID, token: String) {
        do throws(ClientError) {
            let (status, accountOwned) = try client.verify(account: account)
            self.status = status
            checks.append(Check(name: "verify", outcome: .pass, detail: "\(accountOwned ? "account-owned" : "user") token \(status.id)"))
        } catch {
            verdict = isUnreachable(error) ? .unreachable : .refused
            checks.append(Check(name: "verify", outcome: .fail, detail: error.summary,
                                remediation: [error.hint ?? "create a new token and store it with 'cfaccess token rotate \(token)'"]))
        }
    }

    /// Active, valid already, not expired (a warning under 14 days before it expires).
    private mutating func checkStatus(_ status: TokenStatus, token: String, now: Int64) {
        let rotate = "create a new token and store it with 'cfaccess token rotate \(token)'"
        func milliseconds(_ text: String?) -> Int64? { text.flatMap { try? TimeInput($0, option: "time", now: now).milliseconds } }
        let expiry = TokenExpiry(status.expiresOn)
        if status.status == "expired" || (status.status == "active" && expiry?.isPast(now: now) == true) {
            let when = status.expiresOn.map { " on \($0)" } ?? ""
            checks.append(Check(name: "status", outcome: .fail, detail: "the token expired\(when)",
                                remediation: ["create a new token, or extend this one's TTL, in My Profile → API Tokens; then store it with 'cfaccess token rotate \(token)'"]))
            verdict = .refused
        } else if status.status != "active" {
            checks.append(Check(name: "status", outcome: .fail, detail: "the token is \(status.status)",
                                remediation: ["enable it in My Profile → API Tokens (its status), or create a new token and store it with 'cfaccess token rotate \(token)'"]))
            verdict = .refused
        } else if let notBefore = milliseconds(status.notBefore), notBefore > now {
            checks.append(Check(name: "status", outcome: .fail, detail: "the token is not valid before \(status.notBefore!)"))
            verdict = .refused
        } else if let expiry {
            if expiry.isSoon(now: now) {
                checks.append(Check(name: "status", outcome: .warning, detail: "active, but it \(expiry.description(now: now))", remediation: [rotate]))
            } else {
                checks.append(Check(name: "status", outcome: .pass, detail: "active; \(expiry.description(now: now))"))
            }
        } else {
            checks.append(Check(name: "status", outcome: .pass, detail: "active, no expiry"))
        }
    }

    /// The permission, proven by reading one record. The token itself verified: a refusal here
    /// is about this account, not the token.
    private mutating func probe(_ client: CloudflareClient, account: AccountID, token: String,
                                newestEvent: ([UInt8]) throws(ClientError) -> String?) {
        do throws(ClientError) {
            let newestTime = try client.accessRequests(account: account, query: [("limit", "1"), ("direction", "desc")], accept: newestEvent)
            let newest = newestTime.map { "newest event \($0)" } ?? "no events yet"
            checks.append(Check(name: "permission", outcome: .pass, detail: "Access: Audit Logs Read on \(account) (\(newest))"))
        } catch {
            let refused = error.status == 403 || error.status == 404 || error.codes.contains(10000)
            checks.append(Check(
                name: "permission", outcome: .fail,
                detail: refused
                    ? "this token cannot read account \(account) (wrong id, or not scoped to it, or without Access: Audit Logs Read): \(error.summary)"
                    : error.summary,
                remediation: refused ? [
                    "check the account id: the dashboard shows it in its URL and on the account's Overview page",
                    "or give the token the permission: My Profile → API Tokens → Create Token → Custom token",
                    "Permissions: Account · Access: Audit Logs · Read",
                    "Account Resources: include the account \(account)",
                    "then store it with 'cfaccess token rotate \(token)'",
                ] : error.hint.map { [$0] }))
            if verdict == .passed { verdict = isUnreachable(error) ? .unreachable : .refused }
        }
    }
}
