#if canImport(Glibc)
import Glibc
#endif

/// The directories that hold private files: created 0700, and checked through an open
/// descriptor (`O_NOFOLLOW | O_DIRECTORY`, then `fstat`) like the files in them.
public enum PrivateDirectory {
    /// Refuses `path` if it is a symlink, someone else's or open to others; a missing one is fine.
    public static func check(_ path: String) throws(FileProblem) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return
            case ELOOP, ENOTDIR:
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    throw FileProblem(.unsafe, "'\(path)' is a symbolic link", hint: "replace it with a regular directory owned by you")
                }
                throw FileProblem(.unsafe, "'\(path)' is not a directory", hint: "move it aside")
            default: throw FileProblem.system("cannot open", path)
            }
        }
        defer { close(descriptor) }
        try PrivateFile.check(descriptor, path: path, isDirectory: true)
    }

    /// Creates `path` and any missing parents as 0700 directories, each synced into its parent,
    /// then checks `path` itself.
    public static func make(_ path: String) throws(FileProblem) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            let parent = current.isEmpty ? "/" : current
            current += "/" + component
            if mkdir(current, 0o700) == 0 {
                try DirectoryEntry.sync(parent)
            } else if errno != EEXIST {
                throw FileProblem.system("cannot create", current)
            }
        }
        try check(path)
    }
}
