import ArgumentParser
import Inputs
import Normalizer
import Shell
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// Opens the vault for a token command, creating it first on a terminal when there is none.
func unlockedVault(_ session: ShellSession, creatingIfMissing: Bool = false) throws(CommandFailure) -> VaultKey {
    let access = session.vault
    if creatingIfMissing && !access.store.exists {
        guard SecretPrompt.hasTerminal else { throw VaultError.missing(access.store.path).failure }
        Console.status("vault", "no vault yet at '\(access.store.path)'; creating one")
        let passphrase = try Passphrase(session: session).new()
        let key = try vaultCall { () throws(VaultError) in try access.store.create(passphrase: passphrase, parameters: KDFParameters(.moderate)) }
        access.remember(key)
        return key
    }
    return try access.unlock { () throws(CommandFailure) in try Passphrase(session: session).current() }
}
