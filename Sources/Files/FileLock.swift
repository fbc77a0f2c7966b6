#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a private lock file, waited for up to a timeout.
public enum FileLock {
    /// Runs `body` holding the lock at `path`; after `timeout` seconds of waiting for another
    /// process, throws a `.busy` problem. The lock goes with the descriptor, so a killed holder
    /// never leaves it stuck.
    public static func withLock<Result, Failure: Error>(
        _ path: String, timeout: Double, _ body: () throws(Failure) -> Result
    ) throws(LockFailure<Failure>) -> Result {
        let descriptor: Int32
        do throws(FileProblem) {
            descriptor = try PrivateFile.openCreating(path, flags: O_RDWR)
        } catch {
            throw .file(error)
        }
        defer { close(descriptor) }
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw .file(FileProblem.system("cannot lock", path)) }
            guard waited < timeout else { throw .file(FileProblem(.busy, "'\(path)' is held by another process")) }
            usleep(20_000)
            waited += 0.02
        }
        defer { flock(descriptor, LOCK_UN) }
        do { return try body() } catch { throw .body(error) }
    }
}

extension FileLock {
    /// Whether a process holds the lock at `path` now (nil when that cannot be told). Nothing is
    /// created: a missing lock file is a lock nobody holds.
    public static func isHeld(_ path: String) -> Bool? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return errno == ENOENT ? false : nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK ? true : nil
    }
}

/// Taking the lock failed, or the work done under it did.
public enum LockFailure<Failure: Error>: Error {
    case file(FileProblem)
    case body(Failure)
}
