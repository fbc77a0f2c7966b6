import Vault

/// What `storage list` and `storage show` say of a store: never the secret key.
struct StorageSummary: Encodable {
    var name: String
    var endpoint: String
    var region: String
    var addressing: String
    var accessKeyID: String
    /// Characters in the secret key; none of them is ever shown.
    var secretLength: Int
    var updated: String
    var lastCheck: String?

    enum CodingKeys: String, CodingKey {
        case name, endpoint, region, addressing, accessKeyID = "access_key_id", secretLength = "secret_length", updated, lastCheck = "last_check"
    }

    init(_ entry: VaultEntry) {
        name = entry.name
        endpoint = entry.check["endpoint"] ?? "-"
        region = entry.check["region"] ?? "-"
        addressing = entry.check["addressing"] ?? "-"
        accessKeyID = entry.check["access_key_id"] ?? "-"
        secretLength = entry.secret.count
        updated = formatTime(entry.updated)
        lastCheck = entry.check["result"].map { "\($0) at \(entry.check["checked_at"] ?? "?")" }
    }
}
