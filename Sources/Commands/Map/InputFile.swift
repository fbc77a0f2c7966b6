import CZlib
import Files
import Shell
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

    /// Opens `path` (`-` for stdin); a missing or unreadable file is exit 66.
    package init(path: String) throws(CommandFailure) {
        let descriptor: Int32
        if path == "-" {
            name = "<stdin>"
            descriptor = dup(0)
        } else {
            name = path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw CommandFailure(.noInput, "cannot open '\(path)': \(SystemError(errno: errno))")
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            _ = close(descriptor)
            throw CommandFailure(.noInput, "cannot read '\(path)': it is a directory")
        }
        identity = FileIdentity(descriptor: descriptor)
        guard let file = gzdopen(descriptor, "rb") else {
            _ = close(descriptor)
            throw CommandFailure(.noInput, "cannot open '\(path)': out of memory")
        }
        gzbuffer(file, 256 * 1024)
        self.file = file
    }

    deinit { gzclose(file) }

    /// Reads up to `buffer.count` bytes; 0 means the end of input.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(CommandFailure) -> Int {
        var count = gzread(file, buffer.baseAddress, UInt32(buffer.count))
        // Ctrl-C interrupts a blocked read (pipes, FIFOs); anything else that does is retried.
        while count < 0, errno == EINTR {
            if Interrupt.isRequested { throw CommandFailure(.interrupted, "interrupted") }
            gzclearerr(file)
            count = gzread(file, buffer.baseAddress, UInt32(buffer.count))
        }
        var state: Int32 = 0
        // A gzip stream cut short reads as a clean end of file unless the error state is asked for.
        if count == 0, gzerror(file, &state) != nil, state == Z_BUF_ERROR {
            throw CommandFailure(.dataError, "cannot decompress '\(name)': unexpected end of file (truncated gzip data)")
        }
        guard count >= 0 else {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            if code == Z_ERRNO {
                throw CommandFailure(.ioError, "cannot read '\(name)': \(SystemError(errno: errno))")
            }
            throw CommandFailure(.dataError, "cannot decompress '\(name)': \(message.lowercased())")
        }
        return Int(count)
    }

}
