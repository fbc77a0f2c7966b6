import Inputs
import Voice
#if canImport(Glibc)
import Glibc
#endif

extension InvalidInput {
    /// A refused value is a usage error (exit 64), with its hint.
    var failure: CommandFailure { CommandFailure(.usage, message, hint: hint) }
}

/// Parses a value where it enters; a refusal becomes the usage error that names it.
func parsed<Value>(_ parse: () throws(InvalidInput) -> Value) throws(CommandFailure) -> Value {
    do { return try parse() } catch { throw error.failure }
}

/// `path` made absolute against the current directory, so a saved path means the same file
/// whichever directory cfaccess runs in later (cron starts in `$HOME`).
func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    guard let directory = getcwd(nil, 0) else { return path }
    defer { free(directory) }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    let base = String(cString: directory)
    return (base == "/" ? "" : base) + "/" + relative
}
