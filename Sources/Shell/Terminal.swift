#if canImport(Glibc)
import Glibc
#endif

/// Raw writes to the standard streams (Swift 6 cannot touch Glibc's `stdout`/`stderr` globals).
enum Terminal {
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
