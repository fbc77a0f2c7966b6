/// Why a vault operation failed; each maps to one exit code of DESIGN.md §4.
public enum VaultError: Error, Equatable, Sendable {
    /// Wrong passphrase, or the file was altered: the two are indistinguishable by design.
    case cannotOpen(String)
    /// The file is not a vault, or is cut short.
    case damaged(String)
    case unsafePath(message: String, hint: String)
    case missing(String)
    case alreadyExists(String)
    case busy(String)
    case io(String)
    case crypto(String)
    case unknownEntry(String)
    case duplicateEntry(String)
    case invalidName(String)
}
