/// Which of Cloudflare's two spellings of an access-request record an input uses.
package enum RecordShape: String, Sendable, CaseIterable {
    /// REST API `access_requests` (snake_case keys).
    case api
    /// Logpush dataset `access_requests` (PascalCase keys).
    case logpush

    /// `metadata.log_provider` for events of this shape.
    var logProvider: StaticString {
        switch self {
        case .api: "Cloudflare API"
        case .logpush: "Cloudflare Logpush"
        }
    }
}

/// The record fields that map to typed OCSF attributes (MAPPING.md §2).
enum Field: Int, CaseIterable {
    case action, allowed, appDomain, appUID, connection, createdAt, ipAddress, rayID, email, userID, country

    /// The key naming this field in `shape`.
    func key(in shape: RecordShape) -> StaticString {
        switch (self, shape) {
        case (.action, .api): "action"
        case (.allowed, .api): "allowed"
        case (.appDomain, .api): "app_domain"
        case (.appUID, .api): "app_uid"
        case (.connection, .api): "connection"
        case (.createdAt, .api): "created_at"
        case (.ipAddress, .api): "ip_address"
        case (.rayID, .api): "ray_id"
        case (.email, .api): "user_email"
        case (.userID, .api): "user_id"
        case (.country, .api): "country"
        case (.action, .logpush): "Action"
        case (.allowed, .logpush): "Allowed"
        case (.appDomain, .logpush): "AppDomain"
        case (.appUID, .logpush): "AppUUID"
        case (.connection, .logpush): "Connection"
        case (.createdAt, .logpush): "CreatedAt"
        case (.ipAddress, .logpush): "IPAddress"
        case (.rayID, .logpush): "RayID"
        case (.email, .logpush): "Email"
        case (.userID, .logpush): "UserUID"
        case (.country, .logpush): "Country"
        }
    }

    /// Finds the field a key names in `shape`, comparing bytes exactly.
    ///
    /// Every record goes through this for each of its keys, so it dispatches on length and
    /// first byte before comparing, instead of trying each name in turn.
    @inline(__always)
    static func matching(_ key: Text, in shape: RecordShape) -> Field? {
        guard key.count >= 5, key.count <= 10 else { return nil }
        let candidate: Field?
        switch (shape, key.count, key[0]) {
        case (.api, 6, UInt8(ascii: "a")): candidate = .action
        case (.api, 6, UInt8(ascii: "r")): candidate = .rayID
        case (.api, 7, UInt8(ascii: "a")): candidate = key[2] == UInt8(ascii: "l") ? .allowed : .appUID
        case (.api, 7, UInt8(ascii: "u")): candidate = .userID
        case (.api, 7, UInt8(ascii: "c")): candidate = .country
        case (.api, 10, UInt8(ascii: "a")): candidate = .appDomain
        case (.api, 10, UInt8(ascii: "c")): candidate = key[1] == UInt8(ascii: "o") ? .connection : .createdAt
        case (.api, 10, UInt8(ascii: "i")): candidate = .ipAddress
        case (.api, 10, UInt8(ascii: "u")): candidate = .email
        case (.logpush, 5, UInt8(ascii: "R")): candidate = .rayID
        case (.logpush, 5, UInt8(ascii: "E")): candidate = .email
        case (.logpush, 6, UInt8(ascii: "A")): candidate = .action
        case (.logpush, 7, UInt8(ascii: "A")): candidate = key[1] == UInt8(ascii: "l") ? .allowed : .appUID
        case (.logpush, 7, UInt8(ascii: "U")): candidate = .userID
        case (.logpush, 7, UInt8(ascii: "C")): candidate = .country
        case (.logpush, 9, UInt8(ascii: "A")): candidate = .appDomain
        case (.logpush, 9, UInt8(ascii: "C")): candidate = .createdAt
        case (.logpush, 9, UInt8(ascii: "I")): candidate = .ipAddress
        case (.logpush, 10, UInt8(ascii: "C")): candidate = .connection
        default: candidate = nil
        }
        guard let candidate, key.equals(candidate.key(in: shape)) else { return nil }
        return candidate
    }

    /// Logpush-only keys that have no typed attribute but still mark a record as Logpush-shaped.
    static let otherLogpushKeys: [StaticString] = [
        "AppType", "PurposeJustificationPrompt", "PurposeJustificationResponse",
        "TemporaryAccessApprovers", "TemporaryAccessDuration",
    ]

    /// Whether `key` is one of the PascalCase keys of MAPPING.md §1.
    static func isLogpushKey(_ key: Text) -> Bool {
        guard key.count > 0, key[0] &- UInt8(ascii: "A") < 26 else { return false }
        if matching(key, in: .logpush) != nil { return true }
        return otherLogpushKeys.contains { key.equals($0) }
    }
}

/// Turns a source key into the snake_case name it gets under `unmapped`, keeping acronyms
/// whole: `IPAddress` → `ip_address`, `AppUUID` → `app_uuid`, `user_email` stays as it is.
/// Anything other than ASCII letters and digits becomes `_`, except non-ASCII bytes, kept as-is.
func appendSnakeCase(_ key: Text, to output: ByteBuffer) {
    func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
    func isLowerOrDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }
    for index in 0..<key.count {
        let byte = key[index]
        if isUpper(byte) {
            if index > 0 {
                let previous = key[index - 1]
                let next: UInt8 = index + 1 < key.count ? key[index + 1] : 0
                if isLowerOrDigit(previous) || (isUpper(previous) && next &- UInt8(ascii: "a") < 26) {
                    output.append(UInt8(ascii: "_"))
                }
            }
            output.append(byte | 0x20)
        } else if byte >= 0x80 || isLowerOrDigit(byte) {
            output.append(byte)
        } else {
            output.append(UInt8(ascii: "_"))
        }
    }
}
