import Foundation
@testable import Vault

/// Scratch directories and secrets for vault tests; KDF cost is the test-only minimum.
enum VaultFixtures {
    static let passphrase = "correct horse battery staple (test only)"
    static let cheap = KDFParameters.testOnlyMinimum

    static func secret(_ text: String) -> SecretBytes {
        var text = text
        return text.withUTF8 { try! SecretBytes(copying: UnsafeRawBufferPointer($0)) }
    }

    static func text(_ secret: SecretBytes) -> String {
        secret.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// A new private directory for one test.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-vault-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// A store holding `names`, each with a distinct fake token.
    static func store(with names: [String]) throws -> (VaultStore, VaultKey) {
        let store = VaultStore(directory: try directory())
        let key = try store.create(passphrase: secret(passphrase), parameters: cheap)
        try store.update(with: key) { entries in
            for name in names {
                entries.append(VaultEntry(name: name, secret: secret("cfut_FakeTestToken_\(name)_0000000000000000000000000"),
                                          created: 1_751_328_000_000, updated: 1_751_328_000_000))
            }
        }
        return (store, key)
    }
}
