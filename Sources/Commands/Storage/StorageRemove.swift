import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct StorageRemove: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an object store and its key from the vault.")
    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage"), completion: CompletionValues.storages) var name: String

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        _ = try session.vault.storageEntry(name, key: key)
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let index = entries.firstIndex(where: { $0.name == name }) else { throw .unknownEntry(name) }
                guard entries[index].isStorage else { throw .otherKind(name, isStorage: false) }
                entries.remove(at: index)
            }
        }
        Console.status("storage", "removed '\(name)'")
        return .status(0)
    }
}
