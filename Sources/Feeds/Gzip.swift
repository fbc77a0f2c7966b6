import CZlib
import Files
#if canImport(Glibc)
import Glibc
#endif

/// Compresses a finished file with zlib into `DESTINATION.tmp`, syncs it, and only then renames
/// it to `destination`: a shipper that globs for `*.gz` never sees a partial file. The temp name
/// is fixed (one run of a feed at a time holds its lock), so a retry replaces what a killed
/// compression left.
enum Gzip {
    static func compress(_ source: String, to destination: String) throws(FileProblem) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileProblem(.io(errno: errno), "cannot read '\(source)': \(FileProblem.describe(errno: errno))") }
        defer { close(input) }
        let temporary = destination + ".tmp"
        unlink(temporary)
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard output >= 0 else { throw FileProblem(.io(errno: errno), "cannot write '\(temporary)': \(FileProblem.describe(errno: errno))") }
        defer { close(output) }
        // zlib closes the descriptor it is given; the original stays open for the fsync.
        guard let gz = gzdopen(dup(output), "wb6") else {
            unlink(temporary)
            throw FileProblem(.io(errno: ENOMEM), "cannot start compressing '\(source)'")
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var failure: FileProblem?
        while failure == nil {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { failure = FileProblem(.io(errno: errno), "cannot read '\(source)': \(FileProblem.describe(errno: errno))"); break }
            if count == 0 { break }
            let written = buffer.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32(count)) }
            if written != count { failure = FileProblem(.io(errno: ENOSPC), "cannot write '\(temporary)': the compressed file could not be written") }
        }
        if gzclose(gz) != Z_OK && failure == nil {
            failure = FileProblem(.io(errno: ENOSPC), "cannot write '\(temporary)': the compressed file could not be finished")
        }
        if failure == nil && fsync(output) != 0 { failure = FileProblem(.io(errno: errno), "cannot sync '\(temporary)'") }
        if failure == nil && rename(temporary, destination) != 0 {
            failure = FileProblem(.io(errno: errno), "cannot rename '\(temporary)': \(FileProblem.describe(errno: errno))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        PrivateFile.syncDirectory(destination.lastIndex(of: "/").map { String(destination[..<$0]) } ?? ".")
    }
}
