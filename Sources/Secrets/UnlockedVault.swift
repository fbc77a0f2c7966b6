import Shell
import Vault
import Voice

extension VaultAccess {
    /// The key, asking for the passphrase when it is not held; with `creatingIfMissing` (a token
    /// command on a terminal with no vault yet) the vault is created first.
    package func unlocked(sources: SecretSources, creatingIfMissing: Bool = false) throws(CommandFailure) -> VaultKey {
        if creatingIfMissing && !store.exists {
            guard SecretPrompt.hasTerminal else { throw VaultError.missing(store.path).failure }
            Console.status("vault", "no vault yet at '\(store.path)'; creating one")
            let passphrase = try Passphrase(sources: sources).new()
            let key = try vaultCall { () throws(VaultError) in try store.create(passphrase: passphrase, parameters: KDFParameters(.moderate)) }
            remember(key)
            return key
        }
        return try unlock { () throws(CommandFailure) in try Passphrase(sources: sources).current() }
    }
}
