import Vault
import Voice

/// What `vault status` says of the vault: where it is, whether its permissions are safe, its
/// key derivation, and how many entries it holds when that needs no prompt. A damaged or
/// unsafe vault is reported with the rest, and its failure kept for the exit status.
package struct VaultReport: Encodable {
    package var path: String
    package var exists: Bool
    package var permissions: String
    package var kdf: KDF?
    package var entries: Int?
    package var unlocked: Bool
    package var damaged: String?
    /// Why the vault cannot be used, as the exit status gives it; not part of the JSON.
    package var problem: CommandFailure?

    package struct KDF: Encodable {
        package var algorithm = "argon2id"
        package var level: String?
        package var opslimit: UInt64
        package var memlimit: UInt64
    }

    private enum CodingKeys: String, CodingKey { case path, exists, permissions, kdf, entries, unlocked, damaged }

    /// Reads the vault's header; opens it only when it is unlocked already or a passphrase
    /// source needs no prompt.
    package init(_ access: VaultAccess, sources: SecretSources) throws(CommandFailure) {
        let store = access.store
        path = store.path
        exists = store.exists
        permissions = "ok"
        unlocked = access.isUnlocked
        do throws(VaultError) {
            try store.checkPermissions()
        } catch {
            permissions = error.failure.message
            problem = error.failure
        }
        guard exists && problem == nil else { return }
        let parameters: KDFParameters
        do throws(VaultError) {
            parameters = try store.parameters()
        } catch {
            damaged = error.failure.message
            problem = error.failure
            return
        }
        kdf = KDF(level: parameters.level?.rawValue, opslimit: parameters.opsLimit, memlimit: parameters.memLimit)
        let passphrase = Passphrase(sources: sources)
        if access.isUnlocked || passphrase.isConfigured {
            let key = try access.unlock { () throws(CommandFailure) in try passphrase.current() }
            entries = try vaultCall { () throws(VaultError) in try store.entries(with: key).count }
            unlocked = true
        }
    }
}
