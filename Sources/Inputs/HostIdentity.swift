#if canImport(Glibc)
import Glibc
#endif

/// Who collects a shared feed: `CFACCESS_HOST_ID` (default: the host name) and the process id,
/// `collector-2/4181`. The process id tells two runs on one host apart, and a restarted
/// service from the one that died.
public enum HostIdentity {
    public static let current: String = host + "/" + String(getpid())

    /// The host part: `CFACCESS_HOST_ID` when set, else the host name; anything but letters,
    /// digits, `.`, `-` and `_` becomes `_`, and at most 64 characters are kept.
    public static var host: String {
        let raw = Environment.value("CFACCESS_HOST_ID") ?? hostName
        let cleaned = String(raw.unicodeScalars.prefix(64).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "host" : cleaned
    }

    private static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
