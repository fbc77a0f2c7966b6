import Feeds
import Files
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes data: a file it creates (0600, since events carry user e-mails and
/// IP addresses), or stdout for `-`. Writes happen on a `BackgroundWriter` thread, so the
/// command goes on producing while the kernel copies; `finish` waits for them and reports.
package final class OutputFile {
    package let name: String
    package let descriptor: FileDescriptor
    private let ownsDescriptor: Bool
    private let writer: BackgroundWriter<ByteBuffer>
    private let staged = ByteBuffer(capacity: 0)

    /// Opens stdout for `nil` or `-`; otherwise creates `path` or empties the user's own file
    /// there (`OutputPath`): a link, a FIFO, or a file someone else owns or may write is refused
    /// (exit 77); any other failure is exit 73.
    package init(path: String?) throws(CommandFailure) {
        guard let path, path != "-" else {
            name = "<stdout>"
            descriptor = .standardOutput
            ownsDescriptor = false
            writer = BackgroundWriter(descriptor: descriptor.rawValue)
            return
        }
        let raw: Int32
        do throws(FileProblem) {
            raw = try OutputPath.open(path, truncate: true).descriptor
        } catch {
            throw CommandFailure(error.kind == .unsafe ? .permission : .cannotCreate, error.message, hint: error.hint)
        }
        name = path
        descriptor = FileDescriptor(rawValue: raw)
        ownsDescriptor = true
        writer = BackgroundWriter(descriptor: raw)
    }

    /// Whether the output is a terminal, where what is written shares the screen with stderr.
    package var isTerminal: Bool { isatty(descriptor.rawValue) == 1 }

    /// The identity of `path` if it already exists as a regular file.
    package static func existingIdentity(of path: String?) -> FileIdentity? {
        guard let path, path != "-" else { return nil }
        let raw = open(path, O_RDONLY | O_CLOEXEC)
        guard raw >= 0 else { return nil }
        defer { _ = close(raw) }
        return FileIdentity(descriptor: raw)
    }

    deinit {
        writer.close()
        if ownsDescriptor { descriptor.close() }
    }

    /// Queues the bytes in `buffer` for writing and empties it; an earlier failed write is exit 74.
    package func write(takingContentsOf buffer: ByteBuffer) throws(CommandFailure) {
        do {
            try writer.write(takingContentsOf: buffer)
        } catch {
            throw failure(error)
        }
    }

    /// Queues a copy of `bytes` for writing.
    package func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        staged.append(bytes)
        try write(takingContentsOf: staged)
    }

    /// Waits until everything queued is written; a failure is exit 74.
    package func finish() throws(CommandFailure) {
        do {
            try writer.flush()
        } catch {
            throw failure(error)
        }
    }

    private func failure(_ error: SystemErrno) -> CommandFailure {
        CommandFailure(.ioError, "cannot write '\(name)': \(SystemError(errno: error.errno))")
    }
}
