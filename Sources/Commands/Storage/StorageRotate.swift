import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct StorageRotate: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--from-file"]

    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace an object store's secret key (and, if given, its access key id, endpoint, region or addressing).",
        discussion: """
            Example:
              cfaccess storage rotate lake --access-key-id AKIAI44QH8DHBEXAMPLE
            """
    )

    @Argument(help: ArgumentHelp("The store's name.", valueName: "storage")) var name: String
    @OptionGroup var settings: StorageSettings

    func run(in session: ShellSession) throws -> ShellOutcome {
        let key = try unlockedVault(session)
        let current = try session.vault.storageEntry(name, key: key)
        var facts = try settings.apply(to: current.check)
        // What a check learned was about the old key.
        for learned in ["result", "checked_at"] { facts[learned] = nil }
        let secret = try settings.readSecret(for: name, session: session)
        try vaultCall { () throws(VaultError) in
            try session.vault.store.update(with: key) { entries throws(VaultError) in
                guard let entry = entries.first(where: { $0.name == name }) else { throw .unknownEntry(name) }
                entry.secret = secret
                entry.check = facts
                entry.updated = nowMilliseconds()
            }
        }
        Console.status("storage", "rotated '\(name)': key \(facts["access_key_id"] ?? "") (secret \(secret.count) characters)")
        return .status(0)
    }
}
