@preconcurrency import CEdit
import CCurlShim
import CSodium
import CZlib

/// The C libraries cfaccess links, as they report themselves at run time.
enum LinkedLibraries {
    static var versions: [(String, String)] {
        let curl = cfaccess_curl_version_info().pointee
        return [
            ("libsodium", String(cString: sodium_version_string())),
            ("libcurl", String(cString: curl.version) + (curl.ssl_version.map { " (\(String(cString: $0)))" } ?? "")),
            ("libedit", rl_library_version.map { String(cString: $0) } ?? "unknown"),
            ("zlib", String(cString: zlibVersion())),
        ]
    }
}
