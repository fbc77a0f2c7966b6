import Inputs
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// The vault passphrase, from the first source that is set (DESIGN.md §3): `--passphrase-fd`,
/// `--passphrase-file`, `CFACCESS_PASSPHRASE_FILE`, `$CREDENTIALS_DIRECTORY/cfaccess-passphrase`
/// (a systemd credential), `CFACCESS_PASSPHRASE` (with a warning), then the terminal. With none
/// of them, a clear error instead of a hang.
package struct Passphrase {
    let sources: SecretSources

    package init(sources: SecretSources) { self.sources = sources }

    package static let sourcesHint = "give it with --passphrase-file PATH, --passphrase-fd N or CFACCESS_PASSPHRASE_FILE"

    /// The passphrase of an existing vault.
    package func current() throws(CommandFailure) -> SecretBytes {
        if let configured = try configured() { return configured }
        guard let typed = try SecretInput.prompt("Vault passphrase: ") else { throw noSource }
        return typed
    }

    /// A new passphrase: from the configured source, or typed twice on the terminal.
    package func new(configured override: SecretBytes? = nil) throws(CommandFailure) -> SecretBytes {
        let chosen: SecretBytes
        if let override {
            chosen = override
        } else if let configured = try configured() {
            chosen = configured
        } else {
            guard let first = try SecretInput.prompt("New vault passphrase: "),
                  let second = try SecretInput.prompt("Repeat the passphrase: ") else { throw noSource }
            guard first.equals(second) else {
                throw CommandFailure(.dataError, "the two passphrases differ", hint: "nothing was changed; try again")
            }
            chosen = first
        }
        guard !chosen.isEmpty else { throw CommandFailure(.dataError, "the passphrase is empty") }
        if chosen.count < 12 { Console.warning("a passphrase under 12 characters is easy to guess") }
        return chosen
    }

    /// Whether a source other than the terminal is configured (so asking needs no prompt).
    package var isConfigured: Bool {
        sources.passphraseFD != nil || sources.passphraseFile != nil
            || Environment.value("CFACCESS_PASSPHRASE_FILE") != nil || credentialPath != nil
            || Environment.value("CFACCESS_PASSPHRASE") != nil
    }

    /// `$CREDENTIALS_DIRECTORY/cfaccess-passphrase` when systemd provides it.
    private var credentialPath: String? {
        Environment.value("CREDENTIALS_DIRECTORY").map { $0 + "/cfaccess-passphrase" }.flatMap { access($0, F_OK) == 0 ? $0 : nil }
    }

    private var noSource: CommandFailure {
        CommandFailure(.configuration, "no passphrase: there is no terminal to ask on", hint: Passphrase.sourcesHint)
    }

    private func configured() throws(CommandFailure) -> SecretBytes? {
        if let descriptor = sources.passphraseFD {
            return try SecretInput.descriptorContents(descriptor, what: "passphrase")
        }
        if let path = sources.passphraseFile ?? Environment.value("CFACCESS_PASSPHRASE_FILE") {
            return try SecretInput.file(path, what: "passphrase", sources: sources)
        }
        if let credentialPath {
            return try SecretInput.file(credentialPath, what: "passphrase", sources: sources, systemdCredential: true)
        }
        if Environment.value("CFACCESS_PASSPHRASE") != nil {
            Console.warning("reading the passphrase from CFACCESS_PASSPHRASE; other processes of yours can read the environment, prefer CFACCESS_PASSPHRASE_FILE")
            return try SecretInput.environment("CFACCESS_PASSPHRASE", what: "passphrase")
        }
        return nil
    }
}
