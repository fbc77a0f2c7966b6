import Foundation
import Testing
@testable import Vault

/// `vault.bak` is there to recover from a damaged vault, never to bring back what the user took
/// away: no removed or rotated secret, no passphrase the user changed.
@Suite struct VaultBackupTests {
    /// Opens `vault.bak` the way a restore would: as the vault of a directory of its own.
    static func openBackup(of store: VaultStore, passphrase: String) throws -> [VaultEntry] {
        let directory = try VaultFixtures.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: store.backupPath, toPath: directory + "/vault")
        return try VaultStore(directory: directory).unlock(passphrase: VaultFixtures.secret(passphrase)).1
    }

    static func secrets(_ entries: [VaultEntry]) -> [String] { entries.map { VaultFixtures.text($0.secret) } }

    @Test func aRemovedTokenIsNotInTheBackup() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod", "staging"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try store.update(with: key) { entries in entries.removeAll { $0.name == "prod" } }
        let backup = try Self.openBackup(of: store, passphrase: VaultFixtures.passphrase)
        #expect(backup.map(\.name) == ["staging"])
        #expect(!Self.secrets(backup).contains("cfut_FakeTestToken_prod_0000000000000000000000000"))
        // The backup is the vault as last written: an addition is in it at once.
        try store.update(with: key) { entries in
            entries.append(VaultEntry(name: "new", secret: VaultFixtures.secret("cfut_FakeTestToken_new_00000000000000000000000000"), created: 0, updated: 0))
        }
        #expect(try Self.openBackup(of: store, passphrase: VaultFixtures.passphrase).map(\.name) == ["new", "staging"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.backupPath)) == Data(contentsOf: URL(fileURLWithPath: store.path)))
    }

    /// A vault cut short right after a token was added restores with that token: nothing lost.
    @Test func aTruncatedVaultRestoresWithTheNewestToken() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try store.update(with: key) { entries in
            entries.append(VaultEntry(name: "newest", secret: VaultFixtures.secret("cfut_FakeTestToken_newest_0000000000000000000000"), created: 0, updated: 0))
        }
        #expect(truncate(store.path, 40) == 0)
        let passphrase = try VaultFixtures.secret(VaultFixtures.passphrase)
        let first = try store.restoreBackup(passphrase: passphrase)
        #expect(first.entries.map(\.name) == ["newest", "prod"])
        #expect(first.damagedAs == store.damagedPath)
        // A second damage and restore keeps the first damaged file as it was.
        #expect(truncate(store.path, 20) == 0)
        let second = try store.restoreBackup(passphrase: passphrase)
        #expect(second.damagedAs == store.damagedPath + ".2")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.damagedPath)).count == 40)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.damagedPath + ".2")).count == 20)
    }

    @Test func aRotatedSecretIsNotInTheBackup() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try store.update(with: key) { entries in entries[0].secret = VaultFixtures.secret("cfut_FakeTestToken_rotated_000000000000000000000") }
        let backup = try Self.openBackup(of: store, passphrase: VaultFixtures.passphrase)
        #expect(Self.secrets(backup) == ["cfut_FakeTestToken_rotated_000000000000000000000"])
    }

    @Test func theBackupDoesNotOpenWithAChangedPassphrase() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        _ = try store.changePassphrase(with: key, to: VaultFixtures.secret("a new passphrase (test only)"))
        #expect(throws: VaultError.self) { try Self.openBackup(of: store, passphrase: VaultFixtures.passphrase) }
        #expect(try Self.openBackup(of: store, passphrase: "a new passphrase (test only)").map(\.name) == ["prod"])
    }

    @Test func aDamagedVaultNamesItsBackup() throws {
        let (store, _) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try Data("CFAVAULT".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(throws: VaultError.damaged("the vault file is too short to be a vault (truncated?)", backup: store.backupPath)) {
            try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase))
        }
    }
}
