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
    package let descriptor: Int32
    private let ownsDescriptor: Bool
    private let writer: BackgroundWriter<ByteBuffer>
    private let staged = ByteBuffer(capacity: 0)

    /// Opens stdout for `nil` or `-`; otherwise creates `path` or empties the user's own file
    /// there (`OutputPath`): a link, a FIFO, or a file someone else owns or may write is refused
    /// (`.unsafeOutput`); any other failure is `.cannotCreate`.
    package init(path: String?) throws(MapFailure) {
        guard let path, path != "-" else {
            name = "<stdout>"
            descriptor = 1
            ownsDescriptor = false
            writer = BackgroundWriter(descriptor: 1)
            return
        }
        let raw: Int32
        do throws(FileProblem) {
            raw = try OutputPath.open(path, truncate: true).descriptor
        } catch {
            throw MapFailure(error.kind == .unsafe ? .unsafeOutput : .cannotCreate, error.message, hint: error.hint)
        }
        name = path
        descriptor = raw
        ownsDescriptor = true
        writer = BackgroundWriter(descriptor: raw)
    }

    /// Whether the output is a terminal, where what is written shares the screen with stderr.
    package var isTerminal: Bool { isatty(descriptor) == 1 }

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
        if ownsDescriptor { close(descriptor) }
    }

    /// Queues the bytes in `buffer` for writing and empties it; an earlier failed write is exit 74.
    package func write(takingContentsOf buffer: ByteBuffer) throws(MapFailure) {
        do {
            try writer.write(takingContentsOf: buffer)
        } catch {
            throw failure(error)
        }
    }

    /// Queues a copy of `bytes` for writing.
    package func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(MapFailure) {
        staged.append(bytes)
        try write(takingContentsOf: staged)
    }

    /// Waits until everything queued is written; a failure is exit 74.
    package func finish() throws(MapFailure) {
        do {
            try writer.flush()
        } catch {
            throw failure(error)
        }
    }

    private func failure(_ error: SystemErrno) -> MapFailure {
        MapFailure(.ioError, "cannot write '\(name)': \(FileProblem.describe(errno: error.errno))")
    }
}
