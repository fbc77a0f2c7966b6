import Secrets
import ArgumentParser
import Client
import Feeds
import Inputs
import Shell
import Vault
import Voice

/// `token check-scopes NAME --account ID` (DESIGN.md §7): is this token usable for Access logs
/// of that account, and if not, exactly what to do.
struct TokenCheckScopes: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-scopes",
        abstract: "Check that a stored token is valid and may read the account's Access logs.",
        discussion: """
            Lints the stored token, verifies it (user token, then account token), checks its status \
            and expiry, and probes the access-requests endpoint. Exit 0 when every check passes, \
            77 when the token or its permission fails, 69 when Cloudflare cannot be reached.

            Example:
              cfaccess token check-scopes prod --account 023e105f4ecef8ad9ca31a8372d0c353
            """
    )

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token")) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id (32 hex characters; default: the saved account).", valueName: "id")) var account: String?
    @Flag(help: "Machine-readable output.") var json = false
    @OptionGroup var connection: ConnectionOptions

    struct Check: Encodable {
        enum Outcome: String, Encodable { case pass, warning, fail }
        var name: String
        var outcome: Outcome
        var detail: String
        var remediation: [String]?
    }

    struct Report: Encodable {
        var token: String
        var account: String
        var checks: [Check]
        var passed: Bool
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let text = try SavedDefaults(session: session).required(.account, option: self.account, flag: "--account ID")
        let account = try parsed { () throws(InvalidInput) in try AccountID(text) }
        let (client, entry) = try connection.client(tokenName: name, session: session)
        var checks: [Check] = []
        var exit = ExitStatus.success

        // 1. The stored form.
        let lint = try entry.secret.copy()
        let form = (try? PasteHygiene.clean(lint))?.warnings ?? ["the stored token has characters no token has"]
        checks.append(Check(name: "form", outcome: form.isEmpty ? .pass : .warning,
                            detail: form.first ?? "\(entry.fingerprint), \(entry.secret.count) characters"))

        // 2. Verify: the user endpoint, then the account endpoint for account-owned tokens.
        var status: TokenStatus?
        do throws(ClientError) {
            do throws(ClientError) {
                status = try client.verifyUserToken()
                checks.append(Check(name: "verify", outcome: .pass, detail: "user token \(status!.id)"))
            } catch where error.status == 401 || error.codes.contains(1000) {
                status = try client.verifyAccountToken(account: account)
                checks.append(Check(name: "verify", outcome: .pass, detail: "account-owned token \(status!.id)"))
            }
        } catch {
            let failure = error.failure
            exit = failure.status == .unavailable ? .unavailable : .permission
            checks.append(Check(name: "verify", outcome: .fail, detail: error.summary,
                                remediation: [failure.hint ?? "create a new token and store it with 'cfaccess token rotate \(name)'"]))
        }

        // 3. Status and expiry.
        if let status {
            if status.status != "active" {
                checks.append(Check(name: "status", outcome: .fail, detail: "the token is \(status.status)",
                                    remediation: ["enable or re-create the token in My Profile → API Tokens"]))
                exit = .permission
            } else if let notBefore = status.notBefore.flatMap(Instant.init), notBefore > Self.now {
                checks.append(Check(name: "status", outcome: .fail, detail: "the token is not valid before \(status.notBefore!)"))
                exit = .permission
            } else if let expiry = status.expiresOn, let instant = Instant(expiry) {
                if instant < Self.now {
                    checks.append(Check(name: "status", outcome: .fail, detail: "the token expired on \(expiry)",
                                        remediation: ["create a new token and store it with 'cfaccess token rotate \(name)'"]))
                    exit = .permission
                } else if instant.seconds - Self.now.seconds < 7 * 86_400 {
                    checks.append(Check(name: "status", outcome: .warning, detail: "active, but it expires on \(expiry)"))
                } else {
                    checks.append(Check(name: "status", outcome: .pass, detail: "active until \(expiry)"))
                }
            } else {
                checks.append(Check(name: "status", outcome: .pass, detail: "active, no expiry"))
            }
        }

        // 4. The permission, proven by reading one record.
        if exit != .unavailable {
            do throws(ClientError) {
                let page = try client.accessRequests(account: account, query: [("limit", "1"), ("direction", "desc")]) {
                    (body) throws(ClientError) in try AccessPage(body: body)
                }
                let newest = page.records.first.map { "newest event \($0.createdAt)" } ?? "no events yet"
                checks.append(Check(name: "permission", outcome: .pass, detail: "Access: Audit Logs Read on \(account) (\(newest))"))
            } catch {
                // The token itself verified: a refusal here is about this account, not the token.
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
                        "then store it with 'cfaccess token rotate \(name)'",
                    ] : error.hint.map { [$0] }))
                if exit == .success { exit = error.failure.status == .unavailable ? .unavailable : .permission }
            }
        }

        let passed = exit == .success
        try record(checks, status: status, account: account, passed: passed, entry: entry, session: session)
        if json {
            Console.writeOutput(try JSONText.encode(Report(token: name, account: account.text, checks: checks, passed: passed)) + "\n")
        } else {
            var lines: [String] = []
            for check in checks {
                let colour: Console.Colour = check.outcome == .pass ? .green : check.outcome == .fail ? .red : .yellow
                lines.append(Console.paint(check.outcome.rawValue, colour, on: 1) + String(repeating: " ", count: 8 - check.outcome.rawValue.count)
                             + "\(check.name.padding(11))\(check.detail)")
                for step in check.remediation ?? [] { lines.append("                   → \(step)") }
            }
            Console.writeOutput(lines.joined(separator: "\n") + "\n")
        }
        if !passed { throw CommandFailure.alreadyReported(exit) }
        return .status(0)
    }

    private static var now: Instant { Instant(formatTime(nowMilliseconds()))! }

    /// What the check learned goes into the vault entry (never the secret's text): the token's
    /// own verdict (`outcome`: did it verify, is it active), and, per account, whether it could
    /// read that account's logs. A refused account never marks the token itself as failing, and
    /// a check that could not reach Cloudflare learned nothing, so it records nothing.
    private func record(_ checks: [Check], status: TokenStatus?, account: AccountID, passed: Bool, entry: VaultEntry,
                        session: ShellSession) throws(CommandFailure) {
        guard let key = session.vault.heldKey else { return }
        let tokenChecks = checks.filter { $0.name == "verify" || $0.name == "status" }
        guard status != nil || tokenChecks.contains(where: { $0.outcome == .fail && !$0.detail.hasPrefix("cannot reach") }) else { return }
        let now = formatTime(nowMilliseconds())
        let permission = checks.first { $0.name == "permission" }
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let stored = entries.first(where: { $0.name == entry.name }) else { return }
                var facts = stored.check
                facts["outcome"] = tokenChecks.contains { $0.outcome == .fail } ? "fail" : "pass"
                facts["checked_at"] = now
                // The whole check's verdict, as its exit status gave it, for `token list`.
                facts["result"] = passed ? "pass" : "fail (\(checks.first { $0.outcome == .fail }?.name ?? "check") failed)"
                facts["token_id"] = status?.id
                facts["status"] = status?.status
                facts["expires_on"] = status?.expiresOn
                if let permission {
                    facts["account \(account)"] = permission.outcome == .pass ? "readable (checked \(now))" : "not readable (checked \(now))"
                }
                stored.check = facts
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
