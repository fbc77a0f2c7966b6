import ArgumentParser
import Client
import Feeds
import Inputs
import Secrets
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

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"), completion: CompletionValues.tokens) var name: String
    @Option(help: ArgumentHelp("Cloudflare account id (32 hex characters; default: the saved account).", valueName: "id")) var account: String?
    @Flag(help: "Machine-readable output.") var json = false
    @OptionGroup var connection: ConnectionOptions

    typealias Check = TokenCheck.Check

    struct Report: Encodable {
        var token: String
        var account: String
        var checks: [Check]
        var passed: Bool
    }

    func run(in session: ShellSession) throws -> ShellOutcome {
        let saved = try SavedDefaults(session: session)
        let text = try parsed { () throws(InvalidInput) in try saved.required(.account, option: self.account, flag: "--account ID") }
        let account = try parsed { () throws(InvalidInput) in try AccountID(text) }
        let (client, entry) = try connection.client(tokenName: name, session: session)
        var checks: [Check] = []
        var exit = ExitStatus.success

        // 1. The stored form.
        let lint = try entry.secret.copy()
        let form = (try? PasteHygiene.clean(lint))?.warnings ?? ["the stored token has characters no token has"]
        checks.append(Check(name: "form", outcome: form.isEmpty ? .pass : .warning,
                            detail: form.first ?? "\(entry.fingerprint), \(entry.secret.count) characters"))

        // 2–4. Verify, status and expiry, the permission.
        let check = TokenCheck(client: client, account: account, token: name, now: nowMilliseconds(),
                               isUnreachable: { $0.failure.status == .unavailable }) { (body) throws(ClientError) in
            try AccessPage(body: body).records.first?.createdAt
        }
        checks += check.checks
        let status = check.status
        switch check.verdict {
        case .passed: break
        case .refused: exit = .permission
        case .unreachable: exit = .unavailable
        }

        let passed = exit == .success
        try record(checks, status: status, account: account, passed: passed, entry: entry, session: session)
        if json {
            Console.writeOutput(try JSONText.encode(Report(token: name, account: account.text, checks: checks, passed: passed)) + "\n")
        } else {
            Console.writeOutput(CheckLines.render(checks.map {
                CheckLines.Line(CheckLines.Outcome(rawValue: $0.outcome.rawValue) ?? .fail, $0.name, $0.detail, remediation: $0.remediation ?? [])
            }, width: 11))
        }
        if !passed { throw CommandFailure.alreadyReported(exit) }
        return .status(0)
    }

    /// What the check learned goes into the vault entry, when it learned anything.
    private func record(_ checks: [Check], status: TokenStatus?, account: AccountID, passed: Bool, entry: VaultEntry,
                        session: ShellSession) throws(CommandFailure) {
        guard let key = session.vault.heldKey, TokenCheck.learned(from: checks, status: status) else { return }
        let now = formatTime(nowMilliseconds())
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let stored = entries.first(where: { $0.name == entry.name }) else { return }
                stored.check = TokenCheck.facts(checks, status: status, account: account, passed: passed, now: now, adding: stored.check)
            }
        }
    }
}
