import Secrets
import Vault
import Voice

extension ShellSession {
    /// Where this session's secrets may come from besides the terminal and the environment.
    var secretSources: SecretSources {
        SecretSources(passphraseFD: globals.passphraseFD, passphraseFile: globals.passphraseFile, scriptReader: scriptReader)
    }
}

/// Opens the vault for a command, creating it first on a terminal when there is none.
func unlockedVault(_ session: ShellSession, creatingIfMissing: Bool = false) throws(CommandFailure) -> VaultKey {
    try session.vault.unlocked(sources: session.secretSources, creatingIfMissing: creatingIfMissing)
}

extension Passphrase {
    init(session: ShellSession) { self.init(sources: session.secretSources) }
}

extension SecretInput {
    static func file(_ path: String, what: String, session: ShellSession, keepLineBreak: Bool = false) throws(CommandFailure) -> SecretBytes {
        try file(path, what: what, sources: session.secretSources, keepLineBreak: keepLineBreak)
    }
}
