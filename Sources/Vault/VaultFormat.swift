import CSodium

/// The vault file (DESIGN.md §5), version 1:
///
///     magic "CFAVAULT" | version 1 | KDF 2 (Argon2id) | opslimit u64le | memlimit u64le
///     | salt 16 | nonce 24 | XChaCha20-Poly1305(entries), header as associated data
///
/// Entries, inside the seal: count u32, then per entry name (u16 length), secret (u32 length),
/// created and updated (i64 ms), and check facts (u16 count of u16-length key/value pairs).
/// All integers little-endian.
enum VaultFormat {
    static let magic = Array("CFAVAULT".utf8)
    static let version: UInt8 = 1
    static let argon2id: UInt8 = 2
    static let saltLength = 16
    static let nonceLength = 24
    static let headerLength = magic.count + 2 + 16 + saltLength + nonceLength
    static let tagLength = 16

    struct Header: Equatable {
        var parameters: KDFParameters
        var salt: [UInt8]
        var nonce: [UInt8]

        var bytes: [UInt8] {
            var bytes = VaultFormat.magic + [VaultFormat.version, VaultFormat.argon2id]
            bytes += withUnsafeBytes(of: parameters.opsLimit.littleEndian, Array.init)
            bytes += withUnsafeBytes(of: parameters.memLimit.littleEndian, Array.init)
            return bytes + salt + nonce
        }

        init(parameters: KDFParameters, salt: [UInt8], nonce: [UInt8]) {
            self.parameters = parameters
            self.salt = salt
            self.nonce = nonce
        }

        init(parsing file: [UInt8]) throws(VaultError) {
            guard file.count >= VaultFormat.headerLength + VaultFormat.tagLength + 4 else {
                throw .damaged("the vault file is too short to be a vault (truncated?)")
            }
            guard Array(file[0..<8]) == VaultFormat.magic else { throw .damaged("the file is not a cfaccess vault") }
            guard file[8] == VaultFormat.version else { throw .damaged("vault format version \(file[8]) is not supported") }
            guard file[9] == VaultFormat.argon2id else { throw .damaged("vault key derivation \(file[9]) is not supported") }
            func integer(_ offset: Int) -> UInt64 {
                file[offset..<offset + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) }
            }
            parameters = KDFParameters(opsLimit: integer(10), memLimit: integer(18))
            guard parameters.isAcceptable else { throw .damaged("the vault header holds impossible key-derivation parameters") }
            salt = Array(file[26..<42])
            nonce = Array(file[42..<66])
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return bytes
    }

    /// Seals `entries` under `key` with a fresh nonce; returns the whole file.
    static func seal(_ entries: [VaultEntry], key: SecretBytes, parameters: KDFParameters, salt: [UInt8]) throws(VaultError) -> [UInt8] {
        let plaintext = try encode(entries)
        let header = Header(parameters: parameters, salt: salt, nonce: randomBytes(nonceLength))
        let associated = header.bytes
        var file = associated + [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var sealedLength: UInt64 = 0
        let status = file.withUnsafeMutableBufferPointer { output in
            plaintext.withUnsafeBytes { message in
                key.withUnsafeBytes { keyBytes in
                    crypto_aead_xchacha20poly1305_ietf_encrypt(
                        output.baseAddress! + headerLength, &sealedLength,
                        message.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(message.count),
                        associated, UInt64(associated.count), nil, header.nonce,
                        keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard status == 0, Int(sealedLength) == plaintext.count + tagLength else { throw .crypto("encryption failed") }
        return file
    }

    /// Opens a vault file with `key`; any altered byte fails here.
    static func open(_ file: [UInt8], header: Header, key: SecretBytes) throws(VaultError) -> [VaultEntry] {
        let sealed = file.count - headerLength
        let plaintext = try SecretBytes(capacity: sealed - tagLength)
        let associated = Array(file[0..<headerLength])
        var status: Int32 = -1
        file.withUnsafeBufferPointer { input in
            key.withUnsafeBytes { keyBytes in
                plaintext.fill { output in
                    var length: UInt64 = 0
                    status = crypto_aead_xchacha20poly1305_ietf_decrypt(
                        output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, nil,
                        input.baseAddress! + headerLength, UInt64(sealed),
                        associated, UInt64(associated.count), header.nonce,
                        keyBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    return status == 0 ? Int(length) : 0
                }
            }
        }
        guard status == 0 else { throw .cannotOpen("wrong passphrase, or the vault file was altered") }
        return try decode(plaintext)
    }

    private static func encode(_ entries: [VaultEntry]) throws(VaultError) -> SecretBytes {
        var size = 4
        for entry in entries {
            size += 2 + entry.name.utf8.count + 4 + entry.secret.count + 16 + 2
            size += entry.check.reduce(0) { $0 + 4 + $1.key.utf8.count + $1.value.utf8.count }
        }
        let output = try SecretBytes(capacity: size)
        func put<Integer: FixedWidthInteger>(_ value: Integer) {
            withUnsafeBytes(of: value.littleEndian) { output.append($0) }
        }
        func put(_ text: String) {
            put(UInt16(text.utf8.count))
            var text = text
            text.withUTF8 { output.append(UnsafeRawBufferPointer($0)) }
        }
        put(UInt32(entries.count))
        for entry in entries {
            put(entry.name)
            put(UInt32(entry.secret.count))
            entry.secret.withUnsafeBytes { output.append($0) }
            put(entry.created)
            put(entry.updated)
            put(UInt16(entry.check.count))
            for (key, value) in entry.check.sorted(by: { $0.key < $1.key }) {
                put(key)
                put(value)
            }
        }
        return output
    }

    private static func decode(_ plaintext: SecretBytes) throws(VaultError) -> [VaultEntry] {
        try plaintext.withUnsafeBytes { bytes throws(VaultError) -> [VaultEntry] in
            var offset = 0
            func take(_ count: Int) throws(VaultError) -> UnsafeRawBufferPointer {
                guard count >= 0, offset + count <= bytes.count else { throw .damaged("the vault's contents are malformed") }
                defer { offset += count }
                return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
            }
            func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) throws(VaultError) -> Integer {
                let raw = try take(MemoryLayout<Integer>.size)
                return raw.reversed().reduce(Integer(0)) { $0 << 8 | Integer($1) }
            }
            func text() throws(VaultError) -> String {
                String(decoding: try take(Int(try integer(UInt16.self))), as: UTF8.self)
            }
            var entries: [VaultEntry] = []
            let count = try integer(UInt32.self)
            for _ in 0..<count {
                let name = try text()
                let secret = try SecretBytes(copying: try take(Int(try integer(UInt32.self))))
                let created = try integer(Int64.self)
                let updated = try integer(Int64.self)
                var check: [String: String] = [:]
                for _ in 0..<(try integer(UInt16.self)) {
                    let key = try text()
                    check[key] = try text()
                }
                entries.append(VaultEntry(name: name, secret: secret, created: created, updated: updated, check: check))
            }
            guard offset == bytes.count else { throw .damaged("the vault's contents are malformed") }
            return entries
        }
    }
}
