import Client
import Files
import Storage
#if canImport(Glibc)
import Glibc
#endif

/// What stopped a feed's run, as a sentence for the state file, the log and the user.
public enum FeedRunError: Error, Sendable {
    /// Cloudflare refused, failed, or could not be reached (after retries).
    case api(ClientError)
    /// The output, rejects or a rotated file could not be written.
    case file(FileProblem)
    /// A file at the output or rejects path is not the feed's own.
    case notOwn(FeedFile.NotOwn)
    /// The feed's definition or state could not be read or saved.
    case store(FeedStoreError)
    /// What the run needs is not there (its token, a usable base URL).
    case setup(String, hint: String?)
    /// The object store refused an upload, failed, or could not be reached (after retries).
    case upload(StorageError, key: String)
    /// Another host collects this shared feed (until when, by the store's clock, when known).
    case leaseHeld(by: String, until: String?)
    /// The run failed, and its state file could not record the failure either (a full disk):
    /// `feed status` still shows the feed as the last saved state left it.
    indirect case unrecorded(FeedRunError, because: String)

    /// The disk (or the user's quota) is full: a file of the run's own could not be written.
    public var isDiskFull: Bool {
        let problem: FileProblem? = switch self {
        case .file(let problem), .store(.file(let problem)): problem
        default: nil
        }
        guard case .io(let code)? = problem?.kind else { return false }
        return code == ENOSPC || code == EDQUOT
    }

    /// Another host collects: for the service, standing by; for a one-shot run, a failure (75).
    public var isLeaseHeld: Bool { if case .leaseHeld = self { true } else { false } }

    public var message: String {
        switch self {
        case .api(let error): error.summary
        case .file(let problem): problem.message
        case .notOwn(let refusal): refusal.message
        case .store(.file(let problem)): problem.message
        case .store(.damaged(let path, let reason)): "'\(path)' is damaged and was left as it is: \(reason)"
        case .setup(let message, _): message
        case .upload(let error, let key):
            if error.kind == .unbelievable { error.summary + "; the feed stopped and left the bucket as it is" }
            else if key.isEmpty { error.summary } else { "cannot upload '\(key)': \(error.summary)" }
        case .leaseHeld(let holder, let until): "\(holder) collects this shared feed" + (until.map { " (its lease runs until \($0))" } ?? "")
        case .unrecorded(let error, let reason): error.message + "; the feed's state could not record this (\(reason))"
        }
    }

    public var hint: String? {
        switch self {
        case .api(let error): error.hint
        case .file(let problem): problem.hint
        case .notOwn(let refusal): refusal.hint
        case .store(.file(let problem)): problem.hint
        case .store(.damaged): "restore it from a backup, or move it aside and run 'cfaccess feed reset NAME --since TIME'"
        case .setup(_, let hint): hint
        case .upload(let error, _): error.hint ?? "the next run tries again (an object not yet uploaded waits in the spool; one a commit names, in the bucket's staging)"
        case .leaseHeld: "run it again once that lease is released or runs out, or leave the collecting to the other host"
        case .unrecorded(let error, _):
            "until the state can be written, 'feed status' shows the feed as its last saved state left it" + (error.hint.map { "; " + $0 } ?? "")
        }
    }
}
