import ArgumentParser
import Feeds
import Secrets
import Shell
import Vault
import Voice

struct StorageRemove: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an object store and its key from the vault.")
    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage")) var name: String
    @Flag(help: "Remove it even though feeds deliver to it (they fail until given another).") var force = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        _ = try session.vault.storageEntry(name, key: key)
        let users = FeedDefinition.users(of: name, in: session.feeds)
        if !users.isEmpty && !force {
            throw CommandFailure(.dataError, "object store '\(name)' is used by \(users.count == 1 ? "feed" : "feeds") \(users.map { "'\($0)'" }.joined(separator: ", "))",
                                 hint: "point them at another with 'cfaccess feed update NAME --storage OTHER', or remove it anyway with --force")
        }
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
