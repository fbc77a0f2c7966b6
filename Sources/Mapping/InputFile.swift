import CZlib
import Files
#if canImport(Glibc)
import Glibc
#endif

/// An input file or stdin, read through zlib so gzip-compressed input (including several
/// concatenated gzip members, as Logpush writes) is decompressed on the fly and plain input
/// passes through unchanged: the format is detected from the bytes, not the file name.
package final class InputFile {
    /// The name diagnostics use: the path, or `<stdin>`.
    package let name: String
    /// Set for regular files, so output is never written over its own input.
    package let identity: FileIdentity?
    private let file: gzFile

    /// Stops a blocked read (a pipe, a FIFO) when it is interrupted by Ctrl-C.
    private let isInterrupted: () -> Bool

    /// Opens `path` (`-` for stdin); a missing or unreadable file is `.noInput`.
    package init(path: String, isInterrupted: @escaping () -> Bool = { false }) throws(MapFailure) {
        self.isInterrupted = isInterrupted
        let descriptor: Int32
        if path == "-" {
            name = "<stdin>"
            descriptor = dup(0)
        } else {
            name = path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw MapFailure(.noInput, "cannot open '\(path)': \(FileProblem.describe(errno: errno))")
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            _ = close(descriptor)
            throw MapFailure(.noInput, "cannot read '\(path)': it is a directory")
        }
        identity = FileIdentity(descriptor: descriptor)
        guard let file = gzdopen(descriptor, "rb") else {
            _ = close(descriptor)
            throw MapFailure(.noInput, "cannot open '\(path)': out of memory")
        }
        gzbuffer(file, 256 * 1024)
        self.file = file
    }

    deinit { gzclose(file) }

    /// Reads up to `buffer.count` bytes; 0 means the end of input.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(MapFailure) -> Int {
        var count = gzread(file, buffer.baseAddress, UInt32(buffer.count))
        // Ctrl-C interrupts a blocked read (pipes, FIFOs); anything else that does is retried.
        while count < 0, errno == EINTR {
            if isInterrupted() { throw MapFailure(.interrupted, "interrupted") }
            gzclearerr(file)
            count = gzread(file, buffer.baseAddress, UInt32(buffer.count))
        }
        var state: Int32 = 0
        // A gzip stream cut short reads as a clean end of file unless the error state is asked for.
        if count == 0, gzerror(file, &state) != nil, state == Z_BUF_ERROR {
            throw MapFailure(.dataError, "cannot decompress '\(name)': unexpected end of file (truncated gzip data)")
        }
        guard count >= 0 else {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            if code == Z_ERRNO {
                throw MapFailure(.ioError, "cannot read '\(name)': \(FileProblem.describe(errno: errno))")
            }
            throw MapFailure(.dataError, "cannot decompress '\(name)': \(message.lowercased())")
        }
        return Int(count)
    }

}
