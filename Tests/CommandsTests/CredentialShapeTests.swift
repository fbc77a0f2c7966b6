import Testing
import Voice

/// What counts as a secret's shape or a secret-taking option, for the history and the scrubber.
@Suite struct CredentialShapeTests {
    @Test(arguments: [
        ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true),
        ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true),
        ("cfut_FakeFakeFakeFakeFakeFakeFakeFakeFakeFake12", true),
        ("/home/alice/cfaccess/output/ndjson/feed1", false),
        ("AKIAIOSFODNN7EXAMPLE", false),
        ("2025-07-01T00:00:00Z", false),
    ])
    func secretShapes(_ text: String, _ secret: Bool) {
        #expect(CredentialShape.matches(text) == secret)
    }

    @Test(arguments: [
        ("--secret", true), ("--secret=x", true), ("--passphrase", true), ("--password=x", true), ("--token-value", true),
        ("--secret-access-key", true), ("--passphrase-file", false), ("--passphrase-fd", false), ("--from-env", false),
        ("--access-key-id", false), ("--token", false), ("secret", false),
    ])
    func secretOptions(_ word: String, _ secret: Bool) {
        #expect(CredentialShape.isSecretOption(word) == secret)
    }
}
