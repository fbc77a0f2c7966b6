import Inputs
import Storage
import Vault
import Voice

/// An object store's secret key as the vault holds it, handed to a request only while libcurl
/// signs it.
package final class StorageCredential: StorageSecret, @unchecked Sendable {
    private let secret: SecretBytes

    package init(secret: SecretBytes) { self.secret = secret }

    package func withSecret<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try secret.withUnsafeBytes { try body($0) }
    }
}

extension VaultEntry {
    /// The settings kept with a store's key: what is given over what `previous` held. A new
    /// endpoint is checked by the base-URL rules; a loopback one is addressed by path unless
    /// told otherwise; the region defaults to `us-east-1`. What a check learned about an older
    /// key is dropped when the key or where it goes changes.
    package static func storageFacts(endpoint: String?, region: String?, accessKeyID: String?, pathStyle: Bool?,
                                     previous: [String: String]) throws(InvalidInput) -> [String: String] {
        var facts = previous
        facts["kind"] = "storage"
        if let endpoint {
            let checked = try StorageEndpoint(endpoint)
            facts["endpoint"] = checked.text
            if pathStyle == nil && previous["addressing"] == nil { facts["addressing"] = checked.isLoopback ? "path" : "virtual" }
        }
        facts["region"] = region ?? facts["region"] ?? "us-east-1"
        if let accessKeyID { facts["access_key_id"] = accessKeyID }
        if let pathStyle { facts["addressing"] = pathStyle ? "path" : "virtual" }
        return facts
    }

    /// Where the store is and how to address it, from the settings kept with its key.
    package var storageLocation: StorageLocation? {
        guard isStorage, let endpoint = check["endpoint"], let parsed = try? StorageEndpoint(endpoint), let region = check["region"],
              let keyID = check["access_key_id"] else { return nil }
        return StorageLocation(endpoint: parsed.text, isLoopback: parsed.isLoopback, region: region, pathStyle: check["addressing"] == "path",
                               accessKeyID: keyID)
    }
}

extension VaultAccess {
    /// The store named `name`: refused when there is none, or when the name is a token's.
    package func storageEntry(_ name: String, key: VaultKey) throws(CommandFailure) -> VaultEntry {
        let entries = try vaultCall { () throws(VaultError) in try store.entries(with: key) }
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw CommandFailure(.configuration, "no object store named '\(name)'", hint: "see 'cfaccess storage list'")
        }
        guard entry.isStorage else { throw VaultError.otherKind(name, isStorage: false).failure }
        return entry
    }

    /// The store named `name` and a client for it.
    package func storageClient(_ name: String, key: VaultKey, userAgent: String, caFile: String?) throws(CommandFailure) -> (S3Client, VaultEntry) {
        let entry = try storageEntry(name, key: key)
        guard let location = entry.storageLocation else {
            throw CommandFailure(.configuration, "the settings of the object store '\(name)' are damaged",
                                 hint: "add it again: 'cfaccess storage remove \(name)', then 'cfaccess storage add \(name) …'")
        }
        do throws(StorageError) {
            return (try S3Client(location: location, secret: StorageCredential(secret: entry.secret), userAgent: userAgent, caFile: caFile), entry)
        } catch {
            throw CommandFailure(.software, error.summary)
        }
    }
}
