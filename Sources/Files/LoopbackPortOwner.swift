#if canImport(Glibc)
import Glibc
#endif

/// Who holds a TCP port on this host, read from `/proc/net/tcp` and `/proc/net/tcp6` (the
/// listening socket's owner uid is a column there). On a shared host any user may listen on a
/// loopback port: a token sent over plain `http://` to a port another user holds goes to them.
package enum LoopbackPortOwner {
    /// The uids of the sockets listening on `port` on a loopback or wildcard address.
    package static func listeners(port: Int) -> Set<uid_t> {
        var owners = Set<uid_t>()
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let file = fopen(table, "r") else { continue }
            defer { fclose(file) }
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            defer { free(line) }
            while getline(&line, &capacity, file) > 0, let line {
                let fields = String(cString: line).split(separator: " ", omittingEmptySubsequences: true)
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid …; state 0A is LISTEN.
                guard fields.count > 7, fields[3] == "0A", let colon = fields[1].lastIndex(of: ":"),
                      Int(fields[1][fields[1].index(after: colon)...], radix: 16) == port, let uid = uid_t(fields[7]) else { continue }
                let address = fields[1][..<colon]
                if isLoopbackOrAny(address) { owners.insert(uid) }
            }
        }
        return owners
    }

    /// 127.0.0.0/8, ::1, ::ffff:127.x.x.x, or the wildcard address, in the kernel's hex
    /// (IPv4 as one little-endian word, IPv6 as four).
    private static func isLoopbackOrAny(_ hex: Substring) -> Bool {
        if hex.count == 8 { return hex.hasSuffix("7F") || hex == "00000000" }
        guard hex.count == 32 else { return false }
        return hex == "00000000000000000000000000000000" || hex == "00000000000000000000000001000000"
            || (hex.hasPrefix("0000000000000000FFFF0000") && hex.hasSuffix("7F"))
    }

    /// A name for `uid` in an error message.
    package static func describe(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return "'\(String(cString: name))' (uid \(uid))"
    }

    /// Why a request must not go out on the connection from `localPort` to `serverPort`: the
    /// listener is another user's. `checked` is the local port of the connection last found
    /// safe: a request on the same connection reaches the same listener, so it is not read
    /// again (reading `/proc/net/tcp` costs the kernel a walk of its socket table).
    package static func refusal(serverPort: Int32, localPort: Int32, checked: inout Int32?) -> String? {
        if checked == localPort { return nil }
        if let owner = listeners(port: Int(serverPort)).subtracting([geteuid(), 0]).min() {
            checked = nil
            return "port \(serverPort) is held by another user, \(describe(owner))"
        }
        checked = localPort
        return nil
    }
}
