#if canImport(Glibc)
import Glibc
#endif

/// The files cfaccess keeps on a shared host (vault, passphrase and token files, feed
/// definitions, checkpoints, history). Each is opened first, with `O_NOFOLLOW`, and the open
/// descriptor is checked with `fstat`: a regular file, owned by the user, with no group or world
/// access (ssh's rule). Checking a path and then opening it would let the path change in between.
public enum PrivateFile {
    /// Opens `path` and checks what was opened; the caller closes the descriptor. `O_NONBLOCK`
    /// keeps a FIFO at the path from hanging the open before the check can refuse it (it changes
    /// nothing for regular files). `rootMayOwn` also accepts a file root owns and only root may
    /// write (a systemd credential: root's, mode 0400 or 0440, readable through an ACL).
    public static func open(_ path: String, flags: Int32 = O_RDONLY, mode: mode_t = 0o600, rootMayOwn: Bool = false) throws(FileProblem) -> Int32 {
        let descriptor = Glibc.open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw FileProblem(.missing, "'\(path)' does not exist") }
            if code == ELOOP {
                throw FileProblem(.unsafe, "'\(path)' is a symbolic link", hint: "replace it with a regular file owned by you")
            }
            throw FileProblem.system(flags & O_ACCMODE == O_RDONLY ? "cannot read" : "cannot open", path, errno: code)
        }
        do throws(FileProblem) {
            try check(descriptor, path: path, isDirectory: false, rootMayOwn: rootMayOwn)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Refuses an open file or directory that is not of the expected kind, is someone else's,
    /// or is open to other users.
    public static func check(_ descriptor: Int32, path: String, isDirectory: Bool, rootMayOwn: Bool = false) throws(FileProblem) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileProblem.system("cannot inspect", path) }
        let kind = info.st_mode & S_IFMT
        guard kind == (isDirectory ? S_IFDIR : S_IFREG) else {
            throw FileProblem(.unsafe, "'\(path)' is not a \(isDirectory ? "directory" : "regular file")",
                              hint: "move it aside; cfaccess only uses \(isDirectory ? "directories" : "regular files") it can trust there")
        }
        // Write bits in the group class also stand for an ACL that lets someone write.
        if rootMayOwn, info.st_uid == 0, geteuid() != 0 {
            guard info.st_mode & 0o022 == 0 else {
                throw FileProblem(.unsafe, "'\(path)' may be written by users other than root (mode \(String(info.st_mode & 0o777, radix: 8)))",
                                  hint: "run: chmod go-w '\(path)'")
            }
            return
        }
        if info.st_uid != geteuid() {
            throw FileProblem(.unsafe, "'\(path)' is owned by another user", hint: "move it aside; cfaccess only uses files you own")
        }
        if info.st_mode & 0o077 != 0 {
            throw FileProblem(.unsafe, "'\(path)' is accessible by other users (mode \(String(info.st_mode & 0o777, radix: 8)))",
                              hint: "run: chmod \(isDirectory ? "700" : "600") '\(path)'")
        }
    }

    /// The whole of a private file, up to `limit` bytes (a larger one is refused, not truncated).
    public static func read(_ path: String, limit: Int = 64 << 20) throws(FileProblem) -> [UInt8] {
        let descriptor = try open(path)
        defer { Glibc.close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw FileProblem.system("cannot read", path) }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw FileProblem(.io(errno: EFBIG), "'\(path)' is larger than \(limit >> 20) MiB") }
            bytes += chunk[0..<count]
        }
    }

    /// Reads from `descriptor` into `buffer` until it is full or the input ends; returns the
    /// count. For secrets: the bytes go straight into the caller's memory, through no copy.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, FileProblem> {
        var count = 0
        while count < buffer.count {
            let got = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return .failure(FileProblem(.io(errno: errno), "cannot read: \(FileProblem.describe(errno: errno))")) }
            if got == 0 { break }
            count += got
        }
        return .success(count)
    }

    /// Replaces `path` with `bytes` atomically and durably: a private temp file in the same
    /// directory, fsync, rename over the old file, fsync of the directory. A crash at any moment
    /// leaves the old file or the new one, never a mix.
    public static func replace(_ path: String, with bytes: UnsafeRawBufferPointer, mode: mode_t = 0o600) throws(FileProblem) {
        let directory = DirectoryEntry.parent(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? "file"
        removeStaleTemporaries(of: base, in: directory)
        // A fresh name of its own: a temporary name in use is never taken over.
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<64 where descriptor < 0 {
            temporary = "\(directory)/\(temporaryPrefix(of: base))\(getpid()).\(attempt)"
            descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor < 0 && errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw FileProblem.system("cannot write", temporary) }
        if mode != 0o600 { fchmod(descriptor, mode) }
        var failure: FileProblem?
        if case .failure(let problem) = writeAll(descriptor, bytes) {
            failure = FileProblem.system("cannot write", path, errno: problem.errno)
        } else if fsync(descriptor) != 0 {
            failure = FileProblem.system("cannot sync", path)
        }
        Glibc.close(descriptor)
        if failure == nil, Glibc.rename(temporary, path) != 0 { failure = FileProblem.system("cannot replace", path) }
        if let failure {
            Glibc.unlink(temporary)
            throw failure
        }
        do throws(FileProblem) { try DirectoryEntry.sync(directory) } catch {
            var problem = error
            problem.replaced = true
            throw problem
        }
    }

    private static func temporaryPrefix(of base: String) -> String { ".\(base).tmp." }

    /// Removes the temporary files an earlier `replace` of the same file left when it was killed
    /// or lost power: only `.BASE.tmp.PID.N` files that are regular, the user's own, and whose
    /// process is gone. Anything else under such a name (another user's, a live writer's) stays.
    private static func removeStaleTemporaries(of base: String, in directory: String) {
        guard let stream = opendir(directory) else { return }
        var stale: [String] = []
        let prefix = temporaryPrefix(of: base)
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard name.hasPrefix(prefix) else { continue }
            let parts = name.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, parts[1].allSatisfy(\.isNumber) else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            var info = stat()
            let path = directory + "/" + name
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            stale.append(path)
        }
        closedir(stream)
        for path in stale { try? DirectoryEntry.remove(path) }
    }

    /// `replace(_:with:)` for bytes in an array.
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o600) throws(FileProblem) {
        let result: Result<Void, FileProblem> = bytes.withUnsafeBytes { buffer in
            do throws(FileProblem) { try replace(path, with: buffer, mode: mode); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// `open(_:flags:)` that creates a missing file (0600) and syncs its new name into the
    /// directory before anything is written to it. The caller closes the descriptor.
    public static func openCreating(_ path: String, flags: Int32) throws(FileProblem) -> Int32 {
        do throws(FileProblem) {
            let descriptor = try open(path, flags: flags | O_CREAT | O_EXCL)
            do throws(FileProblem) { try DirectoryEntry.syncParent(of: path) } catch {
                Glibc.close(descriptor)
                throw error
            }
            return descriptor
        } catch where error.kind == .io(errno: EEXIST) {
            return try open(path, flags: flags)
        }
    }

    /// Writes every byte, retrying short writes and `EINTR`.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Void, SystemErrno> {
        guard var next = bytes.baseAddress else { return .success(()) }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return .failure(SystemErrno(errno: errno))
            }
            next += written
            left -= written
        }
        return .success(())
    }
}

/// An `errno` value as an error.
public struct SystemErrno: Error, Equatable, Sendable {
    public var errno: Int32
    public init(errno: Int32) { self.errno = errno }
}
