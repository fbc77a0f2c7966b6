import Vault
import Voice

extension VaultError {
    /// The error as the command line reports it (DESIGN.md §4 exit codes).
    package var failure: CommandFailure {
        switch self {
        case .cannotOpen(let reason, let backup):
            return CommandFailure(.permission, "cannot open the vault: \(reason)",
                                  hint: "nothing was changed; check the passphrase and try again"
                                      + (backup.map { "; if the passphrase is right the file was damaged: " + VaultError.restoreHint(backup: $0) } ?? ""))
        case .damaged(let reason, let backup):
            return CommandFailure(.permission, "cannot open the vault: \(reason)",
                                  hint: "nothing was changed; " + (backup.map(VaultError.restoreHint(backup:)) ?? "there is no 'vault.bak' to fall back on"))
        case .unsafePath(let message, let hint):
            return CommandFailure(.permission, message, hint: hint)
        case .missing(let path):
            return CommandFailure(.configuration, "no vault at '\(path)'", hint: "create one with 'cfaccess vault init'")
        case .alreadyExists(let path):
            return CommandFailure(.cannotCreate, "a vault already exists at '\(path)'",
                                  hint: "change its passphrase with 'cfaccess vault passwd'")
        case .busy(let path):
            return CommandFailure(.temporaryFailure, "the vault '\(path)' is busy: another cfaccess is changing it",
                                  hint: "try again in a moment")
        case .io(let message):
            return CommandFailure(.ioError, message)
        case .savedUnconfirmed(let vault, let reason, let backupBehind):
            return CommandFailure(.ioError, "the change is saved in '\(vault)', but \(reason)" + (backupBehind ? "; 'vault.bak' is one change behind" : ""),
                                  hint: "nothing needs to be done again; once the cause is fixed, the next change to the vault writes the backup anew")
        case .crypto(let message):
            return CommandFailure(.software, message)
        case .unknownEntry(let name):
            return CommandFailure(.configuration, "no token named '\(name)'", hint: "see 'cfaccess token list'")
        case .otherKind(let name, let isStorage):
            return isStorage
                ? CommandFailure(.configuration, "'\(name)' is an object store's key, not a token", hint: "see 'cfaccess storage show \(name)'")
                : CommandFailure(.configuration, "'\(name)' is a token, not an object store's key", hint: "see 'cfaccess token show \(name)'")
        case .duplicateEntry(let name):
            return CommandFailure(.cannotCreate, "a token named '\(name)' already exists",
                                  hint: "replace its secret with 'cfaccess token rotate \(name)'")
        case .invalidName(let name):
            return CommandFailure(.usage, "invalid token name '\(name)'",
                                  hint: "use up to 64 letters, digits, '.', '_' and '-'")
        }
    }

    /// How to put `vault.bak` back.
    package static func restoreHint(backup: String) -> String {
        "'\(backup)' is a verified copy of the vault as last written: 'cfaccess vault restore' checks that it opens and puts it back"
    }
}
