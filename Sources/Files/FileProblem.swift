#if canImport(Glibc)
import Glibc
#endif

/// Why a private file could not be used: what happened, and what to do about it.
public struct FileProblem: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Nothing at the path.
        case missing
        /// A symlink, another user's, open to others, or not the kind of file expected (ssh's rule).
        case unsafe
        /// Another process holds the lock past the timeout.
        case busy
        /// The system refused a read, write, sync or rename.
        case io(errno: Int32)
    }

    public var kind: Kind
    /// Lowercase, no final period, the path quoted.
    public var message: String
    public var hint: String?
    /// The file was already replaced when this went wrong (its directory could not be synced):
    /// the new contents are in place, only their durability is in doubt.
    public var replaced = false

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// An `errno` failure of `action` ("cannot write") on `path`, with the hint that fits the cause.
    public static func system(_ action: String, _ path: String, errno code: Int32 = errno) -> FileProblem {
        let reading = action.hasPrefix("cannot read")
        let hint: String? = switch code {
        case ENOSPC, EDQUOT: "free some space on the file system that holds '\(path)'"
        case EACCES, EPERM: reading ? "check that you may read '\(path)' and search its directories"
                                    : "check that you may write to '\(path)' and its directory"
        case EROFS: "'\(path)' is on a read-only file system; give a path on one cfaccess may write"
        default: nil
        }
        return FileProblem(.io(errno: code), "\(action) '\(path)': \(describe(errno: code))", hint: hint)
    }

    /// The lowercase `strerror` text, e.g. `no space left on device`.
    public static func describe(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
