import CSodium
import Files
#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell's history on disk: one line per entry, 0600, appended an entry at a
/// time with `O_APPEND` so shells running side by side add to it instead of overwriting it.
/// Opened like every private file: `O_NOFOLLOW`, then the descriptor checked (`PrivateFile`).
public final class HistoryFile {
    public let path: String
    /// Entries kept when the file is trimmed.
    public let limit: Int

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
    }

    /// The newest `limit` entries, oldest first; trims the file when it has grown to twice that.
    /// A history file that is not private is refused, not read.
    public func load() throws(FileProblem) -> [String] {
        let descriptor: Int32
        do {
            descriptor = try PrivateFile.open(path)
        } catch where error.kind == .missing {
            return []
        }
        let reader = FileLineReader(descriptor: descriptor)
        var lines: [String] = []
        while let bytes = reader.nextLine() {
            if !bytes.isEmpty { lines.append(String(decoding: bytes, as: UTF8.self)) }
        }
        close(descriptor)
        if lines.count > 2 * limit {
            lines.removeFirst(lines.count - limit)
            var text = Array((lines.joined(separator: "\n") + "\n").utf8)
            try PrivateFile.replace(path, with: text)
            text.withUnsafeMutableBytes { sodium_memzero($0.baseAddress!, $0.count) }
        } else if lines.count > limit {
            lines.removeFirst(lines.count - limit)
        }
        return lines
    }

    /// Appends one entry; a line break inside it (from a continued line) becomes a space. A file
    /// that is no longer private is left alone.
    public func append(_ line: String) {
        let entry = line.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        guard let descriptor = try? PrivateFile.openCreating(path, flags: O_WRONLY | O_APPEND) else { return }
        let bytes = Array(entry.utf8)
        _ = bytes.withUnsafeBytes { PrivateFile.writeAll(descriptor, $0) }
        close(descriptor)
    }
}
