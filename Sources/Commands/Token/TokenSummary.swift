import Inputs
import Vault

/// What `token list` and `token show` print about an entry: never the secret.
struct TokenSummary: Encodable {
    var name: String
    var fingerprint: String
    var length: Int
    var created: String
    var updated: String
    var lastCheck: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, fingerprint, length, created, updated, lastCheck = "last_check"
    }

    init(_ entry: VaultEntry) {
        name = entry.name
        fingerprint = entry.fingerprint
        length = entry.secret.count
        created = formatTime(entry.created)
        updated = formatTime(entry.updated)
        lastCheck = entry.check.isEmpty ? nil : entry.check
    }

    /// `2026-12-09 (in 5 days)`, `never`, or `-` until check-scopes has asked Cloudflare.
    var expiresText: String {
        guard let lastCheck, lastCheck["status"] != nil || lastCheck["expires_on"] != nil else { return "-" }
        guard let expiry = TokenExpiry(lastCheck["expires_on"]) else { return "never" }
        let now = nowMilliseconds()
        return "\(expiry.date) (\(expiry.isPast(now: now) ? "expired" : expiry.remaining(now: now)))"
    }

    var checkText: String {
        guard let lastCheck else { return "never checked" }
        return [lastCheck["result"] ?? lastCheck["outcome"], lastCheck["checked_at"].map { "at \($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}
