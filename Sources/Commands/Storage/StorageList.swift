import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct StorageList: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the object stores (never their secret keys).")
    @Flag(help: "Machine-readable output.") var json = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let stores = try vaultCall { () throws(VaultError) in try session.vault.store.entries(with: key) }.filter(\.isStorage).map(StorageSummary.init)
        if json {
            Console.writeOutput(try JSONText.encode(stores) + "\n")
        } else if stores.isEmpty {
            Console.status("storage", "no object stores yet; add one with 'cfaccess storage add NAME --endpoint URL --access-key-id ID'")
        } else {
            Console.writeOutput(Table.render([["NAME", "ENDPOINT", "REGION", "ADDRESSING", "ACCESS KEY ID", "LAST CHECK"]]
                + stores.map { [$0.name, $0.endpoint, $0.region, $0.addressing, $0.accessKeyID, $0.lastCheck ?? "never checked"] }))
        }
        return .status(0)
    }
}
