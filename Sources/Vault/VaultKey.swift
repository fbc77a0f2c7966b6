/// An unlocked vault's key, with the header values it belongs to. Holding one means the
/// passphrase need not be asked again (the shell keeps it until `vault lock` or the idle timeout).
public final class VaultKey {
    let key: SecretBytes
    public let parameters: KDFParameters
    let salt: [UInt8]

    init(key: SecretBytes, parameters: KDFParameters, salt: [UInt8]) {
        self.key = key
        self.parameters = parameters
        self.salt = salt
    }

    /// Derives the key for a new vault or a new passphrase (fresh salt).
    static func derive(passphrase: SecretBytes, parameters: KDFParameters) throws(VaultError) -> VaultKey {
        let salt = VaultFormat.randomBytes(VaultFormat.saltLength)
        return VaultKey(key: try parameters.deriveKey(passphrase: passphrase, salt: salt), parameters: parameters, salt: salt)
    }
}
