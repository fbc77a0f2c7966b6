import ArgumentParser
import Secrets
import Shell
import Vault
import Voice

struct VaultPasswd: SessionCommand, ReadsDataLines {
    static let dataLineOptions: Set<String> = ["--new-passphrase-file"]

    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Re-encrypt the vault under a new passphrase.")

    @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("Read the new passphrase from this file.", valueName: "path"),
            completion: .file())
    var newPassphraseFile: String?

    @Option(help: "Also change the Argon2id cost.")
    var kdf: KDFParameters.Level?

    func run(in session: ShellSession) throws -> ShellOutcome {
        let access = session.vault
        let key = try access.unlock { () throws(CommandFailure) in try Passphrase(session: session).current() }
        let override = try newPassphraseFile.map { path throws(CommandFailure) in
            try SecretInput.file(path, what: "new passphrase", session: session)
        }
        let passphrase: SecretBytes
        if let override {
            passphrase = try Passphrase(session: session).new(configured: override)
        } else {
            guard let typed = try SecretInput.prompt("New vault passphrase: ") else {
                throw CommandFailure(.configuration, "no new passphrase: there is no terminal to ask on",
                                     hint: "give it with --new-passphrase-file PATH")
            }
            passphrase = try Passphrase(session: session).new(configured: try confirmed(typed))
        }
        let newKey = try vaultCall { () throws(VaultError) in
            try access.store.changePassphrase(with: key, to: passphrase, parameters: kdf.map(KDFParameters.init))
        }
        access.remember(newKey)
        Console.status("vault", "passphrase changed; 'vault.bak' is a copy of the vault under the new passphrase")
        return .status(0)
    }

    private func confirmed(_ first: SecretBytes) throws(CommandFailure) -> SecretBytes {
        guard let second = try SecretInput.prompt("Repeat the passphrase: ") else { return first }
        guard first.equals(second) else {
            throw CommandFailure(.dataError, "the two passphrases differ", hint: "nothing was changed; try again")
        }
        return first
    }
}
