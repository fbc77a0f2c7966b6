#if canImport(Glibc)
import Glibc
#endif

/// The ssh-style safety check for the files cfaccess keeps on a shared host (vault, feeds,
/// state, history): not a symlink, owned by the user, no group or world access.
public enum PrivatePath {
    /// Why a path is unsafe, with the command that fixes it.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        public var hint: String
    }

    /// Checks `path` if it exists; a missing path is fine (it will be created private).
    public static func check(_ path: String, isDirectory: Bool) -> Problem? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFLNK {
            return Problem(message: "'\(path)' is a symbolic link", hint: "replace it with a regular \(isDirectory ? "directory" : "file") owned by you")
        }
        if info.st_uid != geteuid() {
            return Problem(message: "'\(path)' is owned by another user", hint: "move it aside; cfaccess only uses files you own")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = isDirectory ? "700" : "600"
            return Problem(message: "'\(path)' is accessible by other users (mode \(String(info.st_mode & 0o777, radix: 8)))",
                           hint: "run: chmod \(mode) '\(path)'")
        }
        return nil
    }

    /// Creates `path` and any missing parents as 0700 directories, checking each existing one it relies on.
    public static func makeDirectory(_ path: String) -> Problem? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            if lstat(current, &info) == 0 { continue }
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                return Problem(message: "cannot create '\(current)': \(String(cString: strerror(errno)))",
                               hint: "check that the parent directory is writable")
            }
        }
        return check(path, isDirectory: true)
    }
}
