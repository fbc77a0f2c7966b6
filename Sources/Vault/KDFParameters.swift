import CSodium

/// Argon2id cost, stored in the vault header so it can be raised later.
public struct KDFParameters: Equatable, Sendable {
    public var opsLimit: UInt64
    public var memLimit: UInt64

    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// libsodium's named levels; `moderate` is the default (about 0.4 s and 256 MiB here).
    public enum Level: String, CaseIterable, Sendable {
        case interactive, moderate, sensitive
    }

    public init(_ level: Level) {
        switch level {
        case .interactive: self.init(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()), memLimit: UInt64(crypto_pwhash_memlimit_interactive()))
        case .moderate: self.init(opsLimit: UInt64(crypto_pwhash_opslimit_moderate()), memLimit: UInt64(crypto_pwhash_memlimit_moderate()))
        case .sensitive: self.init(opsLimit: UInt64(crypto_pwhash_opslimit_sensitive()), memLimit: UInt64(crypto_pwhash_memlimit_sensitive()))
        }
    }

    /// The cheapest parameters libsodium accepts. Only tests use this, through this explicit
    /// name; no command offers it.
    public static var testOnlyMinimum: KDFParameters {
        KDFParameters(opsLimit: UInt64(crypto_pwhash_opslimit_min()), memLimit: UInt64(crypto_pwhash_memlimit_min()))
    }

    /// The level these parameters match, if any.
    public var level: Level? { Level.allCases.first { KDFParameters($0) == self } }

    /// Whether a header's parameters are ones libsodium takes and this machine can afford
    /// (a damaged header must not make cfaccess try to allocate terabytes).
    var isAcceptable: Bool {
        opsLimit >= UInt64(crypto_pwhash_opslimit_min()) && opsLimit <= 64
            && memLimit >= UInt64(crypto_pwhash_memlimit_min()) && memLimit <= 4 << 30
    }

    /// Derives the 32-byte key from `passphrase` and `salt` with Argon2id.
    func deriveKey(passphrase: SecretBytes, salt: [UInt8]) throws(VaultError) -> SecretBytes {
        guard !passphrase.isEmpty else { throw .cannotOpen("the passphrase is empty") }
        let key = try SecretBytes(capacity: Int(crypto_aead_xchacha20poly1305_ietf_keybytes()))
        let status = passphrase.withUnsafeBytes { phrase in
            salt.withUnsafeBufferPointer { saltBytes in
                key.fillReturning { output in
                    crypto_pwhash(
                        output.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(output.count),
                        phrase.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(phrase.count),
                        saltBytes.baseAddress!, opsLimit, Int(memLimit), crypto_pwhash_alg_argon2id13())
                }
            }
        }
        guard status == 0 else { throw .crypto("key derivation failed (not enough memory for \(memLimit >> 20) MiB?)") }
        return key
    }
}

extension SecretBytes {
    /// Fills the whole capacity through `body` and returns its status.
    func fillReturning(_ body: (UnsafeMutableRawBufferPointer) -> Int32) -> Int32 {
        var status: Int32 = 0
        fill { buffer in
            status = body(buffer)
            return buffer.count
        }
        return status
    }
}
