import Foundation
import Testing
@testable import Vault

@Suite struct VaultStoreTests {
    @Test func roundTripsEntries() throws {
        let (store, _) = try VaultFixtures.store(with: ["prod", "staging"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let (_, entries) = try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase))
        #expect(entries.map(\.name) == ["prod", "staging"])
        #expect(VaultFixtures.text(entries[0].secret) == "cfut_FakeTestToken_prod_0000000000000000000000000")
        #expect(entries[1].created == 1_751_328_000_000)
        #expect(try store.parameters() == VaultFixtures.cheap)
    }

    @Test func keepsCheckFactsAndTheBackup() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        try store.update(with: key) { entries in entries[0].check = ["outcome": "pass", "token_id": "abc"] }
        #expect(try store.entries(with: key)[0].check == ["outcome": "pass", "token_id": "abc"])
        // The backup is a copy of the vault as now written.
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.backupPath)) != before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.backupPath)) == Data(contentsOf: URL(fileURLWithPath: store.path)))
        for file in [store.path, store.backupPath] {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        }
    }

    @Test func everyWriteUsesAFreshNonce() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        var nonces = Set<Data>()
        for _ in 0..<5 {
            try store.update(with: key) { _ in }
            nonces.insert(try Data(contentsOf: URL(fileURLWithPath: store.path))[42..<66])
        }
        #expect(nonces.count == 5)
    }

    @Test func wrongPassphraseChangesNothing() throws {
        let (store, _) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(throws: VaultError.cannotOpen("wrong passphrase, or the vault file was altered", backup: store.backupPath)) {
            try store.unlock(passphrase: VaultFixtures.secret("not the passphrase"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    /// Flipping any single bit anywhere in the file is detected.
    @Test func detectsEverySingleByteChange() throws {
        let (store, _) = try VaultFixtures.store(with: ["p"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let original = try Data(contentsOf: URL(fileURLWithPath: store.path))
        var undetected: [Int] = []
        for index in original.indices {
            var altered = original
            altered[index] ^= 0x01
            try altered.write(to: URL(fileURLWithPath: store.path))
            do {
                _ = try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase))
                undetected.append(index)
            } catch {
                #expect({ if case .cannotOpen = error { true } else if case .damaged = error { true } else { false } }(), "byte \(index): \(error)")
            }
        }
        #expect(original.count > 100)
        #expect(undetected.isEmpty, "undetected changes at bytes \(undetected)")
    }

    @Test func refusesEveryTruncation() throws {
        let (store, _) = try VaultFixtures.store(with: ["p"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let original = try Data(contentsOf: URL(fileURLWithPath: store.path))
        for length in 0..<original.count {
            try original.prefix(length).write(to: URL(fileURLWithPath: store.path))
            #expect(throws: VaultError.self) { try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase)) }
        }
    }

    @Test func changesPassphrase() throws {
        let (store, key) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let newKey = try store.changePassphrase(with: key, to: VaultFixtures.secret("a new test passphrase"))
        #expect(throws: VaultError.self) { try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase)) }
        #expect(try store.unlock(passphrase: VaultFixtures.secret("a new test passphrase")).1.map(\.name) == ["prod"])
        #expect(try store.entries(with: newKey).count == 1)
        // A key from before the change no longer writes.
        #expect(throws: VaultError.self) { try store.update(with: key) { _ in } }
    }

    @Test func refusesToReplaceAVault() throws {
        let (store, _) = try VaultFixtures.store(with: [])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        #expect(throws: VaultError.alreadyExists(store.path)) {
            try store.create(passphrase: VaultFixtures.secret("x"), parameters: VaultFixtures.cheap)
        }
    }

    struct UnsafeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var make: @Sendable (VaultStore) throws -> Void
        var hint: String?
        var testDescription: String { name }
    }

    static let unsafeCases: [UnsafeCase] = [
        .init(name: "vault readable by group", make: { try VaultStoreTests.succeeded(chmod($0.path, 0o640)) }, hint: "run: chmod 600 '%PATH%'"),
        .init(name: "backup readable by group", make: { try VaultStoreTests.succeeded(chmod($0.backupPath, 0o640)) }, hint: "run: chmod 600 '%DIR%/vault.bak'"),
        .init(name: "directory open to others", make: { try VaultStoreTests.succeeded(chmod($0.directory, 0o755)) }, hint: "run: chmod 700 '%DIR%'"),
        .init(name: "vault is a symlink", make: { store in
            try FileManager.default.moveItem(atPath: store.path, toPath: store.directory + "/real")
            try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: store.directory + "/real")
        }, hint: nil),
        .init(name: "vault owned by another user", make: { try VaultStoreTests.succeeded(chown($0.path, 4242, 4242)) }, hint: "move it aside; cfaccess only uses files you own"),
    ]

    /// A setup step that did not happen would make the case prove nothing.
    struct SetupFailed: Error { var errno: Int32 }
    static func succeeded(_ result: Int32) throws {
        guard result == 0 else { throw SetupFailed(errno: errno) }
    }

    @Test(arguments: unsafeCases)
    func refusesUnsafePermissions(_ testCase: UnsafeCase) throws {
        let (store, _) = try VaultFixtures.store(with: ["prod"])
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try testCase.make(store)
        do {
            _ = try store.unlock(passphrase: VaultFixtures.secret(VaultFixtures.passphrase))
            Issue.record("unsafe vault was opened")
        } catch {
            guard case .unsafePath(_, let hint) = error else { Issue.record("\(error)"); return }
            if let expected = testCase.hint {
                #expect(hint == expected.replacingOccurrences(of: "%PATH%", with: store.path)
                    .replacingOccurrences(of: "%DIR%", with: store.directory))
            }
        }
    }
}
