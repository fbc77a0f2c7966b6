import Inputs

extension TokenCheck {
    /// What a check learned, to keep with the token (never the secret's text): the token's own
    /// verdict (`outcome`: did it verify, is it active) and, apart from it, per account, whether
    /// it could read that account's logs. A refused account never marks the token itself as
    /// failing. `checks` are all the checks run, `form` included.
    public static func facts(_ checks: [Check], status: TokenStatus?, account: AccountID, passed: Bool, now: String,
                             adding previous: [String: String]) -> [String: String] {
        let tokenChecks = checks.filter { $0.name == "verify" || $0.name == "status" }
        var facts = previous
        facts["outcome"] = tokenChecks.contains { $0.outcome == .fail } ? "fail" : "pass"
        facts["checked_at"] = now
        // Earlier versions kept the whole run's verdict, which mixed the account's into the token's.
        facts["result"] = nil
        facts["token_id"] = status?.id
        facts["status"] = status?.status
        facts["expires_on"] = status?.expiresOn
        if let permission = checks.first(where: { $0.name == "permission" }) {
            facts["account \(account)"] = permission.outcome == .pass ? "readable (checked \(now))" : "not readable (checked \(now))"
        }
        return facts
    }

    /// Whether the checks learned anything about the token: not when they could not reach
    /// Cloudflare, so such a check records nothing.
    public static func learned(from checks: [Check], status: TokenStatus?) -> Bool {
        status != nil || checks.contains { ["verify", "status"].contains($0.name) && $0.outcome == .fail && !$0.detail.hasPrefix("cannot reach") }
    }
}
