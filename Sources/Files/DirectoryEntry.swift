#if canImport(Glibc)
import Glibc
#endif

/// A file's name lives in its directory, not in the file: after a create, link, rename or
/// unlink, fsync of the file makes its bytes durable but a power loss can still take the name
/// back (the output gone while its checkpoint says it was written). Every change of a name that
/// cfaccess relies on goes through here and syncs the directory that holds it.
public enum DirectoryEntry {
    /// Makes the entries of `directory` durable.
    public static func sync(_ directory: String) throws(FileProblem) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileProblem.system("cannot sync the directory", directory) }
        defer { close(descriptor) }
        // EINVAL: a file system that cannot sync a directory (some FUSE and network ones) has
        // nothing to make durable this way.
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw FileProblem.system("cannot sync the directory", directory) }
    }

    /// Makes the entry of `path` durable in its directory.
    public static func syncParent(of path: String) throws(FileProblem) {
        try sync(parent(of: path))
    }

    /// Removes the file at `path` and syncs its directory; nothing at the path is fine.
    public static func remove(_ path: String) throws(FileProblem) {
        if unlink(path) != 0 {
            guard errno == ENOENT else { throw FileProblem.system("cannot remove", path) }
            return
        }
        try syncParent(of: path)
    }

    /// The directory that holds `path`.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
