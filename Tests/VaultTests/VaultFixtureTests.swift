import Foundation
import Testing
@testable import Vault

/// A vault written by format version 1 is committed; every later build must still open it, so a
/// format change cannot slip in unnoticed. Re-create it only on purpose, with
/// `CFACCESS_RECORD_VAULT_FIXTURE=1 swift test --filter VaultFixtureTests` (that run fails).
@Suite struct VaultFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let passphrase = "fixture passphrase (test only)"

    @Test func committedVaultStillOpens() throws {
        if ProcessInfo.processInfo.environment["CFACCESS_RECORD_VAULT_FIXTURE"] != nil {
            try record()
            Issue.record("re-recorded the vault fixture; run again without CFACCESS_RECORD_VAULT_FIXTURE")
            return
        }
        let scratch = try VaultFixtures.directory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Copy it: git does not keep the 0600 mode the store insists on.
        try FileManager.default.copyItem(atPath: Self.directory.appendingPathComponent("vault").path, toPath: scratch + "/vault")
        #expect(chmod(scratch + "/vault", 0o600) == 0)
        let store = VaultStore(directory: scratch)
        #expect(try store.parameters() == .testOnlyMinimum)
        let (_, entries) = try store.unlock(passphrase: VaultFixtures.secret(Self.passphrase))
        #expect(entries.map(\.name) == ["prod", "staging"])
        #expect(VaultFixtures.text(entries[0].secret) == "cfut_FixtureFakeTokenProd000000000000000000000000")
        #expect(VaultFixtures.text(entries[1].secret) == "cfut_FixtureFakeTokenStaging0000000000000000000000")
        #expect(entries[0].created == 1_751_328_000_000 && entries[0].updated == 1_751_414_400_000)
        #expect(entries[0].check == ["checked_at": "2025-07-02T00:00:00.000Z", "outcome": "pass", "token_id": "fake-token-id"])
        #expect(entries[1].check.isEmpty)
    }

    private func record() throws {
        let scratch = try VaultFixtures.directory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let store = VaultStore(directory: scratch)
        let key = try store.create(passphrase: VaultFixtures.secret(Self.passphrase), parameters: .testOnlyMinimum)
        try store.update(with: key) { entries in
            entries.append(VaultEntry(name: "prod", secret: VaultFixtures.secret("cfut_FixtureFakeTokenProd000000000000000000000000"),
                                      created: 1_751_328_000_000, updated: 1_751_414_400_000,
                                      check: ["checked_at": "2025-07-02T00:00:00.000Z", "outcome": "pass", "token_id": "fake-token-id"]))
            entries.append(VaultEntry(name: "staging", secret: VaultFixtures.secret("cfut_FixtureFakeTokenStaging0000000000000000000000"),
                                      created: 1_751_328_000_000, updated: 1_751_328_000_000))
        }
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try Data(contentsOf: URL(fileURLWithPath: store.path)).write(to: Self.directory.appendingPathComponent("vault"))
    }
}
