import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct VaultInit: SessionCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the vault (the new passphrase is asked twice).",
        discussion: """
            Examples:
              cfaccess vault init
              cfaccess vault init --kdf sensitive \\
                  --passphrase-file ~/.config/cfaccess/passphrase
            """
    )

    @Option(help: "Argon2id cost: interactive (fast), moderate (about 0.4 s and 256 MiB), sensitive (about 3 s and 1 GiB).")
    var kdf: KDFParameters.Level = .moderate

    func run(in session: ShellSession) throws -> ShellOutcome {
        let store = session.vault.store
        if store.exists { throw VaultError.alreadyExists(store.path).failure }
        let passphrase = try Passphrase(session: session).new()
        let key = try vaultCall { () throws(VaultError) in try store.create(passphrase: passphrase, parameters: KDFParameters(kdf)) }
        session.vault.remember(key)
        Console.status("vault", "created '\(store.path)' (Argon2id \(kdf.rawValue))")
        return .status(0)
    }
}
