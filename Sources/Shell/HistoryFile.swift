#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell's history on disk: one line per entry, 0600, appended an entry at a
/// time with `O_APPEND` so shells running side by side add to it instead of overwriting it.
public final class HistoryFile {
    /// Why the file may not be used, and what to do about it.
    public struct Refusal: Error, Equatable, Sendable {
        public var message: String
        public var hint: String

        public init(message: String, hint: String) {
            self.message = message
            self.hint = hint
        }
    }

    public let path: String
    /// Entries kept when the file is trimmed.
    public let limit: Int
    /// The caller's rule for private files (ownership, mode, no symlink), applied before reading.
    private let refusal: (String) -> Refusal?

    public init(path: String, limit: Int = 1000, refusal: @escaping (String) -> Refusal?) {
        self.path = path
        self.limit = limit
        self.refusal = refusal
    }

    /// The newest `limit` entries, oldest first; trims the file when it has grown to twice that.
    public func load() throws(Refusal) -> [String] {
        if let problem = refusal(path) { throw problem }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return [] }
        let reader = FileLineReader(descriptor: descriptor)
        var lines: [String] = []
        while let bytes = reader.nextLine() {
            if !bytes.isEmpty { lines.append(String(decoding: bytes, as: UTF8.self)) }
        }
        close(descriptor)
        if lines.count > 2 * limit {
            lines.removeFirst(lines.count - limit)
            rewrite(lines)
        } else if lines.count > limit {
            lines.removeFirst(lines.count - limit)
        }
        return lines
    }

    /// Appends one entry; a line break inside it (from a continued line) becomes a space.
    public func append(_ line: String) {
        let entry = line.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return }
        var bytes = Array(entry.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// Replaces the file with `lines` atomically (temp file, rename).
    private func rewrite(_ lines: [String]) {
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let written = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        if written == bytes.count { rename(temporary, path) } else { unlink(temporary) }
    }
}
