#if canImport(Glibc)
import Glibc
#endif

/// Environment variables as cfaccess reads them: an empty value counts as unset.
package enum Environment {
    package static func value(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
