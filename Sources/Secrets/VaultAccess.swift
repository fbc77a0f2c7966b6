import Dispatch
import Inputs
import Synchronization
import Vault
import Voice
#if canImport(Glibc)
import Glibc
#endif

/// The vault as a session uses it: the store under the data directory, and the unlocked key,
/// kept for the session until `vault lock` or until it has been idle for the timeout
/// (15 minutes unless `CFACCESS_LOCK_AFTER` says otherwise, e.g. `30s`, `5m`).
package final class VaultAccess: @unchecked Sendable {
    package let store: VaultStore
    private let idleTimeout: Double
    /// Guards `key` and `lastUse`: the idle timer runs on another thread.
    private let lock = Mutex<Void>(())
    private var key: VaultKey?
    private var lastUse = 0.0

    package init(directory: String) {
        store = VaultStore(directory: directory)
        idleTimeout = Environment.value("CFACCESS_LOCK_AFTER").flatMap { try? DurationInput($0, option: "CFACCESS_LOCK_AFTER").seconds } ?? 15 * 60
    }

    package var isUnlocked: Bool { lock.withLock { _ in key != nil } }

    /// The key if this session holds it (no prompt).
    package var heldKey: VaultKey? {
        guard let held = lock.withLock({ _ in key }) else { return nil }
        touch()
        return held
    }

    /// The key, asking for the passphrase only when it is not held.
    package func unlock(_ passphrase: () throws(CommandFailure) -> SecretBytes) throws(CommandFailure) -> VaultKey {
        if let heldKey { return heldKey }
        try vaultCall { () throws(VaultError) in try store.checkPermissions() }
        guard store.exists else { throw VaultError.missing(store.path).failure }
        let secret = try passphrase()
        let (unlocked, _) = try vaultCall { () throws(VaultError) in try store.unlock(passphrase: secret) }
        remember(unlocked)
        return unlocked
    }

    /// Holds `newKey` (after `vault init` or `vault passwd`).
    package func remember(_ newKey: VaultKey) {
        lock.withLock { _ in key = newKey }
        touch()
    }

    /// Forgets the key; its memory is wiped as it is released.
    package func forget() {
        lock.withLock { _ in key = nil }
    }

    private func touch() {
        let now = monotonicSeconds()
        lock.withLock { _ in lastUse = now }
        let timeout = idleTimeout
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
            guard let self else { return }
            self.lock.withLock { _ in
                if monotonicSeconds() - self.lastUse >= timeout { self.key = nil }
            }
        }
    }
}

/// Seconds on the monotonic clock, which wall-clock changes do not move.
private func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
