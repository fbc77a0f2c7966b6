import ArgumentParser
import Feeds
import Inputs
import Secrets
import Shell
import Vault
import Voice

struct TokenRemove: SessionCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Delete a stored token.")

    @Argument(help: ArgumentHelp("The token's name.", valueName: "token"), completion: CompletionValues.tokens)
    var name: String

    @Flag(help: "Remove it even while feeds use it (they fail until given another token).")
    var force = false

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let users = TokenUsers(name, store: session.feeds, defaults: try SavedDefaults(session: session))
        if !users.feeds.isEmpty && !force {
            throw CommandFailure(.dataError, "token '\(name)' is used by \(users.description)",
                                 hint: "point them at another token with 'cfaccess feed update NAME --token OTHER', or remove it anyway with --force")
        }
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let index = entries.firstIndex(where: { $0.name == name }) else { throw .unknownEntry(name) }
                if entries[index].isStorage { throw .otherKind(name, isStorage: true) }
                entries.remove(at: index)
            }
        }
        Console.status("token", "removed '\(name)'")
        if !users.isEmpty { Console.warning("\(users.description) still name '\(name)' and will fail until given another token") }
        return .status(0)
    }
}
