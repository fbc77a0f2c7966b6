#if canImport(Glibc)
import Glibc
#endif

/// The files cfaccess writes data to (`map -o`, `--rejects`, `logs fetch -o`, feed outputs,
/// rotated and compressed files, the metrics file), on hosts where the directory may be shared.
/// Nothing is ever written through a link, into a FIFO or socket, or into a file another user
/// owns or may write: a new file is created with `O_EXCL` (mode 0600), an existing one is
/// opened with `O_NOFOLLOW | O_NONBLOCK` and checked through the open descriptor.
public enum OutputPath {
    /// An opened output: the descriptor, and whether this open created the file.
    public struct Opened {
        public let descriptor: Int32
        public let created: Bool
    }

    /// Opens `path` for writing: creates it (0600), or opens the existing file when it is a
    /// regular file of the user's that no one else may write (or a character device such as
    /// `/dev/null`). `truncate` empties an existing regular file. The caller closes it.
    public static func open(_ path: String, truncate: Bool) throws(FileProblem) -> Opened {
        for _ in 0..<8 {
            let created = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if created >= 0 {
                do throws(FileProblem) { try DirectoryEntry.syncParent(of: path) } catch {
                    Glibc.close(created)
                    throw error
                }
                return Opened(descriptor: created, created: true)
            }
            guard errno == EEXIST else { throw FileProblem.system("cannot create", path) }
            // `O_NONBLOCK`: a FIFO at the path must not hang the open before it can be refused.
            let existing = Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard existing >= 0 else {
                switch errno {
                case ENOENT: continue
                case ELOOP: throw FileProblem(.unsafe, "refusing to write to '\(path)': it is a symbolic link",
                                              hint: "cfaccess never writes through a link; give the path of a file of your own")
                case ENXIO: throw notAFile(path, "a FIFO")
                default: throw FileProblem.system("cannot open", path)
                }
            }
            do throws(FileProblem) {
                let isRegular = try check(existing, path: path)
                if truncate && isRegular && ftruncate(existing, 0) != 0 { throw FileProblem.system("cannot truncate", path) }
                // Writes block as usual once the file is known to be a file.
                _ = fcntl(existing, F_SETFL, fcntl(existing, F_GETFL) & ~O_NONBLOCK)
            } catch {
                Glibc.close(existing)
                throw error
            }
            return Opened(descriptor: existing, created: false)
        }
        throw FileProblem(.busy, "cannot create '\(path)': it keeps appearing and disappearing")
    }

    /// Creates `path` as a new private file, never one that exists (`O_EXCL`), never through a link.
    /// Nil when the name is taken, so the caller can take the next free one.
    public static func createNew(_ path: String) throws(FileProblem) -> Int32? {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return nil }
            throw FileProblem.system("cannot create", path)
        }
        do throws(FileProblem) { try DirectoryEntry.syncParent(of: path) } catch {
            Glibc.close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Gives the file at `source` the name `destination` without replacing anything there (a
    /// hard link, then the old name removed, each synced): false when `destination` is taken.
    public static func move(_ source: String, to destination: String) throws(FileProblem) -> Bool {
        guard link(source, destination) == 0 else {
            if errno == EEXIST { return false }
            throw FileProblem.system("cannot rename '\(source)' to", destination)
        }
        try DirectoryEntry.syncParent(of: destination)
        try DirectoryEntry.remove(source)
        return true
    }

    /// The identity of the regular file at `path` itself (a link is not followed); nil when
    /// nothing or a link is there. Any other failure to look is thrown: "cannot tell" must never
    /// read as "not the feed's file" (a rotated file kept beside its `.gz` doubles its records).
    public static func identity(at path: String) throws(FileProblem) -> FileIdentity? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ELOOP { return nil }
            throw FileProblem.system("cannot read", path)
        }
        defer { Glibc.close(descriptor) }
        return FileIdentity(descriptor: descriptor)
    }

    /// Removes `path` only if it is still the file cfaccess created there (`identity`).
    public static func remove(_ path: String, ifStill identity: FileIdentity) throws(FileProblem) {
        guard try self.identity(at: path) == identity else { return }
        try DirectoryEntry.remove(path)
    }

    /// Whether the open `descriptor` may receive data: true for a regular file of the user's
    /// that no one else may write, false for a character device; anything else is refused.
    @discardableResult
    static func check(_ descriptor: Int32, path: String) throws(FileProblem) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileProblem.system("cannot inspect", path) }
        switch info.st_mode & S_IFMT {
        case S_IFCHR: return false
        case S_IFREG: break
        case S_IFIFO: throw notAFile(path, "a FIFO")
        case S_IFSOCK: throw notAFile(path, "a socket")
        case S_IFDIR: throw notAFile(path, "a directory")
        default: throw notAFile(path, "not a regular file")
        }
        if info.st_uid != geteuid() {
            throw FileProblem(.unsafe, "refusing to write to '\(path)': it is owned by another user (uid \(info.st_uid))",
                              hint: "cfaccess writes only into files you own; give a path of your own, or remove that file first")
        }
        if info.st_mode & 0o022 != 0 {
            throw FileProblem(.unsafe, "refusing to write to '\(path)': other users may write to it (mode \(String(info.st_mode & 0o777, radix: 8)))",
                              hint: "run: chmod go-w '\(path)'")
        }
        return true
    }

    private static func notAFile(_ path: String, _ what: String) -> FileProblem {
        FileProblem(.unsafe, "refusing to write to '\(path)': it is \(what)",
                    hint: "give the path of a regular file (or /dev/null); use '-' for standard output")
    }
}
