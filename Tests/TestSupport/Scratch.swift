import Foundation

/// Where tests keep their files, and where the project's own files are.
public enum Scratch {
    /// The package's root directory (where the goldens and the Python venv of `make deps` live).
    public static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh directory for one test's files.
    public static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
