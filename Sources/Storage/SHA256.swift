import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 (libsodium's), fed in pieces: an object's bytes as they are written, uploaded or read
/// back, so nothing needs to be held whole.
public struct SHA256 {
    private var state = crypto_hash_sha256_state()
    private static let ready = sodium_init() >= 0

    public init() {
        precondition(SHA256.ready, "libsodium could not be initialised")
        crypto_hash_sha256_init(&state)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        crypto_hash_sha256_update(&state, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    /// The digest in lower-case hex.
    public mutating func finish() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256_final(&state, &digest)
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// The hash of what `descriptor` holds from its current position to its end.
    public static func of(descriptor: Int32) -> String? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return hasher.finish() }
            if count < 0 { if errno == EINTR { continue } else { return nil } }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}
