import Files
#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes data: a file it creates (0600, since events carry user e-mails and
/// IP addresses), or stdout for `-`.
package final class OutputFile {
    package let name: String
    package let descriptor: FileDescriptor
    private let ownsDescriptor: Bool

    /// Opens stdout for `nil` or `-`; otherwise creates or truncates `path` (exit 73 on failure).
    package init(path: String?) throws(CommandFailure) {
        guard let path, path != "-" else {
            name = "<stdout>"
            descriptor = .standardOutput
            ownsDescriptor = false
            return
        }
        let raw = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard raw >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot create '\(path)': \(SystemError(errno: errno))")
        }
        name = path
        descriptor = FileDescriptor(rawValue: raw)
        ownsDescriptor = true
    }

    /// The identity of `path` if it already exists as a regular file.
    package static func existingIdentity(of path: String?) -> FileIdentity? {
        guard let path, path != "-" else { return nil }
        let raw = open(path, O_RDONLY | O_CLOEXEC)
        guard raw >= 0 else { return nil }
        defer { _ = close(raw) }
        return FileIdentity(descriptor: raw)
    }

    deinit { if ownsDescriptor { descriptor.close() } }

    /// Writes all of `bytes`; a failure is exit 74.
    package func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        do {
            try descriptor.writeAll(bytes)
        } catch {
            throw CommandFailure(.ioError, "cannot write '\(name)': \(error)")
        }
    }
}
