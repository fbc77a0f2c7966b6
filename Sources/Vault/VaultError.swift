/// Why a vault operation failed; each maps to one exit code of DESIGN.md §4.
public enum VaultError: Error, Equatable, Sendable {
    /// Wrong passphrase, or the file was altered: the two are indistinguishable by design.
    /// `backup` is the path of `vault.bak` when one exists, for the way out.
    case cannotOpen(String, backup: String? = nil)
    /// The file is not a vault, or is cut short.
    case damaged(String, backup: String? = nil)
    /// A file or directory that must be private is not, or is not what it should be.
    case unsafePath(message: String, hint: String?)
    case missing(String)
    case alreadyExists(String)
    case busy(String)
    case io(String)
    /// The change is in the vault, but what should follow failed (`reason`): syncing it, reading
    /// it back, or writing `vault.bak` (`backupWritten` false: the backup is a change behind).
    case savedUnconfirmed(vault: String, reason: String, backupBehind: Bool)
    case crypto(String)
    case unknownEntry(String)
    /// The name is an object store's key where a token was asked for, or the other way round.
    case otherKind(String, isStorage: Bool)
    case duplicateEntry(String)
    case invalidName(String)
}
