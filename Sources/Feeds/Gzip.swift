import CZlib
import Files
#if canImport(Glibc)
import Glibc
#endif

/// Compresses a finished file with zlib into a file the caller created for it, and syncs it:
/// the caller gives it its final name only afterwards, so a shipper that globs for `*.gz`
/// never sees a partial file.
enum Gzip {
    static func compress(_ input: Int32, named source: String, into output: Int32, named destination: String) throws(FileProblem) {
        // zlib closes the descriptor it is given; the original stays open for the fsync.
        guard let gz = gzdopen(dup(output), "wb6") else {
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
            if written != count { failure = FileProblem(.io(errno: ENOSPC), "cannot write '\(destination)': the compressed file could not be written") }
        }
        if gzclose(gz) != Z_OK && failure == nil {
            failure = FileProblem(.io(errno: ENOSPC), "cannot write '\(destination)': the compressed file could not be finished")
        }
        if failure == nil && fsync(output) != 0 { failure = FileProblem(.io(errno: errno), "cannot sync '\(destination)'") }
        if let failure { throw failure }
    }
}
