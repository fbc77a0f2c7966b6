import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct TokenShow: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one stored token's details (never its secret).")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"), completion: CompletionValues.tokens)
    var name: String

    @Flag(help: "Machine-readable output.")
    var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let entries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }
        guard let entry = entries.first(where: { $0.name == name }) else { throw VaultError.unknownEntry(name).failure }
        if entry.isStorage { throw VaultError.otherKind(name, isStorage: true).failure }
        let summary = TokenSummary(entry)
        if json {
            Console.writeOutput(try JSONText.encode(summary) + "\n")
            return .status(0)
        }
        var lines = [
            "name:        \(summary.name)", "fingerprint: \(summary.fingerprint)", "length:      \(summary.length)",
            "created:     \(summary.created)", "updated:     \(summary.updated)", "last check:  \(summary.checkText)",
        ]
        if let check = summary.lastCheck {
            for (label, value) in [("token id", check.tokenID), ("status", check.status), ("expires on", check.expiresOn)] {
                if let value { lines.append("  \(label): \(value)") }
            }
            for account in check.accounts {
                lines.append("  account \(account.account): \(account.logs)" + (account.checkedAt.map { " (checked \($0))" } ?? ""))
            }
        }
        Console.writeOutput(lines.joined(separator: "\n") + "\n")
        return .status(0)
    }
}
