import Files
import Mapping
import Normalizer
#if canImport(Glibc)
import Glibc
#endif

/// Where a feed's file stands in its checkpoint: which file (device and inode) and how many of
/// its bytes hold what was delivered.
public struct FilePosition: Codable, Sendable, Equatable {
    public var identity: FileIdentity?
    public var offset: Int64

    public init(identity: FileIdentity? = nil, offset: Int64 = 0) {
        self.identity = identity
        self.offset = offset
    }
}

/// A feed's output or rejects file, opened against its checkpoint (DESIGN.md §8):
/// - the feed's own file, longer than the checkpoint (a run died between writing and
///   checkpointing): cut back to the checkpoint, and those records are fetched again;
/// - an empty file (emptied or replaced by a log rotator): adopted and written from its start;
/// - a missing file where the checkpoint says records were delivered (a lost directory entry,
///   or a rotator that removed it): refused, since starting over would hide the loss;
/// - anything else (another file at the path, or the feed's file shorter than its checkpoint)
///   is not the feed's to touch: refused, never truncated or appended to.
/// Writes go at the checkpointed end, through a `BackgroundWriter`; `sync` waits for them, makes
/// them durable and gives the new position.
public final class FeedFile {
    /// Why a file at the feed's path is not the feed's own.
    public struct NotOwn: Error, Sendable, Equatable {
        public var message: String
        public var hint: String
    }

    public let path: String
    private let descriptor: Int32
    private let writer: BackgroundWriter<ByteBuffer>
    public private(set) var position: FilePosition
    /// Bytes past the checkpoint that were cut off on opening.
    public let cutBytes: Int64
    /// A missing or empty file replaced the one the checkpoint knew.
    public let adopted: Bool

    public init(path: String, checkpoint: FilePosition) throws(FeedFileError) {
        // A link, a FIFO, or a file someone else owns or may write is refused before anything
        // is read from or written to it.
        var entry = stat()
        if checkpoint.offset > 0, lstat(path, &entry) != 0, errno == ENOENT {
            throw .notOwn(NotOwn(message: "'\(path)' is gone, but the checkpoint says this feed delivered \(checkpoint.offset) bytes to it; the feed stopped rather than start it over",
                                 hint: "put the file back where it was (the feed goes on from its checkpoint), or start over with 'cfaccess feed reset NAME --since TIME'"))
        }
        let descriptor: Int32
        do throws(FileProblem) { descriptor = try OutputPath.open(path, truncate: false).descriptor } catch { throw .file(error) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let identity = FileIdentity(descriptor: descriptor) else {
            close(descriptor)
            throw .notOwn(NotOwn(message: "'\(path)' is not a regular file", hint: "give the feed a file path of its own"))
        }
        let size = Int64(info.st_size)
        let known = checkpoint.identity
        // A state from before identities were recorded knows only the offset.
        let isOwn = known == identity || (known == nil && checkpoint.offset > 0 && size >= checkpoint.offset)
        var cut: Int64 = 0
        if size == 0 {
            position = FilePosition(identity: identity, offset: 0)
            adopted = known != nil && known != identity || checkpoint.offset > 0
        } else if isOwn && size >= checkpoint.offset {
            if size > checkpoint.offset {
                guard ftruncate(descriptor, off_t(checkpoint.offset)) == 0 else {
                    let problem = FileProblem(.io(errno: errno), "cannot cut '\(path)' back to its checkpoint: \(FileProblem.describe(errno: errno))")
                    close(descriptor)
                    throw .file(problem)
                }
                cut = size - checkpoint.offset
            }
            position = FilePosition(identity: identity, offset: checkpoint.offset)
            adopted = false
        } else {
            close(descriptor)
            let why = isOwn
                ? "'\(path)' is shorter (\(size) bytes) than the \(checkpoint.offset) bytes this feed delivered to it"
                : known == nil
                    ? "'\(path)' already holds \(size) bytes that this feed did not write"
                    : "'\(path)' is not the file this feed writes (it was replaced by another file)"
            throw .notOwn(NotOwn(message: why + "; it was left untouched",
                                 hint: "move it aside (the feed then starts a new file there), or give the feed another output path"))
        }
        cutBytes = cut
        self.path = path
        self.descriptor = descriptor
        lseek(descriptor, off_t(position.offset), SEEK_SET)
        // A page's blocks are handed over as it is read and waited for at its end: one block
        // waiting keeps the thread busy, and a feed holds little memory.
        writer = BackgroundWriter(descriptor: descriptor, depth: 1)
    }

    deinit {
        writer.close()
        close(descriptor)
    }

    /// Writes the bytes in `buffer` after what is already there, and empties it.
    package func write(takingContentsOf buffer: ByteBuffer) throws(FileProblem) {
        do {
            try writer.write(takingContentsOf: buffer)
        } catch {
            throw FeedFile.problem("cannot write", path, error.errno)
        }
    }

    /// Makes everything written durable and returns the position to checkpoint.
    public func sync() throws(FileProblem) -> FilePosition {
        do {
            try writer.flush()
        } catch {
            throw FeedFile.problem("cannot write", path, error.errno)
        }
        guard fsync(descriptor) == 0 else { throw FeedFile.problem("cannot sync", path, errno) }
        position.offset = Int64(lseek(descriptor, 0, SEEK_CUR))
        return position
    }

    private static func problem(_ action: String, _ path: String, _ code: Int32) -> FileProblem {
        var problem = FileProblem.system(action, path, errno: code)
        if code == ENOSPC || code == EDQUOT, let hint = problem.hint {
            problem.hint = hint + "; nothing was lost: the next run goes on from the checkpoint"
        }
        return problem
    }
}

public enum FeedFileError: Error, Sendable {
    case file(FileProblem)
    case notOwn(FeedFile.NotOwn)
}
