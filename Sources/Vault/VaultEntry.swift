/// One stored token: its name, the secret, when it was added and changed, and what the last
/// `token check-scopes` learned (token id, status, expiry, accounts, when, outcome).
public final class VaultEntry {
    public var name: String
    public var secret: SecretBytes
    /// Unix milliseconds.
    public var created: Int64
    public var updated: Int64
    /// Non-secret facts from the last check, by name.
    public var check: [String: String]

    public init(name: String, secret: SecretBytes, created: Int64, updated: Int64, check: [String: String] = [:]) {
        self.name = name
        self.secret = secret
        self.created = created
        self.updated = updated
        self.check = check
    }

    /// Names are what users type: letters, digits, `.`, `_` and `-`, at most 64.
    public static func validate(name: String) throws(VaultError) {
        let allowed = name.utf8.allSatisfy { byte in
            byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty, name.utf8.count <= 64, allowed, name.first != "-" else {
            throw .invalidName(name)
        }
    }

    /// `cfut_…a1b2`: the token's kind prefix and last four characters, enough to tell tokens
    /// apart and nothing more.
    public var fingerprint: String {
        secret.withUnsafeBytes { bytes in
            let prefixLength = ["cfut_", "cfat_"].contains { bytes.starts(with: $0.utf8) } ? 5 : 0
            let prefix = String(decoding: bytes.prefix(prefixLength), as: UTF8.self)
            let tail = bytes.count > 12 ? String(decoding: bytes.suffix(4), as: UTF8.self) : ""
            return prefix + "…" + tail
        }
    }
}

extension VaultEntry {
    /// An object store's key (`storage add`) rather than a Cloudflare token: its settings are
    /// kept with it (`kind`, `access_key_id`, `endpoint`, `region`, `addressing`). Tokens and
    /// stores share one set of names.
    public var isStorage: Bool { check["kind"] == "storage" }
}
