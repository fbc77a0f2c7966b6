import Inputs
import Vault

/// What `token list` and `token show` print about an entry: never the secret.
struct TokenSummary: Encodable {
    var name: String
    var fingerprint: String
    var length: Int
    var created: String
    var updated: String
    var lastCheck: LastCheck?

    /// The last `token check-scopes`: the token's own verdict, kept apart from each account's.
    struct LastCheck: Encodable {
        var checkedAt: String?
        /// `pass` when the token verified and is active; an account it may not read is no part of it.
        var verdict: String?
        var tokenID: String?
        var status: String?
        var expiresOn: String?
        var accounts: [Account]

        struct Account: Encodable {
            var account: String
            /// `readable` or `not readable`.
            var logs: String
            var checkedAt: String?

            enum CodingKeys: String, CodingKey { case account, logs, checkedAt = "checked_at" }
        }

        enum CodingKeys: String, CodingKey {
            case checkedAt = "checked_at", verdict, tokenID = "token_id", status, expiresOn = "expires_on", accounts
        }

        /// From the facts the vault keeps (`account ID` = `readable (checked TIME)`).
        init(_ facts: [String: String]) {
            checkedAt = facts["checked_at"]
            verdict = facts["outcome"]
            tokenID = facts["token_id"]
            status = facts["status"]
            expiresOn = facts["expires_on"]
            accounts = facts.keys.filter { $0.hasPrefix("account ") }.sorted().map { key in
                let value = facts[key] ?? ""
                let logs = value.hasPrefix("not readable") ? "not readable" : "readable"
                let checked = value.firstMatch(of: /\(checked ([^)]*)\)/).map { String($0.1) }
                return Account(account: String(key.dropFirst("account ".count)), logs: logs, checkedAt: checked)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, fingerprint, length, created, updated, lastCheck = "last_check"
    }

    init(_ entry: VaultEntry) {
        name = entry.name
        fingerprint = entry.fingerprint
        length = entry.secret.count
        created = formatTime(entry.created)
        updated = formatTime(entry.updated)
        lastCheck = entry.check.isEmpty ? nil : LastCheck(entry.check)
    }

    /// `2026-12-09 (in 5 days)`, `never`, or `-` until check-scopes has asked Cloudflare.
    var expiresText: String {
        guard let lastCheck, lastCheck.status != nil || lastCheck.expiresOn != nil else { return "-" }
        guard let expiry = TokenExpiry(lastCheck.expiresOn) else { return "never" }
        let now = nowMilliseconds()
        return "\(expiry.date) (\(expiry.isPast(now: now) ? "expired" : expiry.remaining(now: now)))"
    }

    var checkText: String {
        guard let lastCheck else { return "never checked" }
        let refused = lastCheck.accounts.filter { $0.logs != "readable" }.map(\.account)
        return [lastCheck.verdict, lastCheck.checkedAt.map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
            + (refused.isEmpty ? "" : "; cannot read account \(refused.joined(separator: ", "))")
    }
}
