#if canImport(Glibc)
import Glibc
#endif

/// `path` made absolute against the current directory, so a saved path means the same file
/// whichever directory cfaccess runs in later (cron starts in `$HOME`).
package func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    guard let directory = getcwd(nil, 0) else { return path }
    defer { free(directory) }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    let base = String(cString: directory)
    return (base == "/" ? "" : base) + "/" + relative
}
