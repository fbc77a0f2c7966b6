import Files
#if canImport(Glibc)
import Glibc
#endif

extension FeedStore {
    /// Creates the default output directory when the feed writes there; any other directory
    /// must exist and be writable by the user, or the first run would fail with no hint.
    public func prepareOutput(of definition: FeedDefinition) throws(FileProblem) {
        // An object store's output is spooled under the data directory, made at the first run.
        guard ObjectLayout(output: definition.output) == nil else { return }
        if definition.output.hasPrefix(absolutePath(directory) + "/output/") {
            try PrivateDirectory.make(directory + "/output")
        }
        for (path, what) in [(definition.output, "output"), (definition.rejects, "rejects file")] {
            let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
            var info = stat()
            guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw FileProblem(.missing, "the directory of the \(what) '\(path)' does not exist", hint: "create it first: mkdir -p '\(folder)'")
            }
            guard access(folder, W_OK | X_OK) == 0 else {
                throw FileProblem(.io(errno: EACCES), "you may not create files in '\(folder)', the directory of the \(what) '\(path)'",
                                  hint: "give a path in a directory you may write to")
            }
        }
    }
}
