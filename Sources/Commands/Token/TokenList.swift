import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct TokenList: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored tokens (never their secrets).")

    @Flag(help: "Machine-readable output.")
    var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let summaries = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }.filter { !$0.isStorage }.map(TokenSummary.init)
        if json {
            Console.writeOutput(try JSONText.encode(summaries) + "\n")
            return .status(0)
        }
        guard !summaries.isEmpty else {
            Console.status("token", "the vault holds no tokens; add one with 'cfaccess token add NAME'")
            return .status(0)
        }
        let rows = [["NAME", "FINGERPRINT", "LENGTH", "UPDATED", "EXPIRES", "LAST CHECK"]]
            + summaries.map { [$0.name, $0.fingerprint, String($0.length), $0.updated, $0.expiresText, $0.checkText] }
        Console.writeOutput(Table.render(rows))
        return .status(0)
    }
}
